//! RFM: the settings, a cancellable run, then how many customers each of the eight classes
//! holds with their average R, F and M. A class opens the customer list filtered by its tag.
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Button, Card, Empty, Flex, Spin, Table, Typography } from "antd";
import type { HTMLAttributes } from "react";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../components/ErrorAlert";
import { rfmRun, rfmSettings, rfmSummary, toIpcError, type RfmClassSummary, type RfmSummary } from "../../lib/ipc";
import { formatDateTime, formatNumber, percent } from "../../lib/format";
import { queryKeys } from "../../lib/queryKeys";
import { useOpenCustomers } from "../shell/navigation";
import { useTagColors, useTagNames } from "./tagColors";
import { BarChart } from "./BarChart";
import { RfmSettingsForm } from "./RfmSettingsForm";
import { RunBar } from "./RunBar";
import { useJobRun } from "./useJobRun";

export function RfmTab() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const settings = useQuery({ queryKey: queryKeys.rfmSettings, queryFn: rfmSettings });
  const summary = useQuery({ queryKey: queryKeys.rfmSummary, queryFn: rfmSummary });
  const job = useJobRun(rfmRun, (result) => {
    client.setQueryData(queryKeys.rfmSummary, result);
    return Promise.resolve();
  });
  const error = settings.error ?? summary.error;

  return (
    <Flex vertical gap="middle">
      {error !== null && <ErrorAlert error={toIpcError(error)} />}
      <RunBar job={job} label={t("value.rfm.run")} testId="rfm" />
      {summary.data === null && <Empty data-testid="rfm-empty" description={t("value.rfm.empty")} />}
      {summary.data !== undefined && summary.data !== null && <RfmResult summary={summary.data} />}
      <Card size="small" title={t("value.settings")}>
        {settings.data === undefined ? (
          <Spin />
        ) : (
          <RfmSettingsForm key={JSON.stringify(settings.data)} settings={settings.data} onSaved={() => undefined} />
        )}
      </Card>
    </Flex>
  );
}

function RfmResult({ summary }: { summary: RfmSummary }) {
  const { t, i18n } = useTranslation();
  const colors = useTagColors();
  const tagName = useTagNames();
  const openCustomers = useOpenCustomers();
  const classified = summary.classes.reduce((sum, c) => sum + c.customers, 0);
  // The class is the app's word (worded here); the tag that holds it is the user's data, found by id.
  const label = (c: RfmClassSummary) => t(`value.rfm.classes.${c.class}`);
  const number = (v: number, digits: number) => formatNumber(v, i18n.language, digits);
  const open = (c: RfmClassSummary) => openCustomers({ id: c.tag_id, name: tagName(c.tag_id) ?? label(c), color: colors(c.tag_id) });
  return (
    <Card
      size="small"
      data-testid="rfm-result"
      title={t("value.rfm.resultTitle")}
      extra={
        <Typography.Text type="secondary" data-testid="rfm-run-at">
          {t("value.lastRun", { at: formatDateTime(summary.run_at, i18n.language) })}
        </Typography.Text>
      }
    >
      <Flex vertical gap="middle">
        <Typography.Text data-testid="rfm-totals">
          {t("value.rfm.totals", { classified, unclassified: summary.unclassified, days: summary.settings.window_days })}
          {" · "}
          {t("value.changed", { added: summary.added, removed: summary.removed })}
          {" · "}
          <span data-testid="rfm-kept-manual" data-count={summary.kept_manual}>
            {t("value.keptManual", { count: summary.kept_manual })}
          </span>
        </Typography.Text>
        <BarChart testId="rfm-chart" bars={summary.classes.map((c) => ({ key: c.class, label: label(c), value: c.customers, color: colors(c.tag_id) }))} />
        <Table<RfmClassSummary>
          size="small"
          pagination={false}
          rowKey="class"
          dataSource={summary.classes}
          onRow={(c) => ({ "data-testid": "rfm-class-row", "data-class": c.class, "data-customers": c.customers } as HTMLAttributes<HTMLElement>)}
          columns={[
            {
              key: "name",
              title: t("value.rfm.class"),
              render: (_, c) => (
                <Button type="link" size="small" style={{ padding: 0 }} data-testid="rfm-class-open" onClick={() => open(c)} title={t("value.openCustomers")}>
                  {label(c)}
                </Button>
              ),
            },
            { key: "customers", title: t("value.customers"), align: "right", render: (_, c) => number(c.customers, 0) },
            { key: "share", title: t("value.share"), align: "right", render: (_, c) => `${percent(c.customers, classified)}%` },
            { key: "r", title: t("value.rfm.avgR"), align: "right", render: (_, c) => <span data-testid="avg-r">{number(c.avg_recency_days, 1)}</span> },
            { key: "f", title: t("value.rfm.avgF"), align: "right", render: (_, c) => <span data-testid="avg-f">{number(c.avg_frequency, 1)}</span> },
            { key: "m", title: t("value.rfm.avgM"), align: "right", render: (_, c) => <span data-testid="avg-m">{number(c.avg_monetary, 0)}</span> },
          ]}
        />
      </Flex>
    </Card>
  );
}
