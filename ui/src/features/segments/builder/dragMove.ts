//! Drag to reorder: a rule or group dragged by its handle and dropped on another rule lands
//! before it; dropped on a group (its header or empty space) it goes last in that group.
//! Plain HTML5 drag events carry the source path; react-querybuilder's `move` does the tree work
//! (and refuses to move a group into itself).
import type { DragEvent } from "react";
import { findPath, move, type RuleGroupType } from "react-querybuilder";

export const PATH_TYPE = "application/x-tagdesk-rule-path";

type Path = number[];

export function startDrag(e: DragEvent, path: readonly number[]) {
  e.dataTransfer.setData(PATH_TYPE, JSON.stringify(path));
  e.dataTransfer.effectAllowed = "move";
}

/** Whether a drag over the tree carries a rule path (files and text are not ours to drop). */
export function carriesPath(e: DragEvent): boolean {
  return Array.from(e.dataTransfer.types).includes(PATH_TYPE);
}

/** Where a drop on `target` puts the dragged node, or null when it is not over a rule/group. */
export function dropPath(tree: RuleGroupType, target: Element | null): Path | null {
  const node = target?.closest<HTMLElement>("[data-testid='rule'][data-path], [data-testid='rule-group'][data-path]");
  if (node === null || node === undefined) return null;
  const path = JSON.parse(node.dataset.path ?? "null") as Path | null;
  if (path === null) return null;
  if (node.dataset.testid === "rule") return path;
  const group = findPath(path, tree) as RuleGroupType | null;
  return group === null ? null : [...path, group.rules.length];
}

/** The tree after dropping the node at `from` at `to`; the same tree when nothing moves. */
export function dropped(tree: RuleGroupType, from: Path, to: Path): RuleGroupType {
  const same = from.length === to.length && from.every((p, i) => p === to[i]);
  return same ? tree : move(tree, from, to);
}
