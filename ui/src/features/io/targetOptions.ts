//! The choices of the mapping menu: for customers ignore, the tags column, then attributes, custom fields and
//! groups; for events the customer key, the event parts and its properties.
import type { TFunction } from "i18next";
import type { CustomField, TagNode } from "../../lib/ipc";
import { ATTRIBUTES, KEY_ATTRIBUTES, targetKey } from "./spec";

/** The menu value that opens the new-custom-field form instead of mapping the column. */
export const NEW_FIELD = "new_field";

export interface TargetOption {
  label: string;
  value?: string;
  options?: { label: string; value: string }[];
}

export function targetOptions(t: TFunction, fields: readonly CustomField[], nodes: readonly TagNode[]): TargetOption[] {
  const groups = nodes.filter((n) => n.kind === "group" && !n.archived);
  const active = fields.filter((f) => !f.archived);
  const out: TargetOption[] = [
    { label: t("io.import.target.ignore"), value: targetKey({ type: "ignore" }) },
    { label: t("io.import.target.tags"), value: targetKey({ type: "tags" }) },
    {
      label: t("io.import.target.attributes"),
      options: ATTRIBUTES.map((a) => ({ label: t(`customer.field.${a}`), value: targetKey({ type: "attribute", attribute: a }) })),
    },
  ];
  out.push({
    label: t("io.import.target.fields"),
    options: [
      ...active.map((f) => ({ label: f.label, value: targetKey({ type: "custom_field", field_id: f.id }) })),
      { label: t("io.import.target.newField"), value: NEW_FIELD },
    ],
  });
  if (groups.length > 0) {
    out.push({
      label: t("io.import.target.groups"),
      options: groups.map((g) => ({ label: t("io.import.target.group", { name: g.name }), value: targetKey({ type: "group", group_id: g.id }) })),
    });
  }
  return out;
}

/**
 * The choices for an events file: ignore, the customer key, the event's kind, time, amount and order id,
 * then a property per column header (stored under that header) and per declared property key.
 */
export function eventTargetOptions(t: TFunction, headers: readonly string[], declared: readonly string[]): TargetOption[] {
  const keys = [...new Set([...headers.map((h) => h.trim()), ...declared])].filter((k) => k !== "");
  return [
    { label: t("io.import.target.ignore"), value: targetKey({ type: "ignore" }) },
    {
      label: t("io.import.target.customerKey"),
      options: KEY_ATTRIBUTES.map((a) => ({ label: t(`customer.field.${a}`), value: targetKey({ type: "attribute", attribute: a }) })),
    },
    {
      label: t("io.import.target.event"),
      options: [
        { label: t("io.import.target.eventKind"), value: targetKey({ type: "event_kind" }) },
        { label: t("io.import.target.eventTime"), value: targetKey({ type: "event_time" }) },
        { label: t("io.import.target.eventAmount"), value: targetKey({ type: "event_amount" }) },
        { label: t("io.import.target.eventId"), value: targetKey({ type: "event_id" }) },
      ],
    },
    {
      label: t("io.import.target.eventProperties"),
      options: keys.map((key) => ({ label: t("io.import.target.eventProperty", { key }), value: targetKey({ type: "event_property", key }) })),
    },
  ];
}
