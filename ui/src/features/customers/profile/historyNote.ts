//! The note on a tag history entry is a code (`replaced`, `undo:<batch>`, `merged_into:<tag>`,
//! `merged_from:<tag>`, `tag_deleted`) so each language words it; an unknown code is shown as it is.
import type { TFunction } from "i18next";

export type NoteText =
  | { key: "historyNote.replaced" | "historyNote.tagDeleted" }
  | { key: "historyNote.undo"; batch: string }
  | { key: "historyNote.mergedInto" | "historyNote.mergedFrom"; tag: string }
  | { raw: string };

/** What a note says, or null when there is none. */
export function parseNote(note: string | null): NoteText | null {
  if (note === null || note.trim() === "") return null;
  if (note === "replaced") return { key: "historyNote.replaced" };
  if (note === "tag_deleted") return { key: "historyNote.tagDeleted" };
  const colon = note.indexOf(":");
  if (colon > 0) {
    const code = note.slice(0, colon);
    // A tag name may itself contain a colon: everything after the first one is the argument.
    const arg = note.slice(colon + 1);
    if (arg !== "") {
      if (code === "undo" && /^\d+$/.test(arg)) return { key: "historyNote.undo", batch: arg };
      if (code === "merged_into") return { key: "historyNote.mergedInto", tag: arg };
      if (code === "merged_from") return { key: "historyNote.mergedFrom", tag: arg };
    }
  }
  return { raw: note };
}

/** The note in the current language. */
export function noteText(t: TFunction, note: string | null): string | null {
  const parsed = parseNote(note);
  if (parsed === null) return null;
  if ("raw" in parsed) return parsed.raw;
  switch (parsed.key) {
    case "historyNote.undo":
      return t(parsed.key, { batch: parsed.batch });
    case "historyNote.mergedInto":
    case "historyNote.mergedFrom":
      return t(parsed.key, { tag: parsed.tag });
    default:
      return t(parsed.key);
  }
}
