//! Step 4: runs the import with a progress bar and a cancel button, then shows what happened.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { App, Button, Flex, Progress, Result, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../components/ErrorAlert";
import { errorText } from "../../components/errorText";
import { WhyButton } from "../../components/Why";
import { useRights } from "../team/useRights";
import { toLanguage } from "../../i18n/languages";
import { toIpcError } from "../../lib/ipc";
import { pickSavePath } from "../../lib/ipc/dialog";
import { invalidateCustomerData } from "../../lib/invalidate";
import { queryKeys } from "../../lib/queryKeys";
import { importErrorReport, importRun, jobCancel, type ImportReport, type ImportSpec, type ImportSummary } from "./api";
import { SummaryCards } from "./SummaryCards";
import { RunOutcomes } from "../rules/RunLog";
import { useJobProgress } from "../../lib/useJobProgress";

interface Props {
  spec: ImportSpec;
  /** The dry run's counts, to say what is about to happen. */
  planned: ImportSummary;
  onRunning: (running: boolean) => void;
  onRestart: () => void;
}

export function RunStep({ spec, planned, onRunning, onRestart }: Props) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  // A viewer on the team hub may look at the dry run but not import.
  const { readOnly } = useRights();
  const run = useMutation<ImportReport, unknown, ImportSpec>({
    mutationFn: importRun,
    onMutate: () => onRunning(true),
    onSettled: () => onRunning(false),
    onSuccess: () =>
      Promise.all([
        invalidateCustomerData(client),
        client.invalidateQueries({ queryKey: queryKeys.eventKindsList }),
        client.invalidateQueries({ queryKey: queryKeys.segmentsCatalog }),
      ]),
  });
  const events = spec.what === "events";
  const progress = useJobProgress(run.isPending);
  const cancel = useMutation({ mutationFn: jobCancel });
  const saveReport = useMutation({
    mutationFn: async (report: ImportReport) => {
      const path = await pickSavePath(t("io.import.errorReportName"), t("io.export.filterName"), ["xlsx"]);
      if (path === null) return false;
      await importErrorReport(report.problems, path, toLanguage(i18n.language));
      return true;
    },
    onSuccess: (saved) => saved && void message.success(t("io.import.errorReportSaved")),
    onError: (e) => void message.error(errorText(t, toIpcError(e))),
  });

  if (run.isPending) {
    const p = progress.data;
    const percent = p === undefined || p.total === 0 ? 0 : Math.floor((p.done / p.total) * 100);
    return (
      <Flex vertical gap="middle" align="stretch">
        <Progress data-testid="import-progress" percent={percent} status="active" />
        {p !== undefined && (
          <Typography.Text type="secondary" data-testid="import-progress-count" data-done={p.done} data-total={p.total}>
            {t("io.import.progress", { done: p.done, total: p.total })}
          </Typography.Text>
        )}
        <div>
          <Button data-testid="import-cancel" danger loading={cancel.isPending} disabled={cancel.isSuccess} onClick={() => cancel.mutate()}>
            {cancel.isSuccess ? t("io.import.cancelling") : t("io.import.cancel")}
          </Button>
        </div>
      </Flex>
    );
  }

  if (run.isSuccess) {
    const report = run.data;
    const s = report.summary;
    return (
      <Result
        status="success"
        data-testid="import-result"
        title={t("io.import.done")}
        subTitle={
          <>
            <div>
              {t(events ? "io.import.doneSummaryEvents" : "io.import.doneSummary", {
                new: s.new,
                updated: s.updated,
                unchanged: s.unchanged,
                rejected: s.rejected,
                duplicates: s.duplicates_in_file,
              })}
            </div>
            {report.tags_created > 0 && <div>{t("io.import.tagsCreated", { count: report.tags_created })}</div>}
            {report.kinds_created > 0 && <div>{t("io.import.kindsCreated", { count: report.kinds_created })}</div>}
            {report.rules !== null && (
              <div data-testid="import-rules">
                {t("io.import.rulesRan", { scanned: report.rules.scanned, added: report.rules.added, removed: report.rules.removed })}
              </div>
            )}
          </>
        }
        extra={[
          report.problems.length > 0 && (
            <Button key="report" data-testid="import-error-report" loading={saveReport.isPending} onClick={() => saveReport.mutate(report)}>
              {t("io.import.errorReport")}
            </Button>
          ),
          <Button key="again" data-testid="import-restart" onClick={onRestart}>
            {t("io.import.restart")}
          </Button>,
        ]}
      >
        <SummaryCards summary={s} />
        {report.rules !== null && report.rules.added + report.rules.removed > 0 && <RunOutcomes run={report.rules} />}
      </Result>
    );
  }

  const error = run.isError ? toIpcError(run.error) : null;
  return (
    <Flex vertical gap="middle">
      {error?.code === "cancelled" && <Result status="info" data-testid="import-cancelled" title={t("io.import.cancelled")} />}
      {error !== null && error.code !== "cancelled" && <ErrorAlert error={error} testId="import-failed" />}
      <Typography.Paragraph>
        {t(events ? "io.import.runHintEvents" : "io.import.runHint", {
          new: planned.new,
          updated: planned.updated,
          unchanged: planned.unchanged,
          rejected: planned.rejected,
          skipped: planned.skipped,
        })}
      </Typography.Paragraph>
      <div>
        <WhyButton why={readOnly} type="primary" data-testid="import-run" onClick={() => run.mutate(spec)}>
          {t("io.import.run")}
        </WhyButton>
      </div>
    </Flex>
  );
}
