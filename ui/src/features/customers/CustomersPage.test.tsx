import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { customersList, fieldsList, taggingAdd, tagsTree, type CustomerQuery } from "../../lib/ipc";
import { customer, customField, page, tagNode } from "../../test/fixtures";
import { renderWithProviders } from "../../test/render";
import { NavigationContext } from "../shell/navigation";
import type { PageKey } from "../shell/pages";
import { CustomersPage } from "./CustomersPage";
import { MAX_SCROLL_HEIGHT } from "./scaledScroll";

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
    // The test's list is 1,200 px wide: the tags column has room for all six.
    expect(within(rows[0]!).getByText("种子用户", { selector: ".ant-tag" })).toBeInTheDocument();
    expect(within(rows[0]!).queryByTestId("tag-chips-more")).not.toBeInTheDocument();
    expect(screen.getByTestId("customer-total")).toHaveTextContent("共 120 位客户");
    expect(lastQuery()).toEqual({ search: null, tag_ids: [], sort: null, offset: 0, limit: 100 });
    expect(rows[0]).toHaveAttribute("data-id", "1");
    expect(rows[0]).toHaveAttribute("data-name", "王小明");
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

  it("a_search_without_letters_or_digits_says_so_beside_the_box_instead_of_listing_everyone", async () => {
    vi.mocked(customersList).mockImplementation(async (q) => {
      if (q.search === "%") {
        throw { code: "search_without_letters", message: "a search needs at least one letter or digit, not “%”", path: null, field: "search" };
      }
      return page([customer(1)], 5000);
    });
    const { user } = renderPage();
    await screen.findAllByTestId("customer-row");
    await user.type(screen.getByTestId("customer-search"), "%");
    const message = await screen.findByTestId("customer-search-error");
    expect(message).toHaveTextContent("请至少输入一个文字、字母或数字：只有符号或表情无法筛选");
    expect(screen.getByTestId("customer-search")).toHaveAttribute("aria-invalid", "true");
    expect(screen.queryByTestId("select-all-matching"), "nothing to select: the search matched no one and not everyone").toBeNull();
    expect(screen.queryByTestId("customer-total")).toBeNull();
    await user.clear(screen.getByTestId("customer-search"));
    await waitFor(() => expect(screen.queryByTestId("customer-search-error")).toBeNull());
  });

  it("clicking_a_column_header_sorts_on_the_backend", async () => {
    vi.mocked(customersList).mockResolvedValue(page([customer(1), customer(2)], 2));
    const { user } = renderPage();
    await screen.findAllByTestId("customer-row");
    await user.click(screen.getByTestId("sort-name"));
    await waitFor(() => expect(lastQuery().sort).toEqual({ field: "name", descending: false, custom_field_id: null }));
    await user.click(screen.getByTestId("sort-name"));
    await waitFor(() => expect(lastQuery().sort).toEqual({ field: "name", descending: true, custom_field_id: null }));
  });

  it("selecting_all_matching_tags_everyone_matching_the_search_not_just_loaded_rows", async () => {
    vi.mocked(customersList).mockImplementation(async (q) =>
      q.search === "王" ? page([customer(1, { name: "王小明" }), customer(2, { name: "王芳" })], 1234) : page([customer(3)], 5000),
    );
    vi.mocked(tagsTree).mockResolvedValue({
      total_customers: 5000,
      nodes: [tagNode(10, null, "早期用户", { kind: "group", select_mode: "multi" }), tagNode(11, 10, "种子用户")],
    });
    vi.mocked(taggingAdd).mockResolvedValue({ operation_id: 7, batch_id: 7, changed: 1200, replaced: 0 });
    const { user } = renderPage();
    await screen.findAllByTestId("customer-row");
    expect(screen.queryByTestId("bulk-add-tag"), "no bulk bar without a selection").toBeNull();
    await user.type(screen.getByTestId("customer-search"), "王");
    await waitFor(() => expect(screen.getByTestId("customer-total")).toHaveTextContent("共 1,234 位客户"));
    await user.click(screen.getByTestId("select-all-matching"));
    expect(screen.getByTestId("selected-count")).toHaveTextContent("已选择 1,234 位客户");
    await user.click(screen.getByTestId("bulk-add-tag"));
    await user.click(await screen.findByRole("option", { name: /种子用户/ }));
    await user.click(screen.getByTestId("tag-picker-ok"));
    await waitFor(() =>
      expect(taggingAdd).toHaveBeenCalledWith(
        { type: "matching", query: { search: "王", tag_ids: [], sort: null, offset: 0, limit: 500 } },
        11,
      ),
    );
    const result = await screen.findByTestId("bulk-result");
    expect(result).toHaveTextContent("已为 1,200 位客户添加「种子用户」");
  });

  it("ticking_rows_tags_exactly_those_customers", async () => {
    vi.mocked(customersList).mockResolvedValue(page([customer(1), customer(2), customer(3)], 3));
    vi.mocked(tagsTree).mockResolvedValue({
      total_customers: 3,
      nodes: [tagNode(10, null, "跟进状态", { kind: "group", select_mode: "single" }), tagNode(11, 10, "待邀约")],
    });
    vi.mocked(taggingAdd).mockResolvedValue({ operation_id: 8, batch_id: 8, changed: 2, replaced: 1 });
    const { user } = renderPage();
    const boxes = await screen.findAllByTestId("row-select");
    await user.click(boxes[0]!);
    await user.click(boxes[2]!);
    await user.click(screen.getByTestId("bulk-add-tag"));
    await user.click(await screen.findByRole("option", { name: /待邀约/ }));
    await user.click(screen.getByTestId("tag-picker-ok"));
    await waitFor(() => expect(taggingAdd).toHaveBeenCalledWith({ type: "customers", ids: [1, 3] }, 11));
    expect(await screen.findByTestId("bulk-result")).toHaveTextContent("已为 2 位客户添加「待邀约」（替换 1 个同组标签）");
  });

  it("clicking_a_tag_chip_filters_the_list_by_it_and_its_close_button_removes_the_filter", async () => {
    vi.mocked(customersList).mockResolvedValue(page([customer(1, { tags: chips })], 1));
    const { user } = renderPage();
    const row = (await screen.findAllByTestId("customer-row"))[0]!;
    await user.click(within(row).getAllByTestId("tag-chip")[0]!);
    await waitFor(() => expect(lastQuery().tag_ids).toEqual([1]));
    const filter = screen.getByTestId("filter-chip");
    expect(filter).toHaveAttribute("data-name", "VIP");
    const close = filter.querySelector(".ant-tag-close-icon");
    expect(close, "the filter chip has a close button").not.toBeNull();
    await user.click(close!);
    // The unfiltered list is still cached from the start: the chip going away is what shows.
    await waitFor(() => expect(screen.queryByTestId("filter-chip")).toBeNull());
  });

  it("dragging_the_scrollbar_of_a_million_customers_to_the_bottom_shows_the_last_ones", async () => {
    vi.mocked(customersList).mockImplementation(async (q) => {
      const items = Array.from({ length: Math.min(q.limit, 1_000_000 - q.offset) }, (_, i) => customer(q.offset + i + 1));
      return page(items, 1_000_000, q.offset);
    });
    renderPage();
    await screen.findAllByTestId("customer-row");
    const table = screen.getByTestId("customer-table");
    const body = table.lastElementChild as HTMLElement;
    expect(body.style.height, "the scroll area is capped, not 48,000,000 px").toBe(`${MAX_SCROLL_HEIGHT}px`);
    // jsdom has no layout: the scrollbar reaching its end is the scroll position at the capped maximum.
    const viewport = 600 - 40;
    Object.defineProperty(table, "scrollTop", { configurable: true, value: MAX_SCROLL_HEIGHT - viewport });
    fireEvent.scroll(table);
    await waitFor(() => expect(vi.mocked(customersList).mock.calls.some(([q]) => q.offset === 999_900)).toBe(true));
    const last = await screen.findByText("客户1000000");
    const row = last.closest("[data-testid=customer-row]") as HTMLElement;
    expect(row).toHaveAttribute("data-index", "999999");
    expect(row).toHaveAttribute("data-id", "1000000");
    const top = Number(/translateY\((-?[\d.]+)px\)/.exec(row.style.transform)?.[1]);
    expect(top + 48, "the last row ends at the bottom of the capped area").toBeCloseTo(MAX_SCROLL_HEIGHT, 3);
  });

  it("a_custom_field_chosen_as_a_column_shows_its_values_and_sorts_by_the_field", async () => {
    vi.mocked(fieldsList).mockResolvedValue([
      customField(5, "预算", "number"),
      customField(6, "兴趣", "multi_choice", { options: ["跑步", "阅读"] }),
      customField(7, "旧字段", "text", { archived: true }),
    ]);
    vi.mocked(customersList).mockResolvedValue(
      page([
        customer(1, { custom: [{ field_id: 5, value: "50000" }, { field_id: 6, value: '["跑步","阅读"]' }] }),
        customer(2),
      ]),
    );
    const { user } = renderPage();
    await screen.findAllByTestId("customer-row");
    await user.click(screen.getByTestId("column-chooser-button"));
    const chooser = await screen.findByTestId("column-chooser");
    await waitFor(() => expect(chooser).toHaveTextContent("预算"));
    expect(chooser).toHaveTextContent("兴趣");
    expect(chooser, "archived fields are not offered").not.toHaveTextContent("旧字段");
    await user.click(within(chooser).getByText("预算"));
    await user.click(within(chooser).getByText("兴趣"));
    const header = await screen.findByTestId("sort-custom-6");
    expect(header).toHaveTextContent("兴趣");
    const row = screen.getAllByTestId("customer-row")[0]!;
    expect(row).toHaveTextContent("50000");
    expect(row).toHaveTextContent("跑步、阅读");
    expect(JSON.parse(localStorage.getItem("tagdesk.customerColumns") ?? "[]")).toEqual(expect.arrayContaining(["custom:5", "custom:6"]));
    await user.click(screen.getByTestId("sort-custom-5"));
    await waitFor(() => expect(lastQuery().sort).toEqual({ field: "name", descending: false, custom_field_id: 5 }));
    await user.click(screen.getByTestId("sort-custom-5"));
    await waitFor(() => expect(lastQuery().sort).toEqual({ field: "name", descending: true, custom_field_id: 5 }));
  });
});
