import { screen, waitFor } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { importRun, myRights } from "../../lib/ipc";
import { renderWithProviders } from "../../test/render";
import { offHub, viewer } from "../../test/rights";
import type { ImportSpec } from "./api";
import { RunStep } from "./RunStep";

// The spec is only handed on to importRun, which a viewer never reaches.
const spec = { path: "/home/me/会员.xlsx" } as unknown as ImportSpec;
const planned = { new: 3, updated: 1, unchanged: 0, rejected: 0, duplicates_in_file: 0, skipped: 0, keyless: 0 };

describe("the import's run step under the team hub's rights", () => {
  it("a_viewer_sees_what_would_happen_but_cannot_import_and_reads_why", async () => {
    vi.mocked(myRights).mockResolvedValue(viewer);
    const { user } = renderWithProviders(<RunStep spec={spec} planned={planned} onRunning={vi.fn()} onRestart={vi.fn()} />);
    await waitFor(() => expect(screen.getByTestId("import-run")).toBeDisabled());
    await user.hover(screen.getByTestId("import-run").parentElement!);
    expect(await screen.findByRole("tooltip")).toHaveTextContent("你在团队中心的角色是「只读」：可以查看，不能修改");
    expect(importRun).not.toHaveBeenCalled();
  });

  it("off_a_hub_the_import_runs", async () => {
    vi.mocked(myRights).mockResolvedValue(offHub);
    renderWithProviders(<RunStep spec={spec} planned={planned} onRunning={vi.fn()} onRestart={vi.fn()} />);
    await waitFor(() => expect(myRights).toHaveBeenCalled());
    expect(screen.getByTestId("import-run")).toBeEnabled();
  });
});
