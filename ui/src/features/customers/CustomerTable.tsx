//! The paged, server-sorted customer table.
import { Table, type TableProps } from "antd";
import type { HTMLAttributes } from "react";
import { useTranslation } from "react-i18next";
import type { CustomerRow, CustomerSort } from "../../lib/ipc";
import { customerColumns } from "./columns";
import { toCustomerSort } from "./sort";

export const PAGE_SIZES = [20, 50, 100, 200];
// The sum of the column widths: narrower windows scroll sideways instead of squeezing columns.
const TABLE_WIDTH = 1030;

interface Props {
  rows: CustomerRow[];
  total: number;
  loading: boolean;
  page: number;
  pageSize: number;
  sort: CustomerSort | null;
  onPageChange: (page: number, pageSize: number) => void;
  onSortChange: (sort: CustomerSort | null) => void;
}

// e2e tests count rows by this id.
const rowProps = (): HTMLAttributes<HTMLElement> => ({ "data-testid": "customer-row" }) as HTMLAttributes<HTMLElement>;

export function CustomerTable(props: Props) {
  const { t, i18n } = useTranslation();
  const onChange: TableProps<CustomerRow>["onChange"] = (pagination, _filters, sorter, extra) => {
    if (extra.action === "sort") {
      props.onSortChange(toCustomerSort(sorter));
      return;
    }
    const size = pagination.pageSize ?? props.pageSize;
    props.onPageChange(size === props.pageSize ? (pagination.current ?? 1) : 1, size);
  };
  return (
    <div data-testid="customer-table">
      <Table<CustomerRow>
        rowKey="id"
        size="small"
        columns={customerColumns(t, i18n.language, props.sort)}
        dataSource={props.rows}
        loading={props.loading}
        onRow={rowProps}
        onChange={onChange}
        scroll={{ x: TABLE_WIDTH }}
        sticky
        locale={{ emptyText: t("customers.noMatch") }}
        pagination={{
          current: props.page,
          pageSize: props.pageSize,
          total: props.total,
          showSizeChanger: true,
          pageSizeOptions: PAGE_SIZES,
        }}
      />
    </div>
  );
}
