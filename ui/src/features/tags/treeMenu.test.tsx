import { fireEvent, screen, waitFor } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { healthWhereUsed, tagsArchive, tagsMove, tagsTree } from "../../lib/ipc";
import { tagNode } from "../../test/fixtures";
import { renderWithProviders } from "../../test/render";
import { OpenCustomersContext } from "../shell/navigation";
import { moveTargets } from "./moveTargets";
import { TagsPage } from "./TagsPage";

const nodes = [
  tagNode(1, null, "客户属性", { kind: "category", customer_count: null }),
  tagNode(2, 1, "客户等级", { kind: "group", select_mode: "single", customer_count: 150 }),
  tagNode(3, 2, "VIP", { customer_count: 50, effective_color: "#fa541c" }),
  tagNode(4, 2, "普通", { customer_count: 100 }),
  tagNode(5, null, "渠道", { kind: "group", select_mode: "multi", customer_count: 0 }),
];

function renderTree() {
  vi.mocked(tagsTree).mockResolvedValue({ total_customers: 200, nodes });
  const openCustomers = vi.fn();
  const rendered = renderWithProviders(
    <OpenCustomersContext.Provider value={openCustomers}>
      <TagsPage />
    </OpenCustomersContext.Provider>,
  );
  return { ...rendered, openCustomers };
}

async function rightClick(name: string) {
  await screen.findByTestId("tag-tree");
  const node = screen.getAllByTestId("tag-node").find((el) => el.getAttribute("data-name") === name)!;
  fireEvent.contextMenu(node);
}

const menuKeys = async () => (await screen.findAllByTestId(/^menu-tag-/)).map((el) => el.getAttribute("data-testid")?.replace("menu-tag-", ""));

describe("tag tree right-click menu", () => {
  it("a_tag_offers_show_customers_rename_move_archive_merge_and_delete", async () => {
    renderTree();
    await rightClick("VIP");
    expect(await menuKeys()).toEqual(["customers", "rename", "move", "archive", "merge", "delete"]);
  });

  it("a_category_offers_to_add_each_kind_of_child_and_no_merge", async () => {
    renderTree();
    await rightClick("客户属性");
    expect(await menuKeys()).toEqual(["rename", "add-category", "add-group", "add-tag", "move", "archive", "delete"]);
  });

  it("rename_opens_the_name_dialog_for_that_node", async () => {
    const { user } = renderTree();
    await rightClick("普通");
    await user.click(await screen.findByTestId("menu-tag-rename"));
    expect(await screen.findByTestId("node-name-input")).toHaveValue("普通");
  });

  it("show_customers_opens_the_customer_list_filtered_by_the_tag", async () => {
    const { user, openCustomers } = renderTree();
    await rightClick("VIP");
    await user.click(await screen.findByTestId("menu-tag-customers"));
    expect(openCustomers).toHaveBeenCalledWith({ id: 3, name: "VIP", color: "#fa541c" });
  });

  it("archive_runs_the_toolbars_archive", async () => {
    vi.mocked(tagsArchive).mockResolvedValue(null);
    const { user } = renderTree();
    await rightClick("普通");
    await user.click(await screen.findByTestId("menu-tag-archive"));
    await waitFor(() => expect(tagsArchive).toHaveBeenCalledWith(4, true));
    expect(await screen.findByTestId("tag-notice")).toHaveTextContent("普通");
  });

  it("archiving_a_tag_a_segment_uses_names_the_segment_and_asks_first", async () => {
    vi.mocked(tagsArchive).mockResolvedValue(null);
    vi.mocked(healthWhereUsed).mockResolvedValue({ node_id: 4, segments: [{ id: 7, name: "沉睡老客" }], boards: [], rules: [], import_templates: [], weights: [] });
    const { user } = renderTree();
    await rightClick("普通");
    await user.click(await screen.findByTestId("menu-tag-archive"));
    expect(await screen.findByTestId("where-used")).toHaveTextContent("沉睡老客");
    expect(tagsArchive).not.toHaveBeenCalled();
    await user.click(screen.getByTestId("archive-used-ok"));
    await waitFor(() => expect(tagsArchive).toHaveBeenCalledWith(4, true));
  });

  it("move_puts_the_node_at_the_end_of_the_chosen_parent", async () => {
    vi.mocked(tagsMove).mockResolvedValue(null);
    const { user } = renderTree();
    await rightClick("VIP");
    await user.click(await screen.findByTestId("menu-tag-move"));
    await user.click(await screen.findByRole("combobox"));
    await user.click(await screen.findByTitle("渠道"));
    await user.click(screen.getByTestId("tag-move-ok"));
    await waitFor(() => expect(tagsMove).toHaveBeenCalledWith(3, 5, 0));
  });
});

describe("moveTargets", () => {
  it("offers_places_that_may_hold_the_kind_but_not_its_own_subtree_or_current_parent", () => {
    expect(moveTargets(nodes[2]!, nodes).map((m) => m.parentId)).toEqual([1, 5]);
    expect(moveTargets(nodes[1]!, nodes).map((m) => m.path), "a group moves to the top level, not into itself").toEqual([""]);
    expect(moveTargets(nodes[0]!, nodes), "a top-level category has nowhere else to go").toEqual([]);
  });
});
