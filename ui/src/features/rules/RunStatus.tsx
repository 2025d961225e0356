//! The state of a manual run: a progress bar with cancel while it runs, then what it did.
import { Alert, Button, Flex, Progress, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../components/ErrorAlert";
import { toIpcError } from "../../lib/ipc";
import type { RulesRun } from "./useRulesRun";

export function RunStatus({ job, onClose }: { job: RulesRun; onClose: () => void }) {
  const { t } = useTranslation();
  const { run, progress, cancel } = job;
  if (run.isPending) {
    const percent = progress === undefined || progress.total === 0 ? 0 : Math.floor((progress.done / progress.total) * 100);
    return (
      <Flex vertical gap="small" data-testid="rules-run-progress">
        <Progress percent={percent} status="active" />
        <Flex align="center" gap="middle">
          {progress !== undefined && progress.total > 0 && <Typography.Text type="secondary">{t("rules.run.progress", { done: progress.done, total: progress.total })}</Typography.Text>}
          <Button size="small" danger data-testid="rules-run-cancel" loading={cancel.isPending} disabled={cancel.isSuccess} onClick={() => cancel.mutate()}>
            {cancel.isSuccess ? t("rules.run.cancelling") : t("rules.run.cancel")}
          </Button>
        </Flex>
      </Flex>
    );
  }
  if (run.isSuccess) {
    const r = run.data;
    return (
      <Alert
        type="success"
        showIcon
        closable={{ onClose }}
        data-testid="rules-run-result"
        data-added={r.added}
        data-removed={r.removed}
        title={t("rules.run.done", { scanned: r.scanned, added: r.added, removed: r.removed, ms: r.millis })}
      />
    );
  }
  if (run.isError) {
    const error = toIpcError(run.error);
    if (error.code === "cancelled") return <Alert type="info" showIcon closable={{ onClose }} data-testid="rules-run-cancelled" title={t("rules.run.cancelled")} />;
    return <ErrorAlert error={error} testId="rules-run-error" />;
  }
  return null;
}
