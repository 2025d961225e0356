//! Step 3: what the import would do: the counts, the first rows with their problems marked, and every problem.
import { Alert, Flex, Radio, Table, Tag, Tooltip, Typography } from "antd";
import type { ColumnsType } from "antd/es/table";
import type { HTMLAttributes } from "react";
import { useTranslation } from "react-i18next";
import { type ImportPreview, type KeylessRows, type PreviewOutcome, type PreviewRow, type RowProblem } from "./api";
import type { ImportEdits } from "./spec";
import { SummaryCards } from "./SummaryCards";
import { problemText } from "../../problems";

export const SAMPLE_ROWS = 50;

const OUTCOME_COLOR: Record<PreviewOutcome, string> = {
  new: "green",
  update: "blue",
  unchanged: "default",
  rejected: "red",
  duplicate: "orange",
  skipped: "default",
};

interface Props {
  preview: ImportPreview;
  /** The preview is an earlier dry run's, shown while the current one is read: its numbers are not shown. */
  stale: boolean;
  edits: ImportEdits;
  onChange: (edits: ImportEdits) => void;
}

export function PreviewStep({ preview, stale, edits, onChange }: Props) {
  const { t } = useTranslation();
  const sample = preview.sample.slice(0, SAMPLE_ROWS);

  const columns: ColumnsType<PreviewRow> = [
    { title: t("io.import.colRow"), dataIndex: "row", width: 64, fixed: "start" },
    {
      title: t("io.import.colOutcome"),
      key: "outcome",
      width: 90,
      render: (_, row) => {
        const rowProblems = row.problems.filter((p) => p.column === null).map((p) => problemText(p.problem));
        const tag = (
          <Tag color={OUTCOME_COLOR[row.outcome]} data-testid="preview-outcome">
            {t(`io.import.outcome.${row.outcome}`)}
          </Tag>
        );
        return rowProblems.length > 0 ? <Tooltip title={rowProblems.join("；")}>{tag}</Tooltip> : tag;
      },
    },
    ...preview.headers.map((header, index) => ({
      title: header,
      key: `c${index}`,
      ellipsis: true,
      render: (_: unknown, row: PreviewRow) => {
        const value = row.cells[index] ?? "";
        const problems = row.problems.filter((p) => p.column === index + 1);
        if (problems.length === 0) return value;
        return (
          <Tooltip title={problems.map((p) => problemText(p.problem)).join("；")}>
            <Typography.Text type="danger" className="io-cell-problem" data-testid="cell-problem">
              {value === "" ? "∅" : value}
            </Typography.Text>
          </Tooltip>
        );
      },
    })),
  ];

  return (
    <Flex vertical gap="middle" data-testid="import-preview">
      <SummaryCards summary={preview.summary} loading={stale} />
      {edits.what === "customers" && preview.summary.keyless > 0 && (
        <Alert
          type="warning"
          showIcon
          data-testid="import-keyless-choice"
          title={t("io.import.keylessFound", { count: preview.summary.keyless })}
          description={
            <Radio.Group
              value={edits.keyless}
              onChange={(e) => onChange({ ...edits, keyless: e.target.value as KeylessRows })}
              options={[
                { value: "add", label: t("io.import.keylessOpt.add") },
                { value: "skip", label: t("io.import.keylessOpt.skip") },
              ]}
            />
          }
        />
      )}
      <Table<PreviewRow>
        size="small"
        rowKey="row"
        scroll={{ x: "max-content" }}
        pagination={false}
        loading={stale}
        dataSource={sample}
        columns={columns}
        onRow={() => ({ "data-testid": "preview-row" }) as HTMLAttributes<HTMLElement>}
        footer={() => <Typography.Text type="secondary">{t("io.import.sampleNote", { count: sample.length })}</Typography.Text>}
      />
      <ProblemList problems={preview.problems} count={preview.problem_count} />
    </Flex>
  );
}

export function ProblemList({ problems, count }: { problems: readonly RowProblem[]; count: number }) {
  const { t } = useTranslation();
  if (count === 0) return <Typography.Text type="success">{t("io.import.noProblems")}</Typography.Text>;
  return (
    <Table<RowProblem>
      size="small"
      data-testid="import-problems"
      title={() => <Typography.Text strong data-testid="import-problem-count">{t("io.import.problems", { count })}</Typography.Text>}
      rowKey={(p) => `${p.row}:${p.column ?? "-"}:${p.problem.code}:${p.value}`}
      dataSource={[...problems]}
      pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
      columns={[
        { title: t("io.import.colRow"), dataIndex: "row", width: 64 },
        { title: t("io.import.colColumn"), key: "column", width: 140, render: (_, p) => (p.column === null ? "—" : `${p.column} · ${p.header}`) },
        { title: t("io.import.colValue"), dataIndex: "value", ellipsis: true },
        { title: t("io.import.colReason"), key: "reason", render: (_, p) => problemText(p.problem) },
      ]}
    />
  );
}
