//! A node's live count beside it in the builder, faded while a newer count is under way.
import { Tag } from "antd";
import { useTranslation } from "react-i18next";

export function CountBadge({ count, stale, testId, path }: { count: number | undefined; stale: boolean; testId: string; path: readonly number[] }) {
  const { t } = useTranslation();
  if (count === undefined) return null;
  return (
    <Tag
      variant="filled"
      className={stale ? "count-badge count-badge-stale" : "count-badge"}
      data-testid={testId}
      data-count={count}
      data-rule-path={JSON.stringify(path)}
    >
      {t("segments.builder.nodeCount", { count })}
    </Tag>
  );
}
