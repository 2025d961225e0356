//! Merging one tag of a suspected pair into the other, after a preview of what would move:
//! assignments carried over or already there, the segments and rules pointed at the surviving
//! tag, and what else refers to the tag that goes. A merge the single-select group would refuse
//! says so before anyone presses the button.
import { Alert, App, Descriptions, Flex, Modal, Spin, Typography, type ButtonProps } from "antd";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../components/ErrorAlert";
import { errorText } from "../../components/errorText";
import { healthMergePreview, tagsMerge, toIpcError } from "../../lib/ipc";
import { formatNumber } from "../../lib/format";
import { invalidateCustomerData, invalidateRuleData, invalidateSegmentData } from "../../lib/invalidate";
import { WhereUsedList } from "./WhereUsedList";

export interface MergeChoice {
  source: { id: number; name: string };
  target: { id: number; name: string };
}

export function MergePreviewModal({ choice, onClose }: { choice: MergeChoice | null; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const preview = useQuery({
    queryKey: ["health", "merge_preview", choice?.source.id, choice?.target.id],
    queryFn: () => healthMergePreview([choice!.source.id], choice!.target.id),
    enabled: choice !== null,
    // A preview is of this moment: never an old one for the same pair.
    gcTime: 0,
  });
  const merge = useMutation({
    mutationFn: () => tagsMerge([choice!.source.id], choice!.target.id),
    onSuccess: async (report) => {
      onClose();
      await Promise.all([invalidateCustomerData(client), invalidateSegmentData(client), invalidateRuleData(client)]);
      void message.success({
        content: <span data-testid="merge-done">{t("health.merge.done", { source: choice!.source.name, target: choice!.target.name, moved: report.moved })}</span>,
      });
    },
    onError: (e) => void message.error(errorText(t, toIpcError(e))),
  });
  const p = preview.data;
  const refused = p !== undefined && p.single_select_clashes > 0;
  const n = (v: number) => formatNumber(v, i18n.language);
  return (
    <Modal
      open={choice !== null}
      title={choice === null ? "" : t("health.merge.title", { source: choice.source.name, target: choice.target.name })}
      okText={t("health.merge.ok")}
      cancelText={t("common.cancel")}
      okButtonProps={{ disabled: p === undefined || refused, loading: merge.isPending, "data-testid": "merge-preview-ok" } as ButtonProps}
      onOk={() => merge.mutate()}
      onCancel={onClose}
      destroyOnHidden
      width={560}
    >
      {preview.isPending && <Spin data-testid="merge-preview-loading" />}
      {preview.error !== null && <ErrorAlert error={toIpcError(preview.error)} />}
      {p !== undefined && choice !== null && (
        <Flex vertical gap="small" data-testid="merge-preview">
          <Typography.Paragraph style={{ margin: 0 }}>{t("health.merge.explain", { source: choice.source.name, target: choice.target.name })}</Typography.Paragraph>
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label={t("health.merge.moved")}>
              <span data-testid="merge-moved">{n(p.moved)}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t("health.merge.collapsed")}>{n(p.collapsed)}</Descriptions.Item>
            <Descriptions.Item label={t("health.merge.targetCount", { target: choice.target.name })}>
              {n(p.target_before)} → {n(p.target_after)}
            </Descriptions.Item>
            {(p.segments.length > 0 || p.rules.length > 0) && (
              <Descriptions.Item label={t("health.merge.rewritten")}>{[...p.segments, ...p.rules].map((u) => u.name).join(t("health.listSeparator"))}</Descriptions.Item>
            )}
          </Descriptions>
          {refused && <Alert type="error" showIcon title={t("health.merge.clashes", { count: p.single_select_clashes })} data-testid="merge-refused" />}
          <WhereUsedList ids={[choice.source.id]} names={new Map([[choice.source.id, choice.source.name]])} />
          <Typography.Text type="secondary">{t("health.merge.undoHint")}</Typography.Text>
        </Flex>
      )}
    </Modal>
  );
}
