//! What refers to the given tags or groups (segments, boards, rules, import templates, follow-up
//! weights), shown before they are archived or merged away, so nobody is surprised afterwards.
import { Alert, Spin, Typography } from "antd";
import { useQueries } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { healthWhereUsed, type WhereUsed } from "../../lib/ipc";
import { queryKeys } from "../../lib/queryKeys";

/** Each kind of use, in the order they are listed, with the report field holding it. */
const KINDS = ["segments", "boards", "rules", "import_templates", "weights"] as const;

function uses(used: WhereUsed): { kind: (typeof KINDS)[number]; names: string[] }[] {
  return KINDS.map((kind) => ({
    kind,
    names: kind === "weights" ? used.weights.map((w) => `${w.name} (${w.weight})`) : used[kind].map((u) => u.name),
  })).filter((u) => u.names.length > 0);
}

/** Whether anything refers to the node (`undefined`: not known, taken as nothing). */
export function isUsed(used: WhereUsed | undefined): boolean {
  return used !== undefined && uses(used).length > 0;
}

export function WhereUsedList({ ids, names }: { ids: readonly number[]; names: ReadonlyMap<number, string> }) {
  const { t } = useTranslation();
  const answers = useQueries({
    queries: ids.map((id) => ({ queryKey: queryKeys.healthWhereUsed([id]), queryFn: () => healthWhereUsed(id) })),
  });
  if (answers.some((a) => a.isPending)) return <Spin size="small" data-testid="where-used-loading" />;
  const used = answers.flatMap((a) => (a.data === undefined ? [] : [a.data])).filter((u) => isUsed(u));
  if (used.length === 0) {
    return (
      <Typography.Text type="secondary" data-testid="where-used-none">
        {t("health.whereUsed.none")}
      </Typography.Text>
    );
  }
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="where-used"
      title={t("health.whereUsed.title")}
      description={
        <ul style={{ margin: 0, paddingInlineStart: 18 }}>
          {used.map((u) => (
            <li key={u.node_id}>
              <Typography.Text strong>{names.get(u.node_id) ?? `#${u.node_id}`}</Typography.Text>
              {": "}
              {uses(u)
                .map((x) => `${t(`health.whereUsed.${x.kind}`)} ${x.names.join(t("health.listSeparator"))}`)
                .join("; ")}
            </li>
          ))}
        </ul>
      }
    />
  );
}
