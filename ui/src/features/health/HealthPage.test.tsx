import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import i18n from "../../i18n";
import * as ipc from "../../lib/ipc/commands";
import type { HealthReport, TagHealth } from "../../lib/ipc";
import { renderWithProviders } from "../../test/render";
import { HealthPage } from "./HealthPage";

const NOW = 1_764_900_000;
const MONTH = 30 * 86_400;

function tag(id: number, name: string, overrides: Partial<TagHealth> = {}): TagHealth {
  return {
    id,
    name,
    path: `活跃度 / ${name}`,
    group_id: 10,
    archived: false,
    core: false,
    weight: 0,
    customers: 100,
    share: 0.1,
    last_changed_at: NOW - 86_400,
    last_used_at: NOW - 86_400,
    last_used_by: "segment",
    missing: [],
    ...overrides,
  };
}

function report(): HealthReport {
  return {
    thresholds: { stale_months: 6, unused_months: 6, jaccard_min: 0.8, containment_min_members: 5 },
    now: NOW,
    total_customers: 1000,
    usage_recorded_since: NOW - 400 * 86_400,
    tags: [
      tag(1, "高活", { customers: 300 }),
      tag(2, "高活跃", { customers: 290 }),
      tag(3, "老客户", { customers: 0, last_changed_at: NOW - 8 * MONTH, last_used_at: null, last_used_by: null }),
      tag(4, "VIP", { core: true, missing: ["meaning", "owner"] }),
    ],
    groups: [
      {
        id: 10,
        name: "活跃度",
        path: "活跃度",
        single_select: false,
        tags: [1, 2, 3, 4],
        covered: 600,
        share: 0.6,
        uncovered: 400,
        provenance: [
          { source: "manual", assignments: 500, share: 0.75 },
          { source: "rule", assignments: 190, share: 0.25 },
        ],
        missing: ["update_frequency"],
      },
    ],
    empty: [3],
    stale: [3],
    not_used: [3],
    duplicates: [
      {
        a: 2,
        b: 1,
        a_name: "高活跃",
        b_name: "高活",
        a_path: "活跃度 / 高活跃",
        b_path: "活跃度 / 高活",
        kinds: ["name_contains", "members_overlap"],
        a_customers: 290,
        b_customers: 300,
        both: 285,
        jaccard: 0.93,
      },
    ],
    incomplete_tags: [4],
    incomplete_groups: [10],
    core_pool: { tags: [4], covered: 100, share: 0.1, incomplete: [4] },
    provenance_sample: 1,
    millis: 42,
  };
}

function backend() {
  vi.mocked(ipc.healthReport).mockResolvedValue(report());
  vi.mocked(ipc.healthWhereUsed).mockImplementation(async (id) => ({
    node_id: id,
    segments: id === 3 ? [{ id: 7, name: "沉睡老客" }] : [],
    boards: [],
    rules: [],
    import_templates: [],
    weights: [],
  }));
  vi.mocked(ipc.tagsTree).mockResolvedValue({ nodes: [], total_customers: 1000 });
  vi.mocked(ipc.taggingLast).mockResolvedValue(null);
}

