//! Which tags can be picked, how a search narrows them, and which tag a single-select group would give up.
import type { ProfileTagGroup, TagNode } from "../../lib/ipc";

export interface TagOption {
  id: number;
  name: string;
  color: string;
  /** The tag's parent (its group, or a category), which decides single-select exclusivity. */
  parentId: number | null;
  path: string;
  /** Its group is not this person's to change (the team hub's rights): shown, not choosable. */
  locked: boolean;
}

export interface OptionGroup {
  parentId: number | null;
  /** "客户属性 / 客户等级"; empty for tags at the top level. */
  path: string;
  singleSelect: boolean;
  /** Why this person may not give or take off these tags (useRights), or null. */
  locked: string | null;
  options: TagOption[];
}

/** A tag a customer already carries, as far as exclusivity is concerned. */
export interface CurrentTag {
  id: number;
  name: string;
  parentId: number | null;
}

/** The names of a node's ancestors and itself, joined like the backend's paths. */
export function pathOf(id: number | null, byId: Map<number, TagNode>): string {
  const names: string[] = [];
  const seen = new Set<number>();
  let cur = id === null ? undefined : byId.get(id);
  while (cur !== undefined && !seen.has(cur.id)) {
    seen.add(cur.id);
    names.unshift(cur.name);
    cur = cur.parent_id === null ? undefined : byId.get(cur.parent_id);
  }
  return names.join(" / ");
}

/** Tags that can be given to customers (kind tag, not archived), grouped by parent in tree order;
 * `lockedWhy` says why a parent's tags are not this person's to change. */
export function assignableGroups(
  nodes: readonly TagNode[],
  exclude: readonly number[] = [],
  lockedWhy: (parentId: number | null) => string | null = () => null,
): OptionGroup[] {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const groups = new Map<number | null, OptionGroup>();
  // Order by the tree (depth first), since `nodes` is ordered by parent then position.
  const children = new Map<number | null, TagNode[]>();
  for (const n of nodes) {
    const parent = n.parent_id !== null && byId.has(n.parent_id) ? n.parent_id : null;
    children.set(parent, [...(children.get(parent) ?? []), n]);
  }
  const seen = new Set<number>();
  const visit = (parent: number | null) => {
    for (const n of children.get(parent) ?? []) {
      if (seen.has(n.id)) continue;
      seen.add(n.id);
      if (n.kind === "tag" && !n.archived && !exclude.includes(n.id)) {
        const parentNode = n.parent_id === null ? undefined : byId.get(n.parent_id);
        const key = parentNode?.id ?? null;
        let group = groups.get(key);
        if (group === undefined) {
          group = {
            parentId: key,
            path: pathOf(key, byId),
            singleSelect: parentNode?.kind === "group" && parentNode.select_mode === "single",
            locked: lockedWhy(key),
            options: [],
          };
          groups.set(key, group);
        }
        group.options.push({ id: n.id, name: n.name, color: n.effective_color, parentId: key, path: group.path, locked: group.locked !== null });
      }
      visit(n.id);
    }
  };
  visit(null);
  return [...groups.values()];
}

/** Keeps options whose name or group path contains the query (case-insensitive); drops empty groups. */
export function filterGroups(groups: readonly OptionGroup[], query: string): OptionGroup[] {
  const needle = query.trim().toLocaleLowerCase();
  if (needle === "") return [...groups];
  return groups
    .map((g) =>
      g.path.toLocaleLowerCase().includes(needle)
        ? g
        : { ...g, options: g.options.filter((o) => o.name.toLocaleLowerCase().includes(needle)) },
    )
    .filter((g) => g.options.length > 0);
}

/** The customer's tags that picking `option` would take off: its siblings in a single-select group. */
export function wouldReplace(option: TagOption, groups: readonly OptionGroup[], current: readonly CurrentTag[]): CurrentTag[] {
  const group = groups.find((g) => g.parentId === option.parentId);
  if (group === undefined || !group.singleSelect) return [];
  return current.filter((c) => c.parentId === option.parentId && c.id !== option.id);
}

/** A profile's tags flattened for `wouldReplace`. */
export function currentTagsOf(groups: readonly ProfileTagGroup[]): CurrentTag[] {
  return groups.flatMap((g) => g.tags.map((t) => ({ id: t.id, name: t.name, parentId: g.group_id })));
}

/** The options a click, a double-click, the arrow keys or Enter may choose. */
export function choosable(groups: readonly OptionGroup[]): TagOption[] {
  return groups.flatMap((g) => g.options).filter((o) => !o.locked);
}

export function findOption(groups: readonly OptionGroup[], id: number | null): TagOption | undefined {
  if (id === null) return undefined;
  for (const g of groups) {
    const found = g.options.find((o) => o.id === id);
    if (found !== undefined) return found;
  }
  return undefined;
}
