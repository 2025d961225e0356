import { describe, expect, it } from "vitest";
import { sortOrderOf, toCustomerSort } from "./sort";

describe("customer sort", () => {
  it("a_descending_header_click_becomes_a_descending_backend_sort", () => {
    expect(toCustomerSort({ columnKey: "created_at", order: "descend" })).toEqual({
      field: "created_at",
      descending: true,
    });
  });

  it("clearing_the_sorter_or_an_unknown_column_means_no_sort", () => {
    expect(toCustomerSort({ columnKey: "name", order: null })).toBeNull();
    expect(toCustomerSort({ columnKey: "tags", order: "ascend" })).toBeNull();
    expect(toCustomerSort([])).toBeNull();
  });

  it("only_the_sorted_column_shows_an_order", () => {
    const sort = { field: "city" as const, descending: false };
    expect(sortOrderOf(sort, "city")).toBe("ascend");
    expect(sortOrderOf(sort, "name")).toBeNull();
  });
});
