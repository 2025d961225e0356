// The window runs with Tauri's `freezePrototype`: an init script calls
// Object.freeze(Object.prototype) before any of the app's code. A library that then assigns
// `constructor`, `valueOf` or `toString` onto a plain object throws while loading and the
// whole window stays blank (d3-color does, so recharts, visx, nivo and victory all fail;
// docs/UI_CHARTS.md). This file freezes the same way first and only then loads Chart.js and
// the health charts, so a Chart.js upgrade that stops loading or drawing fails here.
// Own file: a frozen prototype cannot be thawed, and vitest runs each file on its own.
import { render } from "@testing-library/react";
// antd is loaded before the freeze: here Node loads its whole CommonJS index, date pickers and
// dayjs included (dayjs fails under the freeze), while the app's bundle keeps only what the
// pages import, and the window already runs it frozen.
import "antd";
import { describe, expect, it } from "vitest";
import { stubCanvas } from "./testCanvas";

describe("health charts under a frozen Object.prototype", () => {
  it("chart_js_and_the_three_charts_load_and_draw_after_the_prototype_is_frozen", async () => {
    stubCanvas();
    Object.freeze(Object.prototype);
    expect(() => Object.defineProperty(Object.prototype, "probe", { value: 1 }), "the freeze took").toThrow();

    const { Chart } = await import("chart.js");
    const { TrendChart } = await import("./TrendChart");
    const { CoverageChart } = await import("./CoverageChart");
    const { OverlapBar } = await import("./OverlapBar");
    const { container } = render(
      <div>
        <TrendChart trend={{ tag_id: 1, bucket: "day", points: [{ start: "2026-11-01", added: 3, removed: 1 }] }} />
        <CoverageChart groups={[{ id: 1, name: "生命周期", path: "生命周期", single_select: true, tags: [], covered: 3, share: 0.75, uncovered: 1, provenance: [], missing: [] }]} />
        <OverlapBar pair={{ a: 1, b: 2, a_name: "高活", b_name: "高活跃", a_path: "", b_path: "", kinds: [], a_customers: 2, b_customers: 3, both: 2, jaccard: 2 / 3 }} />
      </div>,
    );
    const charts = [...container.querySelectorAll("canvas")].map((canvas) => Chart.getChart(canvas));
    expect(charts.length).toBe(3);
    for (const chart of charts) {
      expect(chart, "each canvas got a chart").toBeDefined();
      chart!.resize(480, 200); // lays out and draws: scales, bars, the value labels
      expect(chart!.scales.y, "its scales were built").toBeDefined();
    }
  });
});
