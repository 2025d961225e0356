//! Conflicts between rules: who won, who was skipped, over which group or tag, for how many.
import { Table, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { RuleConflict, TagNode } from "../../lib/ipc";

export function ConflictTable({ conflicts, nodes, testId = "conflict-table" }: { conflicts: readonly RuleConflict[]; nodes: readonly TagNode[]; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Table<RuleConflict>
      size="small"
      data-testid={testId}
      pagination={false}
      rowKey={(c) => `${c.winner_id}-${c.loser_id}-${c.node_id}`}
      dataSource={[...conflicts]}
      onRow={(c) => ({ "data-testid": "conflict-row", "data-winner": c.winner_name, "data-loser": c.loser_name }) as React.HTMLAttributes<HTMLElement>}
      columns={[
        { key: "winner", title: t("rules.conflict.winner"), render: (_, c) => <Typography.Text strong>{c.winner_name}</Typography.Text> },
        { key: "loser", title: t("rules.conflict.loser"), render: (_, c) => <Typography.Text delete>{c.loser_name}</Typography.Text> },
        {
          key: "node",
          title: t("rules.conflict.node"),
          render: (_, c) => {
            const node = nodes.find((n) => n.id === c.node_id);
            return <Tag color={node?.effective_color}>{node?.name ?? `#${c.node_id}`}</Tag>;
          },
        },
        { key: "customers", title: t("rules.conflict.customers"), dataIndex: "customers", align: "right" },
      ]}
    />
  );
}
