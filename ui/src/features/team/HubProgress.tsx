//! The step a hub job is at (starting a hub, joining one, joining again) and how far it got.
import { Flex, Progress, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { useJobProgress } from "../../lib/useJobProgress";

/**
 * What starting, joining or joining again is doing now: setting up, copying, uploading part k of n, masking
 * contacts, downloading, catching up. Starting a hub from 1,000,000 customers takes minutes.
 */
export function HubProgress() {
  const { t } = useTranslation();
  const progress = useJobProgress();
  const p = progress.data;
  const step = p?.running === true ? p.step : null;
  const known = p !== undefined && p.total > 0;
  return (
    <Flex vertical gap={2} data-testid="hub-progress">
      <Typography.Text type="secondary" data-testid="hub-progress-step">
        {step === null || step === undefined ? t("team.hub.progress.working") : t(`team.hub.progress.${step}`, { done: p?.done ?? 0, total: p?.total ?? 0 })}
      </Typography.Text>
      <Progress percent={known ? Math.round((100 * p.done) / p.total) : 100} status="active" showInfo={known} size="small" />
    </Flex>
  );
}
