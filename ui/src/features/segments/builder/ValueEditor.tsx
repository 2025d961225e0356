//! The value part of a rule, fitted to its field: a tag tree select, a group or segment select,
//! text / number / native date inputs (antd's date pickers need dayjs, which the app cannot load),
//! a choice select, a day count for relative windows, or the event editor; then the rule's live
//! count and, when the rule is wrong, why.
import { Flex, Input, TreeSelect, Typography } from "antd";
import { CompactSelect } from "./CompactSelect";
import { useMemo, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { ValueEditorProps } from "react-querybuilder";
import type { FieldOp, TagNode } from "../../../lib/ipc";
import { pathOf } from "../../../components/TagPicker/pickerLogic";
import type { BuilderContext } from "./context";
import { EventEditor } from "./EventEditor";
import { arity, attrKeyOf, EVENT_FIELD, GROUP_FIELD, SCORE_FIELD, SEGMENT_FIELD, TAG_FIELD, type EventValue } from "./ruleModel";

interface TreeNode {
  value: number;
  title: ReactNode;
  searchText: string;
  selectable: boolean;
  children: TreeNode[];
}

/** The tag tree for a TreeSelect: only tags can be chosen; categories and groups fold them. */
function tagTree(nodes: readonly TagNode[]): TreeNode[] {
  const live = nodes.filter((n) => !n.archived);
  const build = (parent: number | null): TreeNode[] =>
    live
      .filter((n) => n.parent_id === parent)
      .map((n) => ({
        value: n.id,
        title: (
          <span data-testid={n.kind === "tag" ? "rule-tag-option" : undefined} data-name={n.name}>
            {n.name}
          </span>
        ),
        searchText: n.name,
        selectable: n.kind === "tag",
        disabled: n.kind !== "tag" && live.every((c) => c.parent_id !== n.id),
        children: build(n.id),
      }));
  return build(null);
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.map((x) => String(x ?? "")) : []);

export function ValueEditor(props: ValueEditorProps) {
  const { t } = useTranslation();
  const { field, operator, value, handleOnChange, path, rule } = props;
  const ctx = props.context as BuilderContext;
  const problem = ctx.problems.get(rule.id ?? "");
  const status = problem === undefined ? undefined : "error";
  const pathText = JSON.stringify(path);
  const tree = useMemo(() => tagTree(ctx.tags), [ctx.tags]);

  let editor: ReactNode = null;
  if (field === TAG_FIELD) {
    const ids = Array.isArray(value) ? (value as number[]) : [];
    editor = (
      <TreeSelect
        size="small"
        status={status}
        data-testid="rule-value-tags"
        style={{ minWidth: 200 }}
        popupMatchSelectWidth={false}
        treeData={tree}
        treeDefaultExpandAll
        showSearch={{ treeNodeFilterProp: "searchText" }}
        placeholder={t("segments.builder.chooseTags")}
        multiple={operator !== "has"}
        value={operator === "has" ? ids[0] : ids}
        onChange={(v: number | number[] | undefined) => handleOnChange(v === undefined ? [] : Array.isArray(v) ? v : [v])}
      />
    );
  } else if (field === GROUP_FIELD) {
    const byId = new Map(ctx.tags.map((n) => [n.id, n]));
    editor = (
      <CompactSelect
        testId="rule-value-group"
        minWidth={200}
        status={status}
        placeholder={t("segments.builder.chooseGroup")}
        value={typeof value === "number" ? value : undefined}
        options={ctx.tags.filter((n) => n.kind === "group" && !n.archived).map((n) => ({ value: n.id, label: pathOf(n.id, byId) }))}
        onChange={(v: number) => handleOnChange(v)}
      />
    );
  } else if (field === SEGMENT_FIELD) {
    editor = (
      <CompactSelect
        testId="rule-value-segment"
        minWidth={180}
        status={status}
        placeholder={t("segments.builder.chooseSegment")}
        notFoundContent={t("segments.builder.noSegments")}
        value={typeof value === "number" ? value : undefined}
        options={ctx.segments.map((s) => ({ value: s.id, label: s.name }))}
        onChange={(v: number) => handleOnChange(v)}
      />
    );
  } else if (field === SCORE_FIELD) {
    editor = <Numbers values={strings(value)} two={operator === "between"} status={status} onChange={handleOnChange} />;
  } else if (field === EVENT_FIELD) {
    editor = <EventEditor value={value as EventValue} between={operator === "between"} events={ctx.catalog.events} status={status} onChange={handleOnChange} />;
  } else {
    const key = attrKeyOf(field);
    const attr = ctx.catalog.fields.find((f) => f.key === key);
    if (attr !== undefined) editor = <AttrEditor kind={attr.kind} options={attr.options} op={operator as FieldOp} values={strings(value)} status={status} onChange={handleOnChange} />;
  }

  return (
    <Flex align="center" gap={6} wrap className="builder-value" data-testid="rule-value" data-rule-path={pathText}>
      {editor}
      {problem !== undefined && (
        <Typography.Text type="danger" className="rule-error" data-testid="rule-error">
          {problem}
        </Typography.Text>
      )}
    </Flex>
  );
}

type Status = "error" | undefined;

function Numbers({ values, two, status, onChange }: { values: string[]; two: boolean; status: Status; onChange: (v: string[]) => void }) {
  const { t } = useTranslation();
  const [a = "", b = ""] = values;
  return (
    <>
      <Input size="small" inputMode="decimal" status={status} style={{ width: 90 }} data-testid="rule-value-input" value={a} onChange={(e) => onChange([e.target.value, b])} />
      {two && (
        <>
          <span>{t("segments.builder.and2")}</span>
          <Input size="small" inputMode="decimal" status={status} style={{ width: 90 }} data-testid="rule-value-input2" value={b} onChange={(e) => onChange([a, e.target.value])} />
        </>
      )}
    </>
  );
}

interface AttrProps {
  kind: string;
  options: string[];
  op: FieldOp;
  values: string[];
  status: Status;
  onChange: (v: string[]) => void;
}

function AttrEditor({ kind, options, op, values, status, onChange }: AttrProps) {
  const { t } = useTranslation();
  const n = arity(op);
  if (n === 0) return null;
  if (op === "within_last_days" || op === "before_days_ago") {
    return (
      <Input
        size="small"
        inputMode="numeric"
        status={status}
        style={{ width: 110 }}
        suffix={t("segments.builder.days")}
        data-testid="rule-value-days"
        value={values[0] ?? ""}
        onChange={(e) => onChange([e.target.value])}
      />
    );
  }
  const choice = kind === "choice" || kind === "multi_choice";
  if (choice || (kind === "text" && n === "many")) {
    const opts = options.map((o) => ({ value: o, label: t(`segments.option.${o}` as "segments.option.b2b", { defaultValue: o }) }));
    return (
      <CompactSelect
        testId="rule-value-select"
        minWidth={160}
        searchable={false}
        status={status}
        mode={n === "many" ? (choice ? "multiple" : "tags") : undefined}
        open={!choice ? false : undefined}
        suffixIcon={!choice ? null : undefined}
        placeholder={!choice ? t("segments.builder.typeValues") : undefined}
        options={opts}
        value={n === "many" ? values : values[0]}
        onChange={(v: string | string[]) => onChange(Array.isArray(v) ? v : [v])}
      />
    );
  }
  const type = kind === "date" || kind === "timestamp" ? "date" : "text";
  const input = (i: number) => (
    <Input
      size="small"
      type={type}
      inputMode={kind === "number" ? "decimal" : undefined}
      status={status}
      style={{ width: type === "date" ? 150 : kind === "number" ? 100 : 160 }}
      data-testid={i === 0 ? "rule-value-input" : "rule-value-input2"}
      value={values[i] ?? ""}
      onChange={(e) => {
        const next = [values[0] ?? "", values[1] ?? ""].slice(0, n === 2 ? 2 : 1);
        next[i] = e.target.value;
        onChange(next);
      }}
    />
  );
  return n === 2 ? (
    <>
      {input(0)}
      <span>{t("segments.builder.and2")}</span>
      {input(1)}
    </>
  ) : (
    input(0)
  );
}
