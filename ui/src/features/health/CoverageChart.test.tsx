import { render, screen } from "@testing-library/react";
import { Chart, type ChartEvent, type TooltipItem } from "chart.js";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { GroupHealth } from "../../lib/ipc/bindings/GroupHealth";
import { CoverageChart } from "./CoverageChart";
import { drawnText, restoreCanvas, stubCanvas } from "./testCanvas";

function group(id: number, name: string, covered: number, uncovered: number): GroupHealth {
  const total = covered + uncovered;
  return { id, name, path: name, single_select: false, tags: [], covered, share: total === 0 ? 0 : covered / total, uncovered, provenance: [], missing: [] };
}

const LONG_ZH = "华东区域重点客户跟进优先级与季度回访安排";
const LONG_EN = "Preferred contact channel for quarterly follow-up";
const groups = [group(1, "生命周期", 400, 1600), group(2, "客户价值", 1500, 500), group(3, LONG_ZH, 0, 2000), group(4, LONG_EN, 2000, 0)];

/** What Chart.js does with a pointer event: hand it to the chart's plugins. */
function hover(chart: Chart<"bar">, event: ChartEvent) {
  const plugin = chart.config.plugins!.find((p) => p.id === "coverageRows")!;
  plugin.afterEvent!(chart, { event, replay: false, cancelable: false, inChartArea: false }, {});
}

function chartOf(container: HTMLElement): Chart<"bar"> {
  const chart = Chart.getChart(container.querySelector("canvas")!);
  expect(chart, "Chart.js made a chart on the canvas").toBeDefined();
  return chart as Chart<"bar">;
}

describe("CoverageChart", () => {
  beforeEach(stubCanvas);
  afterEach(restoreCanvas);

  it("draws_one_bar_per_group_in_the_given_order_with_its_share_and_count", () => {
    const { container } = render(<CoverageChart groups={groups} />);
    const chart = chartOf(container);
    expect(chart.data.datasets[0]!.data).toEqual([20, 75, 0, 100]);
    expect((chart.data.labels as string[]).slice(0, 2)).toEqual(["生命周期", "客户价值"]);
    // jsdom lays nothing out, so the responsive chart is 0 px wide until given a size.
    chart.resize(480, 150);
    expect(drawnText(), "each bar's end says its share and count").toEqual(expect.arrayContaining(["20% · 400 位", "75% · 1,500 位", "0% · 0 位", "100% · 2,000 位"]));
    expect(screen.getAllByTestId("coverage-row").map((r) => r.textContent)).toEqual([
      "生命周期20% · 400 位1,600",
      "客户价值75% · 1,500 位500",
      `${LONG_ZH}0% · 0 位2,000`,
      `${LONG_EN}100% · 2,000 位0`,
    ]);
  });

  it("long_names_end_in_an_ellipsis_and_show_whole_on_hover", () => {
    const { container } = render(<CoverageChart groups={groups} labelWidth={120} />);
    const chart = chartOf(container);
    const [, , zh, en] = chart.data.labels as string[];
    expect(zh).toBe("华东区域重点客户跟…");
    expect(en!.endsWith("…") && LONG_EN.startsWith(en!.slice(0, -1).trimEnd()), `cut at its end: ${en}`).toBe(true);
    const y = chart.scales.y!;
    vi.spyOn(y, "getValueForPixel").mockReturnValue(2);
    const event = { type: "mousemove", x: 10, y: y.top, native: null } as unknown as ChartEvent;
    hover(chart, event);
    expect(chart.canvas.title).toBe(LONG_ZH);
  });

  it("tooltip_gives_the_full_path_and_exact_numbers", () => {
    const { container } = render(<CoverageChart groups={groups} />);
    const chart = chartOf(container);
    const callbacks = chart.options.plugins!.tooltip!.callbacks!;
    const item = { dataIndex: 1, datasetIndex: 0 } as TooltipItem<"bar">;
    expect(callbacks.title!.call(null as never, [item])).toBe("客户价值");
    expect(callbacks.label!.call(null as never, item)).toBe("75% 的客户有这组的标签（1,500 位），500 位一个都没有");
  });

  it("clicking_a_row_hands_its_group_to_the_page", () => {
    const clicked = vi.fn();
    const { container } = render(<CoverageChart groups={groups} onGroupClick={clicked} />);
    const chart = chartOf(container);
    const y = chart.scales.y!;
    vi.spyOn(y, "getValueForPixel").mockReturnValue(1);
    hover(chart, { type: "mousemove", x: 10, y: y.top, native: null } as unknown as ChartEvent);
    expect(clicked, "hovering is not clicking").not.toHaveBeenCalled();
    expect(chart.canvas.style.cursor).toBe("pointer");
    hover(chart, { type: "click", x: 10, y: y.top, native: null } as unknown as ChartEvent);
    expect(clicked).toHaveBeenCalledWith(groups[1]);
  });

  it("no_groups_says_so", () => {
    render(<CoverageChart groups={[]} />);
    expect(screen.getByTestId("coverage-empty")).toHaveTextContent("还没有标签组");
  });
});
