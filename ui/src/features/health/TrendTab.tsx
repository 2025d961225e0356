//! A tag's customers added and removed per day or week, from the history of operations.
import { Empty, Flex, Segmented, Select, Spin, Typography } from "antd";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../components/ErrorAlert";
import { healthTrend, toIpcError, type HealthReport, type TrendBucket } from "../../lib/ipc";
import { queryKeys } from "../../lib/queryKeys";
import { TrendChart } from "./TrendChart";

const RANGES = [30, 90, 365] as const;
type Range = (typeof RANGES)[number];
const DAY = 86_400;

/** The tag shown first: a core tag, else the one most customers hold. */
function firstTag(report: HealthReport | undefined): number | null {
  if (report === undefined) return null;
  const live = report.tags.filter((tag) => !tag.archived);
  const core = live.find((tag) => tag.core);
  if (core !== undefined) return core.id;
  return live.reduce<{ id: number; customers: number } | null>((best, tag) => (best === null || tag.customers > best.customers ? tag : best), null)?.id ?? null;
}

export function TrendTab({ report }: { report: HealthReport | undefined }) {
  const { t } = useTranslation();
  const [chosen, setChosen] = useState<number | null>(null);
  const [bucket, setBucket] = useState<TrendBucket>("day");
  const [range, setRange] = useState<Range>(30);
  const tagId = chosen ?? firstTag(report);
  // Whole days, so that the key stays the same while the page is open.
  const to = report === undefined ? 0 : Math.floor(report.now / DAY) * DAY + DAY - 1;
  const from = to + 1 - range * DAY;
  const trend = useQuery({
    queryKey: queryKeys.healthTrend(tagId ?? 0, from, to, bucket),
    queryFn: () => healthTrend(tagId!, from, to, bucket),
    enabled: tagId !== null && report !== undefined,
    placeholderData: keepPreviousData,
  });
  if (report === undefined) return <Spin />;
  if (tagId === null) return <Empty description={t("health.coverage.noTags")} />;
  return (
    <Flex vertical gap="small">
      <Flex wrap gap="small" align="center">
        <Select
          showSearch={{ optionFilterProp: "label" }}
          value={tagId}
          onChange={setChosen}
          style={{ width: 280 }}
          data-testid="trend-tag"
          options={report.tags.filter((tag) => !tag.archived).map((tag) => ({ value: tag.id, label: tag.path }))}
        />
        <Segmented<TrendBucket>
          value={bucket}
          onChange={setBucket}
          options={[
            { value: "day", label: t("health.trend.day") },
            { value: "week", label: t("health.trend.week") },
          ]}
        />
        <Segmented<Range> value={range} onChange={setRange} options={RANGES.map((days) => ({ value: days, label: t("health.trend.lastDays", { count: days }) }))} />
      </Flex>
      {trend.error !== null && <ErrorAlert error={toIpcError(trend.error)} />}
      {trend.data === undefined ? <Spin data-testid="trend-loading" /> : <TrendChart trend={trend.data} />}
      <Typography.Text type="secondary">{t("health.trend.hint")}</Typography.Text>
    </Flex>
  );
}
