import { describe, expect, it } from "vitest";
import { loadColumns, normaliseColumns, saveColumns } from "./columns";
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

  it("unknown_or_damaged_choices_fall_back_safely", () => {
    expect(normaliseColumns(["nope", "city"])).toEqual(["name", "city"]);
    expect(loadColumns({ getItem: () => "{not json" })).toContain("tags");
  });
});
