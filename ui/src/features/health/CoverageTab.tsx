//! Coverage: per group, the share of customers with at least one of its tags, who has none (a
//! click lists them), and where its tags came from (by hand, rules, import, RFM, lifecycle);
//! per tag, its customers and share, and a click to the customer list filtered by it.
import { Button, Drawer, Empty, Flex, Segmented, Table, Typography } from "antd";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { emptyOnceKnown } from "../../components/emptyOnceKnown";
import { healthGroupGaps, type CustomerRow, type GroupHealth, type HealthReport, type TagHealth } from "../../lib/ipc";
import { formatNumber, percent } from "../../lib/format";
import { queryKeys } from "../../lib/queryKeys";
import { useOpenCustomers } from "../shell/navigation";
import { CoverageChart } from "./CoverageChart";

type View = "groups" | "tags";
const GAP_PAGE = 50;

export function CoverageTab({ report, loading }: { report: HealthReport | undefined; loading: boolean }) {
  const { t, i18n } = useTranslation();
  const [view, setView] = useState<View>("groups");
  const [gaps, setGaps] = useState<GroupHealth | null>(null);
  const openCustomers = useOpenCustomers();
  const n = (v: number) => formatNumber(v, i18n.language);
  const total = report?.total_customers ?? 0;
  return (
    <Flex vertical gap="small">
      <Segmented<View>
        value={view}
        onChange={setView}
        data-testid="coverage-view"
        options={[
          { value: "groups", label: t("health.coverage.byGroup") },
          { value: "tags", label: t("health.coverage.byTag") },
        ]}
        style={{ alignSelf: "start" }}
      />
      {view === "groups" && report !== undefined && report.groups.length > 0 && <CoverageChart groups={report.groups} onGroupClick={setGaps} />}
      {view === "groups" && report !== undefined && report.provenance_sample < 1 && (
        <Typography.Text type="secondary" data-testid="provenance-sampled">
          {t("health.coverage.sampled", { share: percent(report.provenance_sample, 1) })}
        </Typography.Text>
      )}
      {view === "groups" ? (
        <Table<GroupHealth>
          size="small"
          rowKey="id"
          loading={loading}
          dataSource={report?.groups ?? []}
          pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
          locale={{ emptyText: emptyOnceKnown(loading, <Empty description={t("health.coverage.noGroups")} />) }}
          data-testid="coverage-groups"
          columns={[
            {
              title: t("health.col.group"),
              key: "name",
              ellipsis: true,
              render: (_, g) => (
                <Typography.Text strong ellipsis={{ tooltip: g.path }}>
                  {g.name}
                </Typography.Text>
              ),
            },
            { title: t("health.col.coverage"), key: "share", width: 90, align: "right", render: (_, g) => `${percent(g.covered, total)}%` },
            {
              title: t("health.col.without"),
              key: "without",
              width: 110,
              align: "right",
              render: (_, g) =>
                g.uncovered === 0 ? (
                  "0"
                ) : (
                  <Button size="small" type="link" onClick={() => setGaps(g)} data-testid="coverage-gaps">
                    {n(g.uncovered)}
                  </Button>
                ),
            },
            {
              title: t("health.col.provenance"),
              key: "provenance",
              render: (_, g) =>
                g.provenance.length === 0
                  ? "—"
                  : g.provenance.map((p) => `${t(`source.${p.source}`)} ${Math.round(p.share * 100)}%`).join(" · "),
            },
          ]}
        />
      ) : (
        <Table<TagHealth>
          size="small"
          rowKey="id"
          loading={loading}
          dataSource={(report?.tags ?? []).filter((tag) => !tag.archived)}
          pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
          locale={{ emptyText: emptyOnceKnown(loading, <Empty description={t("health.coverage.noTags")} />) }}
          data-testid="coverage-tags"
          columns={[
            {
              title: t("health.col.tag"),
              key: "name",
              ellipsis: true,
              render: (_, tag) => (
                <Typography.Text strong ellipsis={{ tooltip: tag.path }}>
                  {tag.name}
                </Typography.Text>
              ),
            },
            {
              title: t("health.col.customers"),
              key: "customers",
              width: 110,
              align: "right",
              sorter: (a, b) => a.customers - b.customers,
              render: (_, tag) => (
                <Button size="small" type="link" disabled={tag.customers === 0} onClick={() => openCustomers({ id: tag.id, name: tag.name })}>
                  {n(tag.customers)}
                </Button>
              ),
            },
            { title: t("health.col.share"), key: "share", width: 90, align: "right", sorter: (a, b) => a.share - b.share, render: (_, tag) => `${percent(tag.customers, total)}%` },
          ]}
        />
      )}
      <GapsDrawer group={gaps} onClose={() => setGaps(null)} />
    </Flex>
  );
}

/** The live customers holding none of a group's tags, a page at a time. */
function GapsDrawer({ group, onClose }: { group: GroupHealth | null; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const [page, setPage] = useState(1);
  const gaps = useQuery({
    queryKey: queryKeys.healthGroupGaps(group?.id ?? 0, page),
    queryFn: () => healthGroupGaps(group!.id, (page - 1) * GAP_PAGE, GAP_PAGE),
    enabled: group !== null,
    placeholderData: keepPreviousData,
  });
  return (
    <Drawer
      open={group !== null}
      onClose={() => {
        setPage(1);
        onClose();
      }}
      title={group === null ? "" : t("health.coverage.gapsTitle", { group: group.name, count: group.uncovered, formatted: formatNumber(group.uncovered, i18n.language) })}
      size={560}
      destroyOnHidden
    >
      <Table<CustomerRow>
        size="small"
        rowKey="id"
        loading={gaps.isFetching}
        dataSource={gaps.data?.items ?? []}
        data-testid="coverage-gaps-table"
        locale={{ emptyText: emptyOnceKnown(gaps.isPending, <Empty />) }}
        pagination={{ current: page, pageSize: GAP_PAGE, total: gaps.data?.total ?? 0, showSizeChanger: false, onChange: setPage }}
        columns={[
          { title: t("health.col.name"), dataIndex: "name", ellipsis: true },
          { title: t("health.col.phone"), dataIndex: "phone", width: 140, render: (v: string | null) => v ?? "—" },
          { title: t("health.col.company"), dataIndex: "company", ellipsis: true, render: (v: string | null) => v ?? "—" },
        ]}
      />
    </Drawer>
  );
}
