import { describe, expect, it } from "vitest";
import { tagNode } from "../../test/fixtures";
import { buildTree, filterTree, parentIds, type TagTreeItem } from "./buildTree";

// 客户属性 > 客户等级 > (VIP, 普通) ; 客户属性 > 来源 > (微信群) ; 行为 > 活跃
const nodes = [
  tagNode(1, null, "客户属性", { kind: "category" }),
  tagNode(2, null, "行为", { kind: "category" }),
  tagNode(3, 1, "客户等级", { kind: "group", select_mode: "single" }),
  tagNode(4, 1, "来源", { kind: "group", select_mode: "single" }),
  tagNode(5, 2, "活跃"),
  tagNode(6, 3, "VIP"),
  tagNode(7, 3, "普通"),
  tagNode(8, 4, "微信群"),
];

/** The tree as nested names, easy to compare. */
type Shape = [string, Shape[]];
const shape = (items: TagTreeItem[]): Shape[] => items.map((i) => [i.node.name, shape(i.children)]);

describe("buildTree", () => {
  it("nests_children_under_their_parents_in_input_order", () => {
    expect(shape(buildTree(nodes))).toEqual([
      [
        "客户属性",
        [
          ["客户等级", [["VIP", []], ["普通", []]]],
          ["来源", [["微信群", []]]],
        ],
      ],
      ["行为", [["活跃", []]]],
    ]);
  });

  it("a_node_with_an_unknown_parent_becomes_a_root_instead_of_disappearing", () => {
    const tree = buildTree([tagNode(1, null, "A"), tagNode(2, 99, "orphan")]);
    expect(shape(tree)).toEqual([
      ["A", []],
      ["orphan", []],
    ]);
  });

  it("a_parent_loop_does_not_recurse_forever_or_lose_nodes", () => {
    const tree = buildTree([tagNode(1, 2, "A"), tagNode(2, 1, "B"), tagNode(3, 1, "C")]);
    expect(shape(tree)).toEqual([
      ["A", [["C", []]]],
      ["B", []],
    ]);
  });

  it("every_node_with_children_is_expandable", () => {
    expect(parentIds(buildTree(nodes)).sort()).toEqual([1, 2, 3, 4]);
  });
});

describe("filterTree", () => {
  const tree = buildTree(nodes);

  it("a_matching_leaf_keeps_its_ancestors_and_drops_unrelated_branches", () => {
    expect(shape(filterTree(tree, "vip"))).toEqual([["客户属性", [["客户等级", [["VIP", []]]]]]]);
  });

  it("a_matching_group_keeps_all_of_its_tags", () => {
    expect(shape(filterTree(tree, "来源"))).toEqual([["客户属性", [["来源", [["微信群", []]]]]]]);
  });

  it("an_empty_query_keeps_everything_and_no_match_keeps_nothing", () => {
    expect(shape(filterTree(tree, "  "))).toEqual(shape(tree));
    expect(filterTree(tree, "不存在")).toEqual([]);
  });
});
