//! For a suggested pair of near-duplicate tags, who has only A, both, or only B: one stacked
//! bar, with the three numbers written under it, so "merge them?" can be answered at a glance.
import { Space, Typography } from "antd";
import type { ChartData, ChartOptions, TooltipItem } from "chart.js";
import type { TFunction } from "i18next";
import { useMemo } from "react";
import { Bar } from "react-chartjs-2";
import { useTranslation } from "react-i18next";
import type { DuplicatePair } from "../../lib/ipc/bindings/DuplicatePair";
import { percent } from "../../lib/format";
import { type ChartColors, useCanvas, useChartAnimation, useChartColors, tooltipFonts } from "./chartjs";

export interface OverlapBarProps {
  pair: DuplicatePair;
  /** Height of the bar in px. */
  height?: number;
}

export interface OverlapPart {
  key: "a" | "both" | "b";
  label: string;
  customers: number;
  color: string;
}

export function OverlapBar({ pair, height = 18 }: OverlapBarProps) {
  const { t } = useTranslation();
  const colors = useChartColors();
  const animation = useChartAnimation();
  const drawable = useCanvas();
  const config = useMemo(() => overlapConfig(pair, t, colors), [pair, t, colors]);
  const options = useMemo(() => ({ ...config.options, animation }), [config, animation]);
  const jaccard = percent(pair.jaccard * 1000, 1000);
  return (
    <div data-testid="overlap-bar">
      {/* Without a canvas the numbers below still say it all. */}
      {drawable && (
        <div style={{ position: "relative", height }}>
          <Bar
            data={config.data}
            options={options}
            role="img"
            aria-label={t("health.chart.overlap.aria", { a: pair.a_name, b: pair.b_name, share: jaccard })}
          />
        </div>
      )}
      <Space size={12} wrap style={{ fontSize: 12 }}>
        {config.parts.map((part) => (
          <span key={part.key} data-testid={`overlap-${part.key}`}>
            <span style={{ display: "inline-block", width: 8, height: 8, borderRadius: 2, background: part.color, marginInlineEnd: 4 }} />
            {t("health.chart.count", { series: part.label, value: part.customers })}
          </span>
        ))}
        <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="overlap-jaccard">
          {t("health.chart.overlap.jaccard", { share: jaccard })}
        </Typography.Text>
      </Space>
    </div>
  );
}

/** The three parts, A only / both / B only; never negative should the counts disagree. */
export function overlapParts(pair: DuplicatePair, t: TFunction, colors: ChartColors): OverlapPart[] {
  return [
    { key: "a", label: t("health.chart.overlap.only", { name: pair.a_name }), customers: Math.max(0, pair.a_customers - pair.both), color: colors.covered },
    { key: "both", label: t("health.chart.overlap.both"), customers: pair.both, color: colors.both },
    { key: "b", label: t("health.chart.overlap.only", { name: pair.b_name }), customers: Math.max(0, pair.b_customers - pair.both), color: colors.added },
  ];
}

export function overlapConfig(pair: DuplicatePair, t: TFunction, colors: ChartColors) {
  const parts = overlapParts(pair, t, colors);
  const data: ChartData<"bar", number[], string> = {
    labels: [""],
    datasets: parts.map((p) => ({ label: p.label, data: [p.customers], backgroundColor: p.color, barPercentage: 1, categoryPercentage: 1 })),
  };
  const options: ChartOptions<"bar"> = {
    indexAxis: "y",
    responsive: true,
    maintainAspectRatio: false,
    scales: {
      x: { stacked: true, display: false, min: 0, max: Math.max(1, parts.reduce((sum, p) => sum + p.customers, 0)) },
      y: { stacked: true, display: false },
    },
    plugins: {
      legend: { display: false },
      tooltip: {
        ...tooltipFonts(colors),
        callbacks: {
          title: () => "",
          label: (item: TooltipItem<"bar">) => t("health.chart.count", { series: item.dataset.label ?? "", value: Number(item.raw) }),
        },
      },
    },
  };
  return { data, options, parts };
}
