//! One saved segment: its members in a paged, sortable table — a row opens the customer's
//! profile, "why" unfolds beneath that row the conditions the member meets; tag them all at
//! once (undoable); open the builder on its conditions.
import { EditOutlined, TagsOutlined } from "@ant-design/icons";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Empty, Flex, Table, Tag, Typography } from "antd";
import { ActionResultAlert } from "../customers/ActionResultAlert";
import type { ColumnsType } from "antd/es/table";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../components/ErrorAlert";
import { TagPickerModal } from "../../components/TagPicker/TagPickerModal";
import { WhyButton } from "../../components/Why";
import { useRights } from "../team/useRights";
import { formatDate, formatDateTime } from "../../lib/format";
import {
  segmentsMembers,
  segmentsTag,
  tagsTree,
  toIpcError,
  type CustomerRow,
  type CustomerSort,
  type CustomerSortField,
  type IpcError,
  type Segment,
} from "../../lib/ipc";
import { useUndoOperations } from "../history/useUndoOperations";
import { invalidateCustomerData } from "../../lib/invalidate";
import { queryKeys } from "../../lib/queryKeys";
import { taggingText, type ActionResult } from "../customers/actionResult";
import { CustomerProfile } from "../customers/profile/CustomerProfile";
import { TagChips } from "../customers/TagChips";
import { ExplainPanel } from "./ExplainPanel";
import { SegmentExportSlot } from "./exportSlot";

const PAGE_SIZE = 50;

