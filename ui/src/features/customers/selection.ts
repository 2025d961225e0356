//! Which customers a bulk action applies to: rows picked one by one, or everyone matching the query.
import type { CustomerQuery, ExportScope, TagTarget } from "../../lib/ipc";
import type { ListQuery } from "../../lib/queryKeys";

export type Selection = { mode: "ids"; ids: ReadonlySet<number> } | { mode: "matching" };

export const NOTHING: Selection = { mode: "ids", ids: new Set() };

export function selectedCount(selection: Selection, total: number): number {
  return selection.mode === "matching" ? total : selection.ids.size;
}

export function isSelected(selection: Selection, id: number): boolean {
  return selection.mode === "matching" || selection.ids.has(id);
}

export function toggle(selection: Selection, id: number, loadedIds: readonly number[]): Selection {
  // Unticking one row out of "all matching" keeps the rows on screen, minus that one.
  const ids = new Set(selection.mode === "matching" ? loadedIds : selection.ids);
  if (ids.has(id)) ids.delete(id);
  else ids.add(id);
  return { mode: "ids", ids };
}

/** The header checkbox: ticks every loaded row, or clears when they all are ticked already. */
export function toggleLoaded(selection: Selection, loadedIds: readonly number[]): Selection {
  if (selection.mode === "matching") return NOTHING;
  const all = loadedIds.length > 0 && loadedIds.every((id) => selection.ids.has(id));
  return all ? NOTHING : { mode: "ids", ids: new Set([...selection.ids, ...loadedIds]) };
}

/** What the backend is told to change. Paging is ignored by the backend for "matching". */
export function toTarget(selection: Selection, query: ListQuery): TagTarget {
  if (selection.mode === "ids") return { type: "customers", ids: [...selection.ids] };
  const full: CustomerQuery = { ...query, offset: 0, limit: 500 };
  return { type: "matching", query: full };
}

/** The same customers as an export scope: the ids picked, or the query for "all matching". */
export function toExportScope(selection: Selection, query: ListQuery): ExportScope {
  if (selection.mode === "ids") return { type: "customers", ids: [...selection.ids] };
  return { type: "matching", query: { ...query, offset: 0, limit: 0 } };
}
