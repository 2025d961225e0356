//! The success bar after a bulk action, with its undo button; shared by the customers page and
//! a segment's page.
import { Alert, Button } from "antd";
import { useTranslation } from "react-i18next";
import type { ActionResult } from "./actionResult";

interface Props {
  result: ActionResult;
  onClose: () => void;
  /** Hears why an undo failed. */
  onUndoError: (e: unknown) => void;
}

export function ActionResultAlert({ result, onClose, onUndoError }: Props) {
  const { t } = useTranslation();
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
          <Button
            size="small"
            type="link"
            data-testid="bulk-undo"
            onClick={() => {
              const undo = result.undo;
              onClose();
              undo?.().catch(onUndoError);
            }}
          >
            {t("common.undo")}
          </Button>
        )
      }
    />
  );
}
