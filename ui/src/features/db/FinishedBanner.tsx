//! Says which import or edit was saved but lost its rules (and after events RFM and lifecycle)
//! when TagDesk last stopped, and that this opening ran them: the change and its rules are
//! both there now, and the user knows why rule tags moved without anyone pressing "run".
import { Alert, Button } from "antd";
import { useTranslation } from "react-i18next";
import type { FinishedWork } from "../../lib/ipc";
import { formatDateTime } from "../../lib/format";
import { useDismissNotices } from "./useDismissNotices";
import { authorName } from "../../lib/author";
import { finishedText, workFile } from "./workText";

export function FinishedBanner({ work }: { work: FinishedWork[] }) {
  const { t, i18n } = useTranslation();
  const dismiss = useDismissNotices();
  return (
    <div data-testid="finished-banner">
      <Alert
        banner
        type="info"
        showIcon
        title={t("finishedWork.title", { count: work.length })}
        description={work.map((w, i) => (
          <div key={i} data-testid="finished-item" title={workFile(w.work)}>
            {finishedText(t, w.work, {
              time: formatDateTime(w.started_at, i18n.language),
              actor: authorName(t, w.actor),
            })}{" "}
            {w.refreshed_value && `${t("finishedWork.value")} `}
            {t("finishedWork.rules", {
              count: w.customers,
              added: w.rules_added,
              removed: w.rules_removed,
            })}
          </div>
        ))}
        action={
          <Button
            size="small"
            data-testid="finished-dismiss"
            loading={dismiss.isPending}
            onClick={() => dismiss.mutate()}
          >
            {t("finishedWork.dismiss")}
          </Button>
        }
      />
    </div>
  );
}
