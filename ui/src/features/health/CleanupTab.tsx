//! Tags to clean up: without customers, unchanged for months, or used by nothing for months.
//! A selection of them is archived as one operation (one undo restores them all), after the
//! page has said what still refers to them. A viewer on the team hub, or an editor who selected a
//! tag of a group another department owns, finds archiving disabled with the reason, as the hub
//! would refuse it.
import { App, Empty, Flex, InputNumber, Modal, Segmented, Table, Typography, type ButtonProps } from "antd";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { emptyOnceKnown } from "../../components/emptyOnceKnown";
import { errorText } from "../../components/errorText";
import { healthArchive, operationsMineLatest, toIpcError, type HealthQuery, type HealthReport, type Operation, type TagHealth } from "../../lib/ipc";
import { formatDate, formatNumber } from "../../lib/format";
import { invalidateCustomerData } from "../../lib/invalidate";
import { UndoLink } from "../history/UndoLink";
import { useUndoOperations } from "../history/useUndoOperations";
import { TagNameCell } from "./TagNameCell";
import { tagsAmong } from "./useHealthReport";
import { WhereUsedList } from "./WhereUsedList";
import { WhyButton } from "../../components/Why";
import { useRights } from "../team/useRights";

type Filter = "all" | "empty" | "stale" | "not_used";

interface Props {
  report: HealthReport | undefined;
  loading: boolean;
  query: HealthQuery;
  onQuery: (query: HealthQuery) => void;
}

export function CleanupTab({ report, loading, query, onQuery }: Props) {
  const { t, i18n } = useTranslation();
  const [filter, setFilter] = useState<Filter>("all");
  const [selected, setSelected] = useState<number[]>([]);
  const [confirming, setConfirming] = useState(false);
  const { readOnly, groupLocked } = useRights();
  const archive = useArchive(
    () => {
      setSelected([]);
      setConfirming(false);
    },
    (id) => report?.tags.find((tag) => tag.id === id)?.group_id ?? null,
  );
  const lists = { empty: report?.empty ?? [], stale: report?.stale ?? [], not_used: report?.not_used ?? [] };
  const allCount = new Set([...lists.empty, ...lists.stale, ...lists.not_used]).size;
  const ids = filter === "all" ? [...lists.empty, ...lists.stale, ...lists.not_used] : lists[filter];
  const rows = tagsAmong(report, ids);
  const names = new Map(rows.map((r) => [r.id, r.name]));
  const groups = new Map((report?.tags ?? []).map((tag) => [tag.id, tag.group_id]));
  const refused = readOnly ?? selected.map((id) => groupLocked(groups.get(id))).find((why) => why !== null) ?? null;
  const reasons = (tag: TagHealth) =>
    (["empty", "stale", "not_used"] as const).filter((k) => lists[k].includes(tag.id)).map((k) => t(`health.cleanup.reason.${k}`));
  const date = (at: number | null) => (at === null ? t("health.never") : formatDate(at, i18n.language));

  return (
    <Flex vertical gap="small">
      <Flex wrap gap="middle" align="center">
        <Segmented<Filter>
          value={filter}
          onChange={setFilter}
          data-testid="cleanup-filter"
          options={(["all", "empty", "stale", "not_used"] as const).map((k) => ({
            value: k,
            label: `${t(`health.cleanup.filter.${k}`)} ${k === "all" ? allCount : lists[k].length}`,
          }))}
        />
        <Months label={t("health.cleanup.staleMonths")} value={report?.thresholds.stale_months} onChange={(m) => onQuery({ ...query, stale_months: m })} testId="stale-months" />
        <Months label={t("health.cleanup.unusedMonths")} value={report?.thresholds.unused_months} onChange={(m) => onQuery({ ...query, unused_months: m })} testId="unused-months" />
      </Flex>
      {report?.usage_recorded_since != null && (
        <Typography.Text type="secondary">{t("health.cleanup.usageSince", { date: formatDate(report.usage_recorded_since, i18n.language) })}</Typography.Text>
      )}
      <Flex gap="small" align="center">
        <WhyButton why={refused} type="primary" danger disabled={selected.length === 0} onClick={() => setConfirming(true)} data-testid="cleanup-archive">
          {t("health.cleanup.archive", { count: selected.length })}
        </WhyButton>
        <Typography.Text type="secondary">{t("health.cleanup.archiveHint")}</Typography.Text>
      </Flex>
      <Table<TagHealth>
        size="small"
        rowKey="id"
        loading={loading}
        dataSource={rows}
        pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
        rowSelection={{ selectedRowKeys: selected, onChange: (keys) => setSelected(keys.map(Number)) }}
        locale={{ emptyText: emptyOnceKnown(loading, <Empty description={t("health.cleanup.none")} data-testid="cleanup-none" />) }}
        data-testid="cleanup-table"
        columns={[
          {
            title: t("health.col.tag"),
            key: "name",
            ellipsis: true,
            render: (_, tag) => <TagNameCell name={tag.name} path={tag.path} testId="cleanup-tag" />,
          },
          { title: t("health.col.customers"), dataIndex: "customers", width: 96, align: "right", render: (n: number) => formatNumber(n, i18n.language) },
          { title: t("health.col.lastChanged"), key: "changed", width: 120, render: (_, tag) => date(tag.last_changed_at) },
          {
            title: t("health.col.lastUsed"),
            key: "used",
            width: 150,
            render: (_, tag) =>
              tag.last_used_at === null || tag.last_used_by === null
                ? t("health.notSinceRecorded")
                : `${date(tag.last_used_at)} · ${t(`health.usage.${tag.last_used_by}`)}`,
          },
          { title: t("health.col.why"), key: "why", width: 170, render: (_, tag) => reasons(tag).join(t("health.listSeparator")) },
        ]}
      />
      <Modal
        open={confirming}
        title={t("health.cleanup.confirmTitle", { count: selected.length })}
        okText={t("health.cleanup.confirmOk")}
        okButtonProps={{ danger: true, loading: archive.isPending, "data-testid": "cleanup-archive-ok" } as ButtonProps}
        cancelText={t("common.cancel")}
        onOk={() => archive.mutate(selected)}
        onCancel={() => setConfirming(false)}
        destroyOnHidden
      >
        <Flex vertical gap="small">
          <Typography.Paragraph style={{ margin: 0 }}>{t("health.cleanup.confirmText")}</Typography.Paragraph>
          <WhereUsedList ids={selected} names={names} />
        </Flex>
      </Modal>
    </Flex>
  );
}

