//! The note on a tag history entry, typed by the backend (`HistoryNote`), in the UI's language;
//! a note another program wrote is shown as it is.
import type { TFunction } from "i18next";
import type { HistoryNote } from "../../../lib/ipc";

/** The note in the current language, or null when there is none. */
export function noteText(t: TFunction, note: HistoryNote | null): string | null {
  if (note === null) return null;
  switch (note.type) {
    case "replaced":
      return t("historyNote.replaced");
    case "tag_deleted":
      return t("historyNote.tagDeleted");
    case "undo":
      return t("historyNote.undo", { batch: note.batch });
    case "merged_into":
      return t("historyNote.mergedInto", { tag: note.tag });
    case "merged_from":
      return t("historyNote.mergedFrom", { tag: note.tag });
    case "other":
      return note.text;
  }
}
