//! Clicking a column header cycles its sort: ascending, descending, then back to the default order.
//! A custom field's column sorts by `custom_field_id`; its `field` is then ignored by the backend and set to "name".
import type { CustomerSort, CustomerSortField } from "../../lib/ipc";

/** What a header sorts by: a built-in field, or a custom field by id. */
export type SortTarget = CustomerSortField | { customFieldId: number };

const sortFor = (target: SortTarget, descending: boolean): CustomerSort =>
  typeof target === "string"
    ? { field: target, descending, custom_field_id: null }
    : { field: "name", descending, custom_field_id: target.customFieldId };

function sortsBy(sort: CustomerSort, target: SortTarget): boolean {
  if (typeof target === "string") return sort.custom_field_id === null && sort.field === target;
  return sort.custom_field_id === target.customFieldId;
}

export function nextSort(current: CustomerSort | null, target: SortTarget): CustomerSort | null {
  if (current === null || !sortsBy(current, target)) return sortFor(target, false);
  if (!current.descending) return sortFor(target, true);
  return null;
}

export type SortOrder = "ascend" | "descend" | null;

export function sortOrderOf(sort: CustomerSort | null, target: SortTarget): SortOrder {
  if (sort === null || !sortsBy(sort, target)) return null;
  return sort.descending ? "descend" : "ascend";
}