function Months({ label, value, onChange, testId }: { label: string; value: number | undefined; onChange: (m: number) => void; testId: string }) {
  const { t } = useTranslation();
  return (
    <Flex align="center" gap={6}>
      <Typography.Text>{label}</Typography.Text>
      <InputNumber
        size="small"
        min={1}
        max={60}
        value={value}
        onChange={(m) => m !== null && onChange(m)}
        style={{ width: 64 }}
        data-testid={testId}
      />
      <Typography.Text type="secondary">{t("health.months")}</Typography.Text>
    </Flex>
  );
}

/** The user's latest operation, or null when there is none or it cannot be read (no undo then). */
async function latestOfMine(): Promise<Operation | null> {
  try {
    return (await operationsMineLatest()) ?? null;
  } catch {
    return null;
  }
}

/**
 * Archives tags as one operation and offers to undo it from the message that says so; the link
 * is disabled with the reason when the hub would refuse the undo of a tag of `groupOf` its group.
 */
function useArchive(onDone: () => void, groupOf: (tagId: number) => number | null) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const undo = useUndoOperations();
  return useMutation({
    mutationFn: (ids: number[]) => healthArchive(ids),
    onSuccess: async (count, ids) => {
      // Read before the report is renewed without the archived tags' place in it.
      const groups = ids.map(groupOf);
      onDone();
      // The archive is the user's latest operation now; the link takes back that one, even if
      // they change something else while the message shows.
      const archived = await latestOfMine();
      await invalidateCustomerData(client);
      const key = "health-archived";
      void message.success({
        key,
        duration: 8,
        content: (
          <span data-testid="cleanup-archived">
            {t("health.cleanup.archived", { count })}{" "}
            {archived !== null && (
              <UndoLink
                groups={groups}
                testId="cleanup-undo"
                onUndo={async () => {
                  message.destroy(key);
                  try {
                    if ((await undo(archived)) !== null) void message.success(t("health.cleanup.restored"));
                  } catch (e) {
                    void message.error(errorText(t, toIpcError(e)));
                  }
                }}
              />
            )}
          </span>
        ),
      });
    },
    onError: (e) => void message.error(errorText(t, toIpcError(e))),
  });
}
