//! The virtualised customer list: a sticky header of sortable column titles over fixed-height rows;
//! rows whose page has not arrived yet show a skeleton. Arrow keys move a highlighted row, Enter
//! opens it; a right-click offers the row's (or the selection's) actions.
import { CaretDownOutlined, CaretUpOutlined } from "@ant-design/icons";
import { Checkbox, Dropdown, Empty, Skeleton, type MenuProps } from "antd";
import { useContext, useEffect, useState, type MouseEvent, type ReactNode } from "react";
import { useListKeys } from "../../components/useListKeys";
import { useTranslation } from "react-i18next";
import { formatDate } from "../../lib/format";
import type { CustomField, CustomerRow, CustomerSort, CustomerSortField, TagChip } from "../../lib/ipc";
import { shownColumns, type BuiltInColumnKey, type ColumnKey, type ShownColumn } from "./columns";
import { displayValue, storedValue } from "./customFields";
import { CHECK_WIDTH, fitColumns } from "./fitColumns";
import { ListShownContext, reportListShown } from "./listShown";
import { isSelected, type Selection } from "./selection";
import { sortOrderOf, type SortTarget } from "./sort";
import { TagChips } from "./TagChips";
import { HEADER_HEIGHT, type useVirtualCustomers } from "./useVirtualCustomers";

interface Props {
  list: ReturnType<typeof useVirtualCustomers>;
  columns: readonly ColumnKey[];
  /** Custom fields in use, for their columns. */
  fields: readonly CustomField[];
  sort: CustomerSort | null;
  selection: Selection;
  onSort: (target: SortTarget) => void;
  onToggle: (id: number) => void;
  onToggleLoaded: () => void;
  onOpen: (id: number) => void;
  onChipClick: (chip: TagChip) => void;
  /** The right-click menu for a row (the selection's when the row is in it). */
  rowMenu?: (row: CustomerRow) => MenuProps;
}

