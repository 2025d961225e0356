import { describe, expect, it } from "vitest";
import type { ImportPreview } from "./api";
import { buildSpec, currentColumns, DEFAULT_EDITS, setColumn, setReading, setWhat, shownTemplate, targetFromKey, targetKey } from "./spec";

const preview: ImportPreview = {
  sheets: ["Sheet1"],
  sheet: "Sheet1",
  encoding: null,
  header_row: 1,
  headers: ["姓名", "手机", "微信", "备注"],
  suggested: [
    { type: "attribute", attribute: "name" },
    { type: "attribute", attribute: "phone" },
    { type: "ignore" },
  ],
  columns: [
    { type: "attribute", attribute: "name" },
    { type: "attribute", attribute: "phone" },
    { type: "ignore" },
  ],
  template: null,
  sample: [],
  problems: [],
  problem_count: 0,
  summary: { new: 0, updated: 0, unchanged: 0, rejected: 0, duplicates_in_file: 0, skipped: 0, keyless: 0 },
  kinds_to_create: [],
  unmapped: null,
};

describe("import spec", () => {
  it("a_fresh_spec_asks_the_backend_to_suggest_everything", () => {
    expect(buildSpec("/tmp/a.xlsx", DEFAULT_EDITS)).toEqual({
      path: "/tmp/a.xlsx",
      read: { sheet: null, encoding: null },
      header_row: null,
      columns: [],
      match_by: "phone",
      policy: "fill_empty",
      unknown_tags: { type: "reject" },
      keyless: "add",
      what: "customers",
      events: { fixed_kind: null, create_kinds: false, in_file_duplicates: "keep" },
    });
  });

  it("switching_to_events_starts_the_mapping_over_and_always_matches_customers", () => {
    const mapped = setColumn(preview, { ...DEFAULT_EDITS, match_by: "nothing" }, 0, { type: "attribute", attribute: "name" });
    const events = setWhat({ ...mapped, fixed_kind: "下单", create_kinds: true }, "events");
    expect(events.columns).toBeNull();
    expect(events.match_by).toBe("phone");
    expect(buildSpec("/tmp/e.csv", events)).toMatchObject({ what: "events", events: { fixed_kind: "下单", create_kinds: true } });
  });

  it("event_targets_round_trip_through_select_keys_even_with_colons_in_a_property", () => {
    for (const target of [
      { type: "event_kind" },
      { type: "event_time" },
      { type: "event_amount" },
      { type: "event_id" },
      { type: "event_property", key: "utm:source" },
    ] as const) {
      expect(targetFromKey(targetKey(target))).toEqual(target);
    }
    expect(targetFromKey("event_property:")).toEqual({ type: "ignore" });
  });

  it("changing_one_column_sends_the_whole_mapping_padded_to_every_header", () => {
    const edits = setColumn(preview, DEFAULT_EDITS, 3, { type: "attribute", attribute: "notes" });
    expect(buildSpec("/tmp/a.xlsx", edits).columns).toEqual([
      { type: "attribute", attribute: "name" },
      { type: "attribute", attribute: "phone" },
      { type: "ignore" },
      { type: "attribute", attribute: "notes" },
    ]);
  });

  it("later_edits_keep_earlier_column_choices", () => {
    const first = setColumn(preview, DEFAULT_EDITS, 2, { type: "group", group_id: 7 });
    const second = setColumn(preview, first, 0, { type: "ignore" });
    expect(currentColumns(preview, second).slice(0, 3)).toEqual([{ type: "ignore" }, { type: "attribute", attribute: "phone" }, { type: "group", group_id: 7 }]);
  });

  it("changing_the_sheet_encoding_or_header_row_drops_the_mapping_for_new_suggestions", () => {
    const mapped = setColumn(preview, DEFAULT_EDITS, 0, { type: "tags" });
    const spec = buildSpec("/tmp/a.csv", setReading({ ...mapped, match_by: "email", policy: "skip" }, { encoding: "gbk", header_row: 2 }));
    expect(spec.columns, "old columns do not describe the new headers").toEqual([]);
    expect(spec.read).toEqual({ sheet: null, encoding: "gbk" });
    expect(spec.header_row).toBe(2);
    expect(spec.match_by).toBe("email");
    expect(spec.policy).toBe("skip");
  });

  it("select_keys_round_trip_every_kind_of_target", () => {
    for (const target of [
      { type: "ignore" },
      { type: "tags" },
      { type: "attribute", attribute: "external_id" },
      { type: "custom_field", field_id: 12 },
      { type: "group", group_id: 3 },
    ] as const) {
      expect(targetFromKey(targetKey(target))).toEqual(target);
    }
    expect(targetFromKey("attribute:nonsense")).toEqual({ type: "ignore" });
  });

  it("the_template_shown_is_the_one_picked_else_the_one_the_backend_matched_until_the_mapping_is_edited", () => {
    const matched = { ...preview, template: { id: 4, name: "会员月报" } };
    expect(shownTemplate(matched, DEFAULT_EDITS)).toBe(4);
    expect(shownTemplate(matched, setColumn(matched, DEFAULT_EDITS, 0, { type: "ignore" }))).toBeNull();
    expect(shownTemplate(preview, { ...DEFAULT_EDITS, template: 7, columns: [] })).toBe(7);
    expect(setReading({ ...DEFAULT_EDITS, template: 7 }, { sheet: "二月" }).template).toBeNull();
  });
});
