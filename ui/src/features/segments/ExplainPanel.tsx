//! Why one member is (or is not) in a segment: the condition tree with each node marked met or
//! not, and the customer's own value where a comparison was made.
import { CheckCircleFilled, CloseCircleFilled } from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import { Flex, Spin, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../components/ErrorAlert";
import { segmentsCatalog, segmentsExplain, segmentsList, tagsTree, toIpcError, type Condition, type CustomerRow, type Explanation } from "../../lib/ipc";
import { queryKeys } from "../../lib/queryKeys";
import { describe, type Names } from "./describe";

export function ExplainPanel({ condition, member }: { condition: Condition; member: CustomerRow | null }) {
  const { t } = useTranslation();
  const catalog = useQuery({ queryKey: queryKeys.segmentsCatalog, queryFn: segmentsCatalog });
  const tags = useQuery({ queryKey: queryKeys.tagsTree, queryFn: tagsTree });
  const segments = useQuery({ queryKey: queryKeys.segmentsList, queryFn: segmentsList });
  const explain = useQuery({
    queryKey: queryKeys.segmentsExplain(condition, member?.id ?? 0),
    queryFn: () => segmentsExplain(condition, member!.id),
    enabled: member !== null,
  });
  if (member === null) {
    return (
      <Typography.Text type="secondary" data-testid="explain-empty">
        {t("segments.explain.pick")}
      </Typography.Text>
    );
  }
  if (explain.error !== null) return <ErrorAlert error={toIpcError(explain.error)} />;
  if (explain.data === undefined) return <Spin />;
  const names: Names = { tags: tags.data?.nodes ?? [], fields: catalog.data?.fields ?? [], segments: segments.data ?? [] };
  return (
    <Flex vertical gap="small" data-testid="explain-panel" data-matched={explain.data.matched ? "true" : "false"}>
      <Typography.Text strong>
        {t("segments.explain.title", { name: member.name, verdict: t(explain.data.matched ? "segments.explain.in" : "segments.explain.out") })}
      </Typography.Text>
      <ExplainNode c={condition} e={explain.data} names={names} depth={0} />
    </Flex>
  );
}

function ExplainNode({ c, e, names, depth }: { c: Condition; e: Explanation; names: Names; depth: number }) {
  const { t } = useTranslation();
  const kids = c.type === "and" || c.type === "or" ? c.children : c.type === "not" ? [c.child] : [];
  return (
    <div style={{ paddingInlineStart: depth * 16 }}>
      <Flex gap={6} align="center" data-testid="explain-node" data-matched={e.matched ? "true" : "false"}>
        {e.matched ? <CheckCircleFilled style={{ color: "#52c41a" }} aria-label={t("segments.explain.met")} /> : <CloseCircleFilled style={{ color: "#bfbfbf" }} aria-label={t("segments.explain.notMet")} />}
        <Typography.Text type={e.matched ? undefined : "secondary"}>{describe(t, c, names)}</Typography.Text>
        {e.actual !== null && <Typography.Text type="secondary">（{t("segments.explain.actual", { value: e.actual })}）</Typography.Text>}
      </Flex>
      {kids.map((k, i) => {
        const ke = e.children[i];
        return ke === undefined ? null : <ExplainNode key={i} c={k} e={ke} names={names} depth={depth + 1} />;
      })}
    </div>
  );
}
