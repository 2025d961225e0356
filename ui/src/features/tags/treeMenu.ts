//! The right-click menu of a node in the tag tree: the toolbar's actions for that node, plus
//! moving it and showing its customers. What the team hub would refuse is disabled with its reason.
import type { TFunction } from "i18next";
import type { MenuProps } from "antd";
import { contextMenu, type MenuEntry } from "../../components/contextMenu";
import type { NodeKind, TagNode } from "../../lib/ipc";
import { allowedActions } from "./treeEdit";

export interface TreeMenuActions {
  create: (kind: NodeKind, parent: TagNode) => void;
  rename: (node: TagNode) => void;
  move: (node: TagNode) => void;
  archive: (node: TagNode) => void;
  merge: (node: TagNode) => void;
  delete: (node: TagNode) => void;
  showCustomers: (node: TagNode) => void;
}

const CREATE_LABEL = { category: "tagEdit.addChildCategory", group: "tagEdit.addChildGroup", tag: "tagEdit.addChildTag" } as const;

/** `refused`: why the hub would not let this person change `node` or what goes under it, or null;
 *  `moveRefused`: why not move it (a category also for the groups it holds). */
export function treeMenu(node: TagNode, nodes: readonly TagNode[], t: TFunction, act: TreeMenuActions, refused: string | null = null, moveRefused: string | null = refused): MenuProps {
  const allowed = allowedActions(node, nodes);
  // Children go inside the node itself; a tag has none.
  const children: NodeKind[] = node.kind === "tag" ? [] : allowed.filter((a) => a.startsWith("create-")).map((a) => a.slice("create-".length) as NodeKind);
  const entries: MenuEntry[] = [
    ...(node.kind === "tag" ? [{ key: "customers", label: t("tagEdit.showCustomers"), run: () => act.showCustomers(node) }] : []),
    { key: "rename", label: t("tagEdit.rename"), why: refused, run: () => act.rename(node) },
    ...children.map((kind) => ({ key: `add-${kind}`, label: t(CREATE_LABEL[kind]), why: refused, run: () => act.create(kind, node) })),
    { key: "move", label: t("tagEdit.moveTo"), why: moveRefused, run: () => act.move(node) },
    { key: "archive", label: node.archived ? t("tagEdit.unarchive") : t("tagEdit.archive"), why: refused, run: () => act.archive(node) },
    ...(allowed.includes("merge") ? [{ key: "merge", label: t("tagEdit.merge"), why: refused, run: () => act.merge(node) }] : []),
    { key: "delete", label: t("tagEdit.delete"), danger: true, apart: true, why: refused, run: () => act.delete(node) },
  ];
  return contextMenu("tag", entries);
}
