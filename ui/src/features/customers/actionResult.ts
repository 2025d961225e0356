//! The outcome of a bulk or profile action as the page reports it: a sentence, the number changed,
//! and how to take it back.
import type { TFunction } from "i18next";
import type { BatchReport } from "../../lib/ipc";

export interface ActionResult {
  text: string;
  changed: number;
  /** Takes the action back; absent when it cannot be undone. */
  undo?: () => Promise<void>;
  /** The tag groups the action changed, so the undo link mirrors the hub's rights for them. */
  undoGroups?: (number | null)[];
}

export function taggingText(t: TFunction, action: "add" | "remove", report: BatchReport, tag: string): string {
  if (action === "remove") return t("bulk.removed", { count: report.changed, tag });
  const added = t("bulk.added", { count: report.changed, tag });
  return report.replaced > 0 ? `${added}${t("bulk.replaced", { count: report.replaced })}` : added;
}
