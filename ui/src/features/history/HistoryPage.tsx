//! 操作记录: every operation newest first, filtered by who, kind and dates; each opens its
//! details and can be undone (or its undo redone) when it changed tags. Arrow keys move through
//! the list and Enter opens an operation's details. A viewer on the team hub finds undo and redo
//! disabled with the reason, as the hub would refuse them.
import { useInfiniteQuery } from "@tanstack/react-query";
import { App, Button, Flex, Input, Select, Table, Tag, Tooltip, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../components/ErrorAlert";
import { useListKeys } from "../../components/useListKeys";
import { errorText } from "../../components/errorText";
import { PageTitle } from "../../components/PageTitle";
import { formatDateTime, formatNumber } from "../../lib/format";
import { operationsList, toIpcError, type Operation, type OperationKind } from "../../lib/ipc";
import { queryKeys } from "../../lib/queryKeys";
import { describeOperation } from "./describe";
import { OperationDrawer } from "./OperationDrawer";
import { useUndoOperations } from "./useUndoOperations";
import { authorName } from "../../lib/author";
import { WhyButton } from "../../components/Why";
import { useRights } from "../team/useRights";

const PAGE = 50;
const KINDS: OperationKind[] = ["tag_add", "tag_remove", "rules_run", "rfm_run", "lifecycle_run", "import_customers", "import_events", "undo", "edit"];

interface Filters {
  author: string | null;
  kind: OperationKind | null;
  /** yyyy-mm-dd from the native date inputs. */
  from: string;
  to: string;
}

/** Local midnight of a yyyy-mm-dd day, in unix seconds; `plusDays` moves it. */
function dayStart(day: string, plusDays = 0): number | null {
  if (day === "") return null;
  const [y, m, d] = day.split("-").map(Number);
  return Math.floor(new Date(y!, m! - 1, d! + plusDays).getTime() / 1000);
}

export function HistoryPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const undo = useUndoOperations();
  const { readOnly } = useRights();
  const [filters, setFilters] = useState<Filters>({ author: null, kind: null, from: "", to: "" });
  const [open, setOpen] = useState<number | null>(null);
  const [busy, setBusy] = useState<number | null>(null);
  const query = { author: filters.author, kind: filters.kind, from: dayStart(filters.from), to: dayStart(filters.to, 1) };
  const pages = useInfiniteQuery({
    queryKey: queryKeys.operationsList(query),
    queryFn: ({ pageParam }) => operationsList({ ...query, before_id: pageParam, limit: PAGE }),
    initialPageParam: null as number | null,
    getNextPageParam: (last) => (last.more ? (last.items.at(-1)?.id ?? null) : null),
    staleTime: 0,
  });
  const items = pages.data?.pages.flatMap((p) => p.items) ?? [];
  const authors = pages.data?.pages[0]?.authors ?? [];
  const keys = useListKeys({
    count: items.length,
    onOpen: (index) => setOpen(items[index]?.id ?? null),
    reveal: (index) => document.querySelector(`[data-testid='history-row'][data-id='${items[index]?.id}']`)?.scrollIntoView?.({ block: "nearest" }),
  });

  const takeBack = async (op: Operation) => {
    setBusy(op.id);
    try {
      const report = await undo(op);
      if (report !== null) void message.success(t("history.undone", { what: describeOperation(t, op) }));
    } catch (e) {
      void message.error(errorText(t, toIpcError(e)));
    } finally {
      setBusy(null);
    }
  };

  return (
    <>
      <PageTitle>{t("history.title")}</PageTitle>
      <Flex vertical gap="middle">
        <Flex gap="small" wrap align="center" data-testid="history-filters">
          <Select
            data-testid="history-author"
            style={{ minWidth: 140 }}
            value={filters.author ?? ""}
            onChange={(v: string) => setFilters({ ...filters, author: v === "" ? null : v })}
            options={[{ value: "", label: t("history.anyone") }, ...authors.map((a) => ({ value: a, label: authorName(t, a) }))]}
            aria-label={t("history.filterAuthor")}
          />
          <Select
            data-testid="history-kind"
            style={{ minWidth: 140 }}
            value={filters.kind ?? ""}
            onChange={(v: string) => setFilters({ ...filters, kind: v === "" ? null : (v as OperationKind) })}
            options={[{ value: "", label: t("history.anyKind") }, ...KINDS.map((k) => ({ value: k, label: t(`history.kind.${k}`) }))]}
            aria-label={t("history.filterKind")}
          />
          <Flex gap={4} align="center">
            <Typography.Text type="secondary">{t("history.filterDates")}</Typography.Text>
            <Input type="date" data-testid="history-from" style={{ width: 150 }} value={filters.from} onChange={(e) => setFilters({ ...filters, from: e.target.value })} />
            <span>–</span>
            <Input type="date" data-testid="history-to" style={{ width: 150 }} value={filters.to} onChange={(e) => setFilters({ ...filters, to: e.target.value })} />
          </Flex>
        </Flex>
        {pages.error !== null && <ErrorAlert error={toIpcError(pages.error)} />}
        {/* Focusable so the arrow keys and Enter reach the list. */}
        <div tabIndex={0} className="history-list" data-testid="history-list" onKeyDown={keys.onKeyDown}>
        <Table<Operation>
          size="small"
          rowKey="id"
          data-testid="history-table"
          loading={pages.isPending}
          dataSource={items}
          pagination={false}
          locale={{ emptyText: pages.isPending ? <span data-testid="history-loading">{t("history.loading")}</span> : <span data-testid="history-empty">{t("history.empty")}</span> }}
          onRow={(op, index) =>
            ({
              "data-testid": "history-row",
              "data-id": op.id,
              "data-kind": op.kind,
              "data-active": index === keys.active ? "true" : undefined,
              onClick: () => index !== undefined && keys.setActive(index),
            }) as React.HTMLAttributes<HTMLElement>
          }
          rowClassName={(_, index) => (index === keys.active ? "history-row-active" : "")}
          columns={[
            { key: "when", title: t("history.when"), width: 200, render: (_, op) => <span style={{ whiteSpace: "nowrap" }}>{formatDateTime(op.at, i18n.language)}</span> },
            { key: "who", title: t("history.who"), width: 120, ellipsis: true, render: (_, op) => authorName(t, op.author) },
            {
              key: "what",
              title: t("history.what"),
              render: (_, op) => (
                <Typography.Link data-testid="history-open" onClick={() => setOpen(op.id)}>
                  {describeOperation(t, op)}
                </Typography.Link>
              ),
            },
            { key: "customers", title: <span style={{ whiteSpace: "nowrap" }}>{t("history.customers")}</span>, width: 120, align: "right", render: (_, op) => formatNumber(op.customers, i18n.language) },
            {
              key: "state",
              title: t("history.state"),
              width: 150,
              render: (_, op) =>
                op.undone_by !== null ? (
                  <Tag data-testid="history-undone">{t("history.undoneBy", { id: String(op.undone_by) })}</Tag>
                ) : op.can_undo ? (
                  <WhyButton why={readOnly} size="small" data-testid="history-undo" loading={busy === op.id} onClick={() => void takeBack(op)}>
                    {op.kind === "undo" ? t("history.redo") : t("history.undo")}
                  </WhyButton>
                ) : (
                  <Tooltip title={t("history.cannotUndo")}>
                    <Typography.Text type="secondary">—</Typography.Text>
                  </Tooltip>
                ),
            },
          ]}
        />
        </div>
        {pages.hasNextPage && (
          <Flex justify="center">
            <Button data-testid="history-more" loading={pages.isFetchingNextPage} onClick={() => void pages.fetchNextPage()}>
              {t("history.more")}
            </Button>
          </Flex>
        )}
      </Flex>
      <OperationDrawer id={open} onClose={() => setOpen(null)} />
    </>
  );
}
