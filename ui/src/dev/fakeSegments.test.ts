import { describe, expect, it } from "vitest";
import type { Condition, CustomerRow } from "../lib/ipc";
import { makeCustomers, TAGS } from "./fakeBackend";
import { createFakeSegments } from "./fakeSegments";

function fakeOf(n = 137) {
  let rows: CustomerRow[] = makeCustomers(n);
  return { fake: createFakeSegments({ customers: () => rows, setCustomers: (r) => (rows = r), tags: TAGS, now: 1_750_000_000 }), rows: () => rows };
}

const journey: Condition = {
  type: "or",
  children: [
    { type: "and", children: [{ type: "tag", tag_id: 6 }, { type: "field", field: "city", op: "eq", values: ["上海"] }] },
    { type: "not", child: { type: "tag", tag_id: 8 } },
  ],
};

describe("fake segment evaluator", () => {
  it("counts_a_nested_tree_and_each_of_its_nodes_like_a_brute_force_filter", () => {
    const { fake, rows } = fakeOf();
    const has = (c: CustomerRow, id: number) => c.tags.some((t) => t.id === id);
    const vipShanghai = rows().filter((c) => has(c, 6) && c.city === "上海").length;
    const notWechat = rows().filter((c) => !has(c, 8)).length;
    const expected = rows().filter((c) => (has(c, 6) && c.city === "上海") || !has(c, 8)).length;
    const result = fake.count(journey);
    expect(result.total).toBe(expected);
    expect(result.nodes.children[0]!.count).toBe(vipShanghai);
    expect(result.nodes.children[1]!.count).toBe(notWechat);
    expect(result.nodes.children[1]!.children).toHaveLength(1);
    expect(result.sample.length).toBe(10);
  });

  it("an_empty_and_is_everyone_and_an_empty_or_is_no_one", () => {
    const { fake } = fakeOf(20);
    expect(fake.count({ type: "and", children: [] }).total).toBe(20);
    expect(fake.count({ type: "or", children: [] }).total).toBe(0);
  });

  it("a_bad_value_is_reported_as_invalid_at_its_node_path", () => {
    const { fake } = fakeOf(5);
    const bad: Condition = { type: "and", children: [{ type: "tag", tag_id: 6 }, { type: "not", child: { type: "field", field: "created_at", op: "gt", values: ["soon"] } }] };
    expect(() => fake.count(bad)).toThrow(expect.objectContaining({ code: "invalid", field: "1.2.1" }) as unknown as Error);
  });

  it("a_static_segment_keeps_its_members_when_the_data_changes", () => {
    const { fake } = fakeOf(30);
    const id = fake.create({ name: "无微信群", kind: "static", condition: { type: "not", child: { type: "tag", tag_id: 8 } }, pinned: false });
    const before = fake.members({ source: { type: "segment", segment_id: id }, sort: null, offset: 0, limit: 100 }).total;
    fake.tag({ type: "condition", condition: { type: "and", children: [] } }, 8);
    expect(fake.count({ type: "not", child: { type: "tag", tag_id: 8 } }).total).toBe(0);
    expect(fake.members({ source: { type: "segment", segment_id: id }, sort: null, offset: 0, limit: 100 }).total).toBe(before);
  });
});
