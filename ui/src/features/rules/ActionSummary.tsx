//! A rule's action in a few words, with its tag in the tag's colour.
import { Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { RuleAction, TagNode } from "../../lib/ipc";

export function ActionSummary({ action, nodes }: { action: RuleAction; nodes: readonly TagNode[] }) {
  const { t } = useTranslation();
  const tag = nodes.find((n) => n.id === action.tag_id);
  const group = action.type === "set_group" ? nodes.find((n) => n.id === action.group_id) : undefined;
  return (
    <span data-testid="rule-action" data-type={action.type} data-tag={tag?.name} data-color={tag?.effective_color}>
      <Typography.Text type="secondary">{t(`rules.action.summary_${action.type}`, { group: group?.name ?? "" })} </Typography.Text>
      <Tag color={tag?.effective_color} style={{ marginInlineEnd: 0 }}>
        {tag?.name ?? `#${action.tag_id}`}
      </Tag>
    </span>
  );
}
