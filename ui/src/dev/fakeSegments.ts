//! A small but real evaluator of condition trees over the fake backend's customers, so the
//! preview and the component tests exercise counting, validation, members, explain, saving,
//! pinning and bulk tagging the way the Rust core answers them (same paths, same error shape).
import type {
  BatchReport,
  Condition,
  ConditionCatalog,
  ConditionCount,
  ConditionField,
  CustomerRow,
  Explanation,
  FieldOp,
  IpcError,
  MemberQuery,
  MemberSource,
  NodeCount,
  Page,
  PinnedSegment,
  Problem,
  Segment,
  SegmentInput,
  TagNode,
  ValueKind,
} from "../lib/ipc";

const DAY = 86_400;

const BUILTIN: [string, ValueKind, string[]][] = [
  ["name", "text", []],
  ["phone", "text", []],
  ["email", "text", []],
  ["company", "text", []],
  ["industry", "text", []],
  ["province", "text", []],
  ["city", "text", []],
  ["source", "text", []],
  ["customer_type", "choice", ["b2b", "b2c"]],
  ["level", "text", []],
  ["created_at", "timestamp", []],
  ["updated_at", "timestamp", []],
];

interface FakeEvent {
  customer: number;
  kind: string;
  at: number;
  amount: number;
  properties: Record<string, string>;
}

export interface FakeStore {
  customers: () => CustomerRow[];
  setCustomers: (rows: CustomerRow[]) => void;
  tags: readonly TagNode[];
  /** Unix seconds; the fake's "today". */
  now?: number;
}

const invalid = (field: string, problem: Problem): IpcError => ({
  code: problem.code === "segment_in_use" ? "segment_in_use" : "invalid",
  problem,
  message: problem.code,
  path: null,
  field,
});
const fold = (s: string) => s.trim().toLowerCase();
const dayOf = (seconds: number) => Math.floor(seconds / DAY);
const parseDay = (text: string): number | null => {
  const m = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/.exec(text.trim());
  return m === null ? null : Math.floor(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / 1000 / DAY);
};

/** Orders and page visits, a few per customer, spread over the last months. */
function makeEvents(customers: readonly CustomerRow[], now: number): FakeEvent[] {
  return customers.flatMap((c) => {
    const out: FakeEvent[] = [];
    for (let k = 0; k < c.id % 4; k++) {
      out.push({ customer: c.id, kind: "order", at: now - ((c.id * 7 + k * 23) % 120) * DAY, amount: 99 + ((c.id * 37 + k) % 5) * 100, properties: { product: k % 2 === 0 ? "标准版" : "企业版" } });
    }
    for (let k = 0; k < c.id % 6; k++) {
      out.push({ customer: c.id, kind: "visit", at: now - ((c.id * 3 + k * 11) % 60) * DAY, amount: 0, properties: { page: k % 3 === 0 ? "pricing" : "home" } });
    }
    return out;
  });
}

