//! Ctrl/⌘+K: one box to jump to a customer (the customer list's own search), a tag, a segment, a
//! rule or a page, or to start a common action. Arrow keys move, Enter goes, Esc closes.
import { SearchOutlined } from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import { Input, Modal, Spin, Typography, type InputRef } from "antd";
import { useEffect, useRef, useState, type KeyboardEvent } from "react";
import { useTranslation } from "react-i18next";
import { useDebouncedValue } from "../../components/useDebouncedValue";
import { customersList, rulesList, segmentsList, tagsTree, toIpcError } from "../../lib/ipc";
import { queryKeys } from "../../lib/queryKeys";
import type { Intent } from "../shell/intent";
import { GROUP_LIMIT, GROUP_ORDER, paletteItems, step, type GroupKey, type PaletteItem } from "./paletteItems";

/** Typing pauses this long before the customers are searched (as on the customer list). */
export const SEARCH_DELAY_MS = 250;

interface Props {
  open: boolean;
  onClose: () => void;
  onGo: (intent: Intent) => void;
}

export function CommandPalette({ open, onClose, onGo }: Props) {
  const { t } = useTranslation();
  const input = useRef<InputRef>(null);
  return (
    <Modal
      open={open}
      onCancel={onClose}
      footer={null}
      closable={false}
      destroyOnHidden
      width={600}
      styles={{ body: { padding: 0 } }}
      title={null}
      afterOpenChange={(visible) => visible && input.current?.focus()}
      aria-label={t("palette.title")}
    >
      {open && (
        <PaletteBody
          inputRef={input}
          onGo={(intent) => {
            onClose();
            onGo(intent);
          }}
        />
      )}
    </Modal>
  );
}

function PaletteBody({ inputRef, onGo }: { inputRef: React.RefObject<InputRef | null>; onGo: (intent: Intent) => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState("");
  const [activeKey, setActiveKey] = useState<string | null>(null);
  // Enter pressed while the answer was still coming: go to the first result once it is there.
  const [enterPending, setEnterPending] = useState(false);
  const search = text.trim();
  const debounced = useDebouncedValue(search, SEARCH_DELAY_MS);
  const typing = debounced !== search;

  const tags = useQuery({ queryKey: queryKeys.tagsTree, queryFn: tagsTree });
  const segments = useQuery({ queryKey: queryKeys.segmentsList, queryFn: segmentsList });
  const rules = useQuery({ queryKey: queryKeys.rulesList, queryFn: rulesList });
  const customers = useQuery({
    queryKey: queryKeys.customersSearch(debounced),
    queryFn: () => customersList({ search: debounced, tag_ids: [], sort: null, offset: 0, limit: GROUP_LIMIT }),
    enabled: debounced !== "",
  });
  const searchRefused = customers.error !== null && toIpcError(customers.error).code === "search_without_letters";

  const loading: Record<GroupKey, boolean> = {
    customers: search !== "" && (typing || customers.isPending),
    tags: search !== "" && tags.isPending,
    segments: search !== "" && segments.isPending,
    rules: search !== "" && rules.isPending,
    pages: false,
    actions: false,
  };
  const anyLoading = GROUP_ORDER.some((g) => loading[g]);
  const items = paletteItems(search, {
    customers: typing ? [] : (customers.data?.items ?? []),
    tags: tags.data?.nodes ?? [],
    segments: segments.data ?? [],
    rules: rules.data ?? [],
    pageLabel: (p) => t(`nav.${p}`),
    actionLabel: (a) => t(`palette.action.${a}`),
  });
  const activeIndex = Math.max(0, items.findIndex((i) => i.key === activeKey));
  const active: PaletteItem | undefined = items[activeIndex];

  useEffect(() => {
    if (!enterPending || anyLoading) return;
    setEnterPending(false);
    const first = items[0];
    if (first !== undefined) onGo(first.intent);
  }, [enterPending, anyLoading, items, onGo]);

  useEffect(() => {
    if (active === undefined) return;
    document.getElementById(optionId(active))?.scrollIntoView?.({ block: "nearest" });
  }, [active]);

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.nativeEvent.isComposing) return;
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      const next = items[step(activeIndex, items.length, e.key === "ArrowDown" ? 1 : -1)];
      if (next !== undefined) setActiveKey(next.key);
    } else if (e.key === "Enter") {
      e.preventDefault();
      // A result the user has not picked yet may still be coming: wait for the answer.
      if (activeKey === null && anyLoading) setEnterPending(true);
      else if (active !== undefined) onGo(active.intent);
    }
  };

  return (
    <div data-testid="palette">
      <Input
        ref={inputRef}
        data-testid="palette-input"
        size="large"
        variant="borderless"
        autoFocus
        prefix={<SearchOutlined />}
        placeholder={t("palette.placeholder")}
        value={text}
        role="combobox"
        aria-expanded
        aria-controls="palette-list"
        aria-activedescendant={active === undefined ? undefined : optionId(active)}
        onChange={(e) => {
          setText(e.target.value);
          setActiveKey(null);
        }}
        onKeyDown={onKeyDown}
        style={{ padding: "12px 16px" }}
      />
      <div id="palette-list" role="listbox" className="palette-list" aria-label={t("palette.title")}>
        {GROUP_ORDER.map((group) => {
          const inGroup = items.filter((i) => i.group === group);
          const refused = group === "customers" && searchRefused && !typing;
          if (inGroup.length === 0 && !loading[group] && !refused) return null;
          return (
            <div key={group} role="group" aria-label={t(`palette.group.${group}`)} data-testid={`palette-group-${group}`}>
              <Typography.Text type="secondary" className="palette-group-title">
                {t(`palette.group.${group}`)}
              </Typography.Text>
              {inGroup.map((item) => (
                <div
                  key={item.key}
                  id={optionId(item)}
                  role="option"
                  aria-selected={item.key === active?.key}
                  className={`palette-item${item.key === active?.key ? " palette-item-active" : ""}`}
                  data-testid="palette-item"
                  data-key={item.key}
                  onMouseMove={() => item.key !== activeKey && setActiveKey(item.key)}
                  onClick={() => onGo(item.intent)}
                >
                  <span className="palette-item-label">{item.label}</span>
                  {item.detail !== undefined && <Typography.Text type="secondary">{item.detail}</Typography.Text>}
                </div>
              ))}
              {loading[group] && inGroup.length === 0 && (
                <div className="palette-note" data-testid="palette-loading">
                  <Spin size="small" /> <Typography.Text type="secondary">{t("palette.searching")}</Typography.Text>
                </div>
              )}
              {refused && (
                <Typography.Text type="secondary" className="palette-note">
                  {t("errors.search_without_letters")}
                </Typography.Text>
              )}
            </div>
          );
        })}
        {items.length === 0 && !anyLoading && (
          <Typography.Text type="secondary" className="palette-note" data-testid="palette-empty">
            {t("palette.nothing")}
          </Typography.Text>
        )}
      </div>
      <Typography.Text type="secondary" className="palette-hint">
        {t("palette.hint")}
      </Typography.Text>
    </div>
  );
}

const optionId = (item: PaletteItem) => `palette-${item.key}`;