export function SegmentDetail({ segment, onEdit }: { segment: Segment; onEdit: () => void }) {
  const { t, i18n } = useTranslation();
  // Tagging the segment's customers: not for a viewer on the team hub (the picker locks other departments' groups).
  const { readOnly } = useRights();
  const client = useQueryClient();
  const [page, setPage] = useState(1);
  const [sort, setSort] = useState<CustomerSort | null>(null);
  // The member whose explanation is unfolded under their row, and the one whose profile is open.
  const [explained, setExplained] = useState<number | null>(null);
  const [profileId, setProfileId] = useState<number | null>(null);
  const [picking, setPicking] = useState(false);
  const [result, setResult] = useState<ActionResult | null>(null);
  const [actionError, setActionError] = useState<IpcError | null>(null);
  const source = { type: "segment" as const, segment_id: segment.id };
  const query = { source, sort, offset: (page - 1) * PAGE_SIZE, limit: PAGE_SIZE };
  const members = useQuery({ queryKey: queryKeys.segmentsMembers(query), queryFn: () => segmentsMembers(query), placeholderData: keepPreviousData });
  const tree = useQuery({ queryKey: queryKeys.tagsTree, queryFn: tagsTree });

  const undoOperations = useUndoOperations();
  const undo = (operation: number) => async () => {
    const report = await undoOperations(operation);
    if (report !== null) setResult({ text: t("bulk.undone", { count: report.changed }), changed: report.changed });
  };
  const tagAll = useMutation({
    mutationFn: (tagId: number) => segmentsTag(source, tagId),
    onSuccess: (report, tagId) => {
      setPicking(false);
      setActionError(null);
      const tag = tree.data?.nodes.find((n) => n.id === tagId);
      setResult({ text: taggingText(t, "add", report, tag?.name ?? ""), changed: report.changed, undo: undo(report.operation_id), undoGroups: [tag?.parent_id ?? null] });
      return invalidateCustomerData(client);
    },
    onError: (e) => setActionError(toIpcError(e)),
  });

  const sortable = (key: CustomerSortField, title: string, render?: (row: CustomerRow) => React.ReactNode) => ({
    key,
    dataIndex: key,
    title,
    sorter: true,
    sortOrder: sort?.field === key ? (sort.descending ? ("descend" as const) : ("ascend" as const)) : null,
    ellipsis: true,
    render: render === undefined ? undefined : (_: unknown, row: CustomerRow) => render(row),
  });
  // Fixed widths that add up to the room beside the saved list at 1280 px, so the phone number
  // and the last column show whole; the company alone gives way (ellipsis, full text on hover).
  const columns: ColumnsType<CustomerRow> = [
    { ...sortable("name", t("customers.col.name")), width: 96 },
    { ...sortable("phone", t("customers.col.phone")), width: 124, ellipsis: false },
    { ...sortable("company", t("customers.col.company")), width: 130 },
    { ...sortable("city", t("customers.col.city")), width: 72 },
    { key: "tags", title: t("customers.col.tags"), width: 180, render: (_, row) => <TagChips tags={row.tags} room={180 - 16} /> },
    { ...sortable("created_at", t("customers.col.created_at"), (row) => formatDate(row.created_at, i18n.language)), width: 104 },
    {
      key: "why",
      width: 72,
      render: (_, row) => (
        <Typography.Link
          data-testid="member-explain"
          data-id={row.id}
          aria-expanded={explained === row.id}
          onClick={(e) => {
            // The row itself opens the profile; this link only unfolds the explanation.
            e.stopPropagation();
            setExplained((id) => (id === row.id ? null : row.id));
          }}
        >
          {explained === row.id ? t("segments.detail.explainHide") : t("segments.detail.explain")}
        </Typography.Link>
      ),
    },
  ];

  const total = members.data?.total;
  return (
    <Flex vertical gap="middle" data-testid="segment-detail" data-id={segment.id}>
      <Flex justify="space-between" align="center" wrap gap="small">
        <Flex vertical gap={2}>
          <Flex align="center" gap="small">
            <Typography.Title level={4} style={{ margin: 0 }} data-testid="segment-detail-name">
              {segment.name}
            </Typography.Title>
            <Tag>{t(`segments.kind.${segment.kind}`)}</Tag>
          </Flex>
          <Typography.Text type="secondary" data-testid="segment-detail-note">
            {segment.kind === "static" && segment.frozen_at !== null
              ? t("segments.detail.frozenAt", { at: formatDateTime(segment.frozen_at, i18n.language) })
              : t("segments.detail.dynamicNote")}
            {total !== undefined && ` · ${t("segments.detail.total", { count: total })}`}
          </Typography.Text>
        </Flex>
        <Flex gap="small" wrap>
          <WhyButton why={readOnly} icon={<EditOutlined />} data-testid="segment-edit" onClick={onEdit}>
            {t("segments.detail.editCondition")}
          </WhyButton>
          <WhyButton why={readOnly} type="primary" icon={<TagsOutlined />} data-testid="segment-bulk-tag" disabled={total === 0} onClick={() => setPicking(true)}>
            {t("segments.detail.bulkTag")}
          </WhyButton>
          <SegmentExportSlot segment={segment} total={total} />
        </Flex>
      </Flex>
      {actionError !== null && <ErrorAlert error={actionError} testId="action-error" />}
      {result !== null && <ActionResultAlert result={result} onClose={() => setResult(null)} onUndoError={(e) => setActionError(toIpcError(e))} />}
      {members.error !== null && <ErrorAlert error={toIpcError(members.error)} />}
      <Table<CustomerRow>
        size="small"
        rowKey="id"
        data-testid="segment-members"
        columns={columns}
        dataSource={members.data?.items ?? []}
        loading={members.isFetching}
        locale={{
          emptyText:
            members.data === undefined && members.error === null ? (
              <Typography.Text type="secondary" data-testid="members-loading">
                {t("segments.detail.loadingMembers")}
              </Typography.Text>
            ) : (
              <Empty data-testid="members-empty" image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("segments.detail.noMembers")} />
            ),
        }}
        onRow={(row) =>
          ({
            "data-testid": "member-row",
            "data-id": row.id,
            className: "member-row",
            title: t("segments.detail.openProfile"),
            onClick: () => setProfileId(row.id),
          }) as React.HTMLAttributes<HTMLElement>
        }
        expandable={{
          showExpandColumn: false,
          expandedRowKeys: explained === null ? [] : [explained],
          expandedRowRender: (row) => (
            <div className="member-explain" data-testid="member-explain-row" data-id={row.id}>
              <ExplainPanel condition={segment.condition} member={row} />
            </div>
          ),
        }}
        pagination={{ current: page, pageSize: PAGE_SIZE, total: total ?? 0, showSizeChanger: false, hideOnSinglePage: true }}
        onChange={(pagination, _filters, sorter) => {
          const s = Array.isArray(sorter) ? sorter[0] : sorter;
          const field = s?.columnKey as CustomerSortField | undefined;
          const next: CustomerSort | null = field === undefined || s?.order == null ? null : { field, descending: s.order === "descend", custom_field_id: null };
          if (JSON.stringify(next) !== JSON.stringify(sort)) {
            setSort(next);
            setPage(1);
          } else {
            setPage(pagination.current ?? 1);
          }
        }}
        scroll={{ x: 778 }}
      />
      <CustomerProfile id={profileId} onClose={() => setProfileId(null)} onChipClick={() => setProfileId(null)} onResult={setResult} />
      <TagPickerModal
        open={picking}
        title={t("segments.detail.bulkTagTitle", { name: segment.name })}
        okText={t("bulk.addTag")}
        busy={tagAll.isPending}
        onCancel={() => setPicking(false)}
        onConfirm={(tagId) => tagAll.mutate(tagId)}
      />
    </Flex>
  );
}
