//! The preview's segment commands: saved segments kept as plain records, and canned answers
//! where the app would ask the condition engine. The engine is the Rust core's alone (a copy
//! here would drift from it), so every condition matches every customer: enough to look at
//! the builder, the members table and the dashboard.
import type {
  BatchReport,
  Condition,
  ConditionCount,
  CustomerRow,
  Explanation,
  IpcError,
  MemberQuery,
  NodeCount,
  Page,
  PinnedSegment,
  Segment,
  SegmentInput,
} from "../lib/ipc";

const DAY = 86_400;

const childrenOf = (c: Condition): Condition[] => (c.type === "and" || c.type === "or" ? c.children : c.type === "not" ? [c.child] : []);

export function createPreviewSegments(customers: () => CustomerRow[], tagAll: (tagId: number) => BatchReport) {
  let segments: Segment[] = [];
  let nextId = 1;
  const now = () => Math.floor(Date.now() / 1000);
  const everyone = (c: Condition): NodeCount => ({ count: customers().length, children: childrenOf(c).map(everyone) });
  const matched = (c: Condition): Explanation => ({ matched: true, actual: null, children: childrenOf(c).map(matched) });

  const get = (id: number): Segment => {
    const found = segments.find((s) => s.id === id);
    if (found === undefined) throw { code: "not_found", problem: { code: "not_found", thing: "segment", id: String(id) }, message: `segment ${id}`, path: null, field: null } satisfies IpcError;
    return found;
  };
  const stored = (id: number, input: SegmentInput, old?: Segment): Segment => ({
    id,
    name: input.name.trim(),
    kind: input.kind,
    condition: input.condition,
    pinned: input.pinned,
    frozen_at: input.kind === "static" ? (old?.frozen_at ?? now()) : null,
    created_at: old?.created_at ?? now(),
    updated_at: now(),
  });

  return {
    count: (condition: Condition): ConditionCount => ({ total: customers().length, nodes: everyone(condition), sample: customers().slice(0, 10), millis: 0.1 }),
    members: (query: MemberQuery): Page<CustomerRow> => ({
      items: customers().slice(query.offset, query.offset + query.limit),
      total: customers().length,
      total_exact: true,
      offset: query.offset,
    }),
    explain: (condition: Condition): Explanation => matched(condition),
    list: (): Segment[] => [...segments].sort((a, b) => Number(b.pinned) - Number(a.pinned) || a.name.localeCompare(b.name, "zh-CN")),
    get,
    create(input: SegmentInput): number {
      const seg = stored(nextId++, input);
      segments = [...segments, seg];
      return seg.id;
    },
    update(id: number, input: SegmentInput): Segment {
      const seg = stored(id, input, get(id));
      segments = segments.map((s) => (s.id === id ? seg : s));
      return seg;
    },
    duplicate(id: number): number {
      const copy = { ...get(id), id: nextId++, name: `${get(id).name} 副本`, pinned: false };
      segments = [...segments, copy];
      return copy.id;
    },
    delete(id: number): null {
      get(id);
      segments = segments.filter((s) => s.id !== id);
      return null;
    },
    pin(id: number, pinned: boolean): null {
      segments = segments.map((s) => (s.id === id ? { ...s, pinned } : s));
      return null;
    },
    dashboard: (): PinnedSegment[] =>
      segments
        .filter((s) => s.pinned)
        .map((segment) => {
          const count = customers().length;
          const history: [string, number][] = Array.from({ length: 7 }, (_, i) => [new Date((now() - (6 - i) * DAY) * 1000).toISOString().slice(0, 10), count]);
          return { segment, count, problem: null, history };
        }),
    tag: (tagId: number): BatchReport => tagAll(tagId),
  };
}
