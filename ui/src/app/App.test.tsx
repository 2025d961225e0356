import { screen, waitFor } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { statusRefetchInterval } from "../features/db/useAppStatus";
import { appStatus, customersList, dbCreate, dbOpenDemo, dbDismissInterrupted, dbRestoreBackup } from "../lib/ipc";
import { openStatus, page, problemStatus } from "../test/fixtures";
import { renderWithProviders } from "../test/render";
import { App } from "./App";

const corrupt = problemStatus({
  error: {
    code: "database_corrupt",
    problem: { code: "database_corrupt", path: "/d/t.sqlite", detail: "file is not a database" },
    message: "file is not a database",
    path: "/d/t.sqlite",
    field: null,
  },
  path: "/d/t.sqlite",
  backups: [{ path: "/d/backups/t-1.sqlite", made_at: 1_735_862_400, size_bytes: 4096 }],
});

describe("App", () => {
  it("shows_the_problem_screen_instead_of_the_shell_when_the_database_failed_to_open", async () => {
    vi.mocked(appStatus).mockResolvedValue(corrupt);
    renderWithProviders(<App />);
    expect(await screen.findByTestId("db-problem")).toBeInTheDocument();
    expect(screen.getByTestId("problem-headline")).toHaveTextContent("数据库文件已损坏");
    expect(screen.queryByTestId("app-shell")).not.toBeInTheDocument();
  });

  it("after_a_successful_restore_the_shell_opens", async () => {
    vi.mocked(appStatus).mockResolvedValueOnce(corrupt).mockResolvedValue(openStatus());
    vi.mocked(dbRestoreBackup).mockResolvedValue(openStatus());
    vi.mocked(customersList).mockResolvedValue(page([]));
    const { user } = renderWithProviders(<App />);
    await user.click(await screen.findByTestId("problem-restore"));
    expect(await screen.findByTestId("app-shell")).toBeInTheDocument();
    expect(dbRestoreBackup).toHaveBeenCalledWith("/d/backups/t-1.sqlite");
  });

  it("starts_in_the_language_the_backend_remembers", async () => {
    vi.mocked(appStatus).mockResolvedValue(openStatus({ language: "en" }));
    vi.mocked(customersList).mockResolvedValue(page([]));
    renderWithProviders(<App />);
    await waitFor(() => expect(screen.getByTestId("nav-customers")).toHaveTextContent("Customers"));
    expect(screen.getByTestId("page-title")).toHaveTextContent("Customers");
  });

  it("an_import_the_last_session_did_not_finish_is_named_until_dismissed", async () => {
    const cutOff = openStatus({
      database: {
        path: "/d/shop.sqlite",
        is_demo: false,
        integrity_checking: false,
        integrity_problem: null,
        read_only: false,
        interrupted: [{ work: { kind: "customers_import", file: "/home/me/会员/十一月会员.xlsx" }, actor: "店长", started_at: 1_763_000_000 }],
        finished: [],
      },
    });
    vi.mocked(appStatus).mockResolvedValue(cutOff);
    vi.mocked(customersList).mockResolvedValue(page([]));
    vi.mocked(dbDismissInterrupted).mockResolvedValue(openStatus());
    const { user } = renderWithProviders(<App />);
    const banner = await screen.findByTestId("interrupted-banner");
    expect(banner).toHaveTextContent("有 1 次导入没有完成");
    expect(screen.getByTestId("interrupted-item")).toHaveTextContent("店长");
    expect(screen.getByTestId("interrupted-item")).toHaveTextContent("「十一月会员.xlsx」导入客户");
    expect(banner).toHaveTextContent("数据仍是导入前的样子");
    await user.click(screen.getByTestId("interrupted-dismiss"));
    expect(dbDismissInterrupted).toHaveBeenCalledTimes(1);
    await waitFor(() => expect(screen.queryByTestId("interrupted-banner")).toBeNull());
  });

  describe("background integrity check", () => {
    const checking = openStatus({ database: { path: "/d/big.sqlite", is_demo: false, integrity_checking: true, integrity_problem: null, read_only: false, interrupted: [], finished: [] } });
    const damaged = openStatus({
      database: { path: "/d/big.sqlite", is_demo: false, integrity_checking: false, integrity_problem: "row 17 missing from index idx_customers_phone", read_only: false, interrupted: [], finished: [] },
    });

    it("the_status_is_polled_only_while_the_check_runs", () => {
      expect(statusRefetchInterval(checking)).toBe(3000);
      expect(statusRefetchInterval(damaged)).toBe(false);
      expect(statusRefetchInterval(openStatus())).toBe(false);
      expect(statusRefetchInterval(undefined)).toBe(false);
    });

    it("while_checking_the_header_says_so_and_a_damaged_verdict_shows_a_red_banner_with_ways_out", async () => {
      vi.mocked(appStatus).mockResolvedValueOnce(checking).mockResolvedValue(damaged);
      vi.mocked(customersList).mockResolvedValue(page([]));
      vi.mocked(dbCreate).mockResolvedValue(openStatus());
      const { user } = renderWithProviders(<App />);
      expect(await screen.findByTestId("integrity-checking")).toHaveTextContent("正在后台检查数据库完整性…");
      expect(screen.queryByTestId("integrity-banner")).toBeNull();
      // The next poll, 3 s later, brings the verdict.
      const banner = await screen.findByTestId("integrity-banner", {}, { timeout: 6000 });
      expect(banner).toHaveTextContent("数据库文件已损坏");
      expect(banner).toHaveTextContent("row 17 missing from index idx_customers_phone");
      expect(banner.querySelector(".ant-alert-error"), "the banner is a red error alert").not.toBeNull();
      expect(screen.queryByTestId("integrity-checking")).toBeNull();
      expect(screen.getByTestId("integrity-open-other")).toHaveTextContent("打开其他数据库");
      expect(screen.getByTestId("integrity-open-demo")).toHaveTextContent("打开示例数据");
      vi.mocked(appStatus).mockResolvedValue(openStatus());
      await user.click(screen.getByTestId("integrity-create-new"));
      expect(dbCreate).toHaveBeenCalledWith();
      await waitFor(() => expect(screen.queryByTestId("integrity-banner")).toBeNull());
      expect(dbOpenDemo).not.toHaveBeenCalled();
    }, 15_000);

    it("the_indicator_reads_in_english_too", async () => {
      vi.mocked(appStatus).mockResolvedValue({ ...checking, language: "en" });
      vi.mocked(customersList).mockResolvedValue(page([]));
      renderWithProviders(<App />);
      await waitFor(() => expect(screen.getByTestId("integrity-checking")).toHaveTextContent("Checking the database in the background…"));
    });
  });
});
