//! Undoing operations by id from anywhere (history, the undo buttons, Ctrl+Z): when later
//! operations changed the same tags or records the user is shown them and asked to undo them
//! together.
import { useQueryClient } from "@tanstack/react-query";
import { App } from "antd";
import { createElement } from "react";
import { useTranslation } from "react-i18next";
import { operationsBlockers, operationsUndo, toIpcError, type Operation, type UndoReport } from "../../lib/ipc";
import { invalidateCustomerData } from "../../lib/invalidate";
import { queryKeys } from "../../lib/queryKeys";
import { describeOperation } from "./describe";
import { authorName } from "../../lib/author";

/** Returns `undo(op)`: the report, or null when the user declined to undo the later ones too. */
export function useUndoOperations(): (op: Operation | number) => Promise<UndoReport | null> {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const client = useQueryClient();

  const done = async (report: UndoReport) => {
    await Promise.all([invalidateCustomerData(client), client.invalidateQueries({ queryKey: queryKeys.operationsAll })]);
    return report;
  };

  return async (op) => {
    const id = typeof op === "number" ? op : op.id;
    try {
      return await done(await operationsUndo([id]));
    } catch (e) {
      if (toIpcError(e).code !== "undo_blocked") throw e;
    }
    const later = await operationsBlockers([id]);
    const what = typeof op === "number" ? `#${op}` : describeOperation(t, op);
    const agreed = await modal.confirm({
      title: t("history.blockedTitle"),
      content: createElement(
        "div",
        { "data-testid": "undo-blocked" },
        createElement("p", null, t("history.blockedText", { what })),
        createElement(
          "ul",
          null,
          later.map((o) => createElement("li", { key: o.id, "data-testid": "undo-blocker", "data-id": o.id }, `#${o.id} · ${authorName(t, o.author)} · ${describeOperation(t, o)}`)),
        ),
      ),
      okText: t("history.blockedOk", { count: later.length + 1 }),
      cancelText: t("common.cancel"),
      okButtonProps: { "data-testid": "undo-together" } as Record<string, string>,
    });
    if (!agreed) return null;
    return done(await operationsUndo([id, ...later.map((o) => o.id)]));
  };
}
