import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { tagsCloseNames, tagsCreate, tagsDelete, tagsMerge, tagsTree, tagsUpdate } from "../../lib/ipc";
import { tagNode } from "../../test/fixtures";
import { renderWithProviders } from "../../test/render";
import { TagsPage } from "./TagsPage";

const tree = {
  total_customers: 200,
  nodes: [
    tagNode(1, null, "客户属性", { kind: "category", customer_count: null }),
    tagNode(2, 1, "客户等级", {
      kind: "group",
      select_mode: "single",
      customer_count: 150,
      meaning: "按年消费划分的客户等级",
      owner: "销售部",
    }),
    tagNode(3, 2, "VIP", { customer_count: 50, effective_color: "#fa541c" }),
    tagNode(4, 2, "普通", { customer_count: 100 }),
    tagNode(5, null, "RFM", { kind: "group", select_mode: "single", origin: "automatic", customer_count: 0 }),
  ],
};

const node = (name: string) => {
  const found = screen.getAllByTestId("tag-node").find((el) => el.getAttribute("data-name") === name);
  if (found === undefined) throw new Error(`no tag node named ${name}`);
  return found;
};

describe("TagsPage", () => {
  it("shows_every_node_expanded_with_count_coverage_and_badges", async () => {
    vi.mocked(tagsTree).mockResolvedValue(tree);
    renderWithProviders(<TagsPage />);
    await screen.findByTestId("tag-tree");
    expect(screen.getAllByTestId("tag-node")).toHaveLength(5);
    expect(within(node("VIP")).getByTestId("tag-count")).toHaveTextContent("50");
    expect(node("VIP")).toHaveTextContent("25%");
    expect(node("客户等级")).toHaveTextContent("单选");
    expect(node("RFM")).toHaveTextContent("自动");
    expect(within(node("客户属性")).queryByTestId("tag-count"), "categories carry no count").toBeNull();
  });

  it("search_keeps_matching_nodes_and_their_ancestors_only", async () => {
    vi.mocked(tagsTree).mockResolvedValue(tree);
    const { user } = renderWithProviders(<TagsPage />);
    await screen.findByTestId("tag-tree");
    await user.type(screen.getByTestId("tag-search"), "vip");
    const names = screen.getAllByTestId("tag-node").map((el) => el.getAttribute("data-name"));
    expect(names).toEqual(["客户属性", "客户等级", "VIP"]);
  });

  it("selecting_a_node_shows_its_dictionary_entry", async () => {
    vi.mocked(tagsTree).mockResolvedValue(tree);
    const { user } = renderWithProviders(<TagsPage />);
    await screen.findByTestId("tag-tree");
    expect(screen.getByText("选择左侧的节点查看词典信息")).toBeInTheDocument();
    await user.click(node("客户等级"));
    const details = screen.getByTestId("tag-details");
    expect(screen.getByTestId("dict-meaning")).toHaveValue("按年消费划分的客户等级");
    expect(screen.getByTestId("dict-owner")).toHaveValue("销售部");
    expect(details).toHaveTextContent("75%");
  });

  it("saving_the_dictionary_sends_the_edited_fields_and_an_inherited_colour_as_null", async () => {
    vi.mocked(tagsTree).mockResolvedValue(tree);
    vi.mocked(tagsUpdate).mockResolvedValue(null);
    const { user } = renderWithProviders(<TagsPage />);
    await screen.findByTestId("tag-tree");
    await user.click(node("客户等级"));
    await user.clear(screen.getByTestId("dict-owner"));
    await user.type(screen.getByTestId("dict-owner"), "运营部");
    await user.click(screen.getByTestId("dict-save"));
    await waitFor(() => expect(tagsUpdate).toHaveBeenCalled());
    expect(vi.mocked(tagsUpdate).mock.calls[0]).toEqual([
      2,
      expect.objectContaining({ name: "客户等级", owner: "运营部", select_mode: "single", color: null, scope: null }),
    ]);
  });

  it("a_tag_in_use_is_not_deleted_silently_but_offers_merge_or_delete_anyway", async () => {
    vi.mocked(tagsTree).mockResolvedValue(tree);
    vi.mocked(tagsDelete).mockImplementation(async (_id, force) => {
      if (!force) throw { code: "in_use", problem: { code: "tag_in_use", name: "VIP", customers: 50 }, message: "in use", path: null, field: "tag" };
      return 50;
    });
    const { user } = renderWithProviders(<TagsPage />);
    await screen.findByTestId("tag-tree");
    await user.click(node("VIP"));
    await user.click(screen.getByTestId("tag-delete"));
    // One dialog: VIP is carried by 50 customers, so merge and delete are offered at once.
    expect(await screen.findByTestId("delete-in-use")).toBeInTheDocument();
    expect(screen.queryByTestId("delete-ok")).not.toBeInTheDocument();
    expect(screen.getByTestId("delete-merge")).toBeDisabled();
    await user.click(screen.getByTestId("delete-force"));
    await waitFor(() => expect(tagsDelete).toHaveBeenLastCalledWith(3, true));
    expect(await screen.findByTestId("tag-notice")).toHaveTextContent("已删除「VIP」，移除了 50 个分配");
  });

  it("actions_follow_the_kind_of_the_selected_node", async () => {
    vi.mocked(tagsTree).mockResolvedValue(tree);
    const { user } = renderWithProviders(<TagsPage />);
    await screen.findByTestId("tag-tree");
    expect(screen.getByTestId("tag-create-category")).toBeEnabled();
    expect(screen.getByTestId("tag-merge")).toBeDisabled();
    await user.click(node("客户等级"));
    expect(screen.getByTestId("tag-create-group"), "a group holds only tags").toBeDisabled();
    expect(screen.getByTestId("tag-create-tag")).toBeEnabled();
    await user.click(node("VIP"));
    expect(screen.getByTestId("tag-merge")).toBeEnabled();
  });

  it("deleting_a_tag_in_use_can_merge_it_into_a_chosen_tag_from_the_same_dialog", async () => {
    vi.mocked(tagsTree).mockResolvedValue(tree);
    vi.mocked(tagsMerge).mockResolvedValue({ moved: 50, collapsed: 0, rewritten: 0 });
    const { user } = renderWithProviders(<TagsPage />);
    await screen.findByTestId("tag-tree");
    await user.click(node("VIP"));
    await user.click(screen.getByTestId("tag-delete"));
    const target = await screen.findByTestId("delete-merge-target");
    fireEvent.mouseDown(target.querySelector(".ant-select-content, .ant-select-selector") ?? target);
    await user.click(await screen.findByTitle("客户等级 / 普通"));
    await user.click(screen.getByTestId("delete-merge"));
    await waitFor(() => expect(tagsMerge).toHaveBeenCalledWith([3], 4));
    expect(tagsDelete).not.toHaveBeenCalled();
    expect(await screen.findByTestId("tag-notice")).toHaveTextContent("已把「VIP」合并到「普通」，转移了 50 个分配");
  });

  it("new_tag_disabled_says_to_select_a_group_first", async () => {
    vi.mocked(tagsTree).mockResolvedValue(tree);
    const { user } = renderWithProviders(<TagsPage />);
    await screen.findByTestId("tag-tree");
    const create = screen.getByTestId("tag-create-tag");
    expect(create).toBeDisabled();
    await user.hover(screen.getByTestId("tag-create-tag-why"));
    expect(await screen.findByText("先在树中选择一个标签组（或组里的一个标签），新标签会建在这个组里")).toBeInTheDocument();

    await user.click(node("客户等级"));
    expect(screen.getByTestId("tag-create-tag")).toBeEnabled();
    await user.hover(screen.getByTestId("tag-create-category-why"));
    expect(await screen.findByText("标签组里只能建标签：选择一个分类，或不选任何节点在顶层新建")).toBeInTheDocument();
  });

  it("a_new_name_close_to_a_siblings_warns_and_links_to_the_existing_tag", async () => {
    vi.mocked(tagsTree).mockResolvedValue(tree);
    vi.mocked(tagsCloseNames).mockImplementation(async (parent, name) =>
      parent === 2 && name === "ＶＩＰ" ? [{ id: 3, name: "VIP", closeness: "same" }] : parent === 2 && name === "VIP客户" ? [{ id: 3, name: "VIP", closeness: "contains" }] : [],
    );
    vi.mocked(tagsCreate).mockResolvedValue(9);
    const { user } = renderWithProviders(<TagsPage />);
    await screen.findByTestId("tag-tree");
    await user.click(node("客户等级"));
    await user.click(screen.getByTestId("tag-create-tag"));
    await user.type(await screen.findByTestId("node-name-input"), "VIP客户");
    const warning = await screen.findByTestId("close-names");
    expect(warning).toHaveTextContent("与「VIP」互相包含");
    expect(within(warning).getByTestId("close-name")).toHaveAttribute("data-closeness", "contains");
    expect(tagsCloseNames).toHaveBeenLastCalledWith(2, "VIP客户", null);

    await user.click(within(warning).getByTestId("close-name-open"));
    await waitFor(() => expect(node("VIP").closest(".ant-tree-treenode")).toHaveClass("ant-tree-treenode-selected"));
    expect(tagsCreate, "showing the existing tag creates nothing").not.toHaveBeenCalled();
  });
});
