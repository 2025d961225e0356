//! Says that an import was cut off when TagDesk last stopped (a crash, a dead battery) and that
//! nothing of it was kept, so the user knows to import the file again instead of wondering
//! which half arrived.
import { Alert, Button } from "antd";
import { useTranslation } from "react-i18next";
import type { InterruptedWork } from "../../lib/ipc";
import { formatDateTime } from "../../lib/format";
import { useDismissNotices } from "./useDismissNotices";
import { authorName } from "../../lib/author";
import { interruptedText, workFile } from "./workText";

export function InterruptedBanner({ work }: { work: InterruptedWork[] }) {
  const { t, i18n } = useTranslation();
  const dismiss = useDismissNotices();
  return (
    <div data-testid="interrupted-banner">
      <Alert
        banner
        type="warning"
        showIcon
        title={t("interrupted.title", { count: work.length })}
        description={
          <>
            {work.map((w, i) => (
              <div key={i} data-testid="interrupted-item" title={workFile(w.work)}>
                {interruptedText(t, w.work, {
                  time: formatDateTime(w.started_at, i18n.language),
                  actor: authorName(t, w.actor),
                })}
              </div>
            ))}
            <div>{t("interrupted.kept")}</div>
          </>
        }
        action={
          <Button
            size="small"
            data-testid="interrupted-dismiss"
            loading={dismiss.isPending}
            onClick={() => dismiss.mutate()}
          >
            {t("interrupted.dismiss")}
          </Button>
        }
      />
    </div>
  );
}
