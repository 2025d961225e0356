//! The customer export's choices as plain data: which customers (scope), which columns, and the
//! default column list; kept apart from the dialog so they can be tested alone.
import type { TFunction } from "i18next";
import type { CustomField } from "../../lib/ipc";
import type { ExportColumn, ExportScope } from "./api";
import { ATTRIBUTES } from "./spec";

export type ScopeKind = "everyone" | "matching" | "selection" | "segment";

/** One scope the dialog offers, with how many customers it holds when known. */
export interface ScopeChoice {
  kind: ScopeKind;
  scope: ExportScope;
  count: number | null;
}

/** A column as a checkbox value ("attribute:phone", "created_at", "custom_field:3") and back. */
export function columnKey(column: ExportColumn): string {
  switch (column.type) {
    case "attribute":
      return `attribute:${column.attribute}`;
    case "custom_field":
      return `custom_field:${column.field_id}`;
    default:
      return column.type;
  }
}

/** Every column that can be exported, in the order the file lists them. */
export function allColumns(fields: readonly CustomField[]): ExportColumn[] {
  return [
    ...ATTRIBUTES.map((attribute): ExportColumn => ({ type: "attribute", attribute })),
    { type: "created_at" },
    { type: "updated_at" },
    ...fields.filter((f) => !f.archived).map((f): ExportColumn => ({ type: "custom_field", field_id: f.id })),
  ];
}

/** What is ticked at first: everything but the update time. */
export function defaultColumnKeys(fields: readonly CustomField[]): string[] {
  return allColumns(fields)
    .filter((c) => c.type !== "updated_at")
    .map(columnKey);
}

/** The ticked keys as columns, in the file's order whatever order they were ticked in. */
export function chosenColumns(fields: readonly CustomField[], keys: readonly string[]): ExportColumn[] {
  return allColumns(fields).filter((c) => keys.includes(columnKey(c)));
}

export function columnLabel(t: TFunction, fields: readonly CustomField[], column: ExportColumn): string {
  switch (column.type) {
    case "attribute":
      return t(`customer.field.${column.attribute}`);
    case "created_at":
      return t("customers.col.created_at");
    case "updated_at":
      return t("customers.col.updated_at");
    case "custom_field":
      return fields.find((f) => f.id === column.field_id)?.label ?? String(column.field_id);
  }
}
