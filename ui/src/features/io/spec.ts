//! The wizard's choices as plain data, and the pure steps from a preview plus the user's edits to
//! the `ImportSpec` the backend reads; kept apart from the components so they can be tested alone.
import { CUSTOMER_ATTRIBUTES } from "../../lib/ipc/attributes";
import type { Attribute, ColumnTarget, ImportPreview, ImportSpec, ImportWhat, InFileDuplicates, KeylessRows, MatchBy, MergePolicy, UnknownTags } from "./api";

/** The attributes a column can fill, in the order the mapping menu lists them: the attribute table's. */
export const ATTRIBUTES: readonly Attribute[] = CUSTOMER_ATTRIBUTES.flatMap((a) => (a.attribute === null ? [] : [a.attribute]));

/** The attributes that find an event's customer. */
export const KEY_ATTRIBUTES: readonly Attribute[] = ["phone", "email", "external_id"];

/** What the user has chosen so far; `null` means "let the backend decide / suggest". */
export interface ImportEdits {
  /** Customers or events. */
  what: ImportWhat;
  /** Events: one kind for every row (the file has no kind column). */
  fixed_kind: string | null;
  /** Events: declare kinds the file names that are not declared yet, instead of rejecting their rows. */
  create_kinds: boolean;
  /** Events: import rows that repeat an earlier row of the file (two identical orders), or leave them out. */
  in_file_duplicates: InFileDuplicates;
  sheet: string | null;
  encoding: string | null;
  header_row: number | null;
  /** The mapping by column position; `null` until the user changes one (the suggestions apply). */
  columns: ColumnTarget[] | null;
  match_by: MatchBy;
  policy: MergePolicy;
  unknown_tags: UnknownTags;
  /** Customers: rows without a phone, email or external id are added (matched by name next time) or skipped. */
  keyless: KeylessRows;
  /** The saved template the user picked for this file (one matched by headers shows in the preview). */
  template: number | null;
}

export const DEFAULT_EDITS: ImportEdits = {
  what: "customers",
  fixed_kind: null,
  create_kinds: false,
  in_file_duplicates: "keep",
  sheet: null,
  encoding: null,
  header_row: null,
  columns: null,
  match_by: "phone",
  policy: "fill_empty",
  unknown_tags: { type: "reject" },
  keyless: "add",
  template: null,
};

/** The spec for a path and the user's edits. */
export function buildSpec(path: string, edits: ImportEdits): ImportSpec {
  return {
    path,
    read: { sheet: edits.sheet, encoding: edits.encoding },
    header_row: edits.header_row,
    columns: edits.columns ?? [],
    match_by: edits.match_by,
    policy: edits.policy,
    unknown_tags: edits.unknown_tags,
    keyless: edits.keyless,
    what: edits.what,
    events: { fixed_kind: edits.fixed_kind, create_kinds: edits.create_kinds, in_file_duplicates: edits.in_file_duplicates },
  };
}

/** Switching between customers and events starts the mapping over; events always find a customer. */
export function setWhat(edits: ImportEdits, what: ImportWhat): ImportEdits {
  const match_by = what === "events" && edits.match_by === "nothing" ? "phone" : edits.match_by;
  return { ...edits, what, match_by, columns: null, template: null };
}

/** The mapping shown for a preview: one target per header, the user's where set, else the preview's. */
export function currentColumns(preview: ImportPreview, edits: ImportEdits): ColumnTarget[] {
  const source = edits.columns ?? preview.columns;
  return preview.headers.map((_, i) => source[i] ?? { type: "ignore" });
}

/** The edits after pointing column `index` at `target`; the other columns keep what is shown. */
export function setColumn(preview: ImportPreview, edits: ImportEdits, index: number, target: ColumnTarget): ImportEdits {
  const columns = currentColumns(preview, edits);
  columns[index] = target;
  return { ...edits, columns };
}

/** Changing what is read (sheet, encoding, header row) changes the headers, so the mapping starts over. */
export function setReading(edits: ImportEdits, change: Partial<Pick<ImportEdits, "sheet" | "encoding" | "header_row">>): ImportEdits {
  return { ...edits, ...change, columns: null, template: null };
}

/** A column target as a Select value ("attribute:phone", "group:12") and back. */
export function targetKey(target: ColumnTarget): string {
  switch (target.type) {
    case "ignore":
    case "tags":
      return target.type;
    case "attribute":
      return `attribute:${target.attribute}`;
    case "custom_field":
      return `custom_field:${target.field_id}`;
    case "group":
      return `group:${target.group_id}`;
    case "event_kind":
    case "event_time":
    case "event_amount":
    case "event_id":
      return target.type;
    case "event_property":
      return `event_property:${target.key}`;
  }
}

export function targetFromKey(key: string): ColumnTarget {
  const colon = key.indexOf(":");
  const type = colon < 0 ? key : key.slice(0, colon);
  // Everything after the first colon: a property key may itself contain colons.
  const arg = colon < 0 ? "" : key.slice(colon + 1);
  switch (type) {
    case "event_kind":
    case "event_time":
    case "event_amount":
    case "event_id":
      return { type };
    case "event_property":
      return arg.trim() === "" ? { type: "ignore" } : { type: "event_property", key: arg };
    case "tags":
      return { type: "tags" };
    case "attribute": {
      const attribute = ATTRIBUTES.find((a) => a === arg);
      return attribute === undefined ? { type: "ignore" } : { type: "attribute", attribute };
    }
    case "custom_field":
      return { type: "custom_field", field_id: Number(arg) };
    case "group":
      return { type: "group", group_id: Number(arg) };
    default:
      return { type: "ignore" };
  }
}

/** The first few non-empty values of a column in the sample, for the mapping table. */
export function sampleValues(preview: ImportPreview, index: number, count = 3): string[] {
  return preview.sample
    .map((r) => r.cells[index] ?? "")
    .filter((v) => v.trim() !== "")
    .slice(0, count);
}

/** Whether the file is read as delimited text, where an encoding can be chosen. */
export function isDelimited(path: string): boolean {
  return /\.(csv|tsv|txt)$/i.test(path);
}

/** The template whose mapping is shown: the one picked, else the one the backend applied by headers. */
export function shownTemplate(preview: ImportPreview, edits: ImportEdits): number | null {
  if (edits.template !== null) return edits.template;
  return edits.columns === null ? (preview.template?.id ?? null) : null;
}
