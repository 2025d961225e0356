//! Ctrl+Z (Cmd+Z on a Mac) anywhere outside a text field undoes the user's own latest operation
//! and says what was undone; later operations in its way are shown and asked about first. A viewer
//! on the team hub is told why not instead, as the hub would refuse the undo.
import type { TFunction } from "i18next";
import { App } from "antd";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { errorText } from "../../components/errorText";
import { operationsMineLatest, toIpcError } from "../../lib/ipc";
import { isInEditable } from "../../lib/editable";
import { describeOperation } from "./describe";
import { useUndoOperations } from "./useUndoOperations";
import { useRights } from "../team/useRights";

export function useUndoShortcut() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const undo = useUndoOperations();
  const { readOnly } = useRights();
  const latest = useRef({ undo, t, message, readOnly });
  latest.current = { undo, t, message, readOnly };
  const running = useRef(false);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key.toLowerCase() !== "z" || !(e.ctrlKey || e.metaKey) || e.shiftKey || e.altKey) return;
      if (isInEditable(e.target)) return;
      e.preventDefault();
      if (running.current) return;
      running.current = true;
      void undoMine(latest.current).finally(() => {
        running.current = false;
      });
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
}

interface Tools {
  undo: ReturnType<typeof useUndoOperations>;
  t: TFunction;
  message: ReturnType<typeof App.useApp>["message"];
  /** Why this person may undo nothing (a viewer on the team hub), or null. */
  readOnly: string | null;
}

async function undoMine({ undo, t, message, readOnly }: Tools) {
  if (readOnly !== null) {
    void message.info(readOnly);
    return;
  }
  try {
    const mine = await operationsMineLatest();
    if (mine === null) {
      void message.info(t("history.nothingMine"));
      return;
    }
    const report = await undo(mine);
    if (report !== null) void message.success(t("history.undone", { what: describeOperation(t, mine) }));
  } catch (e) {
    void message.error(errorText(t, toIpcError(e)));
  }
}
