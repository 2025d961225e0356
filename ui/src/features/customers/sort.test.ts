import { describe, expect, it } from "vitest";
import { customField } from "../../test/fixtures";
import { loadColumns, normaliseColumns, saveColumns, shownColumns } from "./columns";
import { nextSort, sortOrderOf } from "./sort";

describe("customer sort", () => {
  it("clicking_a_header_sorts_ascending_then_descending_then_not_at_all", () => {
    const asc = nextSort(null, "phone");
    expect(asc).toEqual({ field: "phone", descending: false, custom_field_id: null });
    const desc = nextSort(asc, "phone");
    expect(desc).toEqual({ field: "phone", descending: true, custom_field_id: null });
    expect(nextSort(desc, "phone")).toBeNull();
  });

  it("clicking_another_header_starts_that_column_ascending", () => {
    expect(nextSort({ field: "name", descending: true, custom_field_id: null }, "city")).toEqual({ field: "city", descending: false, custom_field_id: null });
  });

  it("a_custom_field_column_sorts_by_the_field_id", () => {
    const asc = nextSort({ field: "city", descending: false, custom_field_id: null }, { customFieldId: 5 });
    expect(asc).toEqual({ field: "name", descending: false, custom_field_id: 5 });
    expect(sortOrderOf(asc, { customFieldId: 5 })).toBe("ascend");
    expect(sortOrderOf(asc, "name"), "the name column is not the one sorted").toBeNull();
    expect(sortOrderOf(asc, { customFieldId: 6 })).toBeNull();
    const desc = nextSort(asc, { customFieldId: 5 });
    expect(desc).toEqual({ field: "name", descending: true, custom_field_id: 5 });
    expect(nextSort(desc, { customFieldId: 5 })).toBeNull();
    expect(nextSort(desc, "name")).toEqual({ field: "name", descending: false, custom_field_id: null });
  });

  it("only_the_sorted_column_shows_an_order", () => {
    const sort = { field: "city" as const, descending: false, custom_field_id: null };
    expect(sortOrderOf(sort, "city")).toBe("ascend");
    expect(sortOrderOf(sort, "name")).toBeNull();
  });
});

describe("column choice", () => {
  it("a_saved_choice_is_read_back_in_table_order_and_always_keeps_the_name", () => {
    const store = new Map<string, string>();
    const storage = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) };
    saveColumns(["updated_at", "email"], storage);
    expect(loadColumns(storage)).toEqual(["name", "email", "updated_at"]);
  });

  it("custom_field_columns_are_remembered_and_shown_after_the_built_in_ones_while_the_field_is_in_use", () => {
    expect(normaliseColumns(["custom:5", "city", "custom:2", "custom:5"])).toEqual(["name", "city", "custom:5", "custom:2"]);
    const budget = customField(5, "预算", "number");
    const shown = shownColumns(["name", "custom:5", "custom:2", "tags"], [budget]);
    expect(shown.map((c) => c.key)).toEqual(["name", "tags", "custom:5"]);
    expect(shown[2]?.field).toBe(budget);
  });

  it("unknown_or_damaged_choices_fall_back_safely", () => {
    expect(normaliseColumns(["nope", "city"])).toEqual(["name", "city"]);
    expect(loadColumns({ getItem: () => "{not json" })).toContain("tags");
  });
});
