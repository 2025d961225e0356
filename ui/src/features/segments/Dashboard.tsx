//! The pinned boards (新客 / 活跃 / 沉默 / 回流 / 高价值 …): today's count of each, how it changed
//! since the oldest day kept, and a small line of the days between.
import { useQuery } from "@tanstack/react-query";
import { Card, Flex, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../components/ErrorAlert";
import { segmentsDashboard, toIpcError, type PinnedSegment } from "../../lib/ipc";
import { queryKeys } from "../../lib/queryKeys";
import { Sparkline } from "./Sparkline";

/** Today's count minus the oldest point of the history, and that day; null without history. */
export function changeOf(p: PinnedSegment): { delta: number; since: string } | null {
  const oldest = p.history[0];
  if (oldest === undefined || p.history.length < 2) return null;
  return { delta: p.count - oldest[1], since: oldest[0] };
}

export function Dashboard({ onOpen }: { onOpen: (id: number) => void }) {
  const { t } = useTranslation();
  const board = useQuery({ queryKey: queryKeys.segmentsDashboard, queryFn: segmentsDashboard });
  if (board.error !== null) return <ErrorAlert error={toIpcError(board.error)} />;
  const pinned = board.data ?? [];
  return (
    <Flex vertical gap="small" data-testid="segments-dashboard">
      <Typography.Text strong>{t("segments.dashboard.title")}</Typography.Text>
      {board.isSuccess && pinned.length === 0 ? (
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
                style={{ width: 200 }}
              >
                <Typography.Text ellipsis strong title={p.segment.name}>
                  {p.segment.name}
                </Typography.Text>
                <Flex align="baseline" gap={8}>
                  <span className="pinned-count" data-testid="pinned-count">
                    {p.count.toLocaleString()}
                  </span>
                  {change !== null && (
                    <Typography.Text style={{ color, fontSize: 12 }} data-testid="pinned-change" data-delta={change.delta}>
                      {change.delta === 0 ? t("segments.dashboard.noChange", { day: change.since.slice(5) }) : `${change.delta > 0 ? "+" : ""}${change.delta} ${t("segments.dashboard.change", { day: change.since.slice(5) })}`}
                    </Typography.Text>
                  )}
                </Flex>
                <Sparkline points={p.history.map(([, n]) => n)} width={176} />
              </Card>
            );
          })}
        </Flex>
      )}
    </Flex>
  );
}
