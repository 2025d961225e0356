import { screen, waitFor } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { fieldsList } from "../../lib/ipc";
import { pickSavePath } from "../../lib/ipc/dialog";
import { renderWithProviders } from "../../test/render";
import { ExportDialog, withExtension } from "./ExportDialog";

describe("ExportDialog", () => {
  it("a_typed_path_is_used_without_the_file_dialog_and_gets_the_formats_extension", async () => {
    vi.mocked(fieldsList).mockResolvedValue([]);
    const run = vi.fn().mockResolvedValue(12);
    const { user } = renderWithProviders(
      <ExportDialog open scopes={[{ kind: "everyone", scope: { type: "everyone" }, count: null }]} onClose={() => undefined} run={run} />,
    );
    await user.type(screen.getByTestId("export-path"), "/home/me/会员导出");
    await user.click(screen.getByTestId("export-ok"));
    await waitFor(() => expect(run).toHaveBeenCalledWith(expect.objectContaining({ path: "/home/me/会员导出.xlsx", format: "xlsx" })));
    expect(pickSavePath).not.toHaveBeenCalled();
  });

  it("an_extension_already_typed_is_kept", () => {
    expect(withExtension("/tmp/a.CSV", "csv")).toBe("/tmp/a.CSV");
    expect(withExtension("/tmp/a.xlsx", "csv")).toBe("/tmp/a.xlsx.csv");
  });
});
