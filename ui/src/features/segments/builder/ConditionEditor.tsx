//! The condition tree editor shared by segments and rules: nested AND/OR groups with NOT, every
//! kind of rule, and a live count of the whole tree and of each node as it is edited. The host
//! owns the tree (through `useConditionTree`) and puts its own form under it. Read-only, the tree
//! only shows (its controls disabled, nothing dragged), and the counts still run.
import { useQuery } from "@tanstack/react-query";
import { ConfigProvider, Flex, Typography } from "antd";
import { useMemo, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { QueryBuilder, type RuleGroupType } from "react-querybuilder";
import { segmentsCatalog, segmentsList, tagsTree, type Condition, type IpcError } from "../../../lib/ipc";
import { queryKeys } from "../../../lib/queryKeys";
import type { BuilderContext } from "./context";
import { ActionElement, CombinatorSelector, GroupHeader, NotToggle, ShiftActions, ValueSelector } from "./controls";
import { countAt, fromCondition, toCondition } from "./convert";
import { carriesPath, dropPath, dropped, PATH_TYPE } from "./dragMove";
import { builderFields } from "./fields";
import { LiveCount } from "./LiveCount";
import { operatorOptions } from "./operators";
import { defaultOperator, defaultValue } from "./ruleModel";
import { useLiveCount } from "./useLiveCount";
import { ValueEditor } from "./ValueEditor";
import { problemText } from "../../../problems";

const CONTROLS = {
  actionElement: ActionElement,
  notToggle: NotToggle,
  combinatorSelector: CombinatorSelector,
  valueSelector: ValueSelector,
  shiftActions: ShiftActions,
  valueEditor: ValueEditor,
  ruleGroupHeaderElements: GroupHeader,
};

const emptyTree = (): RuleGroupType => ({ id: "root", combinator: "and", not: false, rules: [] });

/** The tree being edited and the condition it stands for (with what keeps it from being one). */
export function useConditionTree(initial: Condition | null) {
  const [tree, setTree] = useState<RuleGroupType>(() => (initial === null ? emptyTree() : fromCondition(initial)));
  const built = useMemo(() => toCondition(tree), [tree]);
  return { tree, setTree, built, ready: built.problems.length === 0 };
}

export type ConditionTree = ReturnType<typeof useConditionTree>;

interface Props {
  editor: ConditionTree;
  /** An error from saving that names a node of the tree by its path. */
  saveError?: IpcError | null;
  /** A saved segment that may not be referred to (the one being edited). */
  excludeSegmentId?: number;
  testId?: string;
  /** The host's own form, under the tree. */
  children?: ReactNode;
  /** The tree only shows, e.g. a rule read by someone whose change the team hub would refuse. */
  readOnly?: boolean;
}

/** Errors about one node of the tree, which the builder marks there. */
function isNodeError(e: IpcError | null): e is IpcError {
  return e?.code === "invalid" || e?.code === "condition_too_deep";
}

export function ConditionEditor({ editor, saveError = null, excludeSegmentId, testId = "segment-builder", children, readOnly = false }: Props) {
  const { t } = useTranslation();
  const catalog = useQuery({ queryKey: queryKeys.segmentsCatalog, queryFn: segmentsCatalog });
  const tags = useQuery({ queryKey: queryKeys.tagsTree, queryFn: tagsTree });
  const saved = useQuery({ queryKey: queryKeys.segmentsList, queryFn: segmentsList });
  const { tree, setTree, built, ready } = editor;
  const live = useLiveCount(ready ? built.condition : null);

  // A validation error names a node by path; find the rule or group it means. Nesting too
  // deep names the first group beyond the bound (or the segment used there).
  const invalid = [live.error, saveError].find((e) => isNodeError(e) && e.field !== null && e.field !== "name" && e.field !== "action") ?? null;
  const invalidId = invalid?.field == null ? undefined : built.idByPath.get(invalid.field);
  const problems = useMemo(() => {
    const map = new Map<string, string>();
    for (const p of built.problems) map.set(p.id, t(`segments.problem.${p.key}`));
    const message = invalid === null ? undefined : problemText(invalid.problem);
    if (invalidId !== undefined && message !== undefined && !map.has(invalidId)) map.set(invalidId, message);
    return map;
  }, [built.problems, invalidId, invalid, t]);

  const counts = useMemo(() => {
    const map = new Map<string, number>();
    if (!ready || live.data === undefined) return map;
    for (const [id, path] of built.pathById) {
      const n = countAt(live.data.nodes, path);
      if (n !== undefined) map.set(id, n);
    }
    return map;
  }, [built, ready, live.data]);

  const context: BuilderContext = {
    catalog: catalog.data ?? { fields: [], events: [] },
    tags: tags.data?.nodes ?? [],
    segments: (saved.data ?? []).filter((s) => s.id !== excludeSegmentId),
    counts,
    problems,
    stale: !live.current,
  };
  const fields = useMemo(() => builderFields(t, catalog.data?.fields ?? []), [t, catalog.data]);

  const state: "ready" | "counting" | "invalid" = problems.size > 0 || isNodeError(live.error) ? "invalid" : live.counting ? "counting" : "ready";
  const liveProblem =
    built.problems.length > 0
      ? t("segments.live.incomplete")
      : live.error?.code === "condition_too_deep"
        ? t("errors.condition_too_deep")
        : invalid !== null
          ? t("segments.live.invalid")
          : null;

  return (
    <Flex gap="large" align="flex-start" className="segment-builder" data-testid={testId}>
      <Flex vertical gap="middle" className="segment-builder-tree">
        <div
          className="builder-tree"
          onDragOver={(e) => {
            if (!readOnly && carriesPath(e)) e.preventDefault();
          }}
          onDrop={(e) => {
            if (readOnly || !carriesPath(e)) return;
            e.preventDefault();
            const to = dropPath(tree, e.target as Element);
            if (to !== null) setTree(dropped(tree, JSON.parse(e.dataTransfer.getData(PATH_TYPE)) as number[], to));
          }}
        >
          {/* componentDisabled reaches the value editors, which do not read the builder's own flag. */}
          <ConfigProvider componentDisabled={readOnly}>
          <QueryBuilder
            disabled={readOnly}
            fields={fields}
            query={tree}
            onQueryChange={setTree}
            controlElements={CONTROLS}
            context={context}
            // A new rule starts on the first real field: react-querybuilder's "------"
            // placeholder option would otherwise head the field list.
            autoSelectField
            autoSelectOperator
            showNotToggle
            showShiftActions
            getOperators={(field) => operatorOptions(t, field, context.catalog.fields)}
            getDefaultOperator={(field) => defaultOperator(field, context.catalog.fields)}
            getDefaultValue={(rule) => defaultValue(rule.field)}
            getRuleClassname={(rule) => (problems.has(rule.id ?? "") ? "rule-invalid" : "")}
            translations={{
              addRule: { label: t("segments.builder.addRule"), title: t("segments.builder.addRule") },
              addGroup: { label: t("segments.builder.addGroup"), title: t("segments.builder.addGroup") },
              removeRule: { label: "", title: t("segments.builder.remove") },
              removeGroup: { label: "", title: t("segments.builder.removeGroup") },
              notToggle: { label: t("segments.builder.not"), title: t("segments.builder.notTip") },
            }}
          />
          </ConfigProvider>
        </div>
        {tree.rules.length === 0 && (
          <Typography.Text type="secondary" data-testid="builder-empty-hint">
            {t("segments.builder.emptyHint")}
          </Typography.Text>
        )}
        {children}
      </Flex>
      <div className="segment-live-panel">
        <LiveCount total={live.data?.total} state={state} problem={liveProblem} sample={live.data?.sample ?? []} millis={live.data?.millis} />
      </div>
    </Flex>
  );
}
