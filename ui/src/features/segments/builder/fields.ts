//! The field list the builder offers, labelled in the UI's language and grouped: tags, then
//! attributes and custom fields from the catalog, then behaviour, score and segments.
import type { TFunction } from "i18next";
import type { OptionGroup } from "react-querybuilder";
import type { ConditionField } from "../../../lib/ipc";
import { attrField, EVENT_FIELD, GROUP_FIELD, SCORE_FIELD, SEGMENT_FIELD, TAG_FIELD } from "./ruleModel";

export type BuilderField = {
  name: string;
  value: string;
  label: string;
  /** The catalog entry of an attribute field. */
  attr?: ConditionField;
};

/** A built-in field's label; custom fields carry their own. */
export function attrLabel(t: TFunction, field: ConditionField): string {
  return field.label ?? t(`segments.field.${field.key}` as "segments.field.name", { defaultValue: field.key });
}

export function builderFields(t: TFunction, catalog: readonly ConditionField[]): OptionGroup<BuilderField>[] {
  const f = (name: string, label: string, attr?: ConditionField): BuilderField => ({ name, value: name, label, attr });
  const active = catalog.filter((c) => !c.archived);
  const builtIn = active.filter((c) => c.label === null);
  const custom = active.filter((c) => c.label !== null);
  const groups: OptionGroup<BuilderField>[] = [
    { label: t("segments.fieldGroup.tags"), options: [f(TAG_FIELD, t("segments.ruleField.tag")), f(GROUP_FIELD, t("segments.ruleField.group"))] },
    { label: t("segments.fieldGroup.attributes"), options: builtIn.map((c) => f(attrField(c.key), attrLabel(t, c), c)) },
  ];
  if (custom.length > 0) groups.push({ label: t("segments.fieldGroup.custom"), options: custom.map((c) => f(attrField(c.key), attrLabel(t, c), c)) });
  groups.push({
    label: t("segments.fieldGroup.other"),
    options: [f(EVENT_FIELD, t("segments.ruleField.event")), f(SCORE_FIELD, t("segments.ruleField.score")), f(SEGMENT_FIELD, t("segments.ruleField.segment"))],
  });
  return groups;
}
