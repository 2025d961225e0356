import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { customersDelete, customersGet, customersList, taggingAdd, taggingRemove, tagsTree } from "../../lib/ipc";
import { customer, page, tagNode } from "../../test/fixtures";
import { renderWithProviders } from "../../test/render";
import { CustomersPage } from "./CustomersPage";

function backend() {
  vi.mocked(customersList).mockResolvedValue(page([customer(1, { name: "王小明" }), customer(2, { name: "李雷" }), customer(3, { name: "韩梅梅" })]));
  vi.mocked(tagsTree).mockResolvedValue({ total_customers: 3, nodes: [tagNode(10, null, "早期用户", { kind: "group", select_mode: "multi" }), tagNode(11, 10, "种子用户")] });
  vi.mocked(taggingAdd).mockResolvedValue({ operation_id: 7, batch_id: 7, changed: 1, replaced: 0 });
  vi.mocked(taggingRemove).mockResolvedValue({ operation_id: 8, batch_id: 8, changed: 2, replaced: 0 });
  vi.mocked(customersDelete).mockResolvedValue(1);
}

const row = (name: string) => screen.getAllByTestId("customer-row").find((r) => r.getAttribute("data-name") === name)!;

async function rightClick(name: string) {
  fireEvent.contextMenu(within(row(name)).getByText(name));
}

describe("customer list keyboard and right-click menus", () => {
  it("right_clicking_a_row_and_choosing_tag_tags_that_customer_alone_with_the_bulk_code", async () => {
    backend();
    const { user } = renderWithProviders(<CustomersPage />);
    await screen.findAllByTestId("customer-row");
    await rightClick("李雷");
    await user.click(await screen.findByTestId("menu-row-tag"));
    await user.click(await screen.findByRole("option", { name: /种子用户/ }));
    await user.click(screen.getByTestId("tag-picker-ok"));
    await waitFor(() => expect(taggingAdd).toHaveBeenCalledWith({ type: "customers", ids: [2] }, 11));
    expect(await screen.findByTestId("bulk-result")).toBeInTheDocument();
  });

  it("the_row_menu_offers_open_edit_tag_and_delete_and_delete_removes_that_customer", async () => {
    backend();
    const { user } = renderWithProviders(<CustomersPage />);
    await screen.findAllByTestId("customer-row");
    await rightClick("韩梅梅");
    const keys = (await screen.findAllByTestId(/^menu-row-/)).map((el) => el.getAttribute("data-testid"));
    expect(keys).toEqual(["menu-row-open", "menu-row-edit", "menu-row-tag", "menu-row-delete"]);
    await user.click(screen.getByTestId("menu-row-delete"));
    await waitFor(() => expect(customersDelete).toHaveBeenCalledWith([3]));
  });

  it("open_from_the_row_menu_opens_the_profile", async () => {
    backend();
    vi.mocked(customersGet).mockReturnValue(new Promise(() => undefined));
    const { user } = renderWithProviders(<CustomersPage />);
    await screen.findAllByTestId("customer-row");
    await rightClick("王小明");
    await user.click(await screen.findByTestId("menu-row-open"));
    expect(await screen.findByTestId("customer-profile")).toHaveAttribute("data-id", "1");
    expect(customersGet).toHaveBeenCalledWith(1);
  });

  it("right_clicking_inside_a_selection_acts_on_the_whole_selection", async () => {
    backend();
    const { user } = renderWithProviders(<CustomersPage />);
    await screen.findAllByTestId("customer-row");
    await user.click(within(row("王小明")).getByTestId("row-select"));
    await user.click(within(row("韩梅梅")).getByTestId("row-select"));
    await rightClick("韩梅梅");
    const keys = (await screen.findAllByTestId(/^menu-selection-/)).map((el) => el.getAttribute("data-testid"));
    expect(keys).toEqual(["menu-selection-tag", "menu-selection-untag", "menu-selection-export", "menu-selection-delete"]);
    await user.click(screen.getByTestId("menu-selection-untag"));
    await user.click(await screen.findByRole("option", { name: /种子用户/ }));
    await user.click(screen.getByTestId("tag-picker-ok"));
    await waitFor(() => expect(taggingRemove).toHaveBeenCalledWith({ type: "customers", ids: [1, 3] }, 11));
  });

  it("export_selected_from_the_menu_opens_the_export_of_the_selection", async () => {
    backend();
    const { user } = renderWithProviders(<CustomersPage />);
    await screen.findAllByTestId("customer-row");
    await user.click(within(row("王小明")).getByTestId("row-select"));
    await user.click(within(row("李雷")).getByTestId("row-select"));
    await rightClick("王小明");
    await user.click(await screen.findByTestId("menu-selection-export"));
    const scope = within(await screen.findByTestId("export-dialog")).getByTestId("export-scope");
    expect(within(scope).getByRole("radio", { checked: true }).closest("label")).toHaveTextContent("已选择的客户（2 位）");
  });

  it("arrow_keys_move_the_highlighted_row_and_enter_opens_it", async () => {
    backend();
    vi.mocked(customersGet).mockReturnValue(new Promise(() => undefined));
    const { user } = renderWithProviders(<CustomersPage />);
    await screen.findAllByTestId("customer-row");
    screen.getByTestId("customer-table").focus();
    await user.keyboard("{ArrowDown}{ArrowDown}");
    expect(row("李雷")).toHaveAttribute("data-active", "true");
    await user.keyboard("{ArrowDown}{ArrowDown}{ArrowUp}");
    expect(row("李雷"), "the last row stops the highlight, up goes back").toHaveAttribute("data-active", "true");
    await user.keyboard("{Enter}");
    expect(await screen.findByTestId("customer-profile")).toHaveAttribute("data-id", "2");
  });

  it("typing_in_the_search_box_does_not_move_the_rows", async () => {
    backend();
    const { user } = renderWithProviders(<CustomersPage />);
    await screen.findAllByTestId("customer-row");
    await user.click(screen.getByTestId("customer-search"));
    await user.keyboard("{ArrowDown}");
    expect(screen.getAllByTestId("customer-row").some((r) => r.hasAttribute("data-active"))).toBe(false);
  });
});
