import { render, screen } from "@testing-library/react";
import { Chart } from "chart.js";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import i18n from "../../i18n";
import type { DuplicatePair } from "../../lib/ipc/bindings/DuplicatePair";
import { OverlapBar } from "./OverlapBar";
import { restoreCanvas, stubCanvas } from "./testCanvas";

const pair: DuplicatePair = {
  a: 3,
  b: 4,
  a_name: "高活",
  b_name: "高活跃",
  a_path: "活跃度/高活",
  b_path: "活跃度/高活跃",
  kinds: ["name_contains", "members_overlap"],
  a_customers: 1100,
  b_customers: 1300,
  both: 1000,
  jaccard: 1000 / 1400,
};

describe("OverlapBar", () => {
  beforeEach(stubCanvas);
  afterEach(restoreCanvas);

  it("shows_a_only_both_and_b_only_with_their_numbers", () => {
    const { container } = render(<OverlapBar pair={pair} />);
    expect(screen.getByTestId("overlap-a")).toHaveTextContent("只有高活：100 位");
    expect(screen.getByTestId("overlap-both")).toHaveTextContent("两者都有：1,000 位");
    expect(screen.getByTestId("overlap-b")).toHaveTextContent("只有高活跃：300 位");
    expect(screen.getByTestId("overlap-jaccard")).toHaveTextContent("重合度 71%");
    const chart = Chart.getChart(container.querySelector("canvas")!)!;
    expect(chart.data.datasets.map((d) => d.data[0]), "one stacked bar: A only, both, B only").toEqual([100, 1000, 300]);
    expect(container.querySelector("canvas")).toHaveAttribute("aria-label", "高活 与 高活跃 的客户重合情况，重合度 71%");
  });

  it("every_a_is_b_leaves_no_a_only_part", async () => {
    await i18n.changeLanguage("en");
    render(<OverlapBar pair={{ ...pair, a_customers: 1000, jaccard: 1000 / 1300 }} />);
    expect(screen.getByTestId("overlap-a")).toHaveTextContent("Only 高活: 0");
    expect(screen.getByTestId("overlap-b")).toHaveTextContent("Only 高活跃: 300");
    expect(screen.getByTestId("overlap-jaccard")).toHaveTextContent("Overlap 77%");
  });
});
