import { screen, waitFor } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { appStatus, customersList, dbRestoreBackup } from "../lib/ipc";
import { openStatus, page, problemStatus } from "../test/fixtures";
import { renderWithProviders } from "../test/render";
import { App } from "./App";

const corrupt = problemStatus({
  error: { code: "database_corrupt", message: "file is not a database", path: "/d/t.sqlite", field: null },
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
});
