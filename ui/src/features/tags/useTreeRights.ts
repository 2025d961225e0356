//! Which nodes of the tag tree the team hub lets this person change: a viewer none, an editor
//! none inside a group another department owns (the group itself and the tags in it).
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

/** Why changing `node` (or what goes under it) is not this person's, or null; `null` node: the top level. */
export function useTreeRights(nodes: readonly TagNode[]): (node: TagNode | null | undefined) => string | null {
  const { groupLocked } = useRights();
  return useCallback((node) => groupLocked(node == null ? null : groupOf(node, nodes)), [groupLocked, nodes]);
}
