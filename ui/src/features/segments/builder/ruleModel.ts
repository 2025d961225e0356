//! The builder's vocabulary: which react-querybuilder fields exist (tags, tag groups, every
//! catalog field, events, score, segments), which operators each kind of field offers, and the
//! shape of each rule's value. Pure, so the converter and its tests need no React.
import type { Cmp, ConditionField, EventMeasure, FieldOp, SetMode, ValueKind } from "../../../lib/ipc";

/** A rule on the tags a customer carries: one tag (`has`) or a set (`any`/`all`/`none`). */
export const TAG_FIELD = "tag";
/** A rule on a tag group: any or none of its tags. */
export const GROUP_FIELD = "group";
/** A rule on events: how many (or how much) of a kind, in a window. */
export const EVENT_FIELD = "event";
/** A rule on the sum of tag weights. */
export const SCORE_FIELD = "score";
/** A rule on membership of another saved segment. */
export const SEGMENT_FIELD = "segment";
/** Attribute rules are named `attr:<catalog key>` ("attr:city", "attr:custom:3"). */
export const ATTR_PREFIX = "attr:";

export type TagOperator = "has" | SetMode;
export type GroupOperator = Exclude<SetMode, "all">;

/** What an event rule's editor holds: text as typed, parsed when the tree is built. */
export interface EventValue {
  kind: string;
  propertyKey: string;
  propertyValue: string;
  /** Days; empty means "ever". */
  withinDays: string;
  measure: EventMeasure;
  value: string;
  value2: string;
}

export const emptyEventValue = (): EventValue => ({
  kind: "",
  propertyKey: "",
  propertyValue: "",
  withinDays: "30",
  measure: "count",
  value: "1",
  value2: "",
});

export const attrField = (key: string): string => `${ATTR_PREFIX}${key}`;

/** The catalog key of an attribute rule's field, or null for the other rule fields. */
export function attrKeyOf(field: string): string | null {
  return field.startsWith(ATTR_PREFIX) ? field.slice(ATTR_PREFIX.length) : null;
}

export const TAG_OPERATORS: readonly TagOperator[] = ["has", "any", "all", "none"];
export const GROUP_OPERATORS: readonly GroupOperator[] = ["any", "none"];
export const CMP_OPERATORS: readonly Cmp[] = ["ge", "gt", "eq", "ne", "lt", "le", "between"];
export const SEGMENT_OPERATORS: readonly string[] = ["in"];

const TEXT_OPS: readonly FieldOp[] = ["eq", "ne", "in", "not_in", "contains", "starts_with", "is_empty", "is_not_empty"];
const CHOICE_OPS: readonly FieldOp[] = ["eq", "ne", "in", "not_in", "is_empty", "is_not_empty"];
const NUMBER_OPS: readonly FieldOp[] = ["eq", "ne", "lt", "le", "gt", "ge", "between", "is_empty", "is_not_empty"];
const DATE_OPS: readonly FieldOp[] = [...NUMBER_OPS, "within_last_days", "before_days_ago"];

/** The operators that make sense for a field of this kind (the backend rejects the others). */
export function fieldOperators(kind: ValueKind): readonly FieldOp[] {
  switch (kind) {
    case "text":
      return TEXT_OPS;
    case "choice":
    case "multi_choice":
      return CHOICE_OPS;
    case "number":
      return NUMBER_OPS;
    case "date":
    case "timestamp":
      return DATE_OPS;
  }
}

/** How many values an attribute operator takes: none, one, two, or a list. */
export function arity(op: FieldOp): 0 | 1 | 2 | "many" {
  switch (op) {
    case "is_empty":
    case "is_not_empty":
      return 0;
    case "between":
      return 2;
    case "in":
    case "not_in":
      return "many";
    default:
      return 1;
  }
}

/** An attribute rule's values cut to what its operator takes, so a changed operator sends no leftovers. */
export function valuesFor(op: FieldOp, values: readonly string[]): string[] {
  const n = arity(op);
  if (n === "many") return values.filter((v) => v.trim() !== "");
  return values.slice(0, n);
}

/** The value a rule starts with when its field is chosen. */
export function defaultValue(field: string): unknown {
  switch (field) {
    case TAG_FIELD:
      return [];
    case GROUP_FIELD:
    case SEGMENT_FIELD:
      return null;
    case EVENT_FIELD:
      return emptyEventValue();
    case SCORE_FIELD:
      return ["", ""];
    default:
      return [];
  }
}

/** The first operator offered for a field. */
export function defaultOperator(field: string, catalog: readonly ConditionField[]): string {
  switch (field) {
    case TAG_FIELD:
      return "has";
    case GROUP_FIELD:
      return "any";
    case EVENT_FIELD:
    case SCORE_FIELD:
      return "ge";
    case SEGMENT_FIELD:
      return "in";
  }
  const key = attrKeyOf(field);
  const kind = catalog.find((f) => f.key === key)?.kind ?? "text";
  return fieldOperators(kind)[0] ?? "eq";
}
