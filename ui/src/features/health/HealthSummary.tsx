//! The report in a row of figures, each opening the tab that lists it.
import { Card, Flex, Statistic } from "antd";
import { useTranslation } from "react-i18next";
import type { HealthReport } from "../../lib/ipc";
import { percent } from "../../lib/format";
import type { HealthTab } from "./HealthPage";

interface Figure {
  key: "tags" | "empty" | "stale" | "notUsed" | "duplicates" | "incomplete" | "core";
  tab: HealthTab;
  value: string | number | undefined;
}

export function HealthSummary({ report, onOpen }: { report: HealthReport | undefined; onOpen: (tab: HealthTab) => void }) {
  const { t } = useTranslation();
  const live = report?.tags.filter((tag) => !tag.archived).length;
  const figures: Figure[] = [
    { key: "tags", tab: "coverage", value: live },
    { key: "empty", tab: "cleanup", value: report?.empty.length },
    { key: "stale", tab: "cleanup", value: report?.stale.length },
    { key: "notUsed", tab: "cleanup", value: report?.not_used.length },
    { key: "duplicates", tab: "duplicates", value: report?.duplicates.length },
    { key: "incomplete", tab: "dictionary", value: report && report.incomplete_tags.length + report.incomplete_groups.length },
    {
      key: "core",
      tab: "dictionary",
      value: report && (report.core_pool.tags.length === 0 ? "—" : `${percent(report.core_pool.covered, report.total_customers)}%`),
    },
  ];
  return (
    <Flex wrap gap="small" style={{ marginBottom: 12 }}>
      {figures.map((f) => (
        <Card
          key={f.key}
          size="small"
          hoverable
          onClick={() => onOpen(f.tab)}
          style={{ minWidth: 112, flex: "1 1 112px" }}
          data-testid={`health-figure-${f.key}`}
        >
          {/* While the report is computed the figure shows a spinner, never a 0. */}
          <Statistic title={t(`health.figures.${f.key}`)} value={f.value ?? "-"} loading={report === undefined} />
        </Card>
      ))}
    </Flex>
  );
}
