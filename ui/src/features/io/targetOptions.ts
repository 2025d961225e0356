//! The choices of the mapping menu: ignore, the tags column, then attributes, custom fields and groups.
import type { TFunction } from "i18next";
import type { CustomField, TagNode } from "../../lib/ipc";
import { ATTRIBUTES, targetKey } from "./spec";

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
  if (active.length > 0) {
    out.push({
      label: t("io.import.target.fields"),
      options: active.map((f) => ({ label: f.label, value: targetKey({ type: "custom_field", field_id: f.id }) })),
    });
  }
  if (groups.length > 0) {
    out.push({
      label: t("io.import.target.groups"),
      options: groups.map((g) => ({ label: t("io.import.target.group", { name: g.name }), value: targetKey({ type: "group", group_id: g.id }) })),
    });
  }
  return out;
}
