//! Clicking a column header cycles its sort: ascending, descending, then back to the default order.
import type { CustomerSort, CustomerSortField } from "../../lib/ipc";

export function nextSort(current: CustomerSort | null, field: CustomerSortField): CustomerSort | null {
  if (current === null || current.field !== field) return { field, descending: false, custom_field_id: null };
  if (!current.descending) return { field, descending: true, custom_field_id: null };
  return null;
}

export type SortOrder = "ascend" | "descend" | null;

export function sortOrderOf(sort: CustomerSort | null, field: CustomerSortField): SortOrder {
  if (sort === null || sort.field !== field) return null;
  return sort.descending ? "descend" : "ascend";
}
