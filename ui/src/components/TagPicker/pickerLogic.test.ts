import { describe, expect, it } from "vitest";
import { tagNode } from "../../test/fixtures";
import { assignableGroups, currentTagsOf, filterGroups, findOption, wouldReplace } from "./pickerLogic";

// 销售 > 跟进状态 (single) > 待唤醒, 待邀约 ; 销售 > 商机 (multi) > 预算充足, 旧标签 (archived) ; 销售 > 直挂标签
const nodes = [
  tagNode(1, null, "销售", { kind: "category" }),
  tagNode(2, 1, "跟进状态", { kind: "group", select_mode: "single" }),
  tagNode(3, 1, "商机", { kind: "group", select_mode: "multi" }),
  tagNode(4, 2, "待唤醒"),
  tagNode(5, 2, "待邀约"),
  tagNode(6, 3, "预算充足"),
  tagNode(7, 3, "旧标签", { archived: true }),
  tagNode(8, 1, "直挂标签"),
];

const names = (groups: ReturnType<typeof assignableGroups>) => groups.map((g) => [g.path, g.options.map((o) => o.name)]);

describe("assignableGroups", () => {
  it("lists_unarchived_tags_under_their_full_group_path_in_tree_order", () => {
    expect(names(assignableGroups(nodes))).toEqual([
      ["销售 / 跟进状态", ["待唤醒", "待邀约"]],
      ["销售 / 商机", ["预算充足"]],
      ["销售", ["直挂标签"]],
    ]);
  });

  it("marks_single_select_groups_only", () => {
    expect(assignableGroups(nodes).map((g) => g.singleSelect)).toEqual([true, false, false]);
  });

  it("leaves_out_excluded_tags", () => {
    expect(names(assignableGroups(nodes, [4, 6]))).toEqual([
      ["销售 / 跟进状态", ["待邀约"]],
      ["销售", ["直挂标签"]],
    ]);
  });
});

describe("filterGroups", () => {
  const groups = assignableGroups(nodes);

  it("a_tag_name_fragment_keeps_only_matching_tags", () => {
    expect(names(filterGroups(groups, "邀约"))).toEqual([["销售 / 跟进状态", ["待邀约"]]]);
  });

  it("a_group_name_keeps_the_whole_group", () => {
    expect(names(filterGroups(groups, "商机"))).toEqual([["销售 / 商机", ["预算充足"]]]);
  });

  it("no_match_leaves_nothing_and_blank_leaves_everything", () => {
    expect(filterGroups(groups, "不存在")).toEqual([]);
    expect(filterGroups(groups, "  ")).toHaveLength(3);
  });
});

describe("wouldReplace", () => {
  const groups = assignableGroups(nodes);
  const current = [
    { id: 4, name: "待唤醒", parentId: 2 },
    { id: 6, name: "预算充足", parentId: 3 },
  ];

  it("picking_a_single_select_tag_replaces_the_customers_tag_of_that_group", () => {
    expect(wouldReplace(findOption(groups, 5)!, groups, current).map((c) => c.name)).toEqual(["待唤醒"]);
  });

  it("picking_the_tag_already_held_or_a_multi_select_tag_replaces_nothing", () => {
    expect(wouldReplace(findOption(groups, 4)!, groups, current)).toEqual([]);
    expect(wouldReplace(findOption(groups, 6)!, groups, current)).toEqual([]);
  });

  it("reads_a_profiles_groups_as_current_tags", () => {
    const tag = { id: 4, name: "待唤醒", color: "#000", source: "manual" as const, rule_name: null, actor: "me", at: 0 };
    expect(currentTagsOf([{ group_id: 2, path: "销售 / 跟进状态", select_mode: "single", tags: [tag] }])).toEqual([
      { id: 4, name: "待唤醒", parentId: 2 },
    ]);
  });
});
