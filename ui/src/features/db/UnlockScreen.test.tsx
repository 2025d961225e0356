import { screen, waitFor } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { dbUnlock, type DatabaseProblem, type IpcError } from "../../lib/ipc";
import { openStatus } from "../../test/fixtures";
import { renderWithProviders } from "../../test/render";
import { isLocked, UnlockScreen } from "./UnlockScreen";

const path = "/data/laptop.sqlite";
const locked: DatabaseProblem = {
  path,
  backups: [],
  error: { code: "passphrase_needed", problem: { code: "passphrase_needed", path }, message: "", path, field: null },
};

describe("UnlockScreen", () => {
  it("only_the_passphrase_problems_lock_the_window", () => {
    expect(isLocked(locked)).toBe(true);
    expect(isLocked({ ...locked, error: { ...locked.error, code: "database_corrupt" } })).toBe(false);
    expect(isLocked(null)).toBe(false);
  });

  it("opens_the_database_with_the_passphrase_typed", async () => {
    vi.mocked(dbUnlock).mockResolvedValue(openStatus());
    const { user, client } = renderWithProviders(<UnlockScreen problem={locked} />);
    expect(screen.getByTestId("unlock-submit"), "nothing typed, nothing to try").toBeDisabled();
    await user.type(screen.getByTestId("unlock-passphrase"), "correct horse");
    await user.click(screen.getByTestId("unlock-submit"));
    await waitFor(() => expect(dbUnlock).toHaveBeenCalledWith(path, "correct horse"));
    await waitFor(() => expect(client.getQueryData(["app_status"])).toEqual(openStatus()));
  });

  it("a_wrong_passphrase_is_said_clearly_and_the_screen_stays", async () => {
    const wrong: IpcError = { code: "passphrase_wrong", problem: { code: "passphrase_wrong", path }, message: "", path, field: null };
    vi.mocked(dbUnlock).mockRejectedValue(wrong);
    const { user } = renderWithProviders(<UnlockScreen problem={locked} />);
    await user.type(screen.getByTestId("unlock-passphrase"), "guess");
    await user.click(screen.getByTestId("unlock-submit"));
    expect(await screen.findByTestId("unlock-error")).toHaveTextContent("密码不正确");
    expect(screen.getByTestId("unlock-screen")).toBeInTheDocument();
  });
});
