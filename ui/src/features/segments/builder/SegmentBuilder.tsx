//! The segment builder: nested AND/OR groups with NOT, every kind of rule, a live count of the
//! whole tree and of each node as it is edited, and saving as a dynamic or static segment.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { App, Button, Flex, Form, Input, Radio, Typography } from "antd";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { QueryBuilder, type RuleGroupType } from "react-querybuilder";
import { ErrorAlert } from "../../../components/ErrorAlert";
import {
  segmentsCatalog,
  segmentsCreate,
  segmentsList,
  segmentsUpdate,
  tagsTree,
  toIpcError,
  type IpcError,
  type Segment,
  type SegmentKind,
} from "../../../lib/ipc";
import { formatDateTime } from "../../../lib/format";
import { invalidateSegmentData } from "../../../lib/invalidate";
import { queryKeys } from "../../../lib/queryKeys";
import type { BuilderContext } from "./context";
import { ActionElement, CombinatorSelector, NotToggle, ShiftActions, ValueSelector } from "./controls";
import { countAt, fromCondition, toCondition } from "./convert";
import { builderFields } from "./fields";
import { LiveCount } from "./LiveCount";
import { operatorOptions } from "./operators";
import { defaultOperator, defaultValue } from "./ruleModel";
import { useLiveCount } from "./useLiveCount";
import { ValueEditor } from "./ValueEditor";

const CONTROLS = {
  actionElement: ActionElement,
  notToggle: NotToggle,
  combinatorSelector: CombinatorSelector,
  valueSelector: ValueSelector,
  shiftActions: ShiftActions,
  valueEditor: ValueEditor,
};

const emptyTree = (): RuleGroupType => ({ id: "root", combinator: "and", not: false, rules: [] });

interface Props {
  /** The segment being edited; null for a new one. */
  segment: Segment | null;
  onSaved: (id: number) => void;
  onCancel?: () => void;
}

