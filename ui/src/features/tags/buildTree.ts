//! Nests the flat, ordered node list of `tags_tree` and filters it by name, as pure functions.
import type { TagNode } from "../../lib/ipc";

export interface TagTreeItem {
  node: TagNode;
  children: TagTreeItem[];
}

/**
 * Nests nodes under their parents, keeping the input order among siblings.
 * A node whose parent is unknown, or whose parent chain loops back to it, becomes a root,
 * so bad data never hides nodes or recurses forever.
 */
export function buildTree(nodes: readonly TagNode[]): TagTreeItem[] {
  const byId = new Map<number, TagNode>(nodes.map((n) => [n.id, n]));
  const items = new Map<number, TagTreeItem>(nodes.map((n) => [n.id, { node: n, children: [] }]));
  const roots: TagTreeItem[] = [];
  for (const node of nodes) {
    const item = items.get(node.id);
    if (item === undefined) continue;
    const parent = node.parent_id === null ? undefined : items.get(node.parent_id);
    if (parent === undefined || loopsBack(node, byId)) roots.push(item);
    else parent.children.push(item);
  }
  return roots;
}

/** True when following parents from `node` reaches `node` again. */
function loopsBack(node: TagNode, byId: Map<number, TagNode>): boolean {
  const seen = new Set<number>();
  let parentId = node.parent_id;
  while (parentId !== null) {
    if (parentId === node.id) return true;
    // A loop further up that does not include `node`: its members become roots themselves.
    if (seen.has(parentId)) return false;
    seen.add(parentId);
    parentId = byId.get(parentId)?.parent_id ?? null;
  }
  return false;
}

/**
 * Keeps nodes whose name contains `query` (case-insensitive) together with their ancestors.
 * A matching node keeps its whole subtree, so searching a group shows its tags.
 */
export function filterTree(items: readonly TagTreeItem[], query: string): TagTreeItem[] {
  const needle = query.trim().toLocaleLowerCase();
  if (needle === "") return [...items];
  const visit = (item: TagTreeItem): TagTreeItem | null => {
    if (item.node.name.toLocaleLowerCase().includes(needle)) return item;
    const children = item.children.map(visit).filter((c): c is TagTreeItem => c !== null);
    return children.length > 0 ? { node: item.node, children } : null;
  };
  return items.map(visit).filter((c): c is TagTreeItem => c !== null);
}

/** Ids of every node that has children, i.e. everything that can be expanded. */
export function parentIds(items: readonly TagTreeItem[]): number[] {
  return items.flatMap((item) => (item.children.length > 0 ? [item.node.id, ...parentIds(item.children)] : []));
}