describe("HealthPage", () => {
  it("says_nothing_is_to_clean_only_once_the_report_has_come", async () => {
    let answer: (r: HealthReport) => void = () => undefined;
    backend();
    vi.mocked(ipc.healthReport).mockReturnValue(new Promise((resolve) => (answer = resolve)));
    renderWithProviders(<HealthPage />);
    await screen.findByTestId("cleanup-table");
    expect(screen.queryByTestId("cleanup-none")).not.toBeInTheDocument();
    answer({ ...report(), empty: [], stale: [], not_used: [] });
    expect(await screen.findByTestId("cleanup-none")).toBeInTheDocument();
  });

  it("archives_the_selected_unused_tags_after_saying_what_still_uses_them", async () => {
    backend();
    vi.mocked(ipc.healthArchive).mockResolvedValue(1);
    const { user } = renderWithProviders(<HealthPage />);
    const table = await screen.findByTestId("cleanup-table");
    await within(table).findByText("老客户");
    expect(within(table).getByText("没有客户、长期没有变动、长期没被使用")).toBeInTheDocument();
    await user.click(within(table).getAllByRole("checkbox")[1]!);
    await user.click(screen.getByTestId("cleanup-archive"));
    expect(await screen.findByTestId("where-used")).toHaveTextContent("老客户: 分群 沉睡老客");
    await user.click(screen.getByTestId("cleanup-archive-ok"));
    await waitFor(() => expect(ipc.healthArchive).toHaveBeenCalledWith([3]));
    expect(await screen.findByTestId("cleanup-archived")).toHaveTextContent("已归档 1 个标签");
  });

  it("previews_a_merge_of_a_near_duplicate_pair_and_merges_it", async () => {
    backend();
    vi.mocked(ipc.healthMergePreview).mockResolvedValue({
      target: 1,
      target_name: "高活",
      sources: [{ tag_id: 2, name: "高活跃", assignments: 290, holding_target: 285 }],
      moved: 5,
      collapsed: 285,
      already_holding: 285,
      target_before: 300,
      target_after: 305,
      segments: [],
      rules: [{ id: 9, name: "活跃打标" }],
      single_select_clashes: 0,
    });
    vi.mocked(ipc.tagsMerge).mockResolvedValue({ moved: 5, collapsed: 285, rewritten: 1 });
    const { user } = renderWithProviders(<HealthPage />);
    await user.click(await screen.findByTestId("health-tab-duplicates"));
    const table = await screen.findByTestId("duplicates-table");
    expect(within(table).getByText("名称互相包含")).toBeInTheDocument();
    expect(within(table).getByText("客户高度重合")).toBeInTheDocument();
    await user.click(within(table).getByTestId("merge-a-into-b"));
    expect(await screen.findByTestId("merge-moved")).toHaveTextContent("5");
    expect(screen.getByTestId("merge-preview")).toHaveTextContent("活跃打标");
    expect(ipc.healthMergePreview).toHaveBeenCalledWith([2], 1);
    await user.click(screen.getByTestId("merge-preview-ok"));
    await waitFor(() => expect(ipc.tagsMerge).toHaveBeenCalledWith([2], 1));
    expect(await screen.findByTestId("merge-done")).toHaveTextContent("已把 高活跃 合并到 高活");
  });

  it("refuses_a_merge_the_single_select_group_would_break_before_the_button_is_pressed", async () => {
    backend();
    vi.mocked(ipc.healthMergePreview).mockResolvedValue({
      target: 1,
      target_name: "高活",
      sources: [],
      moved: 0,
      collapsed: 0,
      already_holding: 0,
      target_before: 300,
      target_after: 300,
      segments: [],
      rules: [],
      single_select_clashes: 3,
    });
    const { user } = renderWithProviders(<HealthPage initialTab="duplicates" />);
    await user.click(await screen.findByTestId("merge-a-into-b"));
    expect(await screen.findByTestId("merge-refused")).toHaveTextContent("3 位客户");
    expect(screen.getByTestId("merge-preview-ok")).toBeDisabled();
  });

  it("keeps_a_pair_where_every_a_is_b_as_two_tags_with_a_rule_that_gives_b_to_a", async () => {
    backend();
    const r = report();
    r.duplicates = [{ ...r.duplicates[0]!, kinds: ["a_within_b"] }];
    vi.mocked(ipc.healthReport).mockResolvedValue(r);
    vi.mocked(ipc.rulesCreate).mockResolvedValue(5);
    const { user } = renderWithProviders(<HealthPage initialTab="duplicates" />);
    await user.click(await screen.findByTestId("imply"));
    await user.click(await screen.findByRole("button", { name: "新建规则" }));
    await waitFor(() =>
      expect(ipc.rulesCreate).toHaveBeenCalledWith({
        name: "高活跃 → 高活",
        owner: null,
        priority: 0,
        enabled: true,
        condition: { type: "tag", tag_id: 2 },
        action: { type: "add_tag", tag_id: 1 },
      }),
    );
    expect(await screen.findByTestId("imply-done")).toHaveTextContent("有高活跃则有高活");
  });

  it("offers_no_rule_for_a_pair_alike_only_by_name", async () => {
    backend();
    const r = report();
    r.duplicates = [{ ...r.duplicates[0]!, kinds: ["name_contains"] }];
    vi.mocked(ipc.healthReport).mockResolvedValue(r);
    renderWithProviders(<HealthPage initialTab="duplicates" />);
    await screen.findAllByTestId("merge-a-into-b");
    expect(screen.queryByTestId("imply")).not.toBeInTheDocument();
  });

  it("lists_the_dictionary_gaps_and_takes_a_tag_out_of_the_core_pool", async () => {
    backend();
    vi.mocked(ipc.tagsSetCore).mockResolvedValue(null);
    const { user } = renderWithProviders(<HealthPage initialTab="dictionary" />);
    const table = await screen.findByTestId("dictionary-table");
    const row = (await within(table).findByText("VIP")).closest("tr")!;
    expect(row).toHaveTextContent("含义");
    expect(row).toHaveTextContent("负责人");
    await user.click(within(row as HTMLElement).getByTestId("core-switch"));
    await waitFor(() => expect(ipc.tagsSetCore).toHaveBeenCalledWith(4, false));
  });

  it("shows_coverage_per_group_and_the_customers_without_any_of_its_tags", async () => {
    backend();
    vi.mocked(ipc.healthGroupGaps).mockResolvedValue({ items: [], total: 400, total_exact: true, offset: 0 });
    const { user } = renderWithProviders(<HealthPage initialTab="coverage" />);
    const table = await screen.findByTestId("coverage-groups");
    const row = (await within(table).findByText("活跃度")).closest("tr")!;
    expect(row).toHaveTextContent("60%");
    expect(row).toHaveTextContent("手动 75% · 规则 25%");
    await user.click(within(row as HTMLElement).getByTestId("coverage-gaps"));
    await waitFor(() => expect(ipc.healthGroupGaps).toHaveBeenCalledWith(10, 0, 50));
  });

  it("speaks_english_when_the_app_does", async () => {
    backend();
    await i18n.changeLanguage("en");
    try {
      renderWithProviders(<HealthPage />);
      const table = await screen.findByTestId("cleanup-table");
      await within(table).findByText("老客户");
      expect(table).toHaveTextContent("no customers, unchanged for long, not used for long");
      expect(screen.getByTestId("health-tab-duplicates")).toHaveTextContent("Near-duplicates (1)");
    } finally {
      await i18n.changeLanguage("zh-CN");
    }
  });
});
