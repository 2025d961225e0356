//! "Undo last": takes back the user's own latest tagging operation, which its tooltip names, by
//! its id (a later rules or RFM run is not what it undoes). A viewer on the team hub finds it
//! disabled with the reason, as the hub would refuse the undo.
import { UndoOutlined } from "@ant-design/icons";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { taggingLast, toIpcError, type Operation } from "../../lib/ipc";
import { queryKeys } from "../../lib/queryKeys";
import { useUndoOperations } from "../history/useUndoOperations";
import type { ActionResult } from "./actionResult";
import { authorName } from "../../lib/author";
import { WhyButton } from "../../components/Why";
import { useRights } from "../team/useRights";

export function UndoLastButton({ onResult, onError }: { onResult: (r: ActionResult) => void; onError: (e: unknown) => void }) {
  const { t } = useTranslation();
  const last = useQuery({ queryKey: queryKeys.taggingLast, queryFn: taggingLast });
  const undoOperations = useUndoOperations();
  const { readOnly } = useRights();
  const undo = useMutation({
    mutationFn: (op: Operation) => undoOperations(op),
    onSuccess: (report) => {
      if (report !== null) onResult({ text: t("bulk.undone", { count: report.changed }), changed: report.changed });
    },
    onError: (e) => onError(toIpcError(e)),
  });
  const op = last.data ?? null;
  const tip =
    op === null
      ? t("bulk.nothingToUndo")
      : t(op.kind === "tag_remove" ? "bulk.undoRemoveTip" : "bulk.undoAddTip", { tag: op.tag_name ?? "?", count: op.customers, actor: authorName(t, op.author) });
  return (
    <WhyButton
      why={readOnly}
      hint={tip}
      icon={<UndoOutlined />}
      data-testid="undo-last"
      data-operation={op?.id}
      disabled={op === null}
      loading={undo.isPending}
      onClick={() => op !== null && undo.mutate(op)}
    >
      {t("bulk.undoLast")}
    </WhyButton>
  );
}
