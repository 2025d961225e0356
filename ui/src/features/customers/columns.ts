//! The customer list's columns: which exist, how wide, which sort on the backend, and which the
//! user chose to see (remembered in localStorage).
import type { CustomField, CustomerSortField } from "../../lib/ipc";
import { CUSTOMER_ATTRIBUTES } from "../../lib/ipc/attributes";

/** A custom field's column is keyed by the field's id. */
export type CustomColumnKey = `custom:${number}`;
export type BuiltInColumnKey = CustomerSortField | "tags";
export type ColumnKey = BuiltInColumnKey | CustomColumnKey;

export const CUSTOM_COLUMN_WIDTH = 140;

export const customColumnKey = (fieldId: number): CustomColumnKey => `custom:${fieldId}`;

/** The custom field id of a column key, or null for a built-in column. */
export function customFieldIdOf(key: string): number | null {
  const m = /^custom:(\d+)$/.exec(key);
  return m === null ? null : Number(m[1]);
}

export interface ColumnDef {
  key: BuiltInColumnKey;
  width: number;
  sortable: boolean;
}

// The default columns add up to 1,008 px with the check box: whole within a 1280 px window
// (menu and page padding take 232, the list's scrollbar ~15). An 11-digit phone needs ~116.
const WIDTHS: Record<BuiltInColumnKey, number> = {
  name: 120,
  phone: 124,
  email: 190,
  company: 150,
  industry: 100,
  province: 90,
  city: 80,
  source: 100,
  level: 70,
  tags: 220,
  created_at: 104,
  updated_at: 104,
};

/**
 * The attribute table's list columns in its order, sorting on the backend, with the tags after
 * the attributes a user enters and before the times the database keeps.
 */
export const COLUMNS: readonly ColumnDef[] = CUSTOMER_ATTRIBUTES.flatMap((a): ColumnDef[] => {
  if (a.sort === null) return [];
  const column = { key: a.sort, width: WIDTHS[a.sort], sortable: true };
  return a.key === "created_at" ? [{ key: "tags", width: WIDTHS.tags, sortable: false }, column] : [column];
});

export const DEFAULT_COLUMNS: readonly ColumnKey[] = ["name", "phone", "company", "city", "source", "level", "tags", "created_at"];

/** The name column opens the profile, so it cannot be hidden. */
export const FIXED_COLUMNS: readonly BuiltInColumnKey[] = ["name"];

const STORAGE_KEY = "tagdesk.customerColumns";

/** The saved choice, keeping only known columns, in the table's order; the default when nothing usable is saved. */
export function loadColumns(storage: Pick<Storage, "getItem"> = localStorage): ColumnKey[] {
  try {
    const raw = storage.getItem(STORAGE_KEY);
    if (raw !== null) {
      const saved: unknown = JSON.parse(raw);
      if (Array.isArray(saved)) return normaliseColumns(saved.filter((k): k is string => typeof k === "string"));
    }
  } catch {
    // A damaged entry is ignored: the default columns are shown.
  }
  return [...DEFAULT_COLUMNS];
}

export function saveColumns(keys: readonly ColumnKey[], storage: Pick<Storage, "setItem"> = localStorage): void {
  storage.setItem(STORAGE_KEY, JSON.stringify(keys));
}

/**
 * Known built-in columns in the table's order (the name always), then custom field columns in the
 * order chosen. Custom columns of fields since archived or deleted are kept here and skipped when shown.
 */
export function normaliseColumns(keys: readonly string[]): ColumnKey[] {
  const builtIn = COLUMNS.filter((c) => FIXED_COLUMNS.includes(c.key) || keys.includes(c.key)).map((c) => c.key);
  const custom = [...new Set(keys.filter((k) => customFieldIdOf(k) !== null))] as CustomColumnKey[];
  return [...builtIn, ...custom];
}

/** A column as the list draws it: a built-in one, or a custom field's (which sorts too). */
export type ShownColumn = (ColumnDef & { field?: undefined }) | { key: CustomColumnKey; width: number; sortable: true; field: CustomField };

/** The chosen columns that exist: built-ins in table order, then chosen custom fields in use, in settings order. */
export function shownColumns(keys: readonly ColumnKey[], fields: readonly CustomField[]): ShownColumn[] {
  const builtIn: ShownColumn[] = COLUMNS.filter((c) => keys.includes(c.key));
  const custom: ShownColumn[] = fields
    .filter((f) => keys.includes(customColumnKey(f.id)))
    .map((f) => ({ key: customColumnKey(f.id), width: CUSTOM_COLUMN_WIDTH, sortable: true, field: f }));
  return [...builtIn, ...custom];
}
