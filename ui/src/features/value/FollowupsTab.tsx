//! 今日必跟进: customers by lead score, highest first, each with the tags that gave the points.
//! A row opens the customer's profile drawer.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Alert, Empty, Flex, Table, Tag, Typography } from "antd";
import { useState, type HTMLAttributes } from "react";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../components/ErrorAlert";
import { scoresFollowups, toIpcError, type Followup } from "../../lib/ipc";
import { queryKeys } from "../../lib/queryKeys";
import type { ActionResult } from "../customers/actionResult";
import { ActionResultAlert } from "../customers/ActionResultAlert";
import { CustomerProfile } from "../customers/profile/CustomerProfile";
import { useOpenCustomers } from "../shell/navigation";
import { useTagColors } from "./tagColors";
import { problemText } from "../../problems";

export const PAGE_SIZE = 20;

const points = (p: number) => (p > 0 ? `+${p}` : String(p));

export function FollowupsTab() {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const [openId, setOpenId] = useState<number | null>(null);
  const [result, setResult] = useState<ActionResult | null>(null);
  const [undoError, setUndoError] = useState<unknown>(null);
  const colors = useTagColors();
  const openCustomers = useOpenCustomers();
  const offset = (page - 1) * PAGE_SIZE;
  const list = useQuery({
    queryKey: queryKeys.scoresFollowups(offset, PAGE_SIZE),
    queryFn: () => scoresFollowups({ offset, limit: PAGE_SIZE }),
    placeholderData: keepPreviousData,
  });
  const data = list.data;
  return (
    <Flex vertical gap="middle">
      <Typography.Text type="secondary">{t("value.followups.hint")}</Typography.Text>
      {list.error !== null && <ErrorAlert error={toIpcError(list.error)} />}
      {result !== null && <ActionResultAlert result={result} onClose={() => setResult(null)} onUndoError={setUndoError} />}
      {undoError !== null && <Alert type="error" showIcon title={problemText(toIpcError(undoError).problem)} />}
      {data !== undefined && data.total === 0 ? (
        <Empty data-testid="followups-empty" description={t("value.followups.empty")} />
      ) : (
        <Table<Followup>
          size="small"
          loading={list.isFetching && data === undefined}
          rowKey="customer_id"
          dataSource={data?.items ?? []}
          pagination={{ current: page, pageSize: PAGE_SIZE, total: data?.total ?? 0, showSizeChanger: false, onChange: setPage, showTotal: (n) => t("value.followups.total", { count: n }) }}
          onRow={(f) =>
            ({
              "data-testid": "followup-row",
              "data-score": f.score,
              "data-customer": f.customer_id,
              onClick: () => setOpenId(f.customer_id),
              style: { cursor: "pointer" },
            }) as HTMLAttributes<HTMLElement>
          }
          columns={[
            {
              key: "rank",
              title: "#",
              width: 56,
              render: (_, __, i) => offset + i + 1,
            },
            {
              key: "name",
              title: t("value.followups.customer"),
              render: (_, f) => (
                <Flex vertical>
                  <Typography.Text strong data-testid="followup-name">
                    {f.name}
                  </Typography.Text>
                  {f.company !== null && <Typography.Text type="secondary">{f.company}</Typography.Text>}
                </Flex>
              ),
            },
            { key: "score", title: t("value.followups.score"), align: "right", width: 90, render: (_, f) => <Typography.Text strong>{f.score}</Typography.Text> },
            {
              key: "reasons",
              title: t("value.followups.reasons"),
              render: (_, f) => (
                <Flex gap={4} wrap>
                  {f.reasons.map((r) => (
                    <Tag key={r.tag_id} color={colors(r.tag_id)} data-testid="followup-reason" data-points={r.points} style={{ marginInlineEnd: 0 }}>
                      {r.tag_name} {points(r.points)}
                    </Tag>
                  ))}
                </Flex>
              ),
            },
          ]}
        />
      )}
      <CustomerProfile
        id={openId}
        onClose={() => setOpenId(null)}
        onChipClick={(tag) => openCustomers({ id: tag.id, name: tag.name })}
        onResult={(r) => {
          setUndoError(null);
          setResult(r);
        }}
      />
    </Flex>
  );
}