export function CustomerList(props: Props) {
  const { t, i18n } = useTranslation();
  const { list, selection } = props;
  const shown = shownColumns(props.columns, props.fields);
  const widths = fitColumns(shown, list.width);
  const width = CHECK_WIDTH + widths.reduce((sum, w) => sum + w, 0);
  const loaded = list.loadedIds();
  const selectedLoaded = loaded.filter((id) => isSelected(selection, id)).length;
  const allLoaded = loaded.length > 0 && selectedLoaded === loaded.length;
  const showsRows = loaded.length > 0;
  const onListShown = useContext(ListShownContext);
  useEffect(() => {
    if (!showsRows) return;
    reportListShown();
    onListShown();
  }, [showsRows, onListShown]);
  // The keyboard's row: moved by the arrow keys, opened by Enter.
  const { active, setActive, onKeyDown } = useListKeys({
    count: list.total ?? 0,
    reveal: list.reveal,
    onOpen: (index) => {
      const row = list.rowAt(index);
      if (row !== undefined) props.onOpen(row.id);
    },
  });
  const [menu, setMenu] = useState<MenuProps | null>(null);
  const onContextMenu = (e: MouseEvent<HTMLDivElement>) => {
    const hit = (e.target as Element).closest("[data-testid='customer-row']");
    const index = Number(hit?.getAttribute("data-index"));
    const row = hit === null ? undefined : list.rowAt(index);
    if (row === undefined || props.rowMenu === undefined) {
      setMenu(null);
      return;
    }
    e.preventDefault();
    setActive(index);
    setMenu(props.rowMenu(row));
  };

  const cell = (row: CustomerRow, column: ShownColumn, columnWidth: number): ReactNode => {
    if (column.field !== undefined) {
      return <span>{displayValue(column.field, storedValue(row.custom, column.field.id), t("customers.listSeparator"))}</span>;
    }
    const key: BuiltInColumnKey = column.key;
    switch (key) {
      case "name":
        return (
          <button type="button" className="row-open" data-testid="row-open" title={row.name} onClick={() => props.onOpen(row.id)}>
            <span>{row.name}</span>
          </button>
        );
      case "tags":
        return <TagChips tags={row.tags} room={columnWidth - CELL_PADDING} onChipClick={props.onChipClick} />;
      // Text sits in a span: WebKit's WebDriver reads no text straight inside an ellipsis box.
      case "created_at":
      case "updated_at":
        return <span>{formatDate(row[key], i18n.language)}</span>;
      default:
        // A value cut short by its column's width shows whole on hover.
        return <span title={row[key] ?? undefined}>{row[key] ?? ""}</span>;
    }
  };

  return (
    <Dropdown
      trigger={["contextMenu"]}
      open={menu !== null}
      onOpenChange={(open) => !open && setMenu(null)}
      menu={{
        ...menu,
        onClick: (info) => {
          setMenu(null);
          menu?.onClick?.(info);
        },
      }}
    >
    {/* Focusable so arrow and page keys reach the list, which scrolls them itself when scaled. */}
    <div
      className="customer-list"
      ref={list.scrollRef}
      tabIndex={0}
      data-virtual-scroll="true"
      data-testid="customer-table"
      aria-activedescendant={active === null ? undefined : `customer-row-${active}`}
      onKeyDown={onKeyDown}
      onContextMenu={onContextMenu}
    >
      <div className="customer-list-header" style={{ width, minWidth: "100%", height: HEADER_HEIGHT }} role="row">
        <div className="customer-cell customer-cell-check">
          <Checkbox
            data-testid="select-loaded"
            aria-label={t("customers.selectLoaded")}
            checked={allLoaded}
            indeterminate={selectedLoaded > 0 && !allLoaded}
            onChange={props.onToggleLoaded}
          />
        </div>
        {shown.map((c, i) => {
          const title = c.field !== undefined ? c.field.label : t(`customers.col.${c.key}`);
          const target: SortTarget = c.field !== undefined ? { customFieldId: c.field.id } : (c.key as CustomerSortField);
          const testId = c.field !== undefined ? `sort-custom-${c.field.id}` : `sort-${c.key}`;
          return (
            <div key={c.key} className="customer-cell" style={{ width: widths[i] }} role="columnheader" title={title}>
              {c.sortable ? (
                <button type="button" className="sort-header" data-testid={testId} onClick={() => props.onSort(target)}>
                  <span>{title}</span>
                  <SortMark order={sortOrderOf(props.sort, target)} />
                </button>
              ) : (
                title
              )}
            </div>
          );
        })}
      </div>
      {list.total === 0 ? (
        <Empty description={t("customers.noMatch")} style={{ marginBlock: 48 }} />
      ) : (
        <div style={{ height: list.height, width, minWidth: "100%", position: "relative" }}>
          {list.items.map((item) => {
            const row = list.rowAt(item.index);
            const style = { position: "absolute" as const, top: 0, left: 0, width: "100%", transform: `translateY(${item.start}px)` };
            if (row === undefined) {
              return (
                <div key={item.key} className="customer-list-row" style={style} data-testid="customer-row-loading">
                  <div className="customer-cell" style={{ width: Math.min(width, 600) }}>
                    <Skeleton.Input active size="small" block />
                  </div>
                </div>
              );
            }
            const selected = isSelected(selection, row.id);
            const highlighted = item.index === active;
            return (
              <div
                key={item.key}
                id={`customer-row-${item.index}`}
                className={`customer-list-row${selected ? " selected" : ""}${highlighted ? " active" : ""}`}
                data-active={highlighted ? "true" : undefined}
                style={style}
                data-testid="customer-row"
                data-id={row.id}
                data-name={row.name}
                data-index={item.index}
              >
                <div className="customer-cell customer-cell-check">
                  <Checkbox
                    data-testid="row-select"
                    aria-label={t("customers.selectRow", { name: row.name })}
                    checked={selected}
                    onChange={() => props.onToggle(row.id)}
                  />
                </div>
                {shown.map((c, i) => (
                  <div key={c.key} className="customer-cell" style={{ width: widths[i] }}>
                    {cell(row, c, widths[i]!)}
                  </div>
                ))}
              </div>
            );
          })}
        </div>
      )}
    </div>
    </Dropdown>
  );
}

/** A cell's padding on both sides together (styles.css .customer-cell). */
const CELL_PADDING = 16;

function SortMark({ order }: { order: "ascend" | "descend" | null }) {
  if (order === "ascend") return <CaretUpOutlined style={{ color: "#1677ff" }} />;
  if (order === "descend") return <CaretDownOutlined style={{ color: "#1677ff" }} />;
  return null;
}

