import { describe, expect, it } from "vitest";
import { tagNode } from "../../test/fixtures";
import { moveRefusal } from "./useTreeRights";

// 营销 / 线上 / 活动渠道 (locked) · 营销 / 跟进状态 (open) · 销售 (open, nothing locked)
const nodes = [
  tagNode(1, null, "营销", { kind: "category" }),
  tagNode(5, 1, "线上", { kind: "category" }),
  tagNode(2, 5, "活动渠道", { kind: "group" }),
  tagNode(3, 1, "跟进状态", { kind: "group" }),
  tagNode(4, 2, "展会"),
  tagNode(6, 3, "待唤醒"),
  tagNode(7, null, "销售", { kind: "category" }),
];
const locked = (node: { id: number; parent_id: number | null }) => (node.id === 2 || node.parent_id === 2 ? "市场部" : null);

describe("moveRefusal", () => {
  it("a_category_holding_a_locked_group_at_any_depth_is_refused_with_that_groups_reason", () => {
    expect(moveRefusal(nodes[0]!, nodes, locked)).toBe("市场部");
    expect(moveRefusal(nodes[1]!, nodes, locked)).toBe("市场部");
  });

  it("a_locked_group_or_its_tag_is_refused_as_before_and_open_nodes_are_not", () => {
    expect(moveRefusal(nodes[2]!, nodes, locked)).toBe("市场部");
    expect(moveRefusal(nodes[4]!, nodes, locked)).toBe("市场部");
    expect(moveRefusal(nodes[3]!, nodes, locked)).toBeNull();
    expect(moveRefusal(nodes[6]!, nodes, locked)).toBeNull();
  });
});
