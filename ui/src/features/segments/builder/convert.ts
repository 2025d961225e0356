//! Converts between react-querybuilder's tree (what the builder edits) and the backend's
//! `Condition` (what is counted and saved), and remembers which builder node became which
//! condition path, so per-node counts and validation errors land on the right rule.
//!
//! A group with NOT becomes `not` around its and/or; a NOT group holding a single rule becomes
//! `not` around that rule, the shape `NOT tag B` takes in the backend.
import type { RuleGroupType, RuleType } from "react-querybuilder";
import type { Cmp, Condition, FieldOp, NodeCount, SetMode } from "../../../lib/ipc";
import {
  attrField,
  attrKeyOf,
  emptyEventValue,
  EVENT_FIELD,
  GROUP_FIELD,
  SCORE_FIELD,
  SEGMENT_FIELD,
  TAG_FIELD,
  valuesFor,
  type EventValue,
} from "./ruleModel";

/** Why a rule cannot be counted yet, named by an i18n key under `segments.problem`. */
export type ProblemKey = "chooseField" | "chooseTags" | "chooseGroup" | "chooseSegment" | "chooseEvent" | "number" | "days";

export interface Problem {
  /** The builder node (rule or group id). */
  id: string;
  key: ProblemKey;
}

export interface Built {
  condition: Condition;
  /** Builder node id → condition path ("1.2.1"). */
  pathById: Map<string, string>;
  /** Condition path → builder node id (a NOT group answers for its own and its inner path). */
  idByPath: Map<string, string>;
  /** Rules that cannot be sent yet; when any, `condition` is not worth counting. */
  problems: Problem[];
}

const isGroup = (r: RuleType | RuleGroupType | string): r is RuleGroupType => typeof r === "object" && "rules" in r;

/** Parses a number typed by the user; null for empty or not a number. */
function number(text: unknown): number | null {
  if (typeof text === "number") return Number.isFinite(text) ? text : null;
  if (typeof text !== "string" || text.trim() === "") return null;
  const n = Number(text.trim());
  return Number.isFinite(n) ? n : null;
}

const asStrings = (v: unknown): string[] => (Array.isArray(v) ? v.map((x) => String(x ?? "")) : v == null || v === "" ? [] : [String(v)]);
const asIds = (v: unknown): number[] =>
  (Array.isArray(v) ? v : v == null ? [] : [v]).map((x) => Number(x)).filter((x) => Number.isInteger(x) && x > 0);
const asId = (v: unknown): number | null => asIds(v)[0] ?? null;

export function toCondition(root: RuleGroupType): Built {
  const built: Built = { condition: { type: "and", children: [] }, pathById: new Map(), idByPath: new Map(), problems: [] };
  built.condition = groupCondition(root, "1", built);
  return built;
}

function mark(built: Built, id: string, path: string) {
  built.pathById.set(id, path);
  if (!built.idByPath.has(path)) built.idByPath.set(path, id);
}

function groupCondition(group: RuleGroupType, path: string, built: Built): Condition {
  const id = group.id ?? path;
  mark(built, id, path);
  const items = group.rules.filter((r): r is RuleType | RuleGroupType => typeof r !== "string");
  if (group.not === true) {
    const only = items.length === 1 ? items[0] : undefined;
    if (only !== undefined && !isGroup(only)) return { type: "not", child: ruleCondition(only, `${path}.1`, built) };
    mark(built, id, `${path}.1`);
    return { type: "not", child: plainGroup(group.combinator, items, `${path}.1`, built) };
  }
  return plainGroup(group.combinator, items, path, built);
}

function plainGroup(combinator: string, items: (RuleType | RuleGroupType)[], path: string, built: Built): Condition {
  const children = items.map((r, i) => {
    const at = `${path}.${i + 1}`;
    return isGroup(r) ? groupCondition(r, at, built) : ruleCondition(r, at, built);
  });
  return combinator.toLowerCase() === "or" ? { type: "or", children } : { type: "and", children };
}

