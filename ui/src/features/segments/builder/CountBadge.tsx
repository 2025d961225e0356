//! A node's live count, faded while a newer count is under way. It is always the last thing on
//! its row (after the group's or rule's buttons), and before the first count a placeholder of the
//! same shape holds its place: a count arriving or changing never moves a button under a click.
import { Tag } from "antd";
import { useTranslation } from "react-i18next";

export function CountBadge({ count, stale, testId, path }: { count: number | undefined; stale: boolean; testId: string; path: readonly number[] }) {
  const { t } = useTranslation();
  const pending = count === undefined;
  return (
    <Tag
      variant="filled"
      className={pending ? "count-badge count-badge-pending" : stale ? "count-badge count-badge-stale" : "count-badge"}
      data-testid={pending ? `${testId}-pending` : testId}
      data-count={count}
      data-rule-path={JSON.stringify(path)}
      aria-hidden={pending ? true : undefined}
    >
      {pending ? "…" : t("segments.builder.nodeCount", { count })}
    </Tag>
  );
}
