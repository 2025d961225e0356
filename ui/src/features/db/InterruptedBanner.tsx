//! Says that an import was cut off when TagDesk last stopped (a crash, a dead battery) and that
//! nothing of it was kept, so the user knows to import the file again instead of wondering
//! which half arrived.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Alert, Button } from "antd";
import { useTranslation } from "react-i18next";
import { dbDismissInterrupted, type InterruptedWork } from "../../lib/ipc";
import { formatDateTime } from "../../lib/format";
import { queryKeys } from "../../lib/queryKeys";

/** The file's name without its folders (either separator: the file may come from Windows). */
function fileName(path: string): string {
  return path.split(/[\\/]/).pop() || path;
}

export function InterruptedBanner({ work }: { work: InterruptedWork[] }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const dismiss = useMutation({
    mutationFn: () => dbDismissInterrupted(),
    onSuccess: (status) => queryClient.setQueryData(queryKeys.appStatus, status),
  });
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
              <div key={i} data-testid="interrupted-item" title={w.detail}>
                {t(w.what === "events_import" ? "interrupted.events" : "interrupted.customers", {
                  file: fileName(w.detail),
                  time: formatDateTime(w.started_at, i18n.language),
                  actor: w.actor,
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
