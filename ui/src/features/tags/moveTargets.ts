//! Where a node can be moved from its right-click menu: every place that may hold its kind,
//! except itself, its own subtree (a cycle) and its current parent (no change).
import type { TagNode } from "../../lib/ipc";
import { pathOf } from "../../components/TagPicker/pickerLogic";
import { canContain } from "./treeEdit";

export interface MoveTarget {
  /** null: the top level. */
  parentId: number | null;
  /** "客户属性 / 客户等级". */
  path: string;
}

/** The ids of `id` and every node beneath it. */
export function subtreeIds(id: number, nodes: readonly TagNode[]): Set<number> {
  const ids = new Set([id]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const n of nodes) {
      if (n.parent_id !== null && ids.has(n.parent_id) && !ids.has(n.id)) {
        ids.add(n.id);
        grew = true;
      }
    }
  }
  return ids;
}

export function moveTargets(node: TagNode, nodes: readonly TagNode[]): MoveTarget[] {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const inside = subtreeIds(node.id, nodes);
  const targets: MoveTarget[] = [];
  if (node.parent_id !== null && canContain(null, node.kind)) targets.push({ parentId: null, path: "" });
  for (const n of nodes) {
    if (n.archived || inside.has(n.id) || n.id === node.parent_id || !canContain(n.kind, node.kind)) continue;
    targets.push({ parentId: n.id, path: pathOf(n.id, byId) });
  }
  return targets;
}

/** The position after the new parent's last child: a moved node goes to the end. */
export function endPosition(parentId: number | null, nodes: readonly TagNode[]): number {
  const siblings = nodes.filter((n) => n.parent_id === parentId);
  return siblings.length === 0 ? 0 : Math.max(...siblings.map((n) => n.position)) + 1;
}
