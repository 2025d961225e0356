import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { customersList, type CustomerQuery } from "../../lib/ipc";
import { customer, page } from "../../test/fixtures";
import { renderWithProviders } from "../../test/render";
import { NavigationContext } from "../shell/navigation";
import type { PageKey } from "../shell/pages";
import { CustomersPage } from "./CustomersPage";

const chips = ["VIP", "企业版", "发票错误", "预算充足", "种子用户", "微信群"].map((name, i) => ({
  id: i + 1,
  name,
  color: "#fa8c16",
  group_id: null,
}));

function renderPage(navigate: (page: PageKey) => void = () => undefined) {
  return renderWithProviders(
    <NavigationContext.Provider value={navigate}>
      <CustomersPage />
    </NavigationContext.Provider>,
  );
}

const lastQuery = (): CustomerQuery => {
  const calls = vi.mocked(customersList).mock.calls;
  const query = calls[calls.length - 1]?.[0];
  if (query === undefined) throw new Error("customersList was never called");
  return query;
};

describe("CustomersPage", () => {
  it("shows_one_row_per_customer_with_the_total_and_tag_chips", async () => {
    vi.mocked(customersList).mockResolvedValue(
      page([customer(1, { name: "王小明", tags: chips }), customer(2, { name: "李雷" })], 120),
    );
    renderPage();
    const rows = await screen.findAllByTestId("customer-row");
    expect(rows).toHaveLength(2);
    expect(within(rows[0]!).getByText("王小明")).toBeInTheDocument();
    expect(within(rows[0]!).getByText("VIP", { selector: ".ant-tag" })).toBeInTheDocument();
    expect(within(rows[0]!).getByText("+2")).toBeInTheDocument();
    expect(within(rows[0]!).queryByText("微信群", { selector: ".ant-tag" })).not.toBeInTheDocument();
    expect(screen.getByTestId("customer-total")).toHaveTextContent("共 120 位客户");
    expect(lastQuery()).toEqual({ search: null, tag_ids: [], sort: null, offset: 0, limit: 50 });
  });

  it("an_empty_database_says_what_to_do_and_links_to_import", async () => {
    vi.mocked(customersList).mockResolvedValue(page([], 0));
    const navigate = vi.fn();
    const { user } = renderPage(navigate);
    const empty = await screen.findByTestId("customers-empty");
    expect(empty).toHaveTextContent("还没有客户。可以导入表格，或新建客户。");
    expect(screen.queryByTestId("customer-table")).not.toBeInTheDocument();
    await user.click(within(empty).getByRole("button"));
    expect(navigate).toHaveBeenCalledWith("io");
  });

  it("typing_in_search_queries_the_backend_once_after_a_pause", async () => {
    vi.mocked(customersList).mockResolvedValue(page([customer(1)], 1));
    const { user } = renderPage();
    await screen.findAllByTestId("customer-row");
    const search = screen.getByTestId("customer-search");
    expect(search.tagName).toBe("INPUT");
    await user.type(search, "王");
    await waitFor(() => expect(lastQuery().search).toBe("王"));
    expect(vi.mocked(customersList).mock.calls.filter(([q]) => q.search === "王")).toHaveLength(1);
  });

  it("a_search_with_no_hits_keeps_the_table_instead_of_the_empty_database_message", async () => {
    vi.mocked(customersList).mockImplementation(async (q) => (q.search === null ? page([customer(1)], 1) : page([], 0)));
    const { user } = renderPage();
    await screen.findAllByTestId("customer-row");
    await user.type(screen.getByTestId("customer-search"), "zzz");
    await waitFor(() => expect(screen.getByTestId("customer-total")).toHaveTextContent("共 0 位客户"));
    expect(screen.queryByTestId("customers-empty")).not.toBeInTheDocument();
    expect(screen.getByTestId("customer-table")).toBeInTheDocument();
  });

  it("clicking_a_column_header_sorts_on_the_backend", async () => {
    vi.mocked(customersList).mockResolvedValue(page([customer(1), customer(2)], 2));
    const { user } = renderPage();
    await screen.findAllByTestId("customer-row");
    // The sticky header renders its own copy of the header row; the first is the visible one.
    const nameHeader = () => screen.getAllByText("姓名")[0]!;
    await user.click(nameHeader());
    await waitFor(() => expect(lastQuery().sort).toEqual({ field: "name", descending: false }));
    await user.click(nameHeader());
    await waitFor(() => expect(lastQuery().sort).toEqual({ field: "name", descending: true }));
  });

  it("the_next_page_asks_for_the_next_offset", async () => {
    vi.mocked(customersList).mockResolvedValue(page([customer(1)], 120));
    const { user } = renderPage();
    await screen.findAllByTestId("customer-row");
    await user.click(screen.getByTitle("2"));
    await waitFor(() => expect(lastQuery()).toMatchObject({ offset: 50, limit: 50 }));
  });
});
