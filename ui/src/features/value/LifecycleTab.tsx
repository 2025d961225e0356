//! Lifecycle: the day thresholds, a cancellable run, then how many customers each stage holds.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, Button, Card, Empty, Flex, Form, InputNumber, Select, Spin, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../components/ErrorAlert";
import { lifecycleLast, lifecycleRun, lifecycleSave, lifecycleSettings, toIpcError, type IpcError, type LifecycleCount, type LifecycleReport, type LifecycleSettings } from "../../lib/ipc";
import { formatDateTime } from "../../lib/format";
import { queryKeys } from "../../lib/queryKeys";
import { useOpenCustomers } from "../shell/navigation";
import { BarChart } from "./BarChart";
import { fieldHelp, useEventKinds } from "./RfmSettingsForm";
import { RunBar } from "./RunBar";
import { useTagColors, useTagNames } from "./tagColors";
import { useJobRun } from "./useJobRun";
import { problemText } from "../../problems";
import { WhyButton, WhyNote } from "../../components/Why";
import { useRights } from "../team/useRights";

export function LifecycleTab() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const settings = useQuery({ queryKey: queryKeys.lifecycleSettings, queryFn: lifecycleSettings });
  const last = useQuery({ queryKey: queryKeys.lifecycleLast, queryFn: lifecycleLast });
  const job = useJobRun(lifecycleRun, (result) => {
    client.setQueryData(queryKeys.lifecycleLast, result);
    return Promise.resolve();
  });
  const error = settings.error ?? last.error;
  return (
    <Flex vertical gap="middle">
      {error !== null && <ErrorAlert error={toIpcError(error)} />}
      <RunBar job={job} label={t("value.lifecycle.run")} testId="lifecycle" />
      {last.data === null && <Empty data-testid="lifecycle-empty" description={t("value.lifecycle.empty")} />}
      {last.data !== undefined && last.data !== null && <LifecycleResult report={last.data} />}
      <Card size="small" title={t("value.settings")}>
        {settings.data === undefined ? <Spin /> : <LifecycleForm key={JSON.stringify(settings.data)} settings={settings.data} />}
      </Card>
    </Flex>
  );
}

const FIELDS = ["new_days", "active_days", "silent_days"] as const;

function LifecycleForm({ settings }: { settings: LifecycleSettings }) {
  const { t } = useTranslation();
  // The settings are the team's admins' and owner's (the hub refuses others): others only look.
  const { notAdmin } = useRights();
  const client = useQueryClient();
  const [draft, setDraft] = useState(settings);
  const [error, setError] = useState<IpcError | null>(null);
  const kinds = useEventKinds(draft.order_kind);
  const save = useMutation({
    mutationFn: () => lifecycleSave(draft),
    onMutate: () => setError(null),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.lifecycleSettings }),
    onError: (e) => setError(toIpcError(e)),
  });
  const dirty = JSON.stringify(draft) !== JSON.stringify(settings);
  const unnamed = error !== null && !["order_kind", ...FIELDS].includes(error.field ?? "");
  return (
    <Form disabled={notAdmin !== null} layout="vertical" data-testid="lifecycle-settings">
      <WhyNote why={notAdmin} testId="lifecycle-not-admin" />
      <Flex gap="middle" wrap>
        <Form.Item label={t("value.rfm.orderKind")} {...fieldHelp(error, "order_kind")} style={{ minWidth: 160 }}>
          <Select data-testid="lifecycle-order-kind" showSearch value={draft.order_kind} options={kinds} onChange={(v: string) => setDraft({ ...draft, order_kind: v })} />
        </Form.Item>
        {FIELDS.map((f) => (
          <Form.Item key={f} label={t(`value.lifecycle.${f}`)} tooltip={t(`value.lifecycle.${f}Help`)} {...fieldHelp(error, f)}>
            <InputNumber data-testid={`lifecycle-${f}`} value={draft[f]} suffix={t("value.days")} onChange={(v) => setDraft({ ...draft, [f]: v ?? 0 })} />
          </Form.Item>
        ))}
      </Flex>
      {unnamed && error !== null && <Alert type="error" showIcon title={problemText(error.problem)} style={{ marginBottom: 12 }} />}
      <WhyButton why={notAdmin} data-testid="lifecycle-save" disabled={!dirty} loading={save.isPending} onClick={() => save.mutate()}>
        {t("value.save")}
      </WhyButton>
    </Form>
  );
}

function LifecycleResult({ report }: { report: LifecycleReport }) {
  const { t, i18n } = useTranslation();
  const colors = useTagColors();
  const tagName = useTagNames();
  const openCustomers = useOpenCustomers();
  // The stage is the app's word (worded here); the tag that holds it is the user's data, found by id.
  const label = (s: LifecycleCount) => t(`value.lifecycle.stages.${s.stage}`);
  return (
    <Card
      size="small"
      data-testid="lifecycle-result"
      title={t("value.lifecycle.resultTitle")}
      extra={<Typography.Text type="secondary">{t("value.lastRun", { at: formatDateTime(report.run_at, i18n.language) })}</Typography.Text>}
    >
      <Flex vertical gap="middle">
        <Typography.Text>
          {t("value.changed", { added: report.added, removed: report.removed })}
          {" · "}
          <span data-testid="lifecycle-kept-manual" data-count={report.kept_manual}>
            {t("value.keptManual", { count: report.kept_manual })}
          </span>
        </Typography.Text>
        <BarChart testId="lifecycle-chart" bars={report.stages.map((s) => ({ key: s.stage, label: label(s), value: s.customers, color: colors(s.tag_id) }))} />
        <Flex gap="small" wrap>
          {report.stages.map((s) => (
            <Button key={s.stage} size="small" data-testid="lifecycle-stage-open" onClick={() => openCustomers({ id: s.tag_id, name: tagName(s.tag_id) ?? label(s), color: colors(s.tag_id) })}>
              {t("value.lifecycle.openStage", { name: label(s) })}
            </Button>
          ))}
        </Flex>
      </Flex>
    </Card>
  );
}
