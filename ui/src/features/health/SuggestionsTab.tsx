//! Tags a segment suggests: ones many of its customers hold, far more often than customers at
//! large (support and lift, thresholds shown). Each can be previewed — the customers of the
//! segment who would get it — and given to them as one bulk tag the history can undo. Nothing is
//! ever applied on its own.
import { App, Button, Empty, Flex, Modal, Select, Spin, Table, Typography, type ButtonProps } from "antd";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { emptyOnceKnown } from "../../components/emptyOnceKnown";
import { ErrorAlert } from "../../components/ErrorAlert";
import { errorText } from "../../components/errorText";
import {
  healthSuggestionPreview,
  healthSuggestions,
  segmentsList,
  taggingAdd,
  toIpcError,
  type CustomerRow,
  type Selection,
  type Suggestion,
} from "../../lib/ipc";
import { formatNumber } from "../../lib/format";
import { invalidateCustomerData } from "../../lib/invalidate";
import { queryKeys } from "../../lib/queryKeys";
import { WhyNote } from "../../components/Why";
import { useRights } from "../team/useRights";

const SAMPLE = 8;

export function SuggestionsTab() {
  const { t, i18n } = useTranslation();
  const segments = useQuery({ queryKey: queryKeys.segmentsList, queryFn: segmentsList });
  const [segmentId, setSegmentId] = useState<number | null>(null);
  const [previewing, setPreviewing] = useState<Suggestion | null>(null);
  const selection: Selection | null = segmentId === null ? null : { type: "segment", segment_id: segmentId };
  const list = useQuery({
    queryKey: queryKeys.healthSuggestions(selection ?? { type: "customers", ids: [] }, {}),
    queryFn: () => healthSuggestions(selection!, {}),
    enabled: selection !== null,
  });
  const n = (v: number) => formatNumber(v, i18n.language);
  const pct = (v: number) => `${Math.round(v * 100)}%`;
  const th = list.data?.thresholds;
  return (
    <Flex vertical gap="small">
      <Flex wrap gap="small" align="center">
        <Typography.Text>{t("health.suggest.segment")}</Typography.Text>
        <Select
          showSearch={{ optionFilterProp: "label" }}
          loading={segments.isPending}
          value={segmentId}
          onChange={setSegmentId}
          placeholder={t("health.suggest.pickSegment")}
          style={{ width: 260 }}
          data-testid="suggest-segment"
          options={(segments.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
        />
        {list.data !== undefined && (
          <Typography.Text type="secondary" data-testid="suggest-selected">
            {t("health.suggest.selected", { count: list.data.selected, formatted: n(list.data.selected) })}
          </Typography.Text>
        )}
      </Flex>
      {th !== undefined && (
        <Typography.Text type="secondary" data-testid="suggest-thresholds">
          {t("health.suggest.thresholds", { support: pct(th.min_support), lift: th.min_lift, customers: th.min_customers })}
        </Typography.Text>
      )}
      {list.error !== null && <ErrorAlert error={toIpcError(list.error)} />}
      {selection === null ? (
        <Empty description={t("health.suggest.intro")} />
      ) : (
        <Table<Suggestion>
          size="small"
          rowKey="tag_id"
          loading={list.isFetching}
          dataSource={list.data?.suggestions ?? []}
          pagination={false}
          locale={{ emptyText: emptyOnceKnown(list.isPending, <Empty description={t("health.suggest.none")} />) }}
          data-testid="suggest-table"
          columns={[
            { title: t("health.col.tag"), dataIndex: "name", ellipsis: true },
            { title: t("health.suggest.support"), key: "support", width: 120, align: "right", render: (_, s) => `${n(s.holders)} · ${pct(s.support)}` },
            { title: t("health.suggest.base"), key: "base", width: 100, align: "right", render: (_, s) => pct(s.base_share) },
            { title: t("health.suggest.lift"), key: "lift", width: 80, align: "right", render: (_, s) => `×${s.lift.toFixed(1)}` },
            {
              title: "",
              key: "give",
              width: 170,
              render: (_, s) => (
                <Button size="small" disabled={s.would_get === 0} onClick={() => setPreviewing(s)} data-testid="suggest-preview">
                  {t("health.suggest.preview", { count: s.would_get, formatted: n(s.would_get) })}
                </Button>
              ),
            },
          ]}
        />
      )}
      {selection !== null && <PreviewModal selection={selection} suggestion={previewing} onClose={() => setPreviewing(null)} />}
    </Flex>
  );
}

/** The customers who would get the suggested tag, and the button that gives it to them. */
function PreviewModal({ selection, suggestion, onClose }: { selection: Selection; suggestion: Suggestion | null; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const preview = useQuery({
    queryKey: ["health", "suggestion_preview", selection, suggestion?.tag_id],
    queryFn: () => healthSuggestionPreview(selection, suggestion!.tag_id, SAMPLE),
    enabled: suggestion !== null,
    gcTime: 0,
  });
  const give = useMutation({
    mutationFn: () => taggingAdd({ type: "customers", ids: preview.data!.customer_ids }, suggestion!.tag_id),
    onSuccess: async (report) => {
      onClose();
      await invalidateCustomerData(client);
      void message.success(<span data-testid="suggest-given">{t("health.suggest.given", { tag: suggestion!.name, count: report.changed, formatted: formatNumber(report.changed, i18n.language) })}</span>);
    },
    onError: (e) => void message.error(errorText(t, toIpcError(e))),
  });
  const count = preview.data?.customer_ids.length ?? 0;
  // A viewer on the team hub may read who would get the tag, not give it.
  const { readOnly } = useRights();
  return (
    <Modal
      open={suggestion !== null}
      title={suggestion === null ? "" : t("health.suggest.previewTitle", { tag: suggestion.name })}
      okText={t("health.suggest.give", { count, formatted: formatNumber(count, i18n.language) })}
      cancelText={t("common.cancel")}
      okButtonProps={{ disabled: count === 0 || readOnly !== null, title: readOnly ?? undefined, loading: give.isPending, "data-testid": "suggest-give" } as ButtonProps}
      onOk={() => give.mutate()}
      onCancel={onClose}
      destroyOnHidden
      width={560}
    >
      {preview.isPending ? (
        <Spin />
      ) : (
        <Flex vertical gap="small">
          <WhyNote why={readOnly} testId="suggest-read-only" />
          <Table<CustomerRow>
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={preview.data?.sample ?? []}
            columns={[
              { title: t("health.col.name"), dataIndex: "name", ellipsis: true },
              { title: t("health.col.company"), dataIndex: "company", ellipsis: true, render: (v: string | null) => v ?? "—" },
            ]}
          />
          {count > SAMPLE && <Typography.Text type="secondary">{t("health.suggest.more", { count: count - SAMPLE })}</Typography.Text>}
          <Typography.Text type="secondary">{t("health.suggest.undoHint")}</Typography.Text>
        </Flex>
      )}
    </Modal>
  );
}
