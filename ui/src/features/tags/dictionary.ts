//! A node's dictionary entry as the edit form holds it, and back to the backend's `TagNodeEdit`.
import type { SelectMode, TagNode, TagNodeEdit, TagOrigin } from "../../lib/ipc";

/** The node's current editable properties, unchanged. */
export function editOf(node: TagNode): TagNodeEdit {
  return {
    name: node.name,
    select_mode: node.kind === "group" ? node.select_mode : null,
    color: node.color,
    meaning: node.meaning,
    value_range: node.value_range,
    update_frequency: node.update_frequency,
    owner: node.owner,
    scope: node.scope,
    weight: node.weight,
    origin: node.origin,
  };
}

export interface DictValues {
  name: string;
  select_mode: SelectMode | null;
  inherit: boolean;
  color: string;
  meaning: string;
  value_range: string;
  update_frequency: string;
  owner: string;
  /** Company-wide is stored as no scope; a business line by its name. */
  scopeKind: "company" | "line";
  scopeLine: string;
  weight: number;
  origin: TagOrigin;
}

export function toDictValues(node: TagNode): DictValues {
  return {
    name: node.name,
    select_mode: node.select_mode,
    inherit: node.color === null,
    color: node.color ?? node.effective_color,
    meaning: node.meaning ?? "",
    value_range: node.value_range ?? "",
    update_frequency: node.update_frequency ?? "",
    owner: node.owner ?? "",
    scopeKind: node.scope === null || node.scope.trim() === "" ? "company" : "line",
    scopeLine: node.scope ?? "",
    weight: node.weight,
    origin: node.origin,
  };
}

const text = (s: string): string | null => (s.trim() === "" ? null : s.trim());

export function toEdit(node: TagNode, v: DictValues): TagNodeEdit {
  return {
    name: v.name.trim(),
    select_mode: node.kind === "group" ? v.select_mode : null,
    color: v.inherit ? null : v.color,
    meaning: text(v.meaning),
    value_range: text(v.value_range),
    update_frequency: text(v.update_frequency),
    owner: text(v.owner),
    scope: v.scopeKind === "company" ? null : text(v.scopeLine),
    weight: Number.isFinite(v.weight) ? v.weight : 0,
    origin: v.origin,
  };
}
