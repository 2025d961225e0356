//! The run button of a value tab; while running, a progress bar and a cancel button instead.
import { Alert, Button, Flex, Progress } from "antd";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../components/ErrorAlert";
import { WhyButton } from "../../components/Why";
import { useRights } from "../team/useRights";
import type { JobRun } from "./useJobRun";

interface Props {
  job: JobRun;
  label: string;
  /** Prefixes the test ids: `<id>-run`, `<id>-progress`, `<id>-cancel`, `<id>-cancelled`. */
  testId: string;
}

export function RunBar({ job, label, testId }: Props) {
  const { t } = useTranslation();
  // A run retags customers: a viewer on the team hub may not.
  const { readOnly } = useRights();
  if (job.running) {
    const p = job.progress;
    const percent = p === undefined || p.total === 0 ? 0 : Math.floor((p.done / p.total) * 100);
    return (
      <Flex align="center" gap="middle">
        <Progress data-testid={`${testId}-progress`} data-percent={percent} percent={percent} status="active" style={{ flex: 1, maxWidth: 420, margin: 0 }} />
        <Button data-testid={`${testId}-cancel`} danger disabled={job.cancelling} onClick={job.cancel}>
          {job.cancelling ? t("value.cancelling") : t("value.cancel")}
        </Button>
      </Flex>
    );
  }
  return (
    <Flex vertical gap="small">
      <div>
        <WhyButton why={readOnly} type="primary" data-testid={`${testId}-run`} onClick={job.start}>
          {label}
        </WhyButton>
      </div>
      {job.cancelled && <Alert type="info" showIcon data-testid={`${testId}-cancelled`} title={t("value.cancelled")} />}
      {job.error !== null && <ErrorAlert error={job.error} testId={`${testId}-failed`} />}
    </Flex>
  );
}
