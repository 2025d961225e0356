//! The rules in run order: name, action with its tag's colour, owner, priority, the switch and
//! the last run, with edit, run and delete (which says what happens to the rule's tags).
import { DeleteOutlined, EditOutlined, PlayCircleOutlined } from "@ant-design/icons";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { App, Button, Empty, Flex, Switch, Table, Tag, Tooltip, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { errorText } from "../../components/errorText";
import { formatDateTime } from "../../lib/format";
import { rulesDelete, rulesUpdate, toIpcError, type Rule, type TagNode } from "../../lib/ipc";
import { invalidateCustomerData, invalidateRuleData } from "../../lib/invalidate";
import { ActionSummary } from "./ActionSummary";
import { confirmEnable, offerRun } from "./confirmEnable";
import { inputOf, wasPreviewed } from "./rule";
import { emptyOnceKnown } from "../../components/emptyOnceKnown";
import { Why, WhyButton } from "../../components/Why";
import { authorName } from "../../lib/author";

interface Props {
  rules: readonly Rule[];
  nodes: readonly TagNode[];
  loading: boolean;
  running: boolean;
  onEdit: (rule: Rule) => void;
  onRun: (rule: Rule) => void;
  /** Why rules are not this person's to change or run (the team hub's rights), or null. */
  notAdmin?: string | null;
}

export function RuleList({ rules, nodes, loading, running, onEdit, onRun, notAdmin = null }: Props) {
  const { t, i18n } = useTranslation();
  const { message, modal } = App.useApp();
  const client = useQueryClient();
  const fail = (e: unknown) => void message.error(errorText(t, toIpcError(e)));

  const toggle = useMutation({
    mutationFn: ({ rule, on }: { rule: Rule; on: boolean }) => rulesUpdate(rule.id, { ...inputOf(rule), enabled: on }),
    onSuccess: async (rule) => {
      void message.success(t(rule.enabled ? "rules.enable.enabled" : "rules.enable.disabled", { name: rule.name }));
      await invalidateRuleData(client);
      // Enabled, it tags no one until a run: offer to run this rule alone now (the switch
      // has settled by then; the question does not hold it spinning).
      if (rule.enabled) void offerRun(modal, t, rule.name).then((yes) => yes && onRun(rule));
    },
    onError: fail,
  });
  const remove = useMutation({
    mutationFn: (rule: Rule) => rulesDelete(rule.id),
    onSuccess: async (count, rule) => {
      void message.success(t("rules.delete.done", { name: rule.name, count }));
      await invalidateRuleData(client);
      if (count > 0) await invalidateCustomerData(client);
    },
    onError: fail,
  });

  const switchRule = async (rule: Rule, on: boolean) => {
    if (on && !wasPreviewed(inputOf(rule)) && !(await confirmEnable(modal, t))) return;
    toggle.mutate({ rule, on });
  };
  const confirmDelete = (rule: Rule) =>
    modal.confirm({
      title: t("rules.delete.title", { name: rule.name }),
      content: t("rules.delete.body"),
      okText: t("rules.delete.ok"),
      okButtonProps: { danger: true, "data-testid": "rule-delete-confirm" },
      cancelText: t("common.cancel"),
      onOk: () => remove.mutateAsync(rule),
    });

  return (
    <Table<Rule>
      size="middle"
      rowKey="id"
      data-testid="rule-list"
      loading={loading}
      dataSource={[...rules]}
      pagination={false}
      locale={{ emptyText: emptyOnceKnown(loading, <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={<span data-testid="rules-empty">{t("rules.list.empty")}</span>} />) }}
      onRow={(r) => ({ "data-testid": "rule-row", "data-id": r.id, "data-name": r.name, "data-enabled": r.enabled }) as React.HTMLAttributes<HTMLElement>}
      columns={[
        {
          key: "name",
          title: t("rules.list.name"),
          render: (_, r) => (
            <Flex gap={6} align="center">
              <Typography.Link data-testid="rule-open" onClick={() => onEdit(r)}>
                {r.name}
              </Typography.Link>
              {r.time_based && <Tag>{t("rules.list.timeBased")}</Tag>}
            </Flex>
          ),
        },
        { key: "action", title: t("rules.list.action"), render: (_, r) => <ActionSummary action={r.action} nodes={nodes} /> },
        { key: "owner", title: t("rules.list.owner"), render: (_, r) => r.owner === null ? t("rules.list.noOwner") : authorName(t, r.owner) },
        { key: "priority", title: t("rules.list.priority"), dataIndex: "priority", align: "right", width: 90 },
        {
          key: "enabled",
          title: t("rules.list.enabled"),
          width: 80,
          render: (_, r) => (
            <Why why={notAdmin}>
              <Switch
                size="small"
                data-testid="rule-switch"
                checked={r.enabled}
                disabled={notAdmin !== null}
                loading={toggle.isPending && toggle.variables?.rule.id === r.id}
                onChange={(on) => void switchRule(r, on)}
              />
            </Why>
          ),
        },
        {
          key: "last",
          title: t("rules.list.lastRun"),
          render: (_, r) => (r.last_run_at === null ? <Typography.Text type="secondary">{t("rules.list.never")}</Typography.Text> : formatDateTime(r.last_run_at, i18n.language)),
        },
        {
          key: "do",
          width: 120,
          render: (_, r) => (
            <Flex gap={4}>
              <Tooltip title={t("rules.list.edit")}>
                <Button type="text" size="small" icon={<EditOutlined />} aria-label={t("rules.list.edit")} data-testid="rule-edit" onClick={() => onEdit(r)} />
              </Tooltip>
              <WhyButton why={notAdmin} hint={r.enabled ? t("rules.list.run") : t("rules.run.disabledRule")} type="text" size="small" icon={<PlayCircleOutlined />} aria-label={t("rules.list.run")} data-testid="rule-run" disabled={!r.enabled || running} onClick={() => onRun(r)} />
              <WhyButton why={notAdmin} hint={t("rules.list.delete")} type="text" size="small" danger icon={<DeleteOutlined />} aria-label={t("rules.list.delete")} data-testid="rule-delete" onClick={() => confirmDelete(r)} />
            </Flex>
          ),
        },
      ]}
    />
  );
}
