//! The dictionary entry of the selected node (read-only for now).
import { Descriptions, Flex, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { ColorDot } from "../../components/ColorDot";
import { percent } from "../../lib/format";
import type { TagNode } from "../../lib/ipc";
import { hasCount } from "./TagTitle";

export function TagDetails({ node, totalCustomers }: { node: TagNode; totalCustomers: number }) {
  const { t } = useTranslation();
  const orNone = (value: string | null) => (value === null || value === "" ? t("tags.none") : value);
  const items = [
    { key: "kind", label: t("tags.field.kind"), children: t(`tags.kind.${node.kind}`) },
    ...(node.select_mode !== null
      ? [{ key: "select", label: t("tags.field.selectMode"), children: t(`tags.${node.select_mode}`) }]
      : []),
    { key: "meaning", label: t("tags.field.meaning"), children: orNone(node.meaning) },
    { key: "range", label: t("tags.field.valueRange"), children: orNone(node.value_range) },
    { key: "frequency", label: t("tags.field.updateFrequency"), children: orNone(node.update_frequency) },
    { key: "owner", label: t("tags.field.owner"), children: orNone(node.owner) },
    { key: "scope", label: t("tags.field.scope"), children: orNone(node.scope) },
    { key: "weight", label: t("tags.field.weight"), children: node.weight },
    { key: "origin", label: t("tags.field.origin"), children: t(`tags.origin.${node.origin}`) },
    ...(hasCount(node)
      ? [
          { key: "count", label: t("tags.field.count"), children: node.customer_count },
          {
            key: "coverage",
            label: t("tags.field.coverage"),
            children: `${percent(node.customer_count, totalCustomers)}%`,
          },
        ]
      : []),
  ];
  return (
    <Descriptions
      data-testid="tag-details"
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
  );
}
