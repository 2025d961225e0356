//! The categories and groups new tags can be created under, as TreeSelect data.
import type { TagNode } from "../../lib/ipc";
import { buildTree, type TagTreeItem } from "../tags/buildTree";

export interface ParentTreeNode {
  title: string;
  value: number;
  children: ParentTreeNode[];
}

export function parentTree(nodes: readonly TagNode[]): ParentTreeNode[] {
  const visit = (items: readonly TagTreeItem[]): ParentTreeNode[] =>
    items
      .filter((i) => i.node.kind !== "tag" && !i.node.archived)
      .map((i) => ({ title: i.node.name, value: i.node.id, children: visit(i.children) }));
  return visit(buildTree(nodes));
}
