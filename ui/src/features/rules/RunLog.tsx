//! The rule run log: when, why, how many were checked, added and removed, how long; each run
//! opens to what every rule did.
import { Empty, Table, Tag } from "antd";
import { useTranslation } from "react-i18next";
import { formatDateTime } from "../../lib/format";
import type { Rule, RuleOutcome, RuleRun } from "../../lib/ipc";
import { emptyOnceKnown } from "../../components/emptyOnceKnown";

/** What each rule of a run did (the log's expanded row; the import result). */
export function RunOutcomes({ run }: { run: RuleRun }) {
  const { t } = useTranslation();
  return (
    <Table<RuleOutcome>
      size="small"
      rowKey="rule_id"
      pagination={false}
      data-testid="run-outcomes"
      dataSource={run.rules}
      columns={[
        { key: "name", title: t("rules.list.name"), dataIndex: "name" },
        { key: "matched", title: t("rules.log.matched"), dataIndex: "matched", align: "right" },
        { key: "added", title: t("rules.log.added"), dataIndex: "added", align: "right" },
        { key: "removed", title: t("rules.log.removed"), dataIndex: "removed", align: "right" },
        { key: "replaced", title: t("rules.log.replaced"), dataIndex: "replaced", align: "right" },
        { key: "kept", title: t("rules.log.keptManual"), dataIndex: "kept_manual", align: "right" },
        { key: "skipped", title: t("rules.log.skippedConflict"), dataIndex: "skipped_conflict", align: "right" },
      ]}
    />
  );
}

export function RunLog({ runs, rules, loading }: { runs: readonly RuleRun[]; rules: readonly Rule[]; loading: boolean }) {
  const { t, i18n } = useTranslation();
  return (
    <Table<RuleRun>
      size="small"
      rowKey="id"
      data-testid="run-log"
      loading={loading}
      dataSource={[...runs]}
      pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
      locale={{ emptyText: emptyOnceKnown(loading, <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("rules.log.empty")} />) }}
      onRow={(r) => ({ "data-testid": "run-row", "data-trigger": r.trigger, "data-added": r.added }) as React.HTMLAttributes<HTMLElement>}
      expandable={{ expandedRowRender: (r) => <RunOutcomes run={r} />, rowExpandable: (r) => r.rules.length > 0 }}
      columns={[
        { key: "when", title: t("rules.log.when"), render: (_, r) => formatDateTime(r.started_at, i18n.language) },
        { key: "trigger", title: t("rules.log.trigger"), render: (_, r) => <Tag>{t(`rules.trigger.${r.trigger}`)}</Tag> },
        {
          key: "rule",
          title: t("rules.log.rule"),
          render: (_, r) => (r.rule_id === null ? t("rules.log.allRules") : (rules.find((x) => x.id === r.rule_id)?.name ?? `#${r.rule_id}`)),
        },
        { key: "scanned", title: t("rules.log.scanned"), dataIndex: "scanned", align: "right" },
        { key: "added", title: t("rules.log.added"), dataIndex: "added", align: "right" },
        { key: "removed", title: t("rules.log.removed"), dataIndex: "removed", align: "right" },
        { key: "ms", title: t("rules.log.ms"), dataIndex: "millis", align: "right" },
        {
          key: "conflicts",
          render: (_, r) => (r.conflicts.length > 0 ? <Tag color="orange">{t("rules.log.conflicts", { count: r.conflicts.length })}</Tag> : null),
        },
      ]}
    />
  );
}
