//! Column definitions of the customer table; sortable ones are sorted by the backend.
import type { TableColumnsType } from "antd";
import type { TFunction } from "i18next";
import { formatDate } from "../../lib/format";
import type { CustomerRow, CustomerSort, CustomerSortField } from "../../lib/ipc";
import { sortOrderOf } from "./sort";
import { TagChips } from "./TagChips";

const text = (value: string | null) => value ?? "";

export function customerColumns(t: TFunction, language: string, sort: CustomerSort | null): TableColumnsType<CustomerRow> {
  const sortable = (field: CustomerSortField) => ({
    key: field,
    sorter: true,
    sortOrder: sortOrderOf(sort, field),
    showSorterTooltip: false,
  });
  return [
    { title: t("customers.col.name"), dataIndex: "name", ...sortable("name"), width: 120, fixed: "left" },
    { title: t("customers.col.phone"), dataIndex: "phone", ...sortable("phone"), width: 130, render: text },
    { title: t("customers.col.company"), dataIndex: "company", ...sortable("company"), width: 150, ellipsis: true, render: text },
    { title: t("customers.col.city"), dataIndex: "city", ...sortable("city"), width: 80, render: text },
    { title: t("customers.col.source"), dataIndex: "source", ...sortable("source"), width: 100, render: text },
    { title: t("customers.col.level"), dataIndex: "level", ...sortable("level"), width: 80, render: text },
    {
      title: t("customers.col.tags"),
      key: "tags",
      dataIndex: "tags",
      width: 260,
      render: (_: unknown, row: CustomerRow) => <TagChips tags={row.tags} />,
    },
    {
      title: t("customers.col.created"),
      dataIndex: "created_at",
      ...sortable("created_at"),
      width: 110,
      render: (value: number) => formatDate(value, language),
    },
  ];
}
