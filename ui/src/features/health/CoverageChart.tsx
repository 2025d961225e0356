//! One horizontal bar per tag group: the share of live customers holding at least one of its
//! tags, with the count, in the order the page gives. A group covering a fifth of the customers
//! shows as a short bar among long ones, which a column of percentages hides.
import { Typography } from "antd";
import type { Chart, ChartData, ChartEvent, ChartOptions, Plugin, TooltipItem } from "chart.js";
import type { TFunction } from "i18next";
import { useMemo } from "react";
import { Bar } from "react-chartjs-2";
import { useTranslation } from "react-i18next";
import type { GroupHealth } from "../../lib/ipc/bindings/GroupHealth";
import { formatNumber, percent } from "../../lib/format";
import { type ChartColors, useCanvas, useChartAnimation, useChartColors, tooltipFonts } from "./chartjs";
import { shorten, textWidth } from "./labels";

export interface CoverageChartProps {
  groups: readonly GroupHealth[];
  /** Called with the group whose row (bar or name) was clicked, e.g. to list its uncovered
   * customers. */
  onGroupClick?: (group: GroupHealth) => void;
  /** Widest a group name may be drawn, in px, before it ends in an ellipsis. */
  labelWidth?: number;
}

const ROW = 30;
const AXIS = 28;

export function CoverageChart({ groups, onGroupClick, labelWidth = 150 }: CoverageChartProps) {
  const { t, i18n } = useTranslation();
  const colors = useChartColors();
  const animation = useChartAnimation();
  const drawable = useCanvas();
  const language = i18n.language;
  const config = useMemo(
    () => coverageConfig(groups, t, language, colors, labelWidth, onGroupClick),
    [groups, t, language, colors, labelWidth, onGroupClick],
  );
  const options = useMemo(() => ({ ...config.options, animation }), [config, animation]);

  if (groups.length === 0) {
    return (
      <Typography.Text type="secondary" data-testid="coverage-empty">
        {t("health.chart.coverage.empty")}
      </Typography.Text>
    );
  }
  const table = (
    <table>
      <thead>
        <tr>
          <th>{t("health.chart.coverage.group")}</th>
          <th>{t("health.chart.coverage.covered")}</th>
          <th>{t("health.chart.coverage.uncovered")}</th>
        </tr>
      </thead>
      <tbody>
        {groups.map((g) => (
          <tr key={g.id} data-testid="coverage-row">
            <td>{g.path || g.name}</td>
            <td>{valueText(g, t)}</td>
            <td>{formatNumber(g.uncovered, language)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
  if (!drawable) return table;
  return (
    <div style={{ position: "relative", height: groups.length * ROW + AXIS }} data-testid="coverage-chart">
      <Bar
        data={config.data}
        options={options}
        plugins={[config.values, config.rows]}
        role="img"
        aria-label={t("health.chart.coverage.aria")}
        // The numbers for screen readers, which read a canvas's content, not its bars.
        fallbackContent={table}
      />
    </div>
  );
}

/** "63% · 1,234 位": what each bar's end says. */
export function valueText(group: GroupHealth, t: TFunction): string {
  return t("health.chart.coverage.value", { share: sharePercent(group), customers: group.covered });
}

function sharePercent(group: GroupHealth): string {
  return percent(group.covered, group.covered + group.uncovered);
}

/** Bars, options and the plugin that writes each bar's value; exported for tests. */
export function coverageConfig(
  groups: readonly GroupHealth[],
  t: TFunction,
  language: string,
  colors: ChartColors,
  labelWidth: number,
  onGroupClick?: (group: GroupHealth) => void,
) {
  const data: ChartData<"bar", number[], string> = {
    labels: groups.map((g) => shorten(g.name, labelWidth)),
    datasets: [
      {
        label: t("health.chart.coverage.covered"),
        data: groups.map((g) => g.share * 100),
        backgroundColor: colors.covered,
        borderRadius: 3,
        barPercentage: 0.8,
        categoryPercentage: 0.9,
        // A group nobody has still gets a sliver, so its row reads as a bar at zero, not a gap.
        minBarLength: 2,
      },
    ],
  };
  const options: ChartOptions<"bar"> = {
    indexAxis: "y",
    responsive: true,
    maintainAspectRatio: false,
    // Room right of the longest bar for its value.
    layout: { padding: { right: Math.max(0, ...groups.map((g) => textWidth(valueText(g, t)))) + 12 } },
    scales: {
      x: {
        min: 0,
        max: 100,
        grid: { color: colors.grid },
        ticks: { color: colors.secondary, stepSize: 25, font: { family: colors.font }, callback: (v) => `${formatNumber(Number(v), language)}%` },
      },
      y: {
        grid: { display: false },
        ticks: { color: colors.text, autoSkip: false, font: { family: colors.font, size: 12 } },
      },
    },
    plugins: {
      legend: { display: false },
      tooltip: {
        ...tooltipFonts(colors),
        callbacks: {
          title: (items: TooltipItem<"bar">[]) => {
            const g = groups[items[0]?.dataIndex ?? -1];
            return g ? g.path || g.name : "";
          },
          label: (item: TooltipItem<"bar">) => {
            const g = groups[item.dataIndex];
            return g ? coverageTooltip(g, t) : "";
          },
        },
      },
    },
  };
  const values: Plugin<"bar"> = {
    id: "coverageValues",
    afterDatasetsDraw(chart) {
      const { ctx } = chart;
      const bars = chart.getDatasetMeta(0).data;
      ctx.save();
      ctx.fillStyle = colors.secondary;
      ctx.font = `12px ${colors.font}`;
      ctx.textBaseline = "middle";
      bars.forEach((bar, i) => {
        const g = groups[i];
        if (g) ctx.fillText(valueText(g, t), bar.x + 6, bar.y);
      });
      ctx.restore();
    },
  };
  // A plugin, not `onHover` / `onClick`: Chart.js calls those only inside the plot, and a row's
  // name is as much the row as its bar.
  const rows: Plugin<"bar"> = {
    id: "coverageRows",
    afterEvent(chart, { event }) {
      const g = rowAt(event, chart, groups);
      // A name cut with an ellipsis is shown whole when the pointer rests on its row.
      chart.canvas.title = g ? g.path || g.name : "";
      chart.canvas.style.cursor = g && onGroupClick ? "pointer" : "";
      if (g && onGroupClick && event.type === "click") onGroupClick(g);
    },
  };
  return { data, options, values, rows };
}

export function coverageTooltip(group: GroupHealth, t: TFunction): string {
  return t("health.chart.coverage.tooltip", { share: sharePercent(group), covered: group.covered, uncovered: group.uncovered });
}

/** The group whose row (label or bar) is under the pointer. */
function rowAt(event: ChartEvent, chart: Chart, groups: readonly GroupHealth[]): GroupHealth | undefined {
  const y = chart.scales.y;
  if (!y || event.y === null || event.type === "mouseout" || event.y < y.top || event.y > y.bottom) return undefined;
  return groups[Math.round(y.getValueForPixel(event.y) ?? -1)];
}
