//! One sentence for an operation of the history, in the UI's language, built from its kind and
//! counts (never from text the core wrote).
import type { TFunction } from "i18next";
import type { Operation, RecordCounts } from "../../lib/ipc";


export function describeOperation(t: TFunction, op: Operation): string {
  const count = op.customers;
  switch (op.kind) {
    case "tag_add":
    case "tag_remove":
      return t(`history.describe.${op.kind}`, { count, tag: op.tag_name ?? "?" });
    case "rules_run":
      return t("history.describe.rules_run", { count, tags: op.tags });
    case "undo":
      if (op.subject !== undefined) {
        return t("history.describe.undoNamed", {
          id: op.undoes === null ? "?" : String(op.undoes),
          entity: t(`history.entity.${op.entity ?? "other"}`),
          name: op.subject,
        });
      }
      return t("history.describe.undo", { id: op.undoes === null ? "?" : String(op.undoes) });
    case "edit":
      // A merge says what went into which tag; a deletion how many customers lost the tag.
      if (op.entity === "tag_node" && op.subject !== undefined) {
        if (op.action === "merge" && op.tag_name !== null) {
          return t("history.describe.tagMerge", { name: op.subject, into: op.tag_name, count });
        }
        if (op.action === "delete" && count > 0) {
          return t("history.describe.tagDelete", { name: op.subject, count });
        }
      }
      return t(op.subject === undefined ? "history.describe.edit" : "history.describe.editNamed", {
        action: t(`history.action.${op.action ?? "other"}`),
        entity: t(`history.entity.${op.entity ?? "other"}`),
        name: op.subject,
      });
    default:
      return t(`history.describe.${op.kind}`, { count });
  }
}

const RECORDS = ["customers_added", "customers_changed", "customers_removed", "events_added", "events_removed"] as const;

/** What an import (or the undo of one) did to customers and events, e.g. "2 customers created · 1 customer updated". */
export function describeRecords(t: TFunction, records: RecordCounts): string {
  return RECORDS.filter((k) => records[k] > 0)
    .map((k) => t(`history.records.${k}`, { count: records[k] }))
    .join(" · ");
}