export function SegmentBuilder({ segment, onSaved, onCancel }: Props) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const catalog = useQuery({ queryKey: queryKeys.segmentsCatalog, queryFn: segmentsCatalog });
  const tags = useQuery({ queryKey: queryKeys.tagsTree, queryFn: tagsTree });
  const saved = useQuery({ queryKey: queryKeys.segmentsList, queryFn: segmentsList });

  const [tree, setTree] = useState<RuleGroupType>(() => (segment === null ? emptyTree() : fromCondition(segment.condition)));
  const [name, setName] = useState(segment?.name ?? "");
  const [kind, setKind] = useState<SegmentKind>(segment?.kind ?? "dynamic");
  const [nameError, setNameError] = useState<string | null>(null);
  const [saveError, setSaveError] = useState<IpcError | null>(null);

  const built = useMemo(() => toCondition(tree), [tree]);
  const ready = built.problems.length === 0;
  const live = useLiveCount(ready ? built.condition : null);

  // A validation error names a node by path; find the rule or group it means.
  const invalid = [live.error, saveError].find((e) => e?.code === "invalid" && e.field !== null && e.field !== "name") ?? null;
  const invalidId = invalid?.field == null ? undefined : built.idByPath.get(invalid.field);
  const problems = useMemo(() => {
    const map = new Map<string, string>();
    for (const p of built.problems) map.set(p.id, t(`segments.problem.${p.key}`));
    if (invalidId !== undefined && invalid !== null && !map.has(invalidId)) map.set(invalidId, invalid.message);
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
    segments: (saved.data ?? []).filter((s) => s.id !== segment?.id),
    counts,
    problems,
    stale: !live.current,
  };
  const fields = useMemo(() => builderFields(t, catalog.data?.fields ?? []), [t, catalog.data]);

  const state: "ready" | "counting" | "invalid" = problems.size > 0 || (live.error !== null && live.error.code === "invalid") ? "invalid" : live.counting ? "counting" : "ready";
  const liveProblem = built.problems.length > 0 ? t("segments.live.incomplete") : invalid !== null ? t("segments.live.invalid") : null;

  const save = useMutation({
    mutationFn: async () => {
      const input = { name: name.trim(), kind, condition: built.condition, pinned: segment?.pinned ?? false };
      if (segment === null) return segmentsCreate(input);
      return (await segmentsUpdate(segment.id, input)).id;
    },
    onSuccess: async (id) => {
      setSaveError(null);
      message.success(t(kind === "static" ? "segments.save.savedStatic" : "segments.save.saved", { name: name.trim() }));
      await invalidateSegmentData(client);
      onSaved(id);
    },
    onError: (e) => {
      const err = toIpcError(e);
      if (err.field === "name") setNameError(err.code === "already_exists" ? t("segments.save.nameTaken") : err.message);
      setSaveError(err);
    },
  });

  const submit = () => {
    if (name.trim() === "") {
      setNameError(t("segments.save.nameRequired"));
      return;
    }
    if (!ready) return;
    save.mutate();
  };

  return (
    <Flex gap="large" align="flex-start" className="segment-builder" data-testid="segment-builder">
      <Flex vertical gap="middle" style={{ flex: 1, minWidth: 0 }}>
        <div className="builder-tree">
          <QueryBuilder
            fields={fields}
            query={tree}
            onQueryChange={setTree}
            controlElements={CONTROLS}
            context={context}
            autoSelectField={false}
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
        </div>
        {tree.rules.length === 0 && (
          <Typography.Text type="secondary" data-testid="builder-empty-hint">
            {t("segments.builder.emptyHint")}
          </Typography.Text>
        )}
        <Form layout="vertical" onFinish={submit} className="segment-save-form">
          <Flex gap="middle" align="flex-start" wrap>
            <Form.Item label={t("segments.save.name")} required validateStatus={nameError === null ? undefined : "error"} help={nameError} style={{ marginBottom: 0, minWidth: 240 }}>
              <Input
                data-testid="segment-name"
                value={name}
                maxLength={60}
                placeholder={t("segments.save.namePlaceholder")}
                onChange={(e) => {
                  setName(e.target.value);
                  setNameError(null);
                }}
              />
            </Form.Item>
            <Form.Item label={t("segments.save.kind")} style={{ marginBottom: 0 }}>
              <Radio.Group value={kind} onChange={(e) => setKind(e.target.value as SegmentKind)} data-testid="segment-kind">
                <Radio value="dynamic">
                  <span data-testid="segment-kind-dynamic">{t("segments.kind.dynamic")}</span>
                </Radio>
                <Radio value="static">
                  <span data-testid="segment-kind-static">{t("segments.kind.static")}</span>
                </Radio>
              </Radio.Group>
            </Form.Item>
          </Flex>
          <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
            {kind === "dynamic"
              ? t("segments.save.dynamicHelp")
              : segment?.kind === "static" && segment.frozen_at !== null
                ? t("segments.save.staticFrozen", { at: formatDateTime(segment.frozen_at, i18n.language) })
                : t("segments.save.staticHelp")}
          </Typography.Paragraph>
          {saveError !== null && saveError.code !== "invalid" && saveError.code !== "already_exists" && <ErrorAlert error={saveError} />}
          <Flex gap="small">
            <Button type="primary" htmlType="submit" data-testid="segment-save" loading={save.isPending} disabled={!ready}>
              {segment === null ? t("segments.save.create") : t("segments.save.update")}
            </Button>
            {onCancel !== undefined && (
              <Button onClick={onCancel} data-testid="segment-cancel">
                {t("common.cancel")}
              </Button>
            )}
          </Flex>
        </Form>
      </Flex>
      <div className="segment-live-panel">
        <LiveCount total={live.data?.total} state={state} problem={liveProblem} sample={live.data?.sample ?? []} millis={live.data?.millis} />
      </div>
    </Flex>
  );
}
