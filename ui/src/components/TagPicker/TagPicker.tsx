//! Picks one assignable tag from the tree: searchable, grouped by path, and honest about what a
//! single-select group will give up before anything is changed. From the keyboard: typing
//! filters, the arrow keys move the highlight, Enter assigns the highlighted tag. Tags the team
//! hub would not let this person change are shown but not choosable, and say why (useRights).
import { LockOutlined, SearchOutlined } from "@ant-design/icons";
import { Alert, Button, Empty, Flex, Input, Tag, Typography } from "antd";
import { useMemo, useState, type KeyboardEvent } from "react";
import { useTranslation } from "react-i18next";
import type { TagNode } from "../../lib/ipc";
import { useRights } from "../../features/team/useRights";
import { ColorDot } from "../ColorDot";
import { PickerSuggestions } from "./PickerSuggestions";
import { assignableGroups, choosable, filterGroups, findOption, wouldReplace, type CurrentTag } from "./pickerLogic";

interface Props {
  nodes: readonly TagNode[];
  /** The one customer's tags, when picking for one customer: enables the replacement preview. */
  current?: readonly CurrentTag[];
  /** Tags that may not be chosen (e.g. the merge sources). */
  exclude?: readonly number[];
  okText?: string;
  busy?: boolean;
  /** Hides the picker's own confirm button, for a host that confirms by itself (with `onSelect`). */
  hideOk?: boolean;
  onSelect?: (tagId: number) => void;
  onConfirm: (tagId: number) => void;
  onCancel?: () => void;
}

const NONE: readonly never[] = [];

export function TagPicker({ nodes, current = NONE, exclude = NONE, okText, busy = false, hideOk = false, onSelect, onConfirm, onCancel }: Props) {
  const { t } = useTranslation();
  const [query, setQuery] = useState("");
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const { readOnly, groupLocked } = useRights();
  const groups = useMemo(() => assignableGroups(nodes, exclude, groupLocked), [nodes, exclude, groupLocked]);
  const visible = useMemo(() => filterGroups(groups, query), [groups, query]);
  // A choice whose group was locked since (the hub's answer came later) is no choice.
  const found = findOption(groups, selectedId);
  const selected = found?.locked === false ? found : undefined;
  const replaced = selected === undefined ? [] : wouldReplace(selected, groups, current);
  const has = (id: number) => current.some((c) => c.id === id);
  // The chosen tag when it is still shown, else the first match: what Enter assigns.
  const shown = choosable(visible);
  const highlighted = shown.find((o) => o.id === selectedId) ?? shown[0];
  const choose = (id: number) => {
    setSelectedId(id);
    onSelect?.(id);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.nativeEvent.isComposing || highlighted === undefined) return;
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      const at = shown.indexOf(highlighted);
      const next = shown[(at + (e.key === "ArrowDown" ? 1 : shown.length - 1)) % shown.length];
      if (next !== undefined) choose(next.id);
    } else if (e.key === "Enter" && !busy) {
      e.preventDefault();
      // A tag that would take a sibling off is chosen first, so the warning shows before a second Enter.
      if (highlighted.id !== selectedId && wouldReplace(highlighted, groups, current).length > 0) choose(highlighted.id);
      else onConfirm(highlighted.id);
    }
  };

  return (
    <Flex vertical gap="small" data-testid="tag-picker">
      {readOnly !== null && <Alert type="info" showIcon data-testid="tag-picker-read-only" title={readOnly} />}
      <Input
        data-testid="tag-picker-search"
        prefix={<SearchOutlined />}
        allowClear
        autoFocus
        placeholder={t("picker.search")}
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={onKeyDown}
        aria-activedescendant={highlighted === undefined ? undefined : `tag-option-${highlighted.id}`}
      />
      <div className="tag-picker-list" role="listbox" aria-label={t("picker.title")}>
        {visible.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("picker.noMatch")} />}
        {visible.map((group) => (
          <div key={group.parentId ?? "root"} className="tag-picker-group">
            <Flex align="center" gap={6} className="tag-picker-path">
              <Typography.Text type="secondary">{group.path || t("picker.topLevel")}</Typography.Text>
              {group.singleSelect && (
                <Tag variant="filled" style={{ marginInlineEnd: 0 }}>
                  {t("tags.single")}
                </Tag>
              )}
            </Flex>
            {/* On a line of its own, so the path never squeezes; a viewer reads the reason once, above the list. */}
            {group.locked !== null && readOnly === null && (
              <Typography.Paragraph type="warning" className="tag-picker-locked" data-testid="tag-picker-locked">
                <LockOutlined /> {group.locked}
              </Typography.Paragraph>
            )}
            <Flex wrap gap={6}>
              {group.options.map((option) => (
                <button
                  key={option.id}
                  id={`tag-option-${option.id}`}
                  type="button"
                  role="option"
                  aria-selected={option.id === selectedId}
                  data-testid="tag-option"
                  data-name={option.name}
                  disabled={option.locked}
                  aria-disabled={option.locked}
                  data-highlighted={option.id === highlighted?.id ? "true" : undefined}
                  className={`tag-option${option.id === selectedId ? " tag-option-selected" : option.id === highlighted?.id ? " tag-option-highlighted" : ""}`}
                  onClick={() => choose(option.id)}
                  onDoubleClick={() => onConfirm(option.id)}
                >
                  <ColorDot color={option.color} />
                  <span>{option.name}</span>
                  {has(option.id) && <span className="tag-option-has">{t("picker.has")}</span>}
                </button>
              ))}
            </Flex>
          </div>
        ))}
      </div>
      {/* Below the list, so that its appearing never moves an option under the pointer. */}
      {current.length > 0 && <PickerSuggestions current={current} allowed={(id) => findOption(groups, id)?.locked === false} onPick={choose} />}
      {selected !== undefined && (
        <Alert
          data-testid="tag-picker-preview"
          type={replaced.length > 0 ? "warning" : "info"}
          showIcon
          title={
            replaced.length > 0
              ? t("picker.replaces", { tag: selected.name, old: replaced.map((r) => r.name).join("、") })
              : t("picker.chosen", { tag: selected.name, path: selected.path })
          }
        />
      )}
      {!hideOk && (
      <Flex justify="end" gap="small">
        {onCancel !== undefined && <Button onClick={onCancel}>{t("common.cancel")}</Button>}
        <Button
          type="primary"
          data-testid="tag-picker-ok"
          disabled={selected === undefined}
          loading={busy}
          onClick={() => selected !== undefined && onConfirm(selected.id)}
        >
          {okText ?? t("common.ok")}
        </Button>
      </Flex>
      )}
    </Flex>
  );
}
