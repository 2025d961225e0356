import type { RuleGroupType, RuleType } from "react-querybuilder";
import { describe, expect, it } from "vitest";
import type { Condition } from "../../../lib/ipc";
import { countAt, fromCondition, idMaker, toCondition } from "./convert";

/** The tree without ids, for comparing shapes. */
function shape(g: RuleGroupType | RuleType): unknown {
  if ("rules" in g) return { combinator: g.combinator, not: g.not ?? false, rules: g.rules.map((r) => (typeof r === "string" ? r : shape(r))) };
  return { field: g.field, operator: g.operator, value: g.value };
}

// (tag 1 AND city = 上海) OR NOT tag 2
const journey: Condition = {
  type: "or",
  children: [
    { type: "and", children: [{ type: "tag", tag_id: 1 }, { type: "field", field: "city", op: "eq", values: ["上海"] }] },
    { type: "not", child: { type: "tag", tag_id: 2 } },
  ],
};

const everyKind: Condition = {
  type: "and",
  children: [
    { type: "tags", tag_ids: [3, 4], mode: "all" },
    { type: "tags", tag_ids: [5], mode: "none" },
    { type: "group", group_id: 7, mode: "any" },
    { type: "field", field: "custom:3", op: "between", values: ["10", "20.5"] },
    { type: "field", field: "created_at", op: "within_last_days", values: ["30"] },
    { type: "field", field: "city", op: "in", values: ["上海", "杭州"] },
    { type: "field", field: "email", op: "is_empty", values: [] },
    {
      type: "event",
      kind: "visit",
      property: { key: "page", value: "pricing" },
      within_days: 30,
      measure: "count",
      cmp: "ge",
      value: 3,
      value2: null,
    },
    { type: "event", kind: "order", property: null, within_days: null, measure: "sum_amount", cmp: "between", value: 100, value2: 500 },
    { type: "score", cmp: "gt", value: 5, value2: null },
    { type: "segment", segment_id: 9 },
    { type: "not", child: { type: "or", children: [{ type: "tag", tag_id: 8 }, { type: "tag", tag_id: 9 }] } },
  ],
};

describe("builder ⇄ condition", () => {
  it("a_condition_survives_a_round_trip_through_the_builder", () => {
    for (const c of [journey, everyKind, { type: "and", children: [] } as Condition, { type: "or", children: [] } as Condition]) {
      const built = toCondition(fromCondition(c));
      expect(built.problems).toEqual([]);
      expect(built.condition).toEqual(c);
    }
  });

  it("a_builder_tree_survives_a_round_trip_through_the_condition", () => {
    const tree = fromCondition(everyKind, idMaker("a"));
    const again = fromCondition(toCondition(tree).condition, idMaker("b"));
    expect(shape(again)).toEqual(shape(tree));
  });

  it("a_not_group_with_one_rule_is_not_around_that_rule_and_keeps_its_paths", () => {
    const tree: RuleGroupType = {
      id: "root",
      combinator: "or",
      rules: [
        { id: "g1", combinator: "and", rules: [{ id: "r1", field: "tag", operator: "has", value: [1] }, { id: "r2", field: "attr:city", operator: "eq", value: ["上海"] }] },
        { id: "g2", combinator: "and", not: true, rules: [{ id: "r3", field: "tag", operator: "has", value: [2] }] },
      ],
    };
    const built = toCondition(tree);
    expect(built.condition).toEqual(journey);
    expect(Object.fromEntries(built.pathById)).toEqual({ root: "1", g1: "1.1", r1: "1.1.1", r2: "1.1.2", g2: "1.2", r3: "1.2.1" });
  });

  it("a_not_group_of_several_rules_answers_for_the_inner_group_path_too", () => {
    const tree: RuleGroupType = {
      id: "root",
      combinator: "and",
      not: true,
      rules: [{ id: "r1", field: "tag", operator: "has", value: [1] }, { id: "r2", field: "tag", operator: "has", value: [2] }],
    };
    const built = toCondition(tree);
    expect(built.condition).toEqual({ type: "not", child: { type: "and", children: [{ type: "tag", tag_id: 1 }, { type: "tag", tag_id: 2 }] } });
    expect(built.idByPath.get("1")).toBe("root");
    expect(built.idByPath.get("1.1")).toBe("root");
    expect(built.idByPath.get("1.1.2")).toBe("r2");
  });

  it("incomplete_rules_are_problems_named_by_rule_instead_of_conditions", () => {
    const tree: RuleGroupType = {
      id: "root",
      combinator: "and",
      rules: [
        { id: "t", field: "tag", operator: "any", value: [] },
        { id: "g", field: "group", operator: "any", value: null },
        { id: "e", field: "event", operator: "ge", value: { kind: "", withinDays: "30", measure: "count", value: "1" } },
        { id: "s", field: "score", operator: "between", value: ["1", ""] },
        { id: "d", field: "event", operator: "ge", value: { kind: "order", withinDays: "abc", measure: "count", value: "1" } },
      ],
    };
    expect(toCondition(tree).problems).toEqual([
      { id: "t", key: "chooseTags" },
      { id: "g", key: "chooseGroup" },
      { id: "e", key: "chooseEvent" },
      { id: "s", key: "number" },
      { id: "d", key: "days" },
    ]);
  });

  it("an_attribute_rule_sends_only_the_values_its_operator_takes", () => {
    const rule = (operator: string, value: string[]): RuleGroupType => ({ id: "r", combinator: "and", rules: [{ id: "x", field: "attr:city", operator, value }] });
    const values = (g: RuleGroupType) => {
      const c = toCondition(g).condition;
      return c.type === "and" && c.children[0]?.type === "field" ? c.children[0].values : null;
    };
    expect(values(rule("eq", ["上海", "杭州"]))).toEqual(["上海"]);
    expect(values(rule("is_empty", ["上海"]))).toEqual([]);
    expect(values(rule("in", ["上海", "", "杭州"]))).toEqual(["上海", "杭州"]);
  });

  it("a_bare_rule_at_the_root_is_wrapped_in_an_and_group", () => {
    const tree = fromCondition({ type: "tag", tag_id: 4 });
    expect(shape(tree)).toEqual({ combinator: "and", not: false, rules: [{ field: "tag", operator: "has", value: [4] }] });
  });

  it("counts_are_found_by_path", () => {
    const nodes = { count: 10, children: [{ count: 4, children: [] }, { count: 6, children: [{ count: 94, children: [] }] }] };
    expect(countAt(nodes, "1")).toBe(10);
    expect(countAt(nodes, "1.2.1")).toBe(94);
    expect(countAt(nodes, "1.3")).toBeUndefined();
  });
});
