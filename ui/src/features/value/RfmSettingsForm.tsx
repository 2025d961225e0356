//! The RFM settings: which events are orders, the window, quintiles or hand-set cut points.
//! The core checks them on save; its complaint shows under the field it names.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, Flex, Form, InputNumber, Radio, Select, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { rfmSaveSettings, segmentsCatalog, toIpcError, type IpcError, type RfmSettings, type RfmThresholds } from "../../lib/ipc";
import { queryKeys } from "../../lib/queryKeys";
import { problemText } from "../../problems";
import { WhyButton, WhyNote } from "../../components/Why";
import { useRights } from "../team/useRights";

type Cuts = [number, number, number, number];

export const DEFAULT_THRESHOLDS: RfmThresholds = {
  recency_days: [7, 30, 90, 180],
  frequency: [1, 2, 3, 5],
  monetary: [100, 500, 1000, 5000],
};

const DIMENSIONS = ["recency_days", "frequency", "monetary"] as const;

/** The event kinds of the database for an "order kind" picker, keeping the current one listed. */
export function useEventKinds(current: string) {
  const catalog = useQuery({ queryKey: queryKeys.segmentsCatalog, queryFn: segmentsCatalog });
  const kinds = (catalog.data?.events ?? []).map((e) => e.kind);
  return (kinds.includes(current) || current === "" ? kinds : [current, ...kinds]).map((k) => ({ value: k, label: k }));
}

/** `help` for a field: the core's message when it named this field. */
export function fieldHelp(error: IpcError | null, field: string) {
  return error?.field === field ? { validateStatus: "error" as const, help: <span data-testid={`error-${field}`}>{problemText(error.problem)}</span> } : {};
}

export function RfmSettingsForm({ settings, onSaved }: { settings: RfmSettings; onSaved: () => void }) {
  const { t } = useTranslation();
  // The settings are the team's admins' and owner's (the hub refuses others): others only look.
  const { notAdmin } = useRights();
  const client = useQueryClient();
  const [draft, setDraft] = useState<RfmSettings>(settings);
  const [error, setError] = useState<IpcError | null>(null);
  const kinds = useEventKinds(draft.order_kind);
  const save = useMutation({
    mutationFn: () => rfmSaveSettings(draft),
    onMutate: () => setError(null),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: queryKeys.rfmSettings });
      onSaved();
    },
    onError: (e) => setError(toIpcError(e)),
  });
  const thresholds = draft.scoring.type === "thresholds" ? draft.scoring.thresholds : null;
  const setCut = (dim: (typeof DIMENSIONS)[number], i: number, value: number | null) => {
    if (thresholds === null) return;
    const cuts = [...thresholds[dim]] as Cuts;
    cuts[i] = value ?? 0;
    setDraft({ ...draft, scoring: { type: "thresholds", thresholds: { ...thresholds, [dim]: cuts } } });
  };
  const dirty = JSON.stringify(draft) !== JSON.stringify(settings);
  const unnamed = error !== null && !["order_kind", "window_days", "high_from", "thresholds"].includes(error.field ?? "");

  return (
    <Form disabled={notAdmin !== null} layout="vertical" data-testid="rfm-settings" style={{ maxWidth: 560 }}>
      <WhyNote why={notAdmin} testId="rfm-not-admin" />
      <Flex gap="middle" wrap>
        <Form.Item label={t("value.rfm.orderKind")} {...fieldHelp(error, "order_kind")} style={{ minWidth: 180 }}>
          <Select data-testid="rfm-order-kind" showSearch value={draft.order_kind} options={kinds} onChange={(v: string) => setDraft({ ...draft, order_kind: v })} />
        </Form.Item>
        <Form.Item label={t("value.rfm.windowDays")} {...fieldHelp(error, "window_days")}>
          <InputNumber data-testid="rfm-window" value={draft.window_days} onChange={(v) => setDraft({ ...draft, window_days: v ?? 0 })} suffix={t("value.days")} />
        </Form.Item>
        <Form.Item label={t("value.rfm.highFrom")} tooltip={t("value.rfm.highFromHelp")} {...fieldHelp(error, "high_from")}>
          <InputNumber data-testid="rfm-high-from" value={draft.high_from} onChange={(v) => setDraft({ ...draft, high_from: v ?? 0 })} />
        </Form.Item>
      </Flex>
      <Form.Item label={t("value.rfm.scoring")}>
        <Radio.Group
          data-testid="rfm-scoring"
          value={draft.scoring.type}
          onChange={(e) =>
            setDraft({ ...draft, scoring: e.target.value === "quantile" ? { type: "quantile" } : { type: "thresholds", thresholds: DEFAULT_THRESHOLDS } })
          }
          options={[
            { value: "quantile", label: t("value.rfm.quantile") },
            { value: "thresholds", label: t("value.rfm.thresholds") },
          ]}
        />
      </Form.Item>
      {thresholds !== null && (
        <Form.Item {...fieldHelp(error, "thresholds")} extra={t("value.rfm.thresholdsHelp")}>
          <Flex vertical gap={6}>
            {DIMENSIONS.map((dim) => (
              <Flex key={dim} align="center" gap={6}>
                <Typography.Text style={{ width: 96 }}>{t(`value.rfm.dim.${dim}`)}</Typography.Text>
                {thresholds[dim].map((cut, i) => (
                  <InputNumber key={i} size="small" data-testid={`rfm-cut-${dim}-${i}`} value={cut} onChange={(v) => setCut(dim, i, v)} style={{ width: 88 }} />
                ))}
              </Flex>
            ))}
          </Flex>
        </Form.Item>
      )}
      {unnamed && error !== null && <Alert type="error" showIcon title={problemText(error.problem)} style={{ marginBottom: 12 }} />}
      <WhyButton why={notAdmin} data-testid="rfm-save" disabled={!dirty} loading={save.isPending} onClick={() => save.mutate()}>
        {t("value.save")}
      </WhyButton>
    </Form>
  );
}
