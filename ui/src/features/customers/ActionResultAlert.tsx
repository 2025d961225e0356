//! The success bar after a bulk action, with its undo link; shared by the customers page, a
//! segment's page and the follow-ups. The link says why when the team hub would refuse the undo.
import { Alert } from "antd";
import { UndoLink } from "../history/UndoLink";
import type { ActionResult } from "./actionResult";

interface Props {
  result: ActionResult;
  onClose: () => void;
  /** Hears why an undo failed. */
  onUndoError: (e: unknown) => void;
}

export function ActionResultAlert({ result, onClose, onUndoError }: Props) {
  return (
    <Alert
      type="success"
      showIcon
      closable={{ onClose }}
      data-testid="bulk-result"
      data-changed={result.changed}
      title={result.text}
      action={
        result.undo !== undefined && (
          <UndoLink
            groups={result.undoGroups}
            testId="bulk-undo"
            onUndo={() => {
              const undo = result.undo;
              onClose();
              undo?.().catch(onUndoError);
            }}
          />
        )
      }
    />
  );
}
