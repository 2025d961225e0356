//! Converts between a customer's attributes and the form's values, and finds which form field a
//! rejected save names.
import type { Customer, CustomerInput, CustomField, CustomValue, IpcError } from "../../../lib/ipc";
import { customKey, fieldByLabel, toCustomFormValues, toCustomValues, type CustomFormValues } from "../customFields";

// Birthday is kept as the "YYYY-MM-DD" text of a native date input: antd's DatePicker needs dayjs,
// which cannot load under Tauri's `freezePrototype` (it assigns `valueOf` on its prototype).
export const TEXT_FIELDS = [
  "name",
  "phone",
  "email",
  "company",
  "job_title",
  "industry",
  "province",
  "city",
  "source",
  "level",
  "notes",
  "external_id",
  "birthday",
] as const;

export const FORM_FIELDS = [...TEXT_FIELDS, "customer_type", "gender"] as const;
export type FormField = (typeof FORM_FIELDS)[number];

export type FormValues = { [K in (typeof TEXT_FIELDS)[number]]?: string } & {
  customer_type?: string | null;
  gender?: string | null;
  custom?: CustomFormValues;
};

/** `fields` are the custom fields the form shows. */
export function toFormValues(c: Customer | null, fields: readonly CustomField[] = []): FormValues {
  if (c === null) return { custom: toCustomFormValues(fields, []) };
  const values: FormValues = { custom: toCustomFormValues(fields, c.custom) };
  for (const f of TEXT_FIELDS) values[f] = c[f] ?? "";
  values.customer_type = c.customer_type;
  values.gender = c.gender;
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
