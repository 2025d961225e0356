//! Pure rules of the tag tree editor: where a drag-and-drop puts a node, and what each kind of
//! node allows. The backend enforces the same rules; these keep the UI from offering the rest.
import type { NodeKind, TagNode } from "../../lib/ipc";

/** The part of antd's Tree `onDrop` info we read. */
export interface DropEvent {
  dragId: number;
  dropId: number;
  /** antd's `node.pos` of the drop target, e.g. "0-2-1". */
  dropPos: string;
  /** antd's absolute `dropPosition`: the target's index, minus 1 for "before", plus 1 for "after". */
  dropPosition: number;
  dropToGap: boolean;
}

export interface Move {
  id: number;
  parentId: number | null;
  /** The backend's sibling position: the moved node takes it and later siblings shift down. */
  position: number;
}

/** Turns a drop into the backend's move; null when the drop would not change anything. */
export function dropToMove(e: DropEvent, nodes: readonly TagNode[]): Move | null {
  const target = nodes.find((n) => n.id === e.dropId);
  if (target === undefined || e.dragId === e.dropId) return null;
  if (!e.dropToGap) return { id: e.dragId, parentId: target.id, position: 0 };
  const index = Number(e.dropPos.split("-").pop());
  const before = e.dropPosition - index < 0;
  return { id: e.dragId, parentId: target.parent_id, position: before ? target.position : target.position + 1 };
}

/** Which kinds of node may be created under a parent (null: the top level). */
export function creatableUnder(parent: NodeKind | null): NodeKind[] {
  switch (parent) {
    case null:
    case "category":
      return parent === null ? ["category", "group"] : ["category", "group", "tag"];
    case "group":
      return ["tag"];
    case "tag":
      return [];
  }
}

/** Whether `child` may be placed inside `parent` (null: the top level). */
export function canContain(parent: NodeKind | null, child: NodeKind): boolean {
  if (parent === null) return child !== "tag";
  if (parent === "tag") return false;
  if (parent === "group") return child === "tag";
  return true;
}

export type Action = "create-category" | "create-group" | "create-tag" | "rename" | "archive" | "delete" | "merge";

/** New nodes go under the selected node, or beside it when it is a tag. */
export function createParent(selected: TagNode | null, nodes: readonly TagNode[]): TagNode | null {
  if (selected === null) return null;
  if (selected.kind !== "tag") return selected;
  return nodes.find((n) => n.id === selected.parent_id) ?? null;
}

/** The toolbar actions available with `selected` (null: nothing selected). */
export function allowedActions(selected: TagNode | null, nodes: readonly TagNode[]): Action[] {
  const parent = createParent(selected, nodes);
  const creates = creatableUnder(parent?.kind ?? null).map((k) => `create-${k}` as Action);
  if (selected === null) return creates;
  const edits: Action[] = ["rename", "archive", "delete"];
  return [...creates, ...edits, ...(selected.kind === "tag" ? (["merge"] as const) : [])];
}

/** Why a toolbar action is unavailable with `selected` (an i18n key), or null when it is available. */
export type UnavailableReason = "tagEdit.why.mergeTags" | "tagEdit.why.createTag" | "tagEdit.why.createCategory" | "tagEdit.why.createGroup" | "tagEdit.why.select";

export function unavailableReason(action: Action, selected: TagNode | null, selectedTags: readonly TagNode[], nodes: readonly TagNode[]): UnavailableReason | null {
  if (action === "merge") return selectedTags.length > 0 && allowedActions(selected, nodes).includes("merge") ? null : "tagEdit.why.mergeTags";
  if (allowedActions(selected, nodes).includes(action)) return null;
  switch (action) {
    case "create-tag":
      return "tagEdit.why.createTag";
    case "create-category":
      return "tagEdit.why.createCategory";
    case "create-group":
      return "tagEdit.why.createGroup";
    default:
      return "tagEdit.why.select";
  }
}
