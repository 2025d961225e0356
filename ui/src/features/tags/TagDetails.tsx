//! The selected node: what it is, how many customers carry it, and its editable dictionary entry.
import { Descriptions, Flex, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { ColorDot } from "../../components/ColorDot";
import { percent } from "../../lib/format";
import type { TagNode } from "../../lib/ipc";
import { DictionaryForm } from "./DictionaryForm";
import { hasCount } from "./TagTitle";

/** `refused`: why the team hub would not let this person change the node, or null. */
export function TagDetails({ node, totalCustomers, refused = null }: { node: TagNode; totalCustomers: number; refused?: string | null }) {
  const { t } = useTranslation();
  const items = [
    { key: "kind", label: t("tags.field.kind"), children: t(`tags.kind.${node.kind}`) },
    ...(hasCount(node)
      ? [
          { key: "count", label: t("tags.field.count"), children: node.customer_count },
          { key: "coverage", label: t("tags.field.coverage"), children: `${percent(node.customer_count, totalCustomers)}%` },
        ]
      : []),
  ];
  return (
    <Flex vertical gap="middle" data-testid="tag-details">
      <Descriptions
        title={
          <Flex align="center" gap="small">
            <ColorDot color={node.effective_color} />
            <Typography.Text strong>{node.name}</Typography.Text>
          </Flex>
        }
        size="small"
        bordered
        column={1}
        items={items}
      />
      <DictionaryForm node={node} refused={refused} />
    </Flex>
  );
}
