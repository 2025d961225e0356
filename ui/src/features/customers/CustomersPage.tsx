//! Customers: a virtualised list of every customer, searched, sorted and filtered by tags on the
//! backend; rows selected one by one or "all matching" for bulk tagging; profiles in a drawer.
//! Right-click on a row (or on the selection) offers the same actions as the buttons.
import { ExportOutlined, PlusOutlined, SearchOutlined } from "@ant-design/icons";
import { Button, Flex, Input, Tag, Typography, type MenuProps } from "antd";
import { ActionResultAlert } from "./ActionResultAlert";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../components/ErrorAlert";
import { contextMenu } from "../../components/contextMenu";
import { PageTitle } from "../../components/PageTitle";
import { WhyButton } from "../../components/Why";
import { useDebouncedValue } from "../../components/useDebouncedValue";
import { toIpcError, type CustomerRow, type CustomerSort, type IpcError } from "../../lib/ipc";
import type { ListQuery } from "../../lib/queryKeys";
import { ExportDialog } from "../io/ExportDialog";
import { PAGE_SEARCH } from "../shell/useSearchShortcut";
import type { ScopeChoice, ScopeKind } from "../io/exportOptions";
import type { ActionResult } from "./actionResult";
import { BulkBar } from "./BulkBar";
import { ColumnChooser } from "./ColumnChooser";
import { loadColumns, saveColumns, type ColumnKey } from "./columns";
import { CustomerList } from "./CustomerList";
import { EmptyCustomers } from "./EmptyCustomers";
import { CustomerProfile } from "./profile/CustomerProfile";
import { NewCustomerModal } from "./profile/NewCustomerModal";
import { isSelected, NOTHING, selectedCount, toExportScope, toggle, toggleLoaded, type Selection } from "./selection";
import { nextSort } from "./sort";
import { useActiveFields } from "./useCustomFields";
import { UndoLastButton } from "./UndoLastButton";
import { useBulkActions } from "./useBulkActions";
import { useVirtualCustomers } from "./useVirtualCustomers";

const SEARCH_DELAY_MS = 250;

interface FilterTag {
  id: number;
  name: string;
  color?: string;
}

interface Props {
  initialTags?: FilterTag[];
  /** A customer whose profile opens at once (from the command palette). */
  initialOpenId?: number;
  /** An action to start at once: a new customer, or the export of everyone. */
  start?: "new" | "export";
}

