//! One operation's details: who, when, on which device, the file of an import, the customers and
//! events an import created or changed (which its undo takes back), and the customer-tag pairs it changed.
import { useQuery } from "@tanstack/react-query";
import { Descriptions, Drawer, Flex, Spin, Table, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../components/ErrorAlert";
import { formatDateTime } from "../../lib/format";
import { operationsGet, toIpcError, type TagChange } from "../../lib/ipc";
import { queryKeys } from "../../lib/queryKeys";
import { describeOperation, describeRecords } from "./describe";
import { authorName } from "../../lib/author";

export function OperationDrawer({ id, onClose }: { id: number | null; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const detail = useQuery({ queryKey: queryKeys.operationsGet(id ?? 0), queryFn: () => operationsGet(id!), enabled: id !== null });
  const d = detail.data;
  return (
    <Drawer open={id !== null} onClose={onClose} width={560} title={d === undefined ? t("history.details") : describeOperation(t, d.operation)} data-testid="operation-drawer">
      {detail.error !== null && <ErrorAlert error={toIpcError(detail.error)} />}
      {d === undefined ? (
        detail.error === null && <Spin />
      ) : (
        <Flex vertical gap="middle">
          <Descriptions
            size="small"
            column={1}
            items={[
              { key: "who", label: t("history.who"), children: authorName(t, d.operation.author) },
              { key: "when", label: t("history.when"), children: `${formatDateTime(d.operation.at, i18n.language)} · ${t("history.device", { device: d.operation.device || "—" })}` },
              { key: "kind", label: t("history.filterKind"), children: t(`history.kind.${d.operation.kind}`) },
              ...(d.operation.file !== null ? [{ key: "file", label: t("history.fileLabel"), children: d.operation.file }] : []),
              ...(d.records !== null ? [{ key: "records", label: t("history.records.label"), children: <span data-testid="operation-records">{describeRecords(t, d.records)}</span> }] : []),
            ]}
          />
          {d.records !== null && d.operation.can_undo && (
            <Typography.Text type="secondary" data-testid="operation-records-undo">
              {t(d.operation.kind === "undo" ? "history.records.redo" : "history.records.undo")}
            </Typography.Text>
          )}
          {d.total_changes > 0 && (
            <>
              <Typography.Text strong>{t("history.changes", { count: d.total_changes, shown: d.changes.length })}</Typography.Text>
              <Table<TagChange>
                size="small"
                rowKey={(c) => `${c.customer_id}-${c.tag_id}-${c.added ? 1 : 0}`}
                data-testid="operation-changes"
                dataSource={d.changes}
                pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
                columns={[
                  { key: "customer", title: t("history.customer"), render: (_, c) => c.customer_name },
                  { key: "change", title: t("history.what"), render: (_, c) => <Tag color={c.added ? "green" : "red"}>{c.added ? t("history.added") : t("history.removed")}</Tag> },
                  { key: "tag", title: t("history.tag"), render: (_, c) => c.tag_name },
                ]}
              />
            </>
          )}
        </Flex>
      )}
    </Drawer>
  );
}
