//! Converts between a customer's attributes and the form's values, and finds which form field a
//! rejected save names.
import type { Attribute, Customer, CustomerInput, CustomField, CustomValue, IpcError } from "../../../lib/ipc";
import { CUSTOMER_ATTRIBUTES } from "../../../lib/ipc/attributes";
import { customKey, fieldByLabel, toCustomFormValues, toCustomValues, type CustomFormValues } from "../customFields";

/** An attribute the user enters (the table's rows with an import/profile name). */
type Entered = Extract<(typeof CUSTOMER_ATTRIBUTES)[number], { attribute: Attribute }>;
type TextAttribute = Extract<Entered, { kind: "text" | "date" }>;
type ChoiceAttribute = Extract<Entered, { kind: "choice" }>;
export type FormField = Entered["key"];
export type ChoiceField = ChoiceAttribute["key"];

/** Every attribute the form edits, in the attribute table's order. */
export const FORM_ATTRIBUTES: readonly Entered[] = CUSTOMER_ATTRIBUTES.filter((a): a is Entered => a.attribute !== null);
export const FORM_FIELDS: readonly FormField[] = FORM_ATTRIBUTES.map((a) => a.key);

// Birthday is kept as the "YYYY-MM-DD" text of a native date input: antd's DatePicker needs dayjs,
// which cannot load under Tauri's `freezePrototype` (it assigns `valueOf` on its prototype).
export const TEXT_FIELDS: readonly TextAttribute["key"][] = FORM_ATTRIBUTES.filter((a): a is TextAttribute => a.kind !== "choice").map((a) => a.key);

/** Attributes chosen from their fixed options, with those options. */
export const CHOICE_FIELDS: readonly ChoiceAttribute[] = FORM_ATTRIBUTES.filter((a): a is ChoiceAttribute => a.kind === "choice");

/** Where the words for a choice attribute's options are: `${OPTION_WORDS[key]}.${option}`. */
export const OPTION_WORDS = { customer_type: "customer.type", gender: "customer.gender" } as const satisfies Record<ChoiceField, string>;

export type FormValues = { [K in TextAttribute["key"]]?: string } & { [K in ChoiceField]?: string | null } & {
  custom?: CustomFormValues;
};

/** `fields` are the custom fields the form shows. */
export function toFormValues(c: Customer | null, fields: readonly CustomField[] = []): FormValues {
  if (c === null) return { custom: toCustomFormValues(fields, []) };
  const values: FormValues = { custom: toCustomFormValues(fields, c.custom) };
  for (const f of TEXT_FIELDS) values[f] = c[f] ?? "";
  for (const { key } of CHOICE_FIELDS) values[key] = c[key];
  return values;
}

const orNull = (v: string | null | undefined): string | null => {
  const s = (v ?? "").trim();
  return s === "" ? null : s;
};

/** `fields` are the custom fields on the form; `previous` values of other (archived) fields pass through. */
export function toCustomerInput(v: FormValues, fields: readonly CustomField[] = [], previous: readonly CustomValue[] = []): CustomerInput {
  return {
    name: (v.name ?? "").trim(),
    phone: orNull(v.phone),
    email: orNull(v.email),
    company: orNull(v.company),
    job_title: orNull(v.job_title),
    industry: orNull(v.industry),
    province: orNull(v.province),
    city: orNull(v.city),
    source: orNull(v.source),
    customer_type: orNull(v.customer_type),
    level: orNull(v.level),
    gender: orNull(v.gender),
    birthday: orNull(v.birthday),
    notes: orNull(v.notes),
    external_id: orNull(v.external_id),
    custom: toCustomValues(fields, v.custom, previous),
  };
}

export type FaultyField = FormField | ["custom", string];

/** The form field an `invalid` error names, if the form has it: a built-in by name, a custom field by label. */
export function faultyField(error: IpcError, fields: readonly CustomField[] = []): FaultyField | null {
  if (error.code !== "invalid" || error.field === null) return null;
  if ((FORM_FIELDS as readonly string[]).includes(error.field)) return error.field as FormField;
  const custom = fieldByLabel(fields, error.field);
  return custom === null ? null : ["custom", customKey(custom.id)];
}
