//! A moment as "5 分钟前", with the exact date and time (24-hour) on hover.
import { Tooltip } from "antd";
import { useTranslation } from "react-i18next";
import { formatDateTime, formatRelative } from "../lib/format";

export function TimeAgo({ at, testId }: { at: number; testId?: string }) {
  const { i18n } = useTranslation();
  const exact = formatDateTime(at, i18n.language);
  return (
    <Tooltip title={exact}>
      <time data-testid={testId} dateTime={new Date(at * 1000).toISOString()} title={exact}>
        {formatRelative(at, i18n.language)}
      </time>
    </Tooltip>
  );
}
