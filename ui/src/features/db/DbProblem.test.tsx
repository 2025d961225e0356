import { screen, waitFor } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { dbCreate, dbOpen, dbOpenDemo, dbRestoreBackup, dbStartInEmpty, type DatabaseProblem } from "../../lib/ipc";
import { pickDatabaseFile } from "../../lib/ipc/dialog";
import { openStatus } from "../../test/fixtures";
import { renderWithProviders } from "../../test/render";
import { DbProblem } from "./DbProblem";

const tooNew: DatabaseProblem = {
  error: {
    code: "database_too_new",
    problem: { code: "database_too_new", path: "/data/tagdesk.sqlite", found: 9, supported: 4 },
    message: "database schema version 9 is newer than this TagDesk supports (4)",
    path: "/data/tagdesk.sqlite",
    field: null,
  },
  path: "/data/tagdesk.sqlite",
  backups: [
    { path: "/data/backups/tagdesk-2025-01-03.sqlite", made_at: 1_735_862_400, size_bytes: 2_097_152 },
    { path: "/data/backups/tagdesk-2025-01-01.sqlite", made_at: 1_735_689_600, size_bytes: 1024 },
  ],
};

describe("DbProblem", () => {
  it("a_too_new_database_gets_its_own_headline_with_the_path_and_the_versions_in_the_uis_language", () => {
    renderWithProviders(<DbProblem problem={tooNew} />);
    expect(screen.getByTestId("problem-headline")).toHaveTextContent("这个数据库来自更新版本的 TagDesk");
    expect(screen.getByTestId("problem-path")).toHaveTextContent("/data/tagdesk.sqlite");
    expect(screen.getByTestId("problem-detail")).toHaveTextContent("结构版本 9，本版本最高支持 4");
    expect(screen.getAllByTestId("problem-restore")).toHaveLength(2);
    expect(screen.getByText(/2\.0 MB/)).toBeInTheDocument();
  });

  it("an_empty_file_is_named_and_a_new_database_is_started_in_it_only_when_asked", async () => {
    const empty: DatabaseProblem = {
      ...tooNew,
      error: {
        code: "database_empty",
        problem: { code: "database_empty", path: "/data/tagdesk.sqlite" },
        message: "database file /data/tagdesk.sqlite is empty (0 bytes)",
        path: "/data/tagdesk.sqlite",
        field: null,
      },
    };
    vi.mocked(dbStartInEmpty).mockResolvedValue(openStatus());
    const { user, client } = renderWithProviders(<DbProblem problem={empty} />);
    expect(screen.getByTestId("problem-headline")).toHaveTextContent("数据库文件是空的");
    expect(dbStartInEmpty).not.toHaveBeenCalled();
    await user.click(screen.getByTestId("problem-start-in-empty"));
    await waitFor(() => expect(dbStartInEmpty).toHaveBeenCalledTimes(1));
    await waitFor(() => expect(client.getQueryData(["app_status"])).toEqual(openStatus()));
  });

  it("starting_in_the_file_is_offered_only_for_an_empty_file", () => {
    renderWithProviders(<DbProblem problem={tooNew} />);
    expect(screen.queryByTestId("problem-start-in-empty")).not.toBeInTheDocument();
  });

  it("a_file_another_program_is_writing_is_named_as_such_and_can_be_tried_again", async () => {
    const busy = { ...tooNew, error: { ...tooNew.error, code: "database_busy" as const } };
    vi.mocked(dbOpen).mockResolvedValue(openStatus());
    const { user } = renderWithProviders(<DbProblem problem={busy} />);
    expect(screen.getByTestId("problem-headline")).toHaveTextContent("另一个程序正在使用这个数据库文件");
    await user.click(screen.getByTestId("problem-retry"));
    await waitFor(() => expect(dbOpen).toHaveBeenCalledWith("/data/tagdesk.sqlite"));
  });

  it("an_unknown_error_code_gets_the_generic_headline", () => {
    const problem = { ...tooNew, error: { ...tooNew.error, code: "io" as const } };
    renderWithProviders(<DbProblem problem={problem} />);
    expect(screen.getByTestId("problem-headline")).toHaveTextContent("无法打开数据库");
  });

  it("clicking_restore_restores_that_backup", async () => {
    vi.mocked(dbRestoreBackup).mockResolvedValue(openStatus());
    const { user, client } = renderWithProviders(<DbProblem problem={tooNew} />);
    const buttons = screen.getAllByTestId("problem-restore");
    await user.click(buttons[1]!);
    await waitFor(() => expect(dbRestoreBackup).toHaveBeenCalledWith("/data/backups/tagdesk-2025-01-01.sqlite"));
    await waitFor(() => expect(client.getQueryData(["app_status"])).toEqual(openStatus()));
  });

  it("a_failed_create_is_shown_and_the_screen_stays", async () => {
    vi.mocked(dbCreate).mockRejectedValue({ code: "io", problem: { code: "file_error", detail: "permission denied" }, message: "file error: permission denied", path: "/data" });
    const { user } = renderWithProviders(<DbProblem problem={tooNew} />);
    await user.click(screen.getByTestId("problem-create-new"));
    expect(dbCreate).toHaveBeenCalledWith();
    expect(await screen.findByTestId("problem-action-error")).toHaveTextContent("permission denied");
    expect(screen.getByTestId("db-problem")).toBeInTheDocument();
  });

  it("open_other_opens_the_picked_file_and_a_cancelled_dialog_does_nothing", async () => {
    vi.mocked(pickDatabaseFile).mockResolvedValueOnce(null).mockResolvedValueOnce("/elsewhere/shop.db");
    vi.mocked(dbOpen).mockResolvedValue(openStatus());
    const { user } = renderWithProviders(<DbProblem problem={tooNew} />);
    await user.click(screen.getByTestId("problem-open-other"));
    await waitFor(() => expect(pickDatabaseFile).toHaveBeenCalledTimes(1));
    expect(dbOpen).not.toHaveBeenCalled();
    await user.click(screen.getByTestId("problem-open-other"));
    await waitFor(() => expect(dbOpen).toHaveBeenCalledWith("/elsewhere/shop.db"));
  });

  it("open_demo_calls_the_demo_command", async () => {
    vi.mocked(dbOpenDemo).mockResolvedValue(openStatus({ database: { path: "/d/demo.sqlite", is_demo: true, integrity_checking: false, integrity_problem: null, read_only: false, interrupted: [], finished: [] } }));
    const { user } = renderWithProviders(<DbProblem problem={null} />);
    expect(screen.getByTestId("problem-headline")).toHaveTextContent("还没有打开数据库");
    await user.click(screen.getByTestId("problem-open-demo"));
    await waitFor(() => expect(dbOpenDemo).toHaveBeenCalledTimes(1));
  });
});
