//! Where a tag came from, as the history shows it.
import type { TFunction } from "i18next";
import type { ChangeSource } from "../../../lib/ipc";

/** Where a tag came from in words: the rule's name when a rule gave it. */
export function sourceText(t: TFunction, source: ChangeSource, ruleName: string | null): string {
  if (ruleName !== null) return t("profile.byRule", { rule: ruleName });
  return t(`source.${source}`);
}

/** The tag's own name from a path such as "行为特征 / 活跃度 / 高活". */
export function lastSegment(path: string): string {
  const parts = path.split(" / ");
  return parts[parts.length - 1] ?? path;
}

/** An event's JSON properties as "key: value" pairs; anything unreadable is shown as it is. */
export function propertyPairs(json: string): [string, string][] {
  try {
    const value: unknown = JSON.parse(json);
    if (typeof value === "object" && value !== null && !Array.isArray(value)) {
      return Object.entries(value).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]);
    }
  } catch {
    // fall through
  }
  return json.trim() === "" || json.trim() === "{}" ? [] : [["", json]];
}
