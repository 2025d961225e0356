//! Every number a translation interpolates ({{count}}, {{total}} …) is written with the
//! language's thousands separators, so no sentence shows "3000 customers" beside a table's
//! "3,000": the wording files need no per-placeholder format, and a new key cannot forget one.
import type { FormatterModule } from "i18next";
import { formatNumber } from "../lib/format";

/** Formats numbers (bare `{{n}}` or `{{n, number}}`); any other value passes through unchanged. */
export const numberFormatter: FormatterModule = {
  type: "formatter",
  init: () => undefined,
  add: () => undefined,
  addCached: () => undefined,
  // Anything else goes back untouched (i18next still treats undefined as a missing value).
  format: (value, format, lng) =>
    typeof value === "number" && (format === undefined || format === "number") ? formatNumber(value, lng ?? "zh-CN") : value,
};
