//! Merges tags into one: the sources are given, the target is picked; afterwards the report says
//! what moved.
import { Alert, Button, Flex, Modal, Tag, Typography } from "antd";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../components/ErrorAlert";
import { TagPicker } from "../../components/TagPicker/TagPicker";
import { tagsMerge, toIpcError, type MergeReport, type TagNode } from "../../lib/ipc";
import { invalidateCustomerData } from "../../lib/invalidate";
import { WhereUsedList } from "../health/WhereUsedList";

interface Props {
  sources: TagNode[] | null;
  nodes: readonly TagNode[];
  onClose: () => void;
}

export function MergeModal({ sources, nodes, onClose }: Props) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [target, setTarget] = useState<number | null>(null);
  const [report, setReport] = useState<MergeReport | null>(null);
  useEffect(() => {
    setTarget(null);
    setReport(null);
  }, [sources]);
  const ids = (sources ?? []).map((s) => s.id);
  const merge = useMutation({
    mutationFn: (into: number) => tagsMerge(ids, into),
    onSuccess: (r) => {
      setReport(r);
      return invalidateCustomerData(client);
    },
  });
  const targetName = nodes.find((n) => n.id === target)?.name;

  return (
    <Modal
      open={sources !== null}
      title={t("tagEdit.mergeTitle")}
      onCancel={onClose}
      destroyOnHidden
      width={600}
      footer={
        report !== null ? (
          <Button type="primary" onClick={onClose} data-testid="merge-close">
            {t("common.close")}
          </Button>
        ) : (
          <Flex justify="end" gap="small">
            <Button onClick={onClose}>{t("common.cancel")}</Button>
            <Button
              type="primary"
              danger
              data-testid="merge-ok"
              disabled={target === null}
              loading={merge.isPending}
              onClick={() => target !== null && merge.mutate(target)}
            >
              {targetName === undefined ? t("tagEdit.mergeOk") : `${t("tagEdit.mergeOk")} → ${targetName}`}
            </Button>
          </Flex>
        )
      }
    >
      <Flex vertical gap="middle">
        <Flex gap={6} align="center" wrap>
          <Typography.Text>{t("tagEdit.mergeSources")}</Typography.Text>
          {(sources ?? []).map((s) => (
            <Tag key={s.id} color={s.effective_color} data-testid="merge-source" data-name={s.name}>
              {s.name}
            </Tag>
          ))}
        </Flex>
        {report !== null ? (
          <Alert
            type="success"
            showIcon
            data-testid="merge-report"
            title={t("tagEdit.mergeReport", { moved: report.moved, collapsed: report.collapsed, rewritten: report.rewritten })}
          />
        ) : (
          <>
            <WhereUsedList ids={ids} names={new Map((sources ?? []).map((s) => [s.id, s.name]))} />
            <Typography.Text>{t("tagEdit.mergeTarget")}</Typography.Text>
            <TagPicker nodes={nodes} exclude={ids} hideOk onSelect={setTarget} onConfirm={(id) => merge.mutate(id)} />
          </>
        )}
        {merge.isError && <ErrorAlert error={toIpcError(merge.error)} />}
      </Flex>
    </Modal>
  );
}
