import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { TAGS } from "../../dev/fakeBackend";
import * as ipc from "../../lib/ipc/commands";
import type { Followup, LifecycleReport, RfmClass, RfmSettings, RfmSummary } from "../../lib/ipc";
import { page } from "../../test/fixtures";
import { renderWithProviders } from "../../test/render";
import { OpenCustomersContext } from "../shell/navigation";
import { ValuePage } from "./ValuePage";

const SETTINGS: RfmSettings = { order_kind: "下单", window_days: 365, scoring: { type: "quantile" }, high_from: 3 };
const CLASSES: [RfmClass, string, number][] = [
  ["important_value", "重要价值", 200],
  ["important_develop", "重要发展", 100],
  ["important_keep", "重要保持", 50],
  ["important_retain", "重要挽留", 0],
  ["general_value", "一般价值", 25],
  ["general_develop", "一般发展", 25],
  ["general_keep", "一般保持", 50],
  ["general_retain", "一般挽留", 50],
];

function summary(overrides: Partial<RfmSummary> = {}): RfmSummary {
  return {
    run_at: 1_763_000_000,
    settings: SETTINGS,
    classes: CLASSES.map(([cls, name, n], i) => ({
      class: cls,
      name,
      tag_id: i === 0 ? 11 : 100 + i,
      customers: n,
      avg_recency_days: 10 + i,
      avg_frequency: n === 0 ? 0 : 2.5,
      avg_monetary: 1234.4,
    })),
    unclassified: 40,
    added: 300,
    removed: 12,
    kept_manual: 3,
    ...overrides,
  };
}

function backend() {
  vi.mocked(ipc.tagsTree).mockResolvedValue({ nodes: TAGS, total_customers: 540 });
  vi.mocked(ipc.segmentsCatalog).mockResolvedValue({ fields: [], events: [{ kind: "下单", properties: [] }, { kind: "登录", properties: [] }] });
  vi.mocked(ipc.rfmSettings).mockResolvedValue(SETTINGS);
  vi.mocked(ipc.rfmSummary).mockResolvedValue(summary());
  vi.mocked(ipc.lifecycleSettings).mockResolvedValue({ order_kind: "下单", new_days: 30, active_days: 60, silent_days: 180 });
  vi.mocked(ipc.lifecycleLast).mockResolvedValue(null);
  vi.mocked(ipc.taggingLast).mockResolvedValue(null);
}

const width = (bar: HTMLElement) => Number(bar.querySelector("rect")!.getAttribute("width"));