export function createFakeSegments(store: FakeStore) {
  const now = store.now ?? Math.floor(Date.now() / 1000);
  const events = makeEvents(store.customers(), now);
  let segments: Segment[] = [];
  const frozen = new Map<number, Set<number>>();
  let nextId = 1;

  const fields: ConditionField[] = BUILTIN.map(([key, kind, options]) => ({ key, label: null, kind, options, archived: false }));
  const kindOf = (key: string) => fields.find((f) => f.key === key)?.kind;
  const tagById = new Map(store.tags.map((t) => [t.id, t]));

  function validate(c: Condition, at: string, saving: number | null): void {
    const kids = c.type === "and" || c.type === "or" ? c.children : c.type === "not" ? [c.child] : [];
    kids.forEach((k, i) => validate(k, `${at}.${i + 1}`, saving));
    switch (c.type) {
      case "tag":
        if (tagById.get(c.tag_id)?.kind !== "tag") throw invalid(at, { code: "unknown_tag", tag: c.tag_id });
        return;
      case "tags":
        if (c.tag_ids.length === 0) throw invalid(at, { code: "choose_tags" });
        for (const id of c.tag_ids) if (tagById.get(id)?.kind !== "tag") throw invalid(at, { code: "unknown_tag", tag: id });
        return;
      case "group":
        if (tagById.get(c.group_id)?.kind !== "group") throw invalid(at, { code: "unknown_tag_group", group: c.group_id });
        if (c.mode === "all") throw invalid(at, { code: "group_condition_all" });
        return;
      case "field": {
        const kind = kindOf(c.field);
        if (kind === undefined) throw invalid(at, { code: "unknown_field", field: c.field });
        checkOperand(at, c.field, kind, c.op, c.values);
        return;
      }
      case "event":
        if (c.kind.trim() === "") throw invalid(at, { code: "choose_event_kind" });
        if (c.within_days !== null && c.within_days < 0) throw invalid(at, { code: "negative_window" });
        if (c.cmp === "between" && c.value2 === null) throw invalid(at, { code: "between_needs_two" });
        return;
      case "score":
        if (c.cmp === "between" && c.value2 === null) throw invalid(at, { code: "between_needs_two" });
        return;
      case "segment": {
        const target = segments.find((s) => s.id === c.segment_id);
        if (target === undefined) throw invalid(at, { code: "unknown_segment", segment: c.segment_id });
        if (c.segment_id === saving) throw invalid(at, { code: "segment_contains_itself", segment: c.segment_id });
        return;
      }
      default:
        return;
    }
  }

  function checkOperand(at: string, field: string, kind: ValueKind, op: FieldOp, values: string[]): void {
    const given = values.filter((v) => v.trim() !== "");
    const need = op === "is_empty" || op === "is_not_empty" ? null : op === "between" ? 2 : op === "in" || op === "not_in" ? "many" : 1;
    if ((need === "many" && given.length === 0) || (typeof need === "number" && given.length !== need)) {
      throw invalid(at, { code: "value_count", field, op, need: need === 2 ? "two" : need === "many" ? "at_least_one" : "one", given: given.length });
    }
    const dated = kind === "date" || kind === "timestamp";
    if ((op === "within_last_days" || op === "before_days_ago") && !dated) throw invalid(at, { code: "operator_not_for_kind", field, op, kind });
    if (op === "within_last_days" || op === "before_days_ago") {
      if (!/^\d+$/.test(given[0]!.trim())) throw invalid(at, { code: "days_invalid", value: given[0]! });
      return;
    }
    const textual = kind === "text" || kind === "choice" || kind === "multi_choice";
    if (textual && ["lt", "le", "gt", "ge", "between"].includes(op)) throw invalid(at, { code: "operator_not_for_kind", field, op, kind });
    if (!textual && (op === "contains" || op === "starts_with")) throw invalid(at, { code: "operator_not_for_kind", field, op, kind });
    if (!textual) {
      for (const v of given) {
        const ok = dated ? parseDay(v) !== null : Number.isFinite(Number(v.trim()));
        if (!ok) throw invalid(at, { code: "value_invalid_for", field, value: v, kind });
      }
    }
  }

  const rawValue = (c: CustomerRow, field: string): string | number | null => {
    const v = (c as unknown as Record<string, unknown>)[field];
    return typeof v === "string" || typeof v === "number" ? v : null;
  };

  function fieldHolds(c: CustomerRow, field: string, op: FieldOp, values: string[]): boolean {
    const kind = kindOf(field)!;
    const raw = rawValue(c, field);
    const empty = raw === null || raw === "";
    if (op === "is_empty") return empty;
    if (op === "is_not_empty") return !empty;
    const today = dayOf(now);
    if (kind === "timestamp" || kind === "date") {
      const day = empty ? null : kind === "timestamp" ? dayOf(Number(raw)) : parseDay(String(raw));
      if (op === "within_last_days") return day !== null && day >= today - Number(values[0]) && day <= today;
      if (op === "before_days_ago") return day !== null && day < today - Number(values[0]);
      return compare(day, op, values.map((v) => parseDay(v)!));
    }
    if (kind === "number") return compare(empty ? null : Number(raw), op, values.map(Number));
    const text = empty ? null : fold(String(raw));
    const wanted = values.map(fold);
    switch (op) {
      case "eq":
        return text !== null && text === wanted[0];
      case "ne":
        return text === null || text !== wanted[0];
      case "in":
        return text !== null && wanted.includes(text);
      case "not_in":
        return text === null || !wanted.includes(text);
      case "contains":
        return text !== null && text.includes(wanted[0]!);
      case "starts_with":
        return text !== null && text.startsWith(wanted[0]!);
      default:
        return false;
    }
  }

  function compare(x: number | null, op: string, bounds: number[]): boolean {
    if (op === "ne") return x === null || x !== bounds[0];
    if (x === null) return false;
    const [a = NaN, b = NaN] = bounds;
    switch (op) {
      case "eq":
        return x === a;
      case "lt":
        return x < a;
      case "le":
        return x <= a;
      case "gt":
        return x > a;
      case "ge":
        return x >= a;
      case "between":
        return x >= Math.min(a, b) && x <= Math.max(a, b);
      case "in":
        return bounds.includes(x);
      case "not_in":
        return !bounds.includes(x);
      default:
        return false;
    }
  }

  function eventMeasure(c: Extract<Condition, { type: "event" }>, customer: number): number {
    const from = c.within_days === null ? -Infinity : now - c.within_days * DAY;
    let total = 0;
    for (const e of events) {
      if (e.customer !== customer || e.kind !== c.kind || e.at < from || e.at > now) continue;
      if (c.property !== null && e.properties[c.property.key] !== c.property.value) continue;
      total += c.measure === "count" ? 1 : e.amount;
    }
    return total;
  }

  const score = (c: CustomerRow) => c.tags.reduce((sum, t) => sum + (tagById.get(t.id)?.weight ?? 0), 0);
  const hasTag = (c: CustomerRow, id: number) => c.tags.some((t) => t.id === id);

  /** Whether `cond` holds for the customer, with the verdict of every node in the tree's shape. */
  function holds(cond: Condition, row: CustomerRow, visiting: number[]): { ok: boolean; children: ReturnType<typeof holds>[] } {
    switch (cond.type) {
      case "and": {
        const children = cond.children.map((k) => holds(k, row, visiting));
        return { ok: children.every((k) => k.ok), children };
      }
      case "or": {
        const children = cond.children.map((k) => holds(k, row, visiting));
        return { ok: children.some((k) => k.ok), children };
      }
      case "not": {
        const child = holds(cond.child, row, visiting);
        return { ok: !child.ok, children: [child] };
      }
      case "tag":
        return { ok: hasTag(row, cond.tag_id), children: [] };
      case "tags": {
        const n = cond.tag_ids.filter((id) => hasTag(row, id)).length;
        const ok = cond.mode === "any" ? n > 0 : cond.mode === "all" ? n === cond.tag_ids.length : n === 0;
        return { ok, children: [] };
      }
      case "group": {
        const inGroup = row.tags.some((t) => tagById.get(t.id)?.parent_id === cond.group_id);
        return { ok: cond.mode === "none" ? !inGroup : inGroup, children: [] };
      }
      case "field":
        return { ok: fieldHolds(row, cond.field, cond.op, cond.values), children: [] };
      case "event":
        return { ok: compare(eventMeasure(cond, row.id), cond.cmp, [cond.value, cond.value2 ?? NaN]), children: [] };
      case "score":
        return { ok: compare(score(row), cond.cmp, [cond.value, cond.value2 ?? NaN]), children: [] };
      case "segment": {
        const seg = segments.find((s) => s.id === cond.segment_id);
        if (seg === undefined || visiting.includes(seg.id)) return { ok: false, children: [] };
        if (seg.kind === "static") return { ok: frozen.get(seg.id)?.has(row.id) ?? false, children: [] };
        return { ok: holds(seg.condition, row, [...visiting, seg.id]).ok, children: [] };
      }
    }
  }

  function members(source: MemberSource): CustomerRow[] {
    const all = store.customers();
    if (source.type === "segment") {
      const seg = get(source.segment_id);
      if (seg.kind === "static") return all.filter((c) => frozen.get(seg.id)?.has(c.id));
      return all.filter((c) => holds(seg.condition, c, [seg.id]).ok);
    }
    validate(source.condition, "1", null);
    return all.filter((c) => holds(source.condition, c, []).ok);
  }

  function get(id: number): Segment {
    const seg = segments.find((s) => s.id === id);
    if (seg === undefined) throw { code: "not_found", problem: { code: "not_found", thing: "segment", id: String(id) }, message: `segment ${id}`, path: null, field: null } satisfies IpcError;
    return seg;
  }

  function checkInput(input: SegmentInput, saving: number | null) {
    if (input.name.trim() === "") throw invalid("name", { code: "name_required" });
    if (segments.some((s) => s.id !== saving && s.name === input.name.trim())) {
      throw { code: "name_taken", problem: { code: "name_taken", name: input.name.trim(), existing: input.name.trim() }, message: "name_taken", path: null, field: "name" } satisfies IpcError;
    }
    validate(input.condition, "1", saving);
  }

  const freeze = (seg: Segment) => {
    if (seg.kind === "static") frozen.set(seg.id, new Set(members({ type: "condition", condition: seg.condition }).map((c) => c.id)));
    else frozen.delete(seg.id);
  };

  return {
    catalog: (): ConditionCatalog => ({
      fields,
      events: [
        { kind: "order", properties: ["product"] },
        { kind: "visit", properties: ["page"] },
      ],
    }),
    count(condition: Condition): ConditionCount {
      validate(condition, "1", null);
      const all = store.customers();
      const verdicts = all.map((c) => holds(condition, c, []));
      const sum = (path: number[]): NodeCount => {
        const at = (v: ReturnType<typeof holds>) => path.reduce<ReturnType<typeof holds> | undefined>((n, i) => n?.children[i], v);
        const first = verdicts.map(at).find((v) => v !== undefined);
        return {
          count: verdicts.filter((v) => at(v)?.ok === true).length,
          children: (first?.children ?? []).map((_, i) => sum([...path, i])),
        };
      };
      const matching = all.filter((_, i) => verdicts[i]!.ok);
      const sample = [...matching].sort((a, b) => b.created_at - a.created_at || b.id - a.id).slice(0, 10);
      return { total: matching.length, nodes: sum([]), sample, millis: 0.1 };
    },
    members(query: MemberQuery): Page<CustomerRow> {
      let rows = members(query.source);
      const sort = query.sort;
      if (sort !== null) {
        rows = [...rows].sort((a, b) => {
          const x = String(a[sort.field] ?? "");
          const y = String(b[sort.field] ?? "");
          return (sort.descending ? -1 : 1) * x.localeCompare(y, "zh-CN", { numeric: true });
        });
      }
      return { items: rows.slice(query.offset, query.offset + query.limit), total: rows.length, total_exact: true, offset: query.offset };
    },
    explain(condition: Condition, customerId: number): Explanation {
      const row = store.customers().find((c) => c.id === customerId);
      if (row === undefined) throw { code: "not_found", problem: { code: "not_found", thing: "customer", id: String(customerId) }, message: `customer ${customerId}`, path: null, field: null } satisfies IpcError;
      const annotate = (c: Condition, v: ReturnType<typeof holds>): Explanation => {
        const kids = c.type === "and" || c.type === "or" ? c.children : c.type === "not" ? [c.child] : [];
        const actual =
          c.type === "field" ? (rawValue(row, c.field)?.toString() ?? null) : c.type === "event" ? String(eventMeasure(c, row.id)) : c.type === "score" ? String(score(row)) : null;
        return { matched: v.ok, actual, children: kids.map((k, i) => annotate(k, v.children[i]!)) };
      };
      return annotate(condition, holds(condition, row, []));
    },
    list: (): Segment[] => [...segments].sort((a, b) => Number(b.pinned) - Number(a.pinned) || a.name.localeCompare(b.name, "zh-CN")),
    get,
    create(input: SegmentInput): number {
      checkInput(input, null);
      const at = now;
      const seg: Segment = { id: nextId++, name: input.name.trim(), kind: input.kind, condition: input.condition, pinned: input.pinned, frozen_at: input.kind === "static" ? at : null, created_at: at, updated_at: at };
      segments = [...segments, seg];
      freeze(seg);
      return seg.id;
    },
    update(id: number, input: SegmentInput): Segment {
      const old = get(id);
      checkInput(input, id);
      const refreeze = input.kind === "static" && (old.kind !== "static" || JSON.stringify(old.condition) !== JSON.stringify(input.condition));
      const seg: Segment = { ...old, name: input.name.trim(), kind: input.kind, condition: input.condition, pinned: input.pinned, updated_at: now, frozen_at: input.kind === "static" ? (refreeze ? now : old.frozen_at) : null };
      segments = segments.map((s) => (s.id === id ? seg : s));
      if (refreeze || input.kind === "dynamic") freeze(seg);
      return seg;
    },
    duplicate(id: number): number {
      const old = get(id);
      let name = `${old.name} 副本`;
      for (let n = 2; segments.some((s) => s.name === name); n++) name = `${old.name} 副本 ${n}`;
      const seg: Segment = { ...old, id: nextId++, name, pinned: false };
      segments = [...segments, seg];
      if (frozen.has(old.id)) frozen.set(seg.id, new Set(frozen.get(old.id)));
      return seg.id;
    },
    delete(id: number): null {
      get(id);
      const user = segments.find((s) => JSON.stringify(s.condition).includes(`"segment_id":${id}`));
      if (user !== undefined) throw invalid("segment", { code: "segment_in_use", name: get(id).name, users: [user.name] });
      segments = segments.filter((s) => s.id !== id);
      frozen.delete(id);
      return null;
    },
    pin(id: number, pinned: boolean): null {
      segments = segments.map((s) => (s.id === id ? { ...s, pinned } : s));
      return null;
    },
    dashboard(): PinnedSegment[] {
      return segments
        .filter((s) => s.pinned)
        .map((s) => {
          const count = members({ type: "segment", segment_id: s.id }).length;
          // A made-up trend ending at today's count.
          const history: [string, number][] = Array.from({ length: 7 }, (_, i) => {
            const day = new Date((now - (6 - i) * DAY) * 1000).toISOString().slice(0, 10);
            return [day, i === 6 ? count : Math.max(0, count - (6 - i) * ((s.id % 3) - 1) * 2)];
          });
          return { segment: s, count, problem: null, history };
        });
    },
    tag(source: MemberSource, tagId: number): BatchReport {
      const ids = new Set(members(source).map((c) => c.id));
      const tag = tagById.get(tagId);
      if (tag === undefined) throw invalid("tag", { code: "unknown_tag", tag: tagId });
      let changed = 0;
      store.setCustomers(
        store.customers().map((c) => {
          if (!ids.has(c.id) || hasTag(c, tagId)) return c;
          changed += 1;
          return { ...c, tags: [...c.tags, { id: tag.id, name: tag.name, color: tag.effective_color, group_id: tag.parent_id }] };
        }),
      );
      return { operation_id: 0, batch_id: 1, changed, replaced: 0 };
    },
  };
}

export type FakeSegments = ReturnType<typeof createFakeSegments>;
