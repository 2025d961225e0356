import { screen, waitFor } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { customersGet, myRights, tagsTree, type CustomerProfile as Profile } from "../../lib/ipc";
import type { ListQuery } from "../../lib/queryKeys";
import { tagNode } from "../../test/fixtures";
import { renderWithProviders } from "../../test/render";
import { editorOf, offHub, viewer } from "../../test/rights";
import { BulkBar } from "./BulkBar";
import { CustomerProfile } from "./profile/CustomerProfile";

const VIEWER_WHY = "你在团队中心的角色是「只读」：可以查看，不能修改";
const UNFILTERED: ListQuery = { search: null, tag_ids: [], sort: null };

function renderBar() {
  vi.mocked(tagsTree).mockResolvedValue({ total_customers: 10, nodes: [tagNode(10, null, "早期用户", { kind: "group" }), tagNode(11, 10, "种子用户")] });
  return renderWithProviders(
    <BulkBar selection={{ mode: "ids", ids: new Set([1, 2]) }} query={UNFILTERED} total={10} onDone={vi.fn()} onError={vi.fn()} onExport={vi.fn()} />,
  );
}

const profile: Profile = {
  customer: {
    id: 1, created_at: 0, updated_at: 0, deleted_at: null, name: "王小明", phone: null, email: null, company: null, job_title: null, industry: null,
    province: null, city: null, source: null, customer_type: null, level: null, gender: null, birthday: null, notes: null, external_id: null, custom: [],
  },
  tag_groups: [
    { group_id: 2, path: "营销 / 活动渠道", select_mode: "multi", tags: [{ id: 4, name: "展会", color: "#fa8c16", source: "manual", rule_name: null, actor: "李娜", at: 0 }] },
    { group_id: 3, path: "销售 / 跟进状态", select_mode: "single", tags: [{ id: 6, name: "待唤醒", color: "#1677ff", source: "manual", rule_name: null, actor: "李娜", at: 0 }] },
  ],
  history: [],
  events: [],
  event_count: 0,
};

const chip = (name: string) => screen.getAllByTestId("profile-tag").find((t) => t.getAttribute("data-name") === name)!;

describe("customers under the team hub's rights", () => {
  it("a_viewer_finds_the_bulk_tag_and_delete_buttons_disabled_and_the_reason_on_hover", async () => {
    vi.mocked(myRights).mockResolvedValue(viewer);
    const { user } = renderBar();
    await waitFor(() => expect(screen.getByTestId("bulk-add-tag")).toBeDisabled());
    expect(screen.getByTestId("bulk-remove-tag")).toBeDisabled();
    expect(screen.getByTestId("bulk-delete")).toBeDisabled();
    expect(screen.getByTestId("bulk-export"), "looking and exporting stay open").toBeEnabled();
    await user.hover(screen.getByTestId("bulk-add-tag").parentElement!);
    expect(await screen.findByRole("tooltip")).toHaveTextContent(VIEWER_WHY);
  });

  it("off_a_hub_the_bulk_buttons_are_enabled", async () => {
    vi.mocked(myRights).mockResolvedValue(offHub);
    renderBar();
    await waitFor(() => expect(myRights).toHaveBeenCalled());
    expect(screen.getByTestId("bulk-add-tag")).toBeEnabled();
    expect(screen.getByTestId("bulk-delete")).toBeEnabled();
  });

  it("an_editor_cannot_take_off_a_tag_of_another_departments_group_in_the_profile", async () => {
    vi.mocked(myRights).mockResolvedValue(editorOf("销售部", [{ group_id: 2, department: "市场部" }]));
    vi.mocked(customersGet).mockResolvedValue(profile);
    renderWithProviders(<CustomerProfile id={1} onClose={vi.fn()} onChipClick={vi.fn()} onResult={vi.fn()} />);
    await waitFor(() => expect(screen.getByTestId("profile-group-locked")).toHaveAccessibleName("此分组由市场部负责，只有该部门的成员、管理员和所有者可以修改"));
    expect(chip("展会").querySelector("[data-testid=profile-tag-remove]"), "no × on the locked group's tag").toBeNull();
    expect(chip("待唤醒").querySelector("[data-testid=profile-tag-remove]"), "the editor's own groups keep it").not.toBeNull();
    expect(screen.getByTestId("profile-add-tag")).toBeEnabled();
    expect(screen.getByTestId("profile-save")).toBeEnabled();
  });

  it("a_viewer_reads_why_at_the_top_of_the_profile_and_can_change_nothing_there", async () => {
    vi.mocked(myRights).mockResolvedValue(viewer);
    vi.mocked(customersGet).mockResolvedValue(profile);
    renderWithProviders(<CustomerProfile id={1} onClose={vi.fn()} onChipClick={vi.fn()} onResult={vi.fn()} />);
    expect(await screen.findByTestId("profile-read-only")).toHaveTextContent(VIEWER_WHY);
    expect(screen.queryAllByTestId("profile-tag-remove")).toHaveLength(0);
    expect(screen.getByTestId("profile-add-tag")).toBeDisabled();
    expect(screen.getByTestId("profile-save")).toBeDisabled();
    expect(screen.getByTestId("profile-delete")).toBeDisabled();
    expect(screen.getByTestId("field-name")).toBeDisabled();
  });
});