describe("ValuePage", () => {
  it("rfm_chart_draws_bars_proportional_to_the_class_counts", async () => {
    backend();
    renderWithProviders(<ValuePage />);
    const chart = await screen.findByTestId("rfm-chart");
    const bars = within(chart).getAllByTestId("bar");
    expect(bars.map((b) => b.getAttribute("data-value"))).toEqual(CLASSES.map(([, , n]) => String(n)));
    const biggest = width(bars[0]!);
    expect(biggest).toBeGreaterThan(0);
    expect(width(bars[1]!)).toBeCloseTo(biggest / 2, 0);
    expect(width(bars[2]!)).toBeCloseTo(biggest / 4, 0);
    expect(width(bars[3]!), "an empty class has no bar").toBe(0);
  });

  it("rfm_table_lists_each_class_with_share_and_averages", async () => {
    backend();
    renderWithProviders(<ValuePage />);
    const rows = await screen.findAllByTestId("rfm-class-row");
    expect(rows).toHaveLength(8);
    expect(rows[0]).toHaveTextContent("重要价值");
    expect(rows[0]).toHaveTextContent("200");
    // 200 of the 500 classified customers.
    expect(rows[0]).toHaveTextContent("40%");
    expect(within(rows[1]!).getByTestId("avg-r")).toHaveTextContent("11");
    expect(within(rows[1]!).getByTestId("avg-f")).toHaveTextContent("2.5");
    expect(within(rows[1]!).getByTestId("avg-m")).toHaveTextContent("1,234");
    expect(screen.getByTestId("rfm-totals")).toHaveTextContent("500 位客户在最近 365 天下过单，40 位没有");
    expect(screen.getByTestId("rfm-kept-manual")).toHaveTextContent("保留了 3 位客户的手动标签");
    expect(screen.getByTestId("rfm-run-at")).toHaveTextContent("上次运行");
  });

  it("clicking_a_class_opens_the_customers_filtered_by_its_tag", async () => {
    backend();
    const open = vi.fn();
    const { user } = renderWithProviders(
      <OpenCustomersContext.Provider value={open}>
        <ValuePage />
      </OpenCustomersContext.Provider>,
    );
    await user.click((await screen.findAllByTestId("rfm-class-open"))[0]!);
    expect(open).toHaveBeenCalledWith({ id: 11, name: "重要价值", color: "#722ed1" });
  });

  it("before_any_run_rfm_says_what_to_do", async () => {
    backend();
    vi.mocked(ipc.rfmSummary).mockResolvedValue(null);
    renderWithProviders(<ValuePage />);
    expect(await screen.findByTestId("rfm-empty")).toHaveTextContent("还没有运行过 RFM");
  });

  it("saving_rfm_settings_shows_the_core_complaint_under_its_field", async () => {
    backend();
    vi.mocked(ipc.rfmSaveSettings).mockRejectedValue({
      code: "invalid",
      problem: { code: "thresholds_not_rising" },
      message: "each list of thresholds rises from left to right",
      path: null,
      field: "thresholds",
    });
    const { user } = renderWithProviders(<ValuePage />);
    const save = await screen.findByTestId("rfm-save");
    expect(save, "nothing to save before a change").toBeDisabled();
    await user.click(screen.getByRole("radio", { name: "手动阈值" }));
    const first = screen.getByTestId("rfm-cut-frequency-0").querySelector("input") ?? screen.getByTestId("rfm-cut-frequency-0");
    await user.clear(first);
    await user.type(first, "9");
    await user.click(save);
    expect(await screen.findByTestId("error-thresholds")).toHaveTextContent("每组阈值必须从左到右递增");
    const sent = vi.mocked(ipc.rfmSaveSettings).mock.calls[0]![0];
    expect(sent.scoring).toEqual({ type: "thresholds", thresholds: { recency_days: [7, 30, 90, 180], frequency: [9, 2, 3, 5], monetary: [100, 500, 1000, 5000] } });
  });

  it("running_rfm_shows_progress_and_a_cancelled_run_says_nothing_changed", async () => {
    backend();
    let fail: (e: unknown) => void = () => undefined;
    vi.mocked(ipc.rfmRun).mockImplementation(() => new Promise((_, reject) => (fail = reject)));
    vi.mocked(ipc.jobProgress).mockResolvedValue({ running: true, done: 1, total: 3, step: null });
    vi.mocked(ipc.jobCancel).mockResolvedValue(null);
    const { user } = renderWithProviders(<ValuePage />);
    await user.click(await screen.findByTestId("rfm-run"));
    await waitFor(() => expect(screen.getByTestId("rfm-progress")).toHaveAttribute("data-percent", "33"));
    await user.click(screen.getByTestId("rfm-cancel"));
    expect(ipc.jobCancel).toHaveBeenCalled();
    await waitFor(() => expect(screen.getByTestId("rfm-cancel")).toBeDisabled());
    fail({ code: "cancelled", problem: { code: "cancelled" }, message: "cancelled", path: null, field: null });
    expect(await screen.findByTestId("rfm-cancelled")).toHaveTextContent("已取消");
    expect(screen.getByTestId("rfm-run")).toBeEnabled();
  });

  it("a_finished_rfm_run_shows_its_new_figures", async () => {
    backend();
    vi.mocked(ipc.rfmSummary).mockResolvedValue(null);
    vi.mocked(ipc.rfmRun).mockResolvedValue(summary({ kept_manual: 7 }));
    vi.mocked(ipc.jobProgress).mockResolvedValue({ running: false, done: 3, total: 3, step: null });
    const { user } = renderWithProviders(<ValuePage />);
    await user.click(await screen.findByTestId("rfm-run"));
    expect(await screen.findByTestId("rfm-kept-manual")).toHaveAttribute("data-count", "7");
    expect(screen.getAllByTestId("rfm-class-row")).toHaveLength(8);
  });

  it("lifecycle_shows_a_bar_per_stage_and_the_manual_stages_kept", async () => {
    backend();
    const report: LifecycleReport = {
      run_at: 1_763_000_000,
      stages: [
        { stage: "prospect", name: "潜客", tag_id: 31, customers: 40 },
        { stage: "new", name: "新客", tag_id: 32, customers: 10 },
        { stage: "active", name: "活跃", tag_id: 33, customers: 80 },
        { stage: "silent", name: "沉默", tag_id: 34, customers: 20 },
        { stage: "lost", name: "流失", tag_id: 35, customers: 0 },
      ],
      added: 5,
      removed: 5,
      kept_manual: 12,
    };
    vi.mocked(ipc.lifecycleLast).mockResolvedValue(report);
    renderWithProviders(<ValuePage initialTab="lifecycle" />);
    const bars = within(await screen.findByTestId("lifecycle-chart")).getAllByTestId("bar");
    expect(bars).toHaveLength(5);
    expect(width(bars[0]!)).toBeCloseTo(width(bars[2]!) / 2, 0);
    expect(screen.getByTestId("lifecycle-kept-manual")).toHaveTextContent("保留了 12 位客户的手动标签");
  });

  it("lifecycle_thresholds_show_the_core_complaint", async () => {
    backend();
    vi.mocked(ipc.lifecycleSave).mockRejectedValue({
      code: "invalid",
      problem: { code: "silent_after_active" },
      message: "silent must reach further back than active",
      path: null,
      field: "silent_days",
    });
    const { user } = renderWithProviders(<ValuePage initialTab="lifecycle" />);
    const silent = (await screen.findByTestId("lifecycle-silent_days")).querySelector("input") ?? screen.getByTestId("lifecycle-silent_days");
    await user.clear(silent);
    await user.type(silent, "10");
    await user.click(screen.getByTestId("lifecycle-save"));
    expect(await screen.findByTestId("error-silent_days")).toHaveTextContent("沉默的天数必须大于活跃的天数");
    expect(vi.mocked(ipc.lifecycleSave).mock.calls[0]![0].silent_days).toBe(10);
  });

  it("followups_list_customers_by_score_with_the_tags_that_gave_points", async () => {
    backend();
    const items: Followup[] = [
      { customer_id: 7, name: "王伟", company: "星河科技", phone: null, score: 8, reasons: [{ tag_id: 6, tag_name: "VIP", points: 5 }, { tag_id: 11, tag_name: "重要价值", points: 3 }] },
      { customer_id: 9, name: "李娜", company: null, phone: null, score: 5, reasons: [{ tag_id: 6, tag_name: "VIP", points: 5 }] },
    ];
    vi.mocked(ipc.scoresFollowups).mockResolvedValue(page(items, 42));
    vi.mocked(ipc.customersGet).mockImplementation(() => new Promise(() => undefined));
    const { user } = renderWithProviders(<ValuePage initialTab="followups" />);
    const rows = await screen.findAllByTestId("followup-row");
    expect(rows.map((r) => r.getAttribute("data-score"))).toEqual(["8", "5"]);
    const reasons = within(rows[0]!).getAllByTestId("followup-reason");
    expect(reasons.map((r) => r.textContent)).toEqual(["VIP +5", "重要价值 +3"]);
    expect(screen.getByText("共 42 位客户有得分")).toBeInTheDocument();
    expect(ipc.scoresFollowups).toHaveBeenCalledWith({ offset: 0, limit: 20 });
    await user.click(within(rows[1]!).getByTestId("followup-name"));
    await waitFor(() => expect(ipc.customersGet).toHaveBeenCalledWith(9));
  });
});
