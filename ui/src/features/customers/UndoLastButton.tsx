//! "Undo last": takes back the most recent tagging operation, saying in its tooltip what that was.
import { UndoOutlined } from "@ant-design/icons";
import { Button, Tooltip } from "antd";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { taggingLast, taggingUndo, toIpcError } from "../../lib/ipc";
import { invalidateCustomerData } from "../../lib/invalidate";
import { queryKeys } from "../../lib/queryKeys";
import type { ActionResult } from "./actionResult";

export function UndoLastButton({ onResult, onError }: { onResult: (r: ActionResult) => void; onError: (e: unknown) => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const last = useQuery({ queryKey: queryKeys.taggingLast, queryFn: taggingLast });
  const undo = useMutation({
    mutationFn: taggingUndo,
    onSuccess: (report) => {
      onResult({ text: t("bulk.undone", { count: report.changed }), changed: report.changed });
      return invalidateCustomerData(client);
    },
    onError: (e) => onError(toIpcError(e)),
  });
  const info = last.data ?? null;
  const tip =
    info === null || !info.can_undo
      ? t("bulk.nothingToUndo")
      : t(info.action === "remove" ? "bulk.undoRemoveTip" : "bulk.undoAddTip", { tag: info.tag_name, count: info.changed, actor: info.actor });
  return (
    <Tooltip title={tip}>
      <Button
        icon={<UndoOutlined />}
        data-testid="undo-last"
        disabled={info === null || !info.can_undo}
        loading={undo.isPending}
        onClick={() => undo.mutate()}
      >
        {t("bulk.undoLast")}
      </Button>
    </Tooltip>
  );
}