function ruleCondition(rule: RuleType, path: string, built: Built): Condition {
  const id = rule.id ?? path;
  mark(built, id, path);
  const problem = (key: ProblemKey): Condition => {
    built.problems.push({ id, key });
    // A placeholder that matches no one; it is never sent while a problem stands.
    return { type: "or", children: [] };
  };
  switch (rule.field) {
    case TAG_FIELD: {
      const ids = asIds(rule.value);
      if (rule.operator === "has") {
        const first = ids[0];
        return first === undefined ? problem("chooseTags") : { type: "tag", tag_id: first };
      }
      if (ids.length === 0) return problem("chooseTags");
      return { type: "tags", tag_ids: ids, mode: rule.operator as SetMode };
    }
    case GROUP_FIELD: {
      const group = asId(rule.value);
      return group === null ? problem("chooseGroup") : { type: "group", group_id: group, mode: rule.operator as SetMode };
    }
    case SEGMENT_FIELD: {
      const segment = asId(rule.value);
      return segment === null ? problem("chooseSegment") : { type: "segment", segment_id: segment };
    }
    case SCORE_FIELD: {
      const [a, b] = asStrings(rule.value);
      const cmp = rule.operator as Cmp;
      const value = number(a);
      const value2 = cmp === "between" ? number(b) : null;
      if (value === null || (cmp === "between" && value2 === null)) return problem("number");
      return { type: "score", cmp, value, value2 };
    }
    case EVENT_FIELD: {
      const v: EventValue = { ...emptyEventValue(), ...(rule.value as Partial<EventValue> | null) };
      const cmp = rule.operator as Cmp;
      if (v.kind.trim() === "") return problem("chooseEvent");
      const within = v.withinDays.trim() === "" ? null : number(v.withinDays);
      if (within !== null && (!Number.isInteger(within) || within < 0)) return problem("days");
      if (v.withinDays.trim() !== "" && within === null) return problem("days");
      const value = number(v.value);
      const value2 = cmp === "between" ? number(v.value2) : null;
      if (value === null || (cmp === "between" && value2 === null)) return problem("number");
      return {
        type: "event",
        kind: v.kind,
        property: v.propertyKey.trim() === "" ? null : { key: v.propertyKey.trim(), value: v.propertyValue },
        within_days: within,
        measure: v.measure,
        cmp,
        value,
        value2,
      };
    }
  }
  const key = attrKeyOf(rule.field);
  if (key === null || key === "") return problem("chooseField");
  const op = rule.operator as FieldOp;
  return { type: "field", field: key, op, values: valuesFor(op, asStrings(rule.value)) };
}

/** Makes builder ids; a fresh sequence per call keeps tests deterministic. */
export function idMaker(prefix = "n"): () => string {
  let next = 0;
  return () => `${prefix}${++next}`;
}

/** The builder tree of a saved condition; a bare rule at the root gets an AND group around it. */
export function fromCondition(c: Condition, newId: () => string = idMaker()): RuleGroupType {
  if (c.type === "and" || c.type === "or" || c.type === "not") return groupOf(c, newId);
  return { id: newId(), combinator: "and", not: false, rules: [ruleOf(c, newId)] };
}

function groupOf(c: Condition, newId: () => string): RuleGroupType {
  if (c.type === "not") {
    const inner = c.child;
    if (inner.type === "and" || inner.type === "or") return { ...groupOf(inner, newId), not: true };
    if (inner.type === "not") return { id: newId(), combinator: "and", not: true, rules: [groupOf(inner, newId)] };
    return { id: newId(), combinator: "and", not: true, rules: [ruleOf(inner, newId)] };
  }
  if (c.type !== "and" && c.type !== "or") return { id: newId(), combinator: "and", not: false, rules: [ruleOf(c, newId)] };
  const id = newId();
  return {
    id,
    combinator: c.type,
    not: false,
    rules: c.children.map((child) =>
      child.type === "and" || child.type === "or" || child.type === "not" ? groupOf(child, newId) : ruleOf(child, newId),
    ),
  };
}

const text = (n: number | null): string => (n === null ? "" : String(n));

function ruleOf(c: Condition, newId: () => string): RuleType {
  const id = newId();
  switch (c.type) {
    case "tag":
      return { id, field: TAG_FIELD, operator: "has", value: [c.tag_id] };
    case "tags":
      return { id, field: TAG_FIELD, operator: c.mode, value: [...c.tag_ids] };
    case "group":
      return { id, field: GROUP_FIELD, operator: c.mode, value: c.group_id };
    case "segment":
      return { id, field: SEGMENT_FIELD, operator: "in", value: c.segment_id };
    case "score":
      return { id, field: SCORE_FIELD, operator: c.cmp, value: [text(c.value), text(c.value2)] };
    case "event": {
      const value: EventValue = {
        kind: c.kind,
        propertyKey: c.property?.key ?? "",
        propertyValue: c.property?.value ?? "",
        withinDays: text(c.within_days),
        measure: c.measure,
        value: text(c.value),
        value2: text(c.value2),
      };
      return { id, field: EVENT_FIELD, operator: c.cmp, value };
    }
    case "field":
      return { id, field: attrField(c.field), operator: c.op, value: [...c.values] };
    default:
      // and/or/not are groups; fromCondition never passes them here.
      throw new Error(`not a rule: ${c.type}`);
  }
}

/** The count of the node at `path` in the backend's per-node counts. */
export function countAt(nodes: NodeCount | undefined, path: string): number | undefined {
  let cur = nodes;
  for (const step of path.split(".").slice(1)) {
    cur = cur?.children[Number(step) - 1];
  }
  return cur?.count;
}
