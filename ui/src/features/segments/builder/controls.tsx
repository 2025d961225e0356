//! antd controls for react-querybuilder, written here rather than taken from
//! `@react-querybuilder/antd`: that package loads dayjs when imported, and dayjs cannot load under
//! the app's `freezePrototype`. Each control carries the data-testid an end-to-end test drives,
//! and `data-rule-path` (the builder path as JSON, root "[]") to tell rules apart.
import { ArrowDownOutlined, ArrowUpOutlined, CloseOutlined, CopyOutlined, HolderOutlined } from "@ant-design/icons";
import { Button, Radio, Select, Switch, Tooltip, Typography } from "antd";
import { useTranslation } from "react-i18next";
import {
  RuleGroupHeaderComponents,
  type ActionProps,
  type CombinatorSelectorProps,
  type NotToggleProps,
  type RuleGroupProps,
  type ShiftActionsProps,
  type UseRuleGroup,
  type ValueSelectorProps,
} from "react-querybuilder";
import type { BuilderContext } from "./context";
import { CountBadge } from "./CountBadge";
import { startDrag } from "./dragMove";

const pathAttr = (path: readonly number[]) => JSON.stringify(path);

/** react-querybuilder's own test ids, mapped to the ones the app's e2e tests use. */
const ACTION_IDS: Record<string, string> = {
  "add-rule": "builder-add-rule",
  "add-group": "builder-add-group",
  "remove-rule": "builder-remove-rule",
  "remove-group": "builder-remove-group",
  "clone-rule": "builder-clone-rule",
  "clone-group": "builder-clone-group",
};

export function ActionElement(props: ActionProps) {
  const { testID, path, context, ruleOrGroup } = props;
  // A rule's remove button is its last control, so its count goes right after it (see CountBadge).
  if (testID !== "remove-rule") return <ActionButton {...props} />;
  const ctx = context as BuilderContext;
  return (
    <>
      <ActionButton {...props} />
      <CountBadge count={ctx.counts.get(ruleOrGroup.id ?? "")} stale={ctx.stale} testId="rule-count" path={path} />
    </>
  );
}

function ActionButton({ handleOnClick, label, title, disabled, testID, path, className }: ActionProps) {
  const icon = testID === "remove-rule" || testID === "remove-group" ? <CloseOutlined /> : testID?.startsWith("clone") ? <CopyOutlined /> : undefined;
  const adds = testID === "add-rule" || testID === "add-group";
  return (
    <Tooltip title={adds ? undefined : title}>
      <Button
        size="small"
        type={adds ? "dashed" : "text"}
        className={className}
        icon={icon}
        disabled={disabled}
        aria-label={typeof title === "string" ? title : undefined}
        data-testid={ACTION_IDS[testID ?? ""] ?? testID}
        data-rule-path={pathAttr(path)}
        onClick={(e) => handleOnClick(e)}
      >
        {icon === undefined ? label : null}
      </Button>
    </Tooltip>
  );
}

export function NotToggle({ checked, handleOnChange, path, disabled }: NotToggleProps) {
  const { t } = useTranslation();
  return (
    <Tooltip title={t("segments.builder.notTip")}>
      <Switch
        size="small"
        checked={checked === true}
        disabled={disabled}
        checkedChildren={t("segments.builder.not")}
        unCheckedChildren={t("segments.builder.not")}
        data-testid="builder-not-toggle"
        data-rule-path={pathAttr(path)}
        onChange={(v) => handleOnChange(v)}
      />
    </Tooltip>
  );
}

/** A group's header: react-querybuilder's own controls, then any problem with the group and its
 *  live count, last so that neither moves a button when it appears (see CountBadge). */
export function GroupHeader(rg: RuleGroupProps & UseRuleGroup) {
  const ctx = rg.context as BuilderContext;
  const id = rg.ruleGroup.id ?? "";
  const problem = ctx.problems.get(id);
  return (
    <>
      <RuleGroupHeaderComponents {...rg} />
      {problem !== undefined && (
        <Typography.Text type="danger" data-testid="group-error">
          {problem}
        </Typography.Text>
      )}
      <CountBadge count={ctx.counts.get(id)} stale={ctx.stale} testId="group-count" path={rg.path} />
    </>
  );
}

/** AND / OR as two buttons. */
export function CombinatorSelector({ value, handleOnChange, path, disabled }: CombinatorSelectorProps) {
  const { t } = useTranslation();
  return (
    <span className="builder-group-head">
      <Radio.Group
        size="small"
        optionType="button"
        buttonStyle="solid"
        value={value?.toLowerCase()}
        disabled={disabled}
        onChange={(e) => handleOnChange(e.target.value)}
        data-testid="builder-combinator"
        data-rule-path={pathAttr(path)}
      >
        {/* The test ids sit on the visible labels: antd hides the radio inputs themselves. */}
        <Radio.Button value="and">
          <span data-testid="builder-combinator-and">{t("segments.builder.and")}</span>
        </Radio.Button>
        <Radio.Button value="or">
          <span data-testid="builder-combinator-or">{t("segments.builder.or")}</span>
        </Radio.Button>
      </Radio.Group>
    </span>
  );
}

/** The field and operator pickers: a searchable select whose options carry test ids. */
export function ValueSelector({ value, handleOnChange, options, path, testID, disabled, title }: ValueSelectorProps) {
  const { t } = useTranslation();
  const kind = testID === "fields" ? "rule-field" : testID === "operators" ? "rule-operator" : `builder-${testID ?? "select"}`;
  // react-querybuilder options are {name, label} or groups {label, options}; antd wants {value, label}.
  const antdOptions = options.map((o) =>
    "options" in o
      ? { label: String(o.label), options: (o.options as { name: string; label: string }[]).map((x) => ({ value: x.name, label: x.label })) }
      : { value: (o as { name: string }).name, label: String((o as { label: string }).label) },
  );
  return (
    <Select
      size="small"
      value={value === "" || value === "~" ? undefined : value}
      placeholder={testID === "fields" ? t("segments.builder.chooseField") : undefined}
      title={title}
      disabled={disabled}
      options={antdOptions}
      showSearch={{ optionFilterProp: "label" }}
      popupMatchSelectWidth={false}
      style={{ minWidth: testID === "fields" ? 130 : 96 }}
      // Short lists: render every option, so each one's test id is in the DOM.
      virtual={false}
      data-testid={kind}
      data-rule-path={pathAttr(path)}
      optionRender={(option) => (
        <span data-testid={`${kind}-option`} data-value={String(option.value)}>
          {option.label}
        </span>
      )}
      onChange={(v: string) => handleOnChange(v)}
    />
  );
}

export function ShiftActions({ shiftUp, shiftDown, shiftUpDisabled, shiftDownDisabled, disabled, path }: ShiftActionsProps) {
  const { t } = useTranslation();
  return (
    <span className="builder-shift" data-rule-path={pathAttr(path)}>
      {path.length > 0 && !disabled && (
        <span className="builder-drag" draggable data-testid="builder-drag" title={t("segments.builder.drag")} onDragStart={(e) => startDrag(e, path)}>
          <HolderOutlined />
        </span>
      )}
      <Button size="small" type="text" icon={<ArrowUpOutlined />} aria-label={t("segments.builder.moveUp")} data-testid="builder-move-up" disabled={disabled || shiftUpDisabled} onClick={shiftUp} />
      <Button size="small" type="text" icon={<ArrowDownOutlined />} aria-label={t("segments.builder.moveDown")} data-testid="builder-move-down" disabled={disabled || shiftDownDisabled} onClick={shiftDown} />
    </span>
  );
}
