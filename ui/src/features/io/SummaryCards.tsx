//! The six numbers of an import, as statistic cards; shared by the preview and the result.
import { Card, Col, Row, Statistic } from "antd";
import { useTranslation } from "react-i18next";
import type { ImportSummary } from "./api";

const CARDS = [
  { key: "new", testId: "sum-new", color: "#389e0d" },
  { key: "updated", testId: "sum-updated", color: "#1677ff" },
  { key: "unchanged", testId: "sum-unchanged", color: undefined },
  { key: "rejected", testId: "sum-rejected", color: "#cf1322" },
  { key: "duplicates", testId: "sum-duplicates", color: "#d48806" },
  { key: "skipped", testId: "sum-skipped", color: undefined },
] as const;

function valueOf(summary: ImportSummary, key: (typeof CARDS)[number]["key"]): number {
  return key === "duplicates" ? summary.duplicates_in_file : summary[key];
}

/** `loading`: the numbers shown belong to an earlier dry run (another file, other choices) and are replaced shortly. */
export function SummaryCards({ summary, loading = false }: { summary: ImportSummary; loading?: boolean }) {
  const { t } = useTranslation();
  return (
    <Row gutter={[12, 12]}>
      {CARDS.map((c) => (
        <Col key={c.key} xs={12} sm={8} md={8} lg={{ flex: "1 1 0" }}>
          <Card size="small" data-testid={c.testId}>
            <Statistic
              loading={loading}
              title={t(`io.import.sum.${c.key}`)}
              value={valueOf(summary, c.key)}
              styles={c.color === undefined ? undefined : { content: { color: c.color } }}
            />
          </Card>
        </Col>
      ))}
    </Row>
  );
}
