//! The customer list's columns: which exist, how wide, which sort on the backend, and which the
//! user chose to see (remembered in localStorage).
import type { CustomerSortField } from "../../lib/ipc";

export type ColumnKey = CustomerSortField | "tags";

export interface ColumnDef {
  key: ColumnKey;
  width: number;
  sortable: boolean;
}

export const COLUMNS: readonly ColumnDef[] = [
  { key: "name", width: 130, sortable: true },
  { key: "phone", width: 130, sortable: true },
  { key: "email", width: 190, sortable: true },
  { key: "company", width: 160, sortable: true },
  { key: "industry", width: 100, sortable: true },
  { key: "province", width: 90, sortable: true },
  { key: "city", width: 90, sortable: true },
  { key: "source", width: 100, sortable: true },
  { key: "level", width: 80, sortable: true },
  { key: "tags", width: 300, sortable: false },
  { key: "created_at", width: 110, sortable: true },
  { key: "updated_at", width: 110, sortable: true },
];

export const DEFAULT_COLUMNS: readonly ColumnKey[] = ["name", "phone", "company", "city", "source", "level", "tags", "created_at"];

/** The name column opens the profile, so it cannot be hidden. */
export const FIXED_COLUMNS: readonly ColumnKey[] = ["name"];

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

export function normaliseColumns(keys: readonly string[]): ColumnKey[] {
  return COLUMNS.filter((c) => FIXED_COLUMNS.includes(c.key) || keys.includes(c.key)).map((c) => c.key);
}