export function CustomersPage({ initialTags = [], initialOpenId, start }: Props) {
  const { t } = useTranslation();
  const [searchText, setSearchText] = useState("");
  const search = useDebouncedValue(searchText.trim(), SEARCH_DELAY_MS);
  const [sort, setSort] = useState<CustomerSort | null>(null);
  const [filterTags, setFilterTags] = useState<FilterTag[]>(initialTags);
  const [columns, setColumns] = useState<ColumnKey[]>(() => loadColumns());
  const [openId, setOpenId] = useState<number | null>(initialOpenId ?? null);
  const [editing, setEditing] = useState(false);
  const [creating, setCreating] = useState(start === "new");
  const [result, setResult] = useState<ActionResult | null>(null);
  const [actionError, setActionError] = useState<IpcError | null>(null);
  const [exporting, setExporting] = useState<ScopeKind | null>(start === "export" ? "everyone" : null);

  const query: ListQuery = { search: search === "" ? null : search, tag_ids: filterTags.map((f) => f.id), sort };
  // A selection belongs to one query: a new search, sort or filter starts with nothing selected.
  const queryKey = JSON.stringify(query);
  const [selectionState, setSelectionState] = useState<{ key: string; selection: Selection }>({ key: queryKey, selection: NOTHING });
  const selection = selectionState.key === queryKey ? selectionState.selection : NOTHING;
  const setSelection = (next: Selection) => setSelectionState({ key: queryKey, selection: next });

  const list = useVirtualCustomers(query);
  const listError = list.error === null ? null : toIpcError(list.error);
  // A term with no letter or digit is refused by the backend (it cannot filter, and ignoring
  // it would select everyone): said beside the box, where the term is.
  const searchRefused = listError?.code === "search_without_letters";
  const fields = useActiveFields();
  const total = list.total;
  const unfiltered = search === "" && filterTags.length === 0;
  const databaseIsEmpty = total === 0 && unfiltered && !list.stale;
  const count = selectedCount(selection, total ?? 0);

  const addFilter = (tag: FilterTag) => {
    setFilterTags((cur) => (cur.some((f) => f.id === tag.id) ? cur : [...cur, tag]));
    setOpenId(null);
  };
  const report = (r: ActionResult) => {
    setActionError(null);
    setResult(r);
    setSelection(NOTHING);
  };
  const fail = (e: unknown) => setActionError(toIpcError(e));
  const rowActions = useBulkActions({ selection, query, total: total ?? 0, onDone: report, onError: fail });
  const { readOnly } = rowActions;
  const open = (id: number, edit = false) => {
    setEditing(edit);
    setOpenId(id);
  };
  const rowMenu = (row: CustomerRow): MenuProps => {
    // A right-click inside a selection of several acts on the selection, as in a file manager.
    if (isSelected(selection, row.id) && count > 1) {
      return contextMenu("selection", [
        { key: "tag", label: t("bulk.addTag"), why: readOnly, run: () => rowActions.startTagging("add", selection) },
        { key: "untag", label: t("bulk.removeTag"), why: readOnly, run: () => rowActions.startTagging("remove", selection) },
        { key: "export", label: t("bulk.export"), run: () => setExporting("selection") },
        { key: "delete", label: t("bulk.delete"), danger: true, apart: true, why: readOnly, disabled: rowActions.tooManyToDelete(selection), run: () => rowActions.remove(selection) },
      ]);
    }
    const one: Selection = { mode: "ids", ids: new Set([row.id]) };
    return contextMenu("row", [
      { key: "open", label: t("customers.menu.open"), run: () => open(row.id) },
      { key: "edit", label: t("customers.menu.edit"), why: readOnly, run: () => open(row.id, true) },
      { key: "tag", label: t("customers.menu.tag"), why: readOnly, run: () => rowActions.startTagging("add", one) },
      { key: "delete", label: t("bulk.delete"), danger: true, apart: true, why: readOnly, run: () => rowActions.remove(one) },
    ]);
  };
  const exact = total !== undefined && !list.totalIsLowerBound ? total : null;
  const scopes: ScopeChoice[] = [
    ...(count > 0 ? [{ kind: "selection" as const, scope: toExportScope(selection, query), count }] : []),
    ...(unfiltered ? [] : [{ kind: "matching" as const, scope: { type: "matching" as const, query: { ...query, offset: 0, limit: 0 } }, count: exact }]),
    { kind: "everyone", scope: { type: "everyone" }, count: unfiltered ? exact : null },
  ];

  return (
    <>
      <PageTitle>{t("nav.customers")}</PageTitle>
      {listError !== null && !searchRefused && <ErrorAlert error={listError} />}
      {databaseIsEmpty ? (
        <>
          <EmptyCustomers />
          <Flex justify="center">
            <WhyButton why={readOnly} icon={<PlusOutlined />} data-testid="customer-new" onClick={() => setCreating(true)}>
              {t("customer.new")}
            </WhyButton>
          </Flex>
        </>
      ) : (
        <Flex vertical gap="small">
          <Flex align="center" justify="space-between" gap="middle" wrap>
            <Flex align="center" gap="middle" wrap style={{ flex: 1 }}>
              <Input
                data-testid="customer-search"
                {...PAGE_SEARCH}
                prefix={<SearchOutlined />}
                allowClear
                placeholder={t("customers.searchPlaceholder")}
                value={searchText}
                onChange={(e) => setSearchText(e.target.value)}
                status={searchRefused ? "error" : undefined}
                aria-invalid={searchRefused}
                aria-describedby={searchRefused ? "customer-search-error" : undefined}
                style={{ maxWidth: 360 }}
              />
              {searchRefused && (
                <Typography.Text type="danger" id="customer-search-error" data-testid="customer-search-error">
                  {t("errors.search_without_letters")}
                </Typography.Text>
              )}
              {total !== undefined && (
                <Typography.Text type="secondary" data-testid="customer-total" data-stale={list.stale ? "true" : "false"}>
                  {list.totalIsLowerBound ? t("customers.totalAtLeast", { count: total }) : t("customers.total", { count: total })}
                </Typography.Text>
              )}
              {total !== undefined && total > 0 && selection.mode !== "matching" && (
                <Typography.Link data-testid="select-all-matching" onClick={() => setSelection({ mode: "matching" })}>
                  {t("customers.selectAllMatching", { count: total })}
                </Typography.Link>
              )}
            </Flex>
            <Flex gap="small">
              <UndoLastButton onResult={report} onError={fail} />
              <Button icon={<ExportOutlined />} data-testid="customers-export" onClick={() => setExporting(unfiltered ? "everyone" : "matching")}>
                {t("customers.export")}
              </Button>
              <ColumnChooser
                fields={fields}
                value={columns}
                onChange={(keys) => {
                  setColumns(keys);
                  saveColumns(keys);
                }}
              />
              <WhyButton why={readOnly} type="primary" icon={<PlusOutlined />} data-testid="customer-new" onClick={() => setCreating(true)}>
                {t("customer.new")}
              </WhyButton>
            </Flex>
          </Flex>
          {filterTags.length > 0 && (
            <Flex align="center" gap={6} wrap data-testid="filter-chips">
              <Typography.Text type="secondary">{t("customers.filteredBy")}</Typography.Text>
              {filterTags.map((f) => (
                <Tag
                  key={f.id}
                  color={f.color}
                  closable
                  data-testid="filter-chip"
                  data-name={f.name}
                  onClose={(e) => {
                    e.preventDefault();
                    setFilterTags((cur) => cur.filter((x) => x.id !== f.id));
                  }}
                >
                  {f.name}
                </Tag>
              ))}
              <Typography.Link onClick={() => setFilterTags([])} data-testid="filter-clear">
                {t("customers.clearFilter")}
              </Typography.Link>
            </Flex>
          )}
          {count > 0 && (
            <Flex align="center" justify="space-between" gap="small" wrap className="selection-bar">
              <BulkBar
                selection={selection}
                query={query}
                total={total ?? 0}
                onDone={report}
                onError={fail}
                onExport={() => setExporting("selection")}
              />
              <Flex gap="small" align="center">
                {selection.mode === "matching" && (
                  <Typography.Text type="secondary" data-testid="matching-note">
                    {t("customers.allMatchingSelected", { count: total ?? 0 })}
                  </Typography.Text>
                )}
                <Typography.Link data-testid="selection-clear" onClick={() => setSelection(NOTHING)}>
                  {t("customers.clearSelection")}
                </Typography.Link>
              </Flex>
            </Flex>
          )}
          {actionError !== null && <ErrorAlert error={actionError} testId="action-error" />}
          {result !== null && <ActionResultAlert result={result} onClose={() => setResult(null)} onUndoError={fail} />}
          <CustomerList
            list={list}
            columns={columns}
            fields={fields}
            sort={sort}
            selection={selection}
            onSort={(target) => setSort((cur) => nextSort(cur, target))}
            onToggle={(id) => setSelection(toggle(selection, id, list.loadedIds()))}
            onToggleLoaded={() => setSelection(toggleLoaded(selection, list.loadedIds()))}
            onOpen={(id) => open(id)}
            onChipClick={(chip) => addFilter(chip)}
            rowMenu={rowMenu}
          />
        </Flex>
      )}
      <CustomerProfile id={openId} editing={editing} onClose={() => setOpenId(null)} onChipClick={addFilter} onResult={report} />
      {rowActions.modals}
      <ExportDialog open={exporting !== null} scopes={scopes} initial={exporting ?? undefined} onClose={() => setExporting(null)} />
      <NewCustomerModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(id) => {
          setCreating(false);
          open(id);
        }}
      />
    </>
  );
}
