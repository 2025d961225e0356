//! Pairs of tags that may mean the same: by name (width, case and punctuation folded, one inside
//! the other, one edit apart) or by members (strong overlap, every A is B). Each offers a merge
//! either way round, previewed first; a pair where every A is B can instead be kept as two tags
//! with a rule that gives B to whoever has A. A viewer on the team hub, or an editor when either
//! tag is in a group another department owns, finds merging disabled with the reason, and the rule is only the admins' and the owner's, as the hub would refuse either.
import { Empty, Flex, InputNumber, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { emptyOnceKnown } from "../../components/emptyOnceKnown";
import type { DuplicatePair, HealthQuery, HealthReport } from "../../lib/ipc";
import { formatNumber } from "../../lib/format";
import { ImplyButton } from "./ImplyButton";
import { MergePreviewModal, type MergeChoice } from "./MergePreviewModal";
import { OverlapBar } from "./OverlapBar";
import { WhyButton } from "../../components/Why";
import { useRights } from "../team/useRights";

interface Props {
  report: HealthReport | undefined;
  loading: boolean;
  query: HealthQuery;
  onQuery: (query: HealthQuery) => void;
}

export function DuplicatesTab({ report, loading, query, onQuery }: Props) {
  const { t, i18n } = useTranslation();
  const [choice, setChoice] = useState<MergeChoice | null>(null);
  const { readOnly, groupLocked } = useRights();
  const groups = new Map((report?.tags ?? []).map((tag) => [tag.id, tag.group_id]));
  const refused = (p: DuplicatePair) => readOnly ?? groupLocked(groups.get(p.a)) ?? groupLocked(groups.get(p.b));
  const pairs = report?.duplicates ?? [];
  const side = (name: string, path: string, count: number) => (
    <Flex vertical style={{ minWidth: 0 }}>
      <Typography.Text strong ellipsis={{ tooltip: path }}>
        {name}
      </Typography.Text>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t("health.customersCount", { count, formatted: formatNumber(count, i18n.language) })}
      </Typography.Text>
    </Flex>
  );
  return (
    <Flex vertical gap="small">
      <Flex align="center" gap={6} wrap>
        <Typography.Text>{t("health.duplicates.jaccardMin")}</Typography.Text>
        <InputNumber
          size="small"
          min={0.5}
          max={1}
          step={0.05}
          value={report?.thresholds.jaccard_min}
          onChange={(v) => v !== null && onQuery({ ...query, jaccard_min: v })}
          style={{ width: 72 }}
          data-testid="jaccard-min"
        />
        <Typography.Text type="secondary">{t("health.duplicates.jaccardHint")}</Typography.Text>
      </Flex>
      <Table<DuplicatePair>
        size="small"
        rowKey={(p) => `${p.a}-${p.b}`}
        loading={loading}
        dataSource={pairs}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
        locale={{ emptyText: emptyOnceKnown(loading, <Empty description={t("health.duplicates.none")} />) }}
        data-testid="duplicates-table"
        columns={[
          { title: "A", key: "a", width: "22%", render: (_, p) => side(p.a_name, p.a_path, p.a_customers) },
          { title: "B", key: "b", width: "22%", render: (_, p) => side(p.b_name, p.b_path, p.b_customers) },
          {
            title: t("health.duplicates.why"),
            key: "why",
            render: (_, p) => (
              <Flex vertical gap={4}>
                <Flex wrap gap={4}>
                  {p.kinds.map((k) => (
                    <Tag key={k} style={{ marginInlineEnd: 0 }}>
                      {t(`health.duplicates.kind.${k}`)}
                    </Tag>
                  ))}
                </Flex>
                <OverlapBar pair={p} />
              </Flex>
            ),
          },
          {
            title: "",
            key: "merge",
            width: 150,
            render: (_, p) => (
              <Flex vertical gap={2} align="start">
                <WhyButton why={refused(p)} size="small" type="link" data-testid="merge-a-into-b" onClick={() => setChoice({ source: { id: p.a, name: p.a_name }, target: { id: p.b, name: p.b_name } })}>
                  {t("health.duplicates.mergeInto", { target: p.b_name })}
                </WhyButton>
                <WhyButton why={refused(p)} size="small" type="link" data-testid="merge-b-into-a" onClick={() => setChoice({ source: { id: p.b, name: p.b_name }, target: { id: p.a, name: p.a_name } })}>
                  {t("health.duplicates.mergeInto", { target: p.a_name })}
                </WhyButton>
                {p.kinds.includes("a_within_b") && <ImplyButton pair={p} />}
              </Flex>
            ),
          },
        ]}
      />
      <MergePreviewModal choice={choice} onClose={() => setChoice(null)} />
    </Flex>
  );
}
