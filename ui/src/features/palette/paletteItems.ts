//! What the command palette lists for a query: pages and actions always, tags, segments and rules
//! matched by name here, customers as the backend's search answered; grouped, in a fixed order.
import type { CustomerRow, Rule, Segment, TagNode } from "../../lib/ipc";
import type { Intent, PaletteAction } from "../shell/intent";
import { PAGE_KEYS, type PageKey } from "../shell/pages";

export type GroupKey = "customers" | "tags" | "segments" | "rules" | "pages" | "actions";
export const GROUP_ORDER: readonly GroupKey[] = ["customers", "tags", "segments", "rules", "pages", "actions"];
export const ACTIONS: readonly PaletteAction[] = ["newCustomer", "import", "export", "runRules", "exchange"];
/** Per group of named things, so one long group does not push the others out of sight. */
export const GROUP_LIMIT = 6;

export interface PaletteItem {
  /** Unique across groups, e.g. "customer-12". */
  key: string;
  group: GroupKey;
  label: string;
  /** Shown after the label: a customer's phone, a tag's path. */
  detail?: string;
  intent: Intent;
}

export interface Sources {
  customers: readonly CustomerRow[];
  tags: readonly TagNode[];
  segments: readonly Segment[];
  rules: readonly Rule[];
  pageLabel: (page: PageKey) => string;
  actionLabel: (action: PaletteAction) => string;
}

const matches = (text: string, needle: string) => needle === "" || text.toLocaleLowerCase().includes(needle);

/** A tag's ancestors, "客户属性 / 客户等级", for telling same-named tags apart. */
function parentPath(node: TagNode, byId: Map<number, TagNode>): string {
  const names: string[] = [];
  const seen = new Set<number>();
  let cur = node.parent_id === null ? undefined : byId.get(node.parent_id);
  while (cur !== undefined && !seen.has(cur.id)) {
    seen.add(cur.id);
    names.unshift(cur.name);
    cur = cur.parent_id === null ? undefined : byId.get(cur.parent_id);
  }
  return names.join(" / ");
}

/** The items for `query`, grouped in `GROUP_ORDER`. Named things are listed only once the user types. */
export function paletteItems(query: string, s: Sources): PaletteItem[] {
  const needle = query.trim().toLocaleLowerCase();
  const items: PaletteItem[] = [];
  // Named things are cut to a few each; the pages and actions are few anyway and all shown.
  const add = (group: GroupKey, found: PaletteItem[]) => items.push(...found.slice(0, group === "pages" || group === "actions" ? undefined : GROUP_LIMIT));
  if (needle !== "") {
    add("customers", s.customers.map((c) => ({ key: `customer-${c.id}`, group: "customers", label: c.name, detail: c.phone ?? undefined, intent: { kind: "customer", id: c.id } })));
    const byId = new Map(s.tags.map((n) => [n.id, n]));
    add(
      "tags",
      s.tags
        .filter((n) => !n.archived && matches(n.name, needle))
        .map((n) => ({ key: `tag-${n.id}`, group: "tags", label: n.name, detail: parentPath(n, byId) || undefined, intent: { kind: "tag", id: n.id } })),
    );
    add("segments", s.segments.filter((g) => matches(g.name, needle)).map((g) => ({ key: `segment-${g.id}`, group: "segments", label: g.name, intent: { kind: "segment", id: g.id } })));
    add("rules", s.rules.filter((r) => matches(r.name, needle)).map((r) => ({ key: `rule-${r.id}`, group: "rules", label: r.name, intent: { kind: "rule", id: r.id } })));
  }
  add(
    "pages",
    PAGE_KEYS.filter((p) => matches(s.pageLabel(p), needle) || matches(p, needle)).map((p) => ({ key: `page-${p}`, group: "pages", label: s.pageLabel(p), intent: { kind: "page", page: p } })),
  );
  add(
    "actions",
    ACTIONS.filter((a) => matches(s.actionLabel(a), needle)).map((a) => ({ key: `action-${a}`, group: "actions", label: s.actionLabel(a), intent: { kind: "action", action: a } })),
  );
  return items;
}

/** The next highlighted position after an arrow key, wrapping around the ends. */
export function step(current: number, count: number, delta: 1 | -1): number {
  if (count === 0) return 0;
  return (((current + delta) % count) + count) % count;
}
