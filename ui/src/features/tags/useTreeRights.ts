//! Which nodes of the tag tree the team hub lets this person change: a viewer none, an editor
//! none inside a group another department owns (the group itself and the tags in it), nor move a
//! category that holds such a group (the group would move with it).
import { useCallback } from "react";
import type { TagNode } from "../../lib/ipc";
import { useRights } from "../team/useRights";

/** The group a node belongs to for the hub's rights: itself when a group, else its nearest group ancestor. */
export function groupOf(node: TagNode, nodes: readonly TagNode[]): number | null {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const seen = new Set<number>();
  let cur: TagNode | undefined = node;
  while (cur !== undefined && !seen.has(cur.id)) {
    if (cur.kind === "group") return cur.id;
    seen.add(cur.id);
    cur = cur.parent_id === null ? undefined : byId.get(cur.parent_id);
  }
  return null;
}

/** Why moving `node` is not this person's: its own group's reason, else that of the first group
 *  under it (a category carries its groups along), or null. */
export function moveRefusal(node: TagNode, nodes: readonly TagNode[], locked: (node: TagNode) => string | null): string | null {
  const own = locked(node);
  if (own !== null || node.kind !== "category") return own;
  const children = new Map<number, TagNode[]>();
  for (const n of nodes) if (n.parent_id !== null) children.set(n.parent_id, [...(children.get(n.parent_id) ?? []), n]);
  const seen = new Set<number>([node.id]);
  const queue = [...(children.get(node.id) ?? [])];
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    if (seen.has(next.id)) continue;
    seen.add(next.id);
    const why = next.kind === "group" ? locked(next) : null;
    if (why !== null) return why;
    if (next.kind === "category") queue.push(...(children.get(next.id) ?? []));
  }
  return null;
}

/** Why changing `node` (or what goes under it) is not this person's, or null; `null` node: the top level. */
export function useTreeRights(nodes: readonly TagNode[]): (node: TagNode | null | undefined) => string | null {
  const { groupLocked } = useRights();
  return useCallback((node) => groupLocked(node == null ? null : groupOf(node, nodes)), [groupLocked, nodes]);
}

/** Why moving `node` (by menu, dialog or drag) is not this person's, or null. */
export function useMoveRights(nodes: readonly TagNode[]): (node: TagNode) => string | null {
  const locked = useTreeRights(nodes);
  return useCallback((node) => moveRefusal(node, nodes, locked), [locked, nodes]);
}
