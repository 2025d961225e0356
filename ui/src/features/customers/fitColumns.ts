//! Fitting the customer list's columns to the window: a column has the width it likes and the
//! width below which its title or typical value stops reading. When the list is narrower than the
//! widths it likes (1024 px windows), every column gives up width in proportion to what it can
//! spare; when wider, the tags column takes the rest, where more chips then show.
import type { BuiltInColumnKey, ShownColumn } from "./columns";

/** The check box column, always first. */
export const CHECK_WIDTH = 40;

// Below these a column's title (in either language) or typical value is cut: a whole 11-digit
// phone needs ~116, a date ~104 (02/28/2026 in English), "Company" with the sort mark ~92.
const MIN_WIDTH: Record<BuiltInColumnKey, number> = {
  name: 92,
  phone: 116,
  email: 140,
  company: 100,
  industry: 84,
  province: 76,
  city: 64,
  source: 76,
  level: 64,
  tags: 96,
  created_at: 104,
  updated_at: 104,
};
const CUSTOM_MIN_WIDTH = 96;

const minWidth = (c: ShownColumn) => (c.field !== undefined ? CUSTOM_MIN_WIDTH : MIN_WIDTH[c.key]);

/** Each shown column's width for a list `available` px wide inside (null: not measured yet). */
export function fitColumns(columns: readonly ShownColumn[], available: number | null): number[] {
  const liked = columns.map((c) => c.width);
  if (available === null) return liked;
  const room = available - CHECK_WIDTH;
  const total = liked.reduce((a, b) => a + b, 0);
  if (total <= room) {
    const tags = columns.findIndex((c) => c.key === "tags");
    if (tags >= 0) liked[tags] = liked[tags]! + room - total;
    return liked;
  }
  const mins = columns.map(minWidth);
  const spare = liked.reduce((sum, w, i) => sum + Math.max(0, w - mins[i]!), 0);
  const need = total - room;
  // Narrower than every minimum together: the list scrolls sideways rather than cut titles.
  if (spare <= need) return liked.map((w, i) => Math.min(w, mins[i]!));
  return liked.map((w, i) => Math.floor(w - (Math.max(0, w - mins[i]!) * need) / spare));
}
