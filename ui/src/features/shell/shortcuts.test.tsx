import { fireEvent, screen, waitFor } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { customersGet, customersList, operationsGet, operationsList, rulesList, segmentsList, tagsTree, type Operation } from "../../lib/ipc";
import { setWindowTitle } from "../../lib/ipc/window";
import { customer, openStatus, page } from "../../test/fixtures";
import { renderWithProviders } from "../../test/render";
import { App } from "../../app/App";
import { Providers } from "../../app/Providers";
import { useAppStatus } from "../db/useAppStatus";
import { AppShell } from "./AppShell";

vi.mock("../db/useAppStatus");

function renderShell() {
  const status = openStatus();
  const rows = [customer(1, { name: "王小明" }), customer(2, { name: "李雷" })];
  vi.mocked(customersList).mockImplementation(async (q) => page(q.search === null ? rows : rows.filter((r) => r.name.includes(q.search!))));
  vi.mocked(tagsTree).mockResolvedValue({ total_customers: 2, nodes: [] });
  vi.mocked(segmentsList).mockResolvedValue([]);
  vi.mocked(rulesList).mockResolvedValue([]);
  return renderWithProviders(<AppShell status={status} database={status.database!} />);
}

describe("app-wide shortcuts", () => {
  it("ctrl_k_opens_the_palette_and_a_customer_chosen_there_opens_in_the_customer_page", async () => {
    vi.mocked(customersGet).mockReturnValue(new Promise(() => undefined));
    const { user } = renderShell();
    await screen.findAllByTestId("customer-row");
    fireEvent.keyDown(window, { key: "k", ctrlKey: true });
    await user.type(await screen.findByTestId("palette-input"), "李");
    const item = await screen.findByText("李雷", { selector: ".palette-item-label" });
    await user.click(item);
    expect(await screen.findByTestId("customer-profile")).toHaveAttribute("data-id", "2");
  });

  it("ctrl_k_then_a_page_goes_there", async () => {
    vi.mocked(operationsList).mockResolvedValue({ items: [], more: false, authors: [] });
    const { user } = renderShell();
    fireEvent.keyDown(window, { key: "k", metaKey: true });
    await user.type(await screen.findByTestId("palette-input"), "操作记录{Enter}");
    await waitFor(() => expect(screen.getByTestId("page-title")).toHaveTextContent("操作记录"));
  });

  it("slash_focuses_the_pages_search_but_not_while_typing_in_a_field", async () => {
    const { user } = renderShell();
    await screen.findAllByTestId("customer-row");
    fireEvent.keyDown(document.body, { key: "/" });
    expect(screen.getByTestId("customer-search")).toHaveFocus();
    await user.click(screen.getByTestId("customer-table"));
    fireEvent.keyDown(window, { key: "f", ctrlKey: true });
    expect(screen.getByTestId("customer-search"), "Ctrl+F too").toHaveFocus();
    await user.type(screen.getByTestId("customer-search"), "a/b");
    expect(screen.getByTestId("customer-search"), "a slash typed in the box stays text").toHaveValue("a/b");
  });

  it("the_history_moves_with_the_arrow_keys_and_enter_opens_the_operation", async () => {
    const ops = [1, 2, 3].map((id) => ({ id, uid: `d-${id}`, author: "李娜", device: "d", kind: "tag_add", source: "manual", at: 1_764_000_000, customers: 5, tags: 1, tag_name: "VIP", entity: null, action: null, file: null, undoes: null, undone_by: null, can_undo: false }) as Operation);
    vi.mocked(operationsList).mockResolvedValue({ items: ops, more: false, authors: ["李娜"] });
    vi.mocked(operationsGet).mockReturnValue(new Promise(() => undefined));
    const { user } = renderShell();
    await user.click(screen.getByTestId("nav-history"));
    await screen.findAllByTestId("history-row");
    screen.getByTestId("history-list").focus();
    await user.keyboard("{ArrowDown}{ArrowDown}");
    expect(screen.getAllByTestId("history-row")[1]).toHaveAttribute("data-active", "true");
    await user.keyboard("{Enter}");
    await waitFor(() => expect(operationsGet).toHaveBeenCalledWith(2));
  });
});

describe("window title", () => {
  it("names_the_open_file_and_follows_a_switch_of_file", async () => {
    vi.mocked(customersList).mockResolvedValue(page([]));
    vi.mocked(useAppStatus).mockReturnValue({ isPending: false, isError: false, data: openStatus() } as ReturnType<typeof useAppStatus>);
    const { rerender, client } = renderWithProviders(<App />);
    await waitFor(() => expect(setWindowTitle).toHaveBeenLastCalledWith("TagDesk — tagdesk.sqlite"));
    const other = openStatus();
    vi.mocked(useAppStatus).mockReturnValue({ isPending: false, isError: false, data: { ...other, database: { ...other.database!, path: "/data/客户.db" } } } as ReturnType<typeof useAppStatus>);
    rerender(
      <Providers client={client}>
        <App />
      </Providers>,
    );
    await waitFor(() => expect(setWindowTitle).toHaveBeenLastCalledWith("TagDesk — 客户.db"));
  });
});
