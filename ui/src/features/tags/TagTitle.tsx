//! One line of the tag tree: colour, name, badges and how many customers carry it.
import { Flex, Tag, Tooltip, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { ColorDot } from "../../components/ColorDot";
import { formatNumber, percent } from "../../lib/format";
import type { TagNode } from "../../lib/ipc";

/** The backend counts customers for tags and single-select groups only (null otherwise). */
export function hasCount(node: TagNode): node is TagNode & { customer_count: number } {
  return node.customer_count !== null;
}

export function TagTitle({ node, totalCustomers }: { node: TagNode; totalCustomers: number }) {
  const { t, i18n } = useTranslation();
  const coverage = percent(node.customer_count ?? 0, totalCustomers);
  return (
    <Flex component="span" align="center" gap={6} data-testid="tag-node" data-name={node.name}>
      <ColorDot color={node.effective_color} />
      <Typography.Text delete={node.archived} type={node.archived ? "secondary" : undefined}>
        {node.name}
      </Typography.Text>
      {node.kind === "group" && node.select_mode !== null && (
        <Tag variant="filled" style={{ marginInlineEnd: 0 }}>
          {t(`tags.${node.select_mode}`)}
        </Tag>
      )}
      {node.origin === "automatic" && (
        <Tag color="processing" style={{ marginInlineEnd: 0 }}>
          {t("tags.automatic")}
        </Tag>
      )}
      {node.archived && <Tag style={{ marginInlineEnd: 0 }}>{t("tags.archived")}</Tag>}
      {hasCount(node) && (
        <Tooltip title={t("tags.countTitle", { count: node.customer_count, percent: coverage })}>
          <Typography.Text type="secondary">
            <span data-testid="tag-count" data-count={node.customer_count}>
              {formatNumber(node.customer_count, i18n.language)}
            </span>{" "}
            · {coverage}%
          </Typography.Text>
        </Tooltip>
      )}
    </Flex>
  );
}
