import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import * as ipc from "../../lib/ipc/commands";
import type { HealthReport, MyRights, TagHealth } from "../../lib/ipc";
import { tagNode } from "../../test/fixtures";
import { renderWithProviders } from "../../test/render";
import { editorOf, offHub, viewer } from "../../test/rights";
import { HealthPage } from "./HealthPage";

const VIEWER_WHY = "你在团队中心的角色是「只读」：可以查看，不能修改";
const NOW = 1_764_900_000;

function tag(id: number, name: string, groupId: number, over: Partial<TagHealth> = {}): TagHealth {
  return {
    id, name, path: `活跃度 / ${name}`, group_id: groupId, archived: false, core: false, weight: 0, customers: 100, share: 0.1,
    last_changed_at: NOW, last_used_at: NOW, last_used_by: "segment", missing: [], ...over,
  };
}

/** 高活 and 高活跃 in 活跃度 (10); 老客户, unused, in 来源 (20), which 市场部 owns in the editor's tests. */
function report(): HealthReport {
  return {
    thresholds: { stale_months: 6, unused_months: 6, jaccard_min: 0.8, containment_min_members: 5 },
    now: NOW,
    total_customers: 1000,
    usage_recorded_since: null,
    tags: [tag(1, "高活", 10), tag(2, "高活跃", 10), tag(3, "老客户", 20, { customers: 0, last_used_at: null, last_used_by: null })],
    groups: [],
    empty: [3],
    stale: [],
    not_used: [],
    duplicates: [
      {
        a: 2, b: 1, a_name: "高活跃", b_name: "高活", a_path: "活跃度 / 高活跃", b_path: "活跃度 / 高活",
        kinds: ["name_contains", "a_within_b"], a_customers: 290, b_customers: 300, both: 285, jaccard: 0.93,
      },
    ],
    incomplete_tags: [],
    incomplete_groups: [],
    core_pool: { tags: [], covered: 0, share: 0, incomplete: [] },
    provenance_sample: 1,
    millis: 1,
  };
}

function backend(rights: MyRights) {
  vi.mocked(ipc.myRights).mockResolvedValue(rights);
  vi.mocked(ipc.healthReport).mockResolvedValue(report());
  vi.mocked(ipc.healthWhereUsed).mockImplementation(async (id) => ({ node_id: id, segments: [], boards: [], rules: [], import_templates: [], weights: [] }));
  vi.mocked(ipc.tagsTree).mockResolvedValue({ nodes: [], total_customers: 1000 });
  vi.mocked(ipc.taggingLast).mockResolvedValue(null);
}

describe("the tag health page under the team hub's rights", () => {
  it("a_viewer_cannot_archive_and_reads_why_on_hover", async () => {
    backend(viewer);
    const { user } = renderWithProviders(<HealthPage />);
    const table = await screen.findByTestId("cleanup-table");
    await within(table).findByText("老客户");
    await user.click(within(table).getAllByRole("checkbox")[1]!);
    await waitFor(() => expect(screen.getByTestId("cleanup-archive")).toBeDisabled());
    await user.hover(screen.getByTestId("cleanup-archive").parentElement!);
    expect(await screen.findByRole("tooltip")).toHaveTextContent(VIEWER_WHY);
  });

  it("an_editor_cannot_archive_a_tag_of_a_group_another_department_owns", async () => {
    backend(editorOf("销售部", [{ group_id: 20, department: "市场部" }]));
    const { user } = renderWithProviders(<HealthPage />);
    const table = await screen.findByTestId("cleanup-table");
    await within(table).findByText("老客户");
    await user.click(within(table).getAllByRole("checkbox")[1]!);
    await waitFor(() => expect(screen.getByTestId("cleanup-archive")).toBeDisabled());
    expect(screen.getByTestId("cleanup-archive").closest("[data-why]")).toHaveAttribute("data-why", expect.stringContaining("市场部"));
  });

  it("a_viewer_cannot_merge_or_imply_and_reads_why_on_hover", async () => {
    backend(viewer);
    const { user } = renderWithProviders(<HealthPage initialTab="duplicates" />);
    const table = await screen.findByTestId("duplicates-table");
    await waitFor(() => expect(within(table).getByTestId("merge-a-into-b")).toBeDisabled());
    expect(within(table).getByTestId("merge-b-into-a")).toBeDisabled();
    expect(within(table).getByTestId("imply")).toBeDisabled();
    await user.hover(within(table).getByTestId("merge-b-into-a").parentElement!);
    expect(await screen.findByRole("tooltip")).toHaveTextContent(VIEWER_WHY);
    expect(ipc.healthMergePreview).not.toHaveBeenCalled();
  });

  it("an_editor_may_merge_tags_of_their_own_groups_but_not_make_a_rule", async () => {
    backend(editorOf("销售部", [{ group_id: 20, department: "市场部" }]));
    renderWithProviders(<HealthPage initialTab="duplicates" />);
    const table = await screen.findByTestId("duplicates-table");
    await waitFor(() => expect(within(table).getByTestId("imply")).toBeDisabled());
    expect(within(table).getByTestId("merge-a-into-b")).toBeEnabled();
    expect(within(table).getByTestId("imply").closest("[data-why]")).toHaveAttribute("data-why", "只有团队的管理员和所有者可以修改此项");
  });

  it("a_viewer_marks_no_core_tag_and_reads_a_tags_dictionary_without_saving_it", async () => {
    backend(viewer);
    vi.mocked(ipc.healthReport).mockResolvedValue({ ...report(), incomplete_tags: [1] });
    vi.mocked(ipc.tagsTree).mockResolvedValue({ nodes: [tagNode(10, null, "活跃度", { kind: "group" }), tagNode(1, 10, "高活")], total_customers: 1000 });
    const { user } = renderWithProviders(<HealthPage initialTab="dictionary" />);
    const table = await screen.findByTestId("dictionary-table");
    const row = (await within(table).findByText("高活")).closest("tr")!;
    await waitFor(() => expect(within(row as HTMLElement).getByTestId("core-switch")).toBeDisabled());
    expect(within(row as HTMLElement).getByTestId("core-switch").closest("[data-why]")).toHaveAttribute("data-why", VIEWER_WHY);
    await user.click(within(row as HTMLElement).getByTestId("dictionary-edit"));
    expect(await screen.findByTestId("dict-save")).toBeDisabled();
  });

  it("off_a_hub_archive_merge_and_imply_are_enabled", async () => {
    backend(offHub);
    const { user } = renderWithProviders(<HealthPage />);
    const table = await screen.findByTestId("cleanup-table");
    await within(table).findByText("老客户");
    await user.click(within(table).getAllByRole("checkbox")[1]!);
    await waitFor(() => expect(ipc.myRights).toHaveBeenCalled());
    expect(screen.getByTestId("cleanup-archive")).toBeEnabled();
    await user.click(screen.getByTestId("health-tab-duplicates"));
    const pairs = await screen.findByTestId("duplicates-table");
    expect(within(pairs).getByTestId("merge-a-into-b")).toBeEnabled();
    expect(within(pairs).getByTestId("imply")).toBeEnabled();
  });
});
