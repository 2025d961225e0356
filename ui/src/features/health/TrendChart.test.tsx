import { render, screen } from "@testing-library/react";
import { Chart, type TooltipItem } from "chart.js";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import i18n from "../../i18n";
import type { TagTrend } from "../../lib/ipc/bindings/TagTrend";
import { TrendChart } from "./TrendChart";
import { restoreCanvas, stubCanvas } from "./testCanvas";

const trend: TagTrend = {
  tag_id: 7,
  bucket: "day",
  points: [
    { start: "2026-11-01", added: 5, removed: 2 },
    { start: "2026-11-02", added: 0, removed: 0 },
    { start: "2026-11-03", added: 1234, removed: 7 },
  ],
};

function chartOf(container: HTMLElement): Chart<"bar"> {
  const chart = Chart.getChart(container.querySelector("canvas")!);
  expect(chart, "Chart.js made a chart on the canvas").toBeDefined();
  return chart as Chart<"bar">;
}

function tooltipLines(chart: Chart<"bar">, datasetIndex: number, dataIndex: number): { title: unknown; label: unknown } {
  const callbacks = chart.options.plugins!.tooltip!.callbacks!;
  const item = { dataIndex, datasetIndex, raw: chart.data.datasets[datasetIndex]!.data[dataIndex], dataset: chart.data.datasets[datasetIndex] } as TooltipItem<"bar">;
  return { title: callbacks.title!.call(null as never, [item]), label: callbacks.label!.call(null as never, item) };
}

describe("TrendChart", () => {
  beforeEach(stubCanvas);
  afterEach(restoreCanvas);

  it("draws_added_above_and_removed_below_per_day_with_the_totals", () => {
    const { container } = render(<TrendChart trend={trend} />);
    expect(screen.getByTestId("trend-summary")).toHaveTextContent("这段时间新增 1,239 位、移除 9 位客户");
    const chart = chartOf(container);
    expect(chart.data.labels).toEqual(["11/1", "11/2", "11/3"]);
    expect(chart.data.datasets[0]!.data).toEqual([5, 0, 1234]);
    expect(chart.data.datasets[1]!.data, "removals are drawn below the line").toEqual([-2, 0, -7]);
    expect(chart.options.animation, "no motion under test").toBe(false);
  });

  it("tooltip_gives_the_whole_date_and_exact_positive_numbers", () => {
    const { container } = render(<TrendChart trend={trend} />);
    const chart = chartOf(container);
    expect(tooltipLines(chart, 0, 2)).toEqual({ title: "2026/11/03", label: "新增：1,234 位" });
    expect(tooltipLines(chart, 1, 2).label).toBe("移除：7 位");
  });

  it("a_weekly_trend_names_the_week_and_lists_only_busy_weeks_for_screen_readers", async () => {
    await i18n.changeLanguage("en");
    const { container } = render(<TrendChart trend={{ ...trend, bucket: "week" }} />);
    expect(screen.getByTestId("trend-summary")).toHaveTextContent("Added 1,239, removed 9 customers in this period");
    const rows = screen.getAllByTestId("trend-row");
    expect(rows.map((r) => r.textContent)).toEqual(["Week of 11/01/202652", "Week of 11/03/20261,2347"]);
    expect(tooltipLines(chartOf(container), 1, 0)).toEqual({ title: "Week of 11/01/2026", label: "Removed: 2" });
  });

  it("without_a_canvas_the_numbers_show_as_a_table_instead_of_breaking_the_page", () => {
    restoreCanvas();
    const { container } = render(<TrendChart trend={trend} />);
    expect(container.querySelector("canvas")).toBeNull();
    expect(screen.getAllByTestId("trend-row").map((r) => r.textContent)).toEqual(["2026/11/0152", "2026/11/031,2347"]);
  });

  it("an_empty_trend_says_there_were_no_changes_instead_of_an_empty_box", () => {
    const { container } = render(<TrendChart trend={{ tag_id: 7, bucket: "week", points: [{ start: "2026-11-02", added: 0, removed: 0 }] }} />);
    expect(screen.getByTestId("trend-empty")).toHaveTextContent("这段时间没有变化");
    expect(container.querySelector("canvas")).toBeNull();
  });

  it("a_trend_without_points_says_so_too", () => {
    render(<TrendChart trend={{ tag_id: 7, bucket: "day", points: [] }} />);
    expect(screen.getByText("这段时间没有变化")).toBeInTheDocument();
  });
});
