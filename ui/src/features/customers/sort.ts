//! Translates antd's column sorter into the backend's `CustomerSort` and back.
import type { CustomerSort, CustomerSortField } from "../../lib/ipc";

/** Columns of the customer table that the backend can sort by. */
export const SORTABLE_COLUMNS = [
  "name",
  "phone",
  "company",
  "city",
  "source",
  "level",
  "created_at",
] as const satisfies readonly CustomerSortField[];

export type SortOrder = "ascend" | "descend" | null;

/** The part of antd's `SorterResult` we read. */
export interface ColumnSorter {
  columnKey?: string | number | bigint;
  order?: SortOrder;
}

export function toCustomerSort(sorter: ColumnSorter | ColumnSorter[]): CustomerSort | null {
  const first = Array.isArray(sorter) ? sorter[0] : sorter;
  if (first === undefined || !first.order) return null;
  const field = SORTABLE_COLUMNS.find((f) => f === first.columnKey);
  return field === undefined ? null : { field, descending: first.order === "descend" };
}

export function sortOrderOf(sort: CustomerSort | null, field: CustomerSortField): SortOrder {
  if (sort === null || sort.field !== field) return null;
  return sort.descending ? "descend" : "ascend";
}
