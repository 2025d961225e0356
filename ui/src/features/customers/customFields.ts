//! Custom fields on the customer side: which are in use, how a stored value (always text; a
//! multi-choice value is a JSON array) becomes a form value or list text, and back.
import type { CustomField, CustomValue } from "../../lib/ipc";

/** A form value of a custom field: text for most kinds, a list for multi-choice. */
export type CustomFormValue = string | string[] | undefined | null;

/** The fields a customer form and the column chooser offer: not archived, in the settings' order. */
export function activeFields(fields: readonly CustomField[] | undefined): CustomField[] {
  return (fields ?? []).filter((f) => !f.archived).sort((a, b) => a.position - b.position || a.id - b.id);
}

/** The form's key for a field; not a bare number, which antd would read as an array index. */
export const customKey = (fieldId: number): string => `f${fieldId}`;

export function storedValue(values: readonly CustomValue[], fieldId: number): string {
  return values.find((v) => v.field_id === fieldId)?.value ?? "";
}

/** The options of a multi-choice value; a plain text value (entered before the field changed kind) is one option. */
export function parseMulti(stored: string): string[] {
  if (stored.trim() === "") return [];
  try {
    const parsed: unknown = JSON.parse(stored);
    if (Array.isArray(parsed)) return parsed.map((x) => String(x));
  } catch {
    // Not JSON: kept as a single option below.
  }
  return [stored];
}

export function toFormValue(field: CustomField, stored: string): CustomFormValue {
  if (field.kind === "multi_choice") return parseMulti(stored);
  if (field.kind === "single_choice") return stored === "" ? undefined : stored;
  return stored;
}

export function fromFormValue(field: CustomField, value: CustomFormValue): string {
  if (field.kind === "multi_choice") {
    const list = (Array.isArray(value) ? value : value ? [value] : []).filter((v) => v !== "");
    return list.length === 0 ? "" : JSON.stringify(list);
  }
  if (Array.isArray(value)) return value.join(",");
  return (value ?? "").trim();
}

export type CustomFormValues = Record<string, CustomFormValue>;

export function toCustomFormValues(fields: readonly CustomField[], values: readonly CustomValue[]): CustomFormValues {
  const out: CustomFormValues = {};
  for (const f of fields) out[customKey(f.id)] = toFormValue(f, storedValue(values, f.id));
  return out;
}

/**
 * The `custom` of a save: one entry per field on the form (empty clears it), and the customer's
 * values of fields not on the form (archived ones) passed through unchanged.
 */
export function toCustomValues(
  fields: readonly CustomField[],
  form: CustomFormValues | undefined,
  previous: readonly CustomValue[],
): CustomValue[] {
  const shown = new Set(fields.map((f) => f.id));
  const kept = previous.filter((v) => !shown.has(v.field_id));
  return [...kept, ...fields.map((f) => ({ field_id: f.id, value: fromFormValue(f, form?.[customKey(f.id)]) }))];
}

/** Is this text a number the backend will take? Empty is fine (it clears the field). */
export function isNumberText(text: string): boolean {
  const s = text.trim();
  return s === "" || (/^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/.test(s) && Number.isFinite(Number(s)));
}

/** How a value reads in a list cell: multi-choice options joined with `separator`. */
export function displayValue(field: CustomField, stored: string, separator: string): string {
  return field.kind === "multi_choice" ? parseMulti(stored).join(separator) : stored;
}

/** The field a rejected save names: the backend names custom fields by their label. */
export function fieldByLabel(fields: readonly CustomField[], name: string | null): CustomField | null {
  if (name === null) return null;
  return fields.find((f) => f.label === name) ?? null;
}
