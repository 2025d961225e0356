//! 标签健康: which tags work, which to clean up, which to merge (issue 19, journey 4). One report
//! from the core feeds the summary and every tab; the tabs fetch their own details (a group's
//! customers without any of its tags, a tag's trend, suggestions for a segment) when opened.
import { ReloadOutlined } from "@ant-design/icons";
import { Button, Flex, Tabs, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../components/ErrorAlert";
import { PageTitle } from "../../components/PageTitle";
import { toIpcError, type HealthQuery } from "../../lib/ipc";
import { CleanupTab } from "./CleanupTab";
import { CoverageTab } from "./CoverageTab";
import { DictionaryTab } from "./DictionaryTab";
import { DuplicatesTab } from "./DuplicatesTab";
import { HealthSummary } from "./HealthSummary";
import { SuggestionsTab } from "./SuggestionsTab";
import { TrendTab } from "./TrendTab";
import { useHealthReport } from "./useHealthReport";

export type HealthTab = "cleanup" | "duplicates" | "dictionary" | "coverage" | "trend" | "suggestions";

export function HealthPage({ initialTab = "cleanup" }: { initialTab?: HealthTab }) {
  const { t } = useTranslation();
  const [query, setQuery] = useState<HealthQuery>({});
  const [tab, setTab] = useState<string>(initialTab);
  const report = useHealthReport(query);
  const data = report.data;
  const tabLabel = (key: HealthTab, count?: number) => (
    <span data-testid={`health-tab-${key}`}>
      {t(`health.tabs.${key}`)}
      {count !== undefined && count > 0 ? ` (${count})` : ""}
    </span>
  );
  return (
    <>
      <Flex justify="space-between" align="baseline" wrap gap="small">
        <PageTitle>{t("nav.health")}</PageTitle>
        <Flex align="baseline" gap="small">
          {data !== undefined && (
            <Typography.Text type="secondary" data-testid="health-computed">
              {t("health.computed", { millis: data.millis })}
            </Typography.Text>
          )}
          <Button icon={<ReloadOutlined />} loading={report.isFetching} onClick={() => void report.refetch()} data-testid="health-refresh">
            {t("health.refresh")}
          </Button>
        </Flex>
      </Flex>
      {report.error !== null && <ErrorAlert error={toIpcError(report.error)} testId="health-error" />}
      <HealthSummary report={data} onOpen={(key) => setTab(key)} />
      <Tabs
        activeKey={tab}
        onChange={setTab}
        destroyOnHidden
        items={[
          {
            key: "cleanup",
            label: tabLabel("cleanup", data && new Set([...data.empty, ...data.stale, ...data.not_used]).size),
            children: <CleanupTab report={data} loading={report.isLoading} query={query} onQuery={setQuery} />,
          },
          {
            key: "duplicates",
            label: tabLabel("duplicates", data?.duplicates.length),
            children: <DuplicatesTab report={data} loading={report.isLoading} query={query} onQuery={setQuery} />,
          },
          {
            key: "dictionary",
            label: tabLabel("dictionary", data && data.incomplete_tags.length + data.incomplete_groups.length),
            children: <DictionaryTab report={data} loading={report.isLoading} />,
          },
          { key: "coverage", label: tabLabel("coverage"), children: <CoverageTab report={data} loading={report.isLoading} /> },
          { key: "trend", label: tabLabel("trend"), children: <TrendTab report={data} /> },
          { key: "suggestions", label: tabLabel("suggestions"), children: <SuggestionsTab /> },
        ]}
      />
    </>
  );
}
