//! Plain helpers of the rules page: a rule's editable part, the action's tag and group, and
//! which versions were previewed in this session (enabling an unpreviewed one asks first).
import type { Rule, RuleAction, RuleInput, TagNode } from "../../lib/ipc";

export type ActionType = RuleAction["type"];

export function inputOf(rule: Rule): RuleInput {
  return { name: rule.name, owner: rule.owner, priority: rule.priority, enabled: rule.enabled, condition: rule.condition, action: rule.action };
}

/** The action for a type and a chosen tag; null when the choice does not fit the type. */
export function actionOf(type: ActionType, tagId: number | null, nodes: readonly TagNode[]): RuleAction | null {
  if (tagId === null) return null;
  if (type !== "set_group") return { type, tag_id: tagId };
  const group = singleGroupOf(tagId, nodes);
  return group === undefined ? null : { type: "set_group", group_id: group.id, tag_id: tagId };
}

/** The single-select group a tag belongs to, if it belongs to one. */
export function singleGroupOf(tagId: number, nodes: readonly TagNode[]): TagNode | undefined {
  const tag = nodes.find((n) => n.id === tagId);
  const parent = nodes.find((n) => n.id === tag?.parent_id);
  return parent?.kind === "group" && parent.select_mode === "single" ? parent : undefined;
}

/** Tags that may not be chosen for `type`: for "set group", every tag outside a single-select group. */
export function excludedFor(type: ActionType, nodes: readonly TagNode[]): number[] {
  if (type !== "set_group") return [];
  return nodes.filter((n) => n.kind === "tag" && singleGroupOf(n.id, nodes) === undefined).map((n) => n.id);
}

/** What a preview answers for: the parts that change what a run would do (not the name,
 * owner or switch). */
function versionKey(input: RuleInput): string {
  return JSON.stringify([input.priority, input.condition, input.action]);
}

const previewed = new Set<string>();

export function markPreviewed(input: RuleInput): void {
  previewed.add(versionKey(input));
}

export function wasPreviewed(input: RuleInput): boolean {
  return previewed.has(versionKey(input));
}

export function sameVersion(a: RuleInput, b: RuleInput): boolean {
  return versionKey(a) === versionKey(b);
}
