import { screen, waitFor } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import i18n from "../../i18n";
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

  it("a_typed_path_the_app_may_not_write_is_refused_with_where_it_may_and_the_dialog_stays", async () => {
    vi.mocked(fieldsList).mockResolvedValue([]);
    const run = vi.fn().mockRejectedValue({ code: "path_not_allowed", problem: { code: "path_not_allowed", path: "/etc/x.xlsx" }, message: "not to /etc/x.xlsx", path: "/etc/x.xlsx", field: null });
    const { user } = renderWithProviders(
      <ExportDialog open scopes={[{ kind: "everyone", scope: { type: "everyone" }, count: null }]} onClose={() => undefined} run={run} />,
    );
    await user.type(screen.getByTestId("export-path"), "/etc/x.xlsx");
    await user.click(screen.getByTestId("export-ok"));
    expect(await screen.findByText(/只能保存到在保存对话框中选择的位置/)).toBeInTheDocument();
    expect(screen.getByTestId("export-dialog")).toBeInTheDocument();
  });

  it("an_extension_already_typed_is_kept", () => {
    expect(withExtension("/tmp/a.CSV", "csv")).toBe("/tmp/a.CSV");
    expect(withExtension("/tmp/a.xlsx", "csv")).toBe("/tmp/a.xlsx.csv");
  });

  function exportEveryone() {
    vi.mocked(fieldsList).mockResolvedValue([]);
    vi.mocked(pickSavePath).mockResolvedValue("/home/me/customers.xlsx");
    const run = vi.fn().mockResolvedValue(3);
    const rendered = renderWithProviders(
      <ExportDialog open scopes={[{ kind: "everyone", scope: { type: "everyone" }, count: null }]} onClose={() => undefined} run={run} />,
    );
    return { ...rendered, run };
  }

  it("the_export_is_written_in_the_ui_language_chinese_by_default", async () => {
    const { user, run } = exportEveryone();
    expect(screen.getByTestId("export-language-hint")).toHaveTextContent("中文");
    await user.click(screen.getByTestId("export-ok"));
    await waitFor(() => expect(run).toHaveBeenCalledWith(expect.objectContaining({ language: "zh-CN" })));
  });

  it("an_english_ui_exports_english_headers_and_labels", async () => {
    await i18n.changeLanguage("en");
    const { user, run } = exportEveryone();
    expect(screen.getByTestId("export-language-hint")).toHaveTextContent("English");
    await user.click(screen.getByTestId("export-ok"));
    await waitFor(() => expect(run).toHaveBeenCalledWith(expect.objectContaining({ language: "en", path: "/home/me/customers.xlsx" })));
  });
});
