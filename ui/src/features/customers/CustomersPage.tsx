//! Customers: search, page and sort the customer list, all answered by the backend.
import { SearchOutlined } from "@ant-design/icons";
import { Flex, Input, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../components/ErrorAlert";
import { PageTitle } from "../../components/PageTitle";
import { useDebouncedValue } from "../../components/useDebouncedValue";
import { toIpcError, type CustomerQuery, type CustomerSort } from "../../lib/ipc";
import { CustomerTable } from "./CustomerTable";
import { EmptyCustomers } from "./EmptyCustomers";
import { useCustomers } from "./useCustomers";

const SEARCH_DELAY_MS = 250;

export function CustomersPage() {
  const { t } = useTranslation();
  const [searchText, setSearchText] = useState("");
  const search = useDebouncedValue(searchText.trim(), SEARCH_DELAY_MS);
  const [sort, setSort] = useState<CustomerSort | null>(null);
  const [pageSize, setPageSize] = useState(50);
  // The page belongs to one search: a new search starts again at page 1.
  const [paging, setPaging] = useState({ search: "", page: 1 });
  const page = paging.search === search ? paging.page : 1;

  const query: CustomerQuery = {
    search: search === "" ? null : search,
    tag_ids: [],
    sort,
    offset: (page - 1) * pageSize,
    limit: pageSize,
  };
  const customers = useCustomers(query);
  const data = customers.data;
  const databaseIsEmpty = data !== undefined && data.total === 0 && search === "" && !customers.isPlaceholderData;

  return (
    <>
      <PageTitle>{t("nav.customers")}</PageTitle>
      {customers.isError && <ErrorAlert error={toIpcError(customers.error)} />}
      {databaseIsEmpty ? (
        <EmptyCustomers />
      ) : (
        <Flex vertical gap="middle">
          <Flex align="center" justify="space-between" gap="middle" wrap>
            <Input
              data-testid="customer-search"
              prefix={<SearchOutlined />}
              allowClear
              placeholder={t("customers.searchPlaceholder")}
              value={searchText}
              onChange={(e) => setSearchText(e.target.value)}
              style={{ maxWidth: 360 }}
            />
            {data !== undefined && (
              <Typography.Text type="secondary" data-testid="customer-total">
                {t("customers.total", { count: data.total })}
              </Typography.Text>
            )}
          </Flex>
          <CustomerTable
            rows={data?.items ?? []}
            total={data?.total ?? 0}
            loading={customers.isFetching}
            page={page}
            pageSize={pageSize}
            sort={sort}
            onPageChange={(nextPage, nextSize) => {
              setPageSize(nextSize);
              setPaging({ search, page: nextPage });
            }}
            onSortChange={(next) => {
              setSort(next);
              setPaging({ search, page: 1 });
            }}
          />
        </Flex>
      )}
    </>
  );
}
