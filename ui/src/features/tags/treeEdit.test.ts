import { describe, expect, it } from "vitest";
import { tagNode } from "../../test/fixtures";
import { allowedActions, canContain, dropToMove } from "./treeEdit";

// 行为特征 (0) > 活跃度 (0) > 高活 (pos 0), 中活 (pos 1), 低活 (pos 2) ; 营销 (1) > 持有产品 (0)
const nodes = [
  tagNode(1, null, "行为特征", { kind: "category", position: 0 }),
  tagNode(2, null, "营销", { kind: "category", position: 1 }),
  tagNode(3, 1, "活跃度", { kind: "group", select_mode: "single", position: 0 }),
  tagNode(4, 3, "高活", { position: 0 }),
  tagNode(5, 3, "中活", { position: 1 }),
  tagNode(6, 3, "低活", { position: 2 }),
  tagNode(7, 2, "持有产品", { kind: "group", select_mode: "multi", position: 0 }),
];

describe("dropToMove", () => {
  it("dropping_onto_a_node_puts_the_dragged_node_first_inside_it", () => {
    expect(dropToMove({ dragId: 6, dropId: 7, dropPos: "0-1-0", dropPosition: 0, dropToGap: false }, nodes)).toEqual({
      id: 6,
      parentId: 7,
      position: 0,
    });
  });

  it("dropping_in_the_gap_before_a_sibling_takes_its_position", () => {
    // antd: the target 高活 is at index 0, "before" is reported as -1.
    expect(dropToMove({ dragId: 6, dropId: 4, dropPos: "0-0-0-0", dropPosition: -1, dropToGap: true }, nodes)).toEqual({
      id: 6,
      parentId: 3,
      position: 0,
    });
  });

  it("dropping_in_the_gap_after_a_node_goes_right_after_it_under_the_same_parent", () => {
    expect(dropToMove({ dragId: 4, dropId: 5, dropPos: "0-0-0-1", dropPosition: 2, dropToGap: true }, nodes)).toEqual({
      id: 4,
      parentId: 3,
      position: 2,
    });
  });

  it("dropping_after_a_top_level_node_moves_to_the_top_level", () => {
    expect(dropToMove({ dragId: 3, dropId: 2, dropPos: "0-1", dropPosition: 2, dropToGap: true }, nodes)).toEqual({
      id: 3,
      parentId: null,
      position: 2,
    });
  });

  it("dropping_a_node_on_itself_or_an_unknown_node_does_nothing", () => {
    expect(dropToMove({ dragId: 4, dropId: 4, dropPos: "0-0-0-0", dropPosition: 0, dropToGap: false }, nodes)).toBeNull();
    expect(dropToMove({ dragId: 4, dropId: 99, dropPos: "0-9", dropPosition: 0, dropToGap: false }, nodes)).toBeNull();
  });
});

describe("allowedActions", () => {
  const byName = (name: string) => nodes.find((n) => n.name === name)!;

  it("with_nothing_selected_only_top_level_categories_and_groups_can_be_created", () => {
    expect(allowedActions(null, nodes)).toEqual(["create-category", "create-group"]);
  });

  it("a_category_holds_categories_groups_and_tags_but_cannot_be_merged", () => {
    expect(allowedActions(byName("营销"), nodes)).toEqual([
      "create-category",
      "create-group",
      "create-tag",
      "rename",
      "archive",
      "delete",
    ]);
  });

  it("a_group_holds_only_tags", () => {
    expect(allowedActions(byName("活跃度"), nodes)).toEqual(["create-tag", "rename", "archive", "delete"]);
  });

  it("a_tag_can_be_merged_and_new_tags_go_beside_it", () => {
    expect(allowedActions(byName("高活"), nodes)).toEqual(["create-tag", "rename", "archive", "delete", "merge"]);
  });

  it("containment_follows_the_backend_rules", () => {
    expect(canContain("group", "category")).toBe(false);
    expect(canContain("tag", "tag")).toBe(false);
    expect(canContain(null, "tag")).toBe(false);
    expect(canContain("category", "group")).toBe(true);
  });
});
