import { fireEvent, screen, waitFor } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { myRights, tagsTree } from "../../lib/ipc";
import { tagNode } from "../../test/fixtures";
import { renderWithProviders } from "../../test/render";
import { editorOf, offHub, viewer } from "../../test/rights";
import { TagsPage } from "./TagsPage";

const tree = {
  total_customers: 20,
  nodes: [
    tagNode(1, null, "营销", { kind: "category", customer_count: null }),
    tagNode(2, 1, "活动渠道", { kind: "group", select_mode: "multi", customer_count: null }),
    tagNode(3, 1, "跟进状态", { kind: "group", select_mode: "single", customer_count: 5 }),
    tagNode(4, 2, "展会", { customer_count: 3 }),
    tagNode(6, 3, "待唤醒", { customer_count: 5 }),
  ],
};

const MARKETING = "此分组由市场部负责，只有该部门的成员、管理员和所有者可以修改";
const node = (name: string) => screen.getAllByTestId("tag-node").find((el) => el.getAttribute("data-name") === name)!;

describe("TagsPage under the team hub's rights", () => {
  it("an_editor_cannot_change_a_tag_of_another_departments_group_and_is_told_who_owns_it", async () => {
    vi.mocked(myRights).mockResolvedValue(editorOf("销售部", [{ group_id: 2, department: "市场部" }]));
    vi.mocked(tagsTree).mockResolvedValue(tree);
    const { user } = renderWithProviders(<TagsPage />);
    await screen.findByTestId("tag-tree");
    await user.click(node("展会"));
    await waitFor(() => expect(screen.getByTestId("tag-rename")).toBeDisabled());
    for (const id of ["tag-create-tag", "tag-archive", "tag-merge", "tag-delete"]) expect(screen.getByTestId(id), id).toBeDisabled();
    expect(screen.getByTestId("dict-refused")).toHaveTextContent(MARKETING);
    expect(screen.getByTestId("dict-save")).toBeDisabled();
    await user.hover(screen.getByTestId("tag-rename-why"));
    expect(await screen.findByRole("tooltip")).toHaveTextContent(MARKETING);

    await user.click(node("待唤醒"));
    expect(screen.getByTestId("tag-rename"), "the editor's own groups stay open").toBeEnabled();
    expect(screen.getByTestId("tag-delete")).toBeEnabled();
    expect(screen.queryByTestId("dict-refused")).toBeNull();
  });

  it("the_right_click_menu_of_a_locked_group_offers_only_showing", async () => {
    vi.mocked(myRights).mockResolvedValue(editorOf("销售部", [{ group_id: 2, department: "市场部" }]));
    vi.mocked(tagsTree).mockResolvedValue(tree);
    renderWithProviders(<TagsPage />);
    await screen.findByTestId("tag-tree");
    await waitFor(() => expect(myRights).toHaveBeenCalled());
    fireEvent.contextMenu(node("展会"));
    const item = (key: string) => screen.getByTestId(`menu-tag-${key}`).closest("li") ?? screen.getByTestId(`menu-tag-${key}`);
    await waitFor(() => expect(item("rename")).toHaveAttribute("aria-disabled", "true"));
    expect(item("delete")).toHaveAttribute("aria-disabled", "true");
    expect(item("customers")).not.toHaveAttribute("aria-disabled", "true");
  });

  it("a_category_holding_another_departments_group_cannot_be_moved_but_may_be_renamed", async () => {
    vi.mocked(myRights).mockResolvedValue(editorOf("销售部", [{ group_id: 2, department: "市场部" }]));
    vi.mocked(tagsTree).mockResolvedValue(tree);
    renderWithProviders(<TagsPage />);
    await screen.findByTestId("tag-tree");
    await waitFor(() => expect(myRights).toHaveBeenCalled());
    fireEvent.contextMenu(node("营销"));
    const item = (key: string) => screen.getByTestId(`menu-tag-${key}`).closest("li") ?? screen.getByTestId(`menu-tag-${key}`);
    await waitFor(() => expect(item("move")).toHaveAttribute("aria-disabled", "true"));
    expect(screen.getByTestId("menu-tag-move").closest("[title]")).toHaveAttribute("title", MARKETING);
    expect(item("rename")).not.toHaveAttribute("aria-disabled", "true");
  });

  it("a_viewer_can_create_nothing_even_with_nothing_selected", async () => {
    vi.mocked(myRights).mockResolvedValue(viewer);
    vi.mocked(tagsTree).mockResolvedValue(tree);
    const { user } = renderWithProviders(<TagsPage />);
    await screen.findByTestId("tag-tree");
    await waitFor(() => expect(screen.getByTestId("tag-create-category")).toBeDisabled());
    await user.hover(screen.getByTestId("tag-create-category-why"));
    expect(await screen.findByRole("tooltip")).toHaveTextContent("你在团队中心的角色是「只读」：可以查看，不能修改");
  });

  it("off_a_hub_creating_at_the_top_is_allowed", async () => {
    vi.mocked(myRights).mockResolvedValue(offHub);
    vi.mocked(tagsTree).mockResolvedValue(tree);
    renderWithProviders(<TagsPage />);
    await screen.findByTestId("tag-tree");
    await waitFor(() => expect(myRights).toHaveBeenCalled());
    expect(screen.getByTestId("tag-create-category")).toBeEnabled();
  });
});
