//! The operators offered for each rule field, labelled in the UI's language.
import type { TFunction } from "i18next";
import type { ConditionField } from "../../../lib/ipc";
import { attrKeyOf, CMP_OPERATORS, EVENT_FIELD, fieldOperators, GROUP_FIELD, GROUP_OPERATORS, SCORE_FIELD, SEGMENT_FIELD, SEGMENT_OPERATORS, TAG_FIELD, TAG_OPERATORS } from "./ruleModel";

type Op = { name: string; value: string; label: string };

export function operatorOptions(t: TFunction, field: string, catalog: readonly ConditionField[]): Op[] {
  const op = (name: string, key: string): Op => ({ name, value: name, label: t(key as "segments.op.eq") });
  switch (field) {
    case TAG_FIELD:
      return TAG_OPERATORS.map((o) => op(o, `segments.tagOp.${o}`));
    case GROUP_FIELD:
      return GROUP_OPERATORS.map((o) => op(o, `segments.groupOp.${o}`));
    case SEGMENT_FIELD:
      return SEGMENT_OPERATORS.map((o) => op(o, `segments.segmentOp.${o}`));
    case EVENT_FIELD:
    case SCORE_FIELD:
      return CMP_OPERATORS.map((o) => op(o, `segments.op.${o}`));
  }
  const key = attrKeyOf(field);
  const kind = catalog.find((f) => f.key === key)?.kind;
  if (kind === undefined) return [];
  return fieldOperators(kind).map((o) => op(o, `segments.op.${o}`));
}
