//! Customers one tag gained (above the line) and lost (below it) per day or week, from the
//! operation history: a stacked bar per bucket, so a busy week and a clean-up both stand out.
import { Typography } from "antd";
import type { ChartData, ChartOptions, TooltipItem } from "chart.js";
import { useMemo } from "react";
import { Bar } from "react-chartjs-2";
import { useTranslation } from "react-i18next";
import type { TFunction } from "i18next";
import type { TagTrend } from "../../lib/ipc/bindings/TagTrend";
import { formatNumber } from "../../lib/format";
import { type ChartColors, useCanvas, useChartAnimation, useChartColors, tooltipFonts } from "./chartjs";
import { formatDay } from "./labels";

export interface TrendChartProps {
  trend: TagTrend;
  /** Height of the plot in px; the width follows the card. */
  height?: number;
}

export function TrendChart({ trend, height = 220 }: TrendChartProps) {
  const { t, i18n } = useTranslation();
  const colors = useChartColors();
  const animation = useChartAnimation();
  const drawable = useCanvas();
  const language = i18n.language;
  const added = trend.points.reduce((sum, p) => sum + p.added, 0);
  const removed = trend.points.reduce((sum, p) => sum + p.removed, 0);
  const config = useMemo(() => trendConfig(trend, t, language, colors), [trend, t, language, colors]);
  const options = useMemo(() => ({ ...config.options, animation }), [config, animation]);

  if (added === 0 && removed === 0) {
    return (
      <Typography.Text type="secondary" data-testid="trend-empty">
        {t("health.chart.trend.empty")}
      </Typography.Text>
    );
  }
  const busy = trend.points.filter((p) => p.added > 0 || p.removed > 0);
  const table = (
    <table>
      <thead>
        <tr>
          <th>{t("health.chart.trend.date")}</th>
          <th>{t("health.chart.trend.added")}</th>
          <th>{t("health.chart.trend.removed")}</th>
        </tr>
      </thead>
      <tbody>
        {busy.map((p) => (
          <tr key={p.start} data-testid="trend-row">
            <td>{bucketTitle(p.start, trend.bucket, t, language)}</td>
            <td>{formatNumber(p.added, language)}</td>
            <td>{formatNumber(p.removed, language)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
  return (
    <div data-testid="trend-chart">
      <Typography.Text type="secondary" data-testid="trend-summary">
        {t("health.chart.trend.summary", { added, removed })}
      </Typography.Text>
      {drawable ? (
        <div style={{ position: "relative", height }}>
          <Bar
            data={config.data}
            options={options}
            role="img"
            aria-label={t(trend.bucket === "day" ? "health.chart.trend.ariaDay" : "health.chart.trend.ariaWeek")}
            // What the bars say, for screen readers (they read a canvas's content, not its bars).
            fallbackContent={table}
          />
        </div>
      ) : (
        table
      )}
    </div>
  );
}

/** A day, or the week that starts on that day. */
function bucketTitle(start: string, bucket: TagTrend["bucket"], t: TFunction, language: string): string {
  const date = formatDay(start, language, "long");
  return bucket === "day" ? date : t("health.chart.trend.week", { date });
}

/** Bars and options; exported so a test can read the tooltip's words without a canvas. */
export function trendConfig(trend: TagTrend, t: TFunction, language: string, colors: ChartColors) {
  const data: ChartData<"bar", number[], string> = {
    labels: trend.points.map((p) => formatDay(p.start, language, "short")),
    datasets: [
      { label: t("health.chart.trend.added"), data: trend.points.map((p) => p.added), backgroundColor: colors.added, stack: "change" },
      // Below the line: removals are drawn negative and every label shows them positive.
      { label: t("health.chart.trend.removed"), data: trend.points.map((p) => (p.removed === 0 ? 0 : -p.removed)), backgroundColor: colors.removed, stack: "change" },
    ],
  };
  const options: ChartOptions<"bar"> = {
    responsive: true,
    maintainAspectRatio: false,
    interaction: { mode: "index", intersect: false },
    scales: {
      x: {
        stacked: true,
        grid: { display: false },
        ticks: { color: colors.secondary, maxRotation: 0, autoSkip: true, autoSkipPadding: 12, font: { family: colors.font } },
      },
      y: {
        stacked: true,
        grid: { color: colors.grid },
        ticks: { color: colors.secondary, precision: 0, font: { family: colors.font }, callback: (value) => formatNumber(Math.abs(Number(value)), language) },
      },
    },
    plugins: {
      legend: { display: false },
      tooltip: {
        ...tooltipFonts(colors),
        callbacks: {
          title: (items: TooltipItem<"bar">[]) => {
            const point = trend.points[items[0]?.dataIndex ?? -1];
            return point ? bucketTitle(point.start, trend.bucket, t, language) : "";
          },
          label: (item: TooltipItem<"bar">) =>
            t("health.chart.count", { series: item.dataset.label ?? "", value: Math.abs(Number(item.raw)) }),
        },
      },
    },
  };
  return { data, options };
}
