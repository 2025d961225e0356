//! Who made a change, as shown. When the user has set no name (and the system has none), the
//! core records the stored word "本机用户" (Desk::actor); it stays as stored in the database, and
//! every place that shows an author words it in the current language instead.
import type { TFunction } from "i18next";

/** The author the core records for a user without a name (src-tauri/core/src/desk/mod.rs). */
export const DEFAULT_AUTHOR = "本机用户";

/** A stored author name for display: the default author in the UI's words, anyone else as stored. */
export function authorName(t: TFunction, stored: string): string {
  return stored === DEFAULT_AUTHOR ? t("author.thisComputer") : stored;
}

/** The user's own name as typed into a field: empty for the default author, which is no name. */
export function typedName(stored: string): string {
  return stored === DEFAULT_AUTHOR ? "" : stored;
}
