import { screen, waitFor } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { appSetLanguage, customersList, dbCreate, rulesRunDue, tagsTree, type CustomerRow, type Page } from "../../lib/ipc";
import { customer, openStatus, page } from "../../test/fixtures";
import { renderWithProviders } from "../../test/render";
import { START_GRACE_MS } from "../rules/useRulesSchedule";
import { AppShell } from "./AppShell";

function renderShell(status = openStatus()) {
  if (status.database === null) throw new Error("the shell needs an open database");
  return renderWithProviders(<AppShell status={status} database={status.database} />);
}

describe("AppShell", () => {
  it("opens_on_customers_and_names_the_open_database_file", async () => {
    vi.mocked(customersList).mockResolvedValue(page([], 0));
    renderShell();
    expect(screen.getByTestId("app-shell")).toBeInTheDocument();
    expect(screen.getByTestId("page-title")).toHaveTextContent("客户");
    expect(screen.getByTestId("db-name")).toHaveTextContent("tagdesk.sqlite");
    expect(screen.queryByTestId("demo-banner")).not.toBeInTheDocument();
    expect(screen.queryByTestId("read-only-banner")).not.toBeInTheDocument();
  });

  it("a_database_opened_read_only_says_so_in_a_banner", async () => {
    vi.mocked(customersList).mockResolvedValue(page([], 0));
    const status = openStatus();
    renderShell(openStatus({ database: { ...status.database!, read_only: true } }));
    expect(screen.getByTestId("read-only-banner")).toHaveTextContent("只读打开");
    expect(screen.getByTestId("read-only-banner")).toHaveTextContent("任何改动都不会保存");
  });

  it("the_menu_switches_pages", async () => {
    vi.mocked(customersList).mockResolvedValue(page([], 0));
    vi.mocked(tagsTree).mockResolvedValue({ nodes: [], total_customers: 0 });
    const { user } = renderShell();
    // Pages other than the customer list are loaded when first opened (PageView), hence the waits.
    await user.click(screen.getByTestId("nav-tags"));
    await waitFor(() => expect(screen.getByTestId("page-title")).toHaveTextContent("标签"));
    await user.click(screen.getByTestId("nav-io"));
    await waitFor(() => expect(screen.getByTestId("page-title")).toHaveTextContent("导入导出"));
    await user.click(screen.getByTestId("nav-rules"));
    await waitFor(() => expect(screen.getByTestId("page-title")).toHaveTextContent("自动打标"));
    expect(screen.queryByTestId("nav-insights")).not.toBeInTheDocument();
  });

  it("the_due_time_based_rules_run_at_open_once_the_customer_list_shows_its_first_rows", async () => {
    let answer: (first: Page<CustomerRow>) => void = () => undefined;
    vi.mocked(customersList).mockReturnValue(new Promise((resolve) => (answer = resolve)));
    vi.mocked(rulesRunDue).mockResolvedValue(null);
    renderShell();
    // While the list's first page is on its way, the check does not compete with drawing it.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(rulesRunDue).not.toHaveBeenCalled();
    answer(page([customer(1)], 1));
    await waitFor(() => expect(rulesRunDue).toHaveBeenCalledTimes(1));
  });

  it("with_no_customer_to_show_the_due_rules_still_run_shortly_after_the_window_opens", async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      vi.mocked(customersList).mockResolvedValue(page([], 0));
      vi.mocked(rulesRunDue).mockResolvedValue(null);
      renderShell();
      await waitFor(() => expect(customersList).toHaveBeenCalled());
      expect(rulesRunDue).not.toHaveBeenCalled();
      vi.advanceTimersByTime(START_GRACE_MS);
      await waitFor(() => expect(rulesRunDue).toHaveBeenCalledTimes(1));
    } finally {
      vi.useRealTimers();
    }
  });

  it("switching_to_english_saves_the_choice_and_relabels_the_ui", async () => {
    vi.mocked(customersList).mockResolvedValue(page([], 0));
    vi.mocked(appSetLanguage).mockResolvedValue(openStatus({ language: "en" }));
    const { user, client } = renderShell();
    expect(screen.getByTestId("nav-tags")).toHaveTextContent("标签");
    await user.click(screen.getByTestId("lang-en"));
    expect(appSetLanguage).toHaveBeenCalledWith("en");
    await waitFor(() => expect(screen.getByTestId("nav-tags")).toHaveTextContent("Tags"));
    expect(screen.getByTestId("page-title")).toHaveTextContent("Customers");
    expect(screen.getByTestId("lang-en")).toHaveAttribute("aria-pressed", "true");
    await waitFor(() => expect(client.getQueryData(["app_status"])).toMatchObject({ language: "en" }));
  });

  it("a_demo_database_shows_the_banner_and_can_start_an_own_database", async () => {
    vi.mocked(customersList).mockResolvedValue(page([], 0));
    vi.mocked(dbCreate).mockResolvedValue(openStatus());
    const { user, client } = renderShell(openStatus({ database: { path: "/d/demo.sqlite", is_demo: true, integrity_checking: false, integrity_problem: null, read_only: false, interrupted: [], finished: [] } }));
    expect(screen.getByTestId("demo-banner")).toHaveTextContent("示例数据 — 这是演示用的示例客户。");
    const customersBefore = vi.mocked(customersList).mock.calls.length;
    await user.click(screen.getByTestId("start-own-db"));
    expect(dbCreate).toHaveBeenCalledWith();
    await waitFor(() => expect(client.getQueryData(["app_status"])).toEqual(openStatus()));
    // Every cached query is invalidated, so the customer list is fetched again from the new database.
    await waitFor(() => expect(vi.mocked(customersList).mock.calls.length).toBeGreaterThan(customersBefore));
  });
});
