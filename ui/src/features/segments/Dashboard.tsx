//! The pinned boards (新客 / 活跃 / 沉默 / 回流 / 高价值 …): today's count of each beside last
//! month's (the day a month ago, or the oldest day kept when the history is younger), and a
//! small line of the days between.
import { useQuery } from "@tanstack/react-query";
import { Card, Flex, Spin, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../components/ErrorAlert";
import { errorHeadline } from "../../components/errorText";
import { formatNumber } from "../../lib/format";
import { segmentsDashboard, toIpcError, type PinnedSegment } from "../../lib/ipc";
import { queryKeys } from "../../lib/queryKeys";
import { Sparkline } from "./Sparkline";

/** The day `days` before an ISO day ('YYYY-MM-DD'). */
function daysBefore(day: string, days: number): string {
  const at = new Date(`${day}T00:00:00Z`);
  at.setUTCDate(at.getUTCDate() - days);
  return at.toISOString().slice(0, 10);
}

/**
 * Today's count against last month's: the latest day kept that is at least 30 days old, else
 * the oldest day kept. Null without an earlier day.
 */
export function changeOf(p: PinnedSegment): { delta: number; since: string; before: number } | null {
  const today = p.history.at(-1);
  if (today === undefined || p.history.length < 2) return null;
  const monthAgo = daysBefore(today[0], 30);
  const reference = p.history.filter(([day]) => day <= monthAgo).at(-1) ?? p.history[0]!;
  return { delta: p.count - reference[1], since: reference[0], before: reference[1] };
}

export function Dashboard({ onOpen }: { onOpen: (id: number) => void }) {
  const { t, i18n } = useTranslation();
  const board = useQuery({ queryKey: queryKeys.segmentsDashboard, queryFn: segmentsDashboard });
  if (board.error !== null) return <ErrorAlert error={toIpcError(board.error)} />;
  const pinned = board.data ?? [];
  return (
    <Flex vertical gap="small" data-testid="segments-dashboard">
      <Typography.Text strong>{t("segments.dashboard.title")}</Typography.Text>
      {board.isPending ? (
        <Typography.Text type="secondary" data-testid="dashboard-loading">
          <Spin size="small" /> {t("segments.dashboard.loading")}
        </Typography.Text>
      ) : pinned.length === 0 ? (
        <Typography.Text type="secondary" data-testid="dashboard-empty">
          {t("segments.dashboard.empty")}
        </Typography.Text>
      ) : (
        <Flex gap="middle" wrap>
          {pinned.map((p) => {
            const change = changeOf(p);
            const color = change === null || change.delta === 0 ? undefined : change.delta > 0 ? "#389e0d" : "#cf1322";
            return (
              <Card
                key={p.segment.id}
                size="small"
                hoverable
                className="pinned-card"
                data-testid={`pinned-card-${p.segment.id}`}
                data-count={p.count}
                onClick={() => onOpen(p.segment.id)}
                style={{ width: 184 }}
              >
                <Typography.Text ellipsis strong title={p.segment.name}>
                  {p.segment.name}
                </Typography.Text>
                {/* A segment that cannot be counted says why; the other cards are unaffected. */}
                {p.problem !== null ? (
                  <Typography.Paragraph type="danger" data-testid="pinned-problem" style={{ fontSize: 12, marginBottom: 0 }}>
                    {errorHeadline(t, p.problem)}
                  </Typography.Paragraph>
                ) : (
                  <Flex align="baseline" gap={8}>
                    <span className="pinned-count" data-testid="pinned-count">
                      {formatNumber(p.count, i18n.language)}
                    </span>
                    {change !== null && (
                      <Typography.Text style={{ color, fontSize: 12 }} data-testid="pinned-change" data-delta={change.delta}>
                        {change.delta === 0
                          ? t("segments.dashboard.noChange", { day: change.since.slice(5), before: change.before })
                          : `${change.delta > 0 ? "+" : ""}${formatNumber(change.delta, i18n.language)} ${t("segments.dashboard.change", { day: change.since.slice(5), before: change.before })}`}
                      </Typography.Text>
                    )}
                  </Flex>
                )}
                {/* A single day is no line yet: the card stays short until there are two. */}
                {p.history.length >= 2 && <Sparkline points={p.history.map(([, n]) => n)} width={160} height={28} />}
              </Card>
            );
          })}
        </Flex>
      )}
    </Flex>
  );
}
