//! What a rule would do if it ran now: how many would gain and lose its tag, some of them by
//! name (a click opens the customer), and the higher-priority rules it would lose to.
import { Alert, Card, Empty, Flex, Statistic, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { CustomerRef, RulePreview, TagNode } from "../../lib/ipc";
import { ConflictTable } from "./ConflictTable";

interface Props {
  preview: RulePreview;
  /** The rule was edited since this preview was made. */
  stale: boolean;
  nodes: readonly TagNode[];
  onOpenCustomer: (id: number) => void;
}

function Sample({ people, testId, onOpen }: { people: readonly CustomerRef[]; testId: string; onOpen: (id: number) => void }) {
  const { t } = useTranslation();
  if (people.length === 0) return <Typography.Text type="secondary">{t("rules.preview.nobody")}</Typography.Text>;
  return (
    <Flex wrap gap={8} data-testid={testId}>
      {people.map((c) => (
        <Typography.Link key={c.id} data-testid="preview-customer" data-id={c.id} onClick={() => onOpen(c.id)}>
          {c.name}
        </Typography.Link>
      ))}
    </Flex>
  );
}

export function PreviewPanel({ preview, stale, nodes, onOpenCustomer }: Props) {
  const { t } = useTranslation();
  const o = preview.outcome;
  return (
    <Card size="small" title={t("rules.preview.title")} data-testid="rule-preview" data-stale={stale} style={{ opacity: stale ? 0.6 : 1 }}>
      <Flex vertical gap="middle">
        {stale && <Alert type="warning" showIcon data-testid="rule-preview-stale" title={t("rules.form.previewStale")} />}
        <Flex gap="large" wrap>
          <div data-testid="preview-gain" data-count={o.added}>
            <Statistic title={t("rules.preview.gain")} value={o.added} suffix={t("rules.preview.people")} styles={{ content: { color: "#389e0d" } }} />
          </div>
          <div data-testid="preview-lose" data-count={o.removed}>
            <Statistic title={t("rules.preview.lose")} value={o.removed} suffix={t("rules.preview.people")} styles={{ content: { color: "#cf1322" } }} />
          </div>
        </Flex>
        <Typography.Text type="secondary">
          {t("rules.preview.matched", { count: o.matched })}
          {o.kept_manual > 0 && ` · ${t("rules.preview.keptManual", { count: o.kept_manual })}`}
          {o.skipped_conflict > 0 && ` · ${t("rules.preview.skipped", { count: o.skipped_conflict })}`}
        </Typography.Text>
        <Flex vertical gap={4}>
          <Typography.Text strong>{t("rules.preview.gain")}</Typography.Text>
          <Sample people={preview.gain_sample} testId="preview-gain-sample" onOpen={onOpenCustomer} />
        </Flex>
        <Flex vertical gap={4}>
          <Typography.Text strong>{t("rules.preview.lose")}</Typography.Text>
          <Sample people={preview.lose_sample} testId="preview-lose-sample" onOpen={onOpenCustomer} />
        </Flex>
        <Flex vertical gap={4}>
          <Typography.Text strong>{t("rules.preview.conflicts")}</Typography.Text>
          {preview.conflicts.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("rules.preview.noConflicts")} />
          ) : (
            <ConflictTable conflicts={preview.conflicts} nodes={nodes} testId="preview-conflicts" />
          )}
        </Flex>
      </Flex>
    </Card>
  );
}
