import { screen, waitFor } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { myRights } from "../../lib/ipc";
import { tagNode } from "../../test/fixtures";
import { renderWithProviders } from "../../test/render";
import { editorOf, offHub, viewer } from "../../test/rights";
import { TagPicker } from "./TagPicker";

const nodes = [
  tagNode(1, null, "营销", { kind: "category" }),
  tagNode(2, 1, "活动渠道", { kind: "group", select_mode: "multi" }),
  tagNode(3, 1, "跟进状态", { kind: "group", select_mode: "single" }),
  tagNode(4, 2, "展会"),
  tagNode(5, 2, "直播"),
  tagNode(6, 3, "待唤醒"),
  tagNode(7, 3, "待邀约"),
];

const option = (name: string) => screen.getByRole("option", { name: new RegExp(name) });

describe("TagPicker under the team hub's rights", () => {
  it("tags_of_a_group_another_department_owns_are_shown_but_not_choosable_and_say_who_owns_it", async () => {
    vi.mocked(myRights).mockResolvedValue(editorOf("销售部", [{ group_id: 2, department: "市场部" }]));
    const onConfirm = vi.fn();
    const { user } = renderWithProviders(<TagPicker nodes={nodes} onConfirm={onConfirm} />);
    await waitFor(() => expect(option("展会")).toBeDisabled());
    expect(option("直播")).toBeDisabled();
    expect(screen.getByText("营销 / 活动渠道").closest(".tag-picker-group"), "the group's header names the owning department").toHaveTextContent(
      "此分组由市场部负责，只有该部门的成员、管理员和所有者可以修改",
    );
    expect(screen.getAllByTestId("tag-picker-locked"), "only the locked group says so").toHaveLength(1);

    await user.click(option("展会"));
    await user.dblClick(option("展会"));
    expect(screen.getByTestId("tag-picker-ok"), "a click on a locked tag chooses nothing").toBeDisabled();
    await user.type(screen.getByTestId("tag-picker-search"), "{Enter}");
    expect(onConfirm, "Enter assigns the first choosable tag, not a locked one").toHaveBeenCalledWith(6);
    expect(onConfirm).not.toHaveBeenCalledWith(4);

    await user.click(option("待邀约"));
    await user.click(screen.getByTestId("tag-picker-ok"));
    expect(onConfirm).toHaveBeenLastCalledWith(7);
  });

  it("a_search_matching_only_locked_tags_leaves_enter_nothing_to_assign", async () => {
    vi.mocked(myRights).mockResolvedValue(editorOf("销售部", [{ group_id: 2, department: "市场部" }]));
    const onConfirm = vi.fn();
    const { user } = renderWithProviders(<TagPicker nodes={nodes} onConfirm={onConfirm} />);
    await waitFor(() => expect(option("展会")).toBeDisabled());
    await user.type(screen.getByTestId("tag-picker-search"), "展会{ArrowDown}{Enter}");
    expect(onConfirm).not.toHaveBeenCalled();
  });

  it("a_viewer_sees_every_tag_disabled_and_the_reason_once_on_top", async () => {
    vi.mocked(myRights).mockResolvedValue(viewer);
    const onConfirm = vi.fn();
    const { user } = renderWithProviders(<TagPicker nodes={nodes} onConfirm={onConfirm} />);
    expect(await screen.findByTestId("tag-picker-read-only")).toHaveTextContent("你在团队中心的角色是「只读」：可以查看，不能修改");
    for (const o of screen.getAllByTestId("tag-option")) expect(o).toBeDisabled();
    expect(screen.queryByTestId("tag-picker-locked"), "no group repeats it").toBeNull();
    await user.type(screen.getByTestId("tag-picker-search"), "{Enter}");
    expect(onConfirm).not.toHaveBeenCalled();
  });

  it("off_a_hub_every_tag_is_choosable", async () => {
    vi.mocked(myRights).mockResolvedValue(offHub);
    renderWithProviders(<TagPicker nodes={nodes} onConfirm={vi.fn()} />);
    await waitFor(() => expect(myRights).toHaveBeenCalled());
    for (const o of screen.getAllByTestId("tag-option")) expect(o).toBeEnabled();
    expect(screen.queryByTestId("tag-picker-locked")).toBeNull();
    expect(screen.queryByTestId("tag-picker-read-only")).toBeNull();
  });
});
