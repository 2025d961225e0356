// The wizard on shop files: rows without a key, a totals row, a column that needs a new custom field,
// and a tags column in a database that has no group yet.
import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { pickSpreadsheet } from "../../lib/ipc/dialog";
import { renderWithProviders } from "../../test/render";
import { fieldsCreate, fieldsList, importPreview, tagsTree, type ImportPreview } from "../../lib/ipc";
import { IoPage } from "./IoPage";
import { DEFAULT_EDITS } from "./spec";
import { PreviewStep } from "./PreviewStep";

const preview: ImportPreview = {
  sheets: ["会员"],
  sheet: "会员",
  encoding: null,
  header_row: 1,
  headers: ["姓名", "手机", "微信", "标签"],
  suggested: [{ type: "attribute", attribute: "name" }, { type: "attribute", attribute: "phone" }, { type: "ignore" }, { type: "tags" }],
  columns: [{ type: "attribute", attribute: "name" }, { type: "attribute", attribute: "phone" }, { type: "ignore" }, { type: "tags" }],
  template: null,
  sample: [
    { row: 2, cells: ["王伟", "13812345678", "wx_ww", ""], outcome: "new", problems: [] },
    {
      row: 3,
      cells: ["合计", "", "", ""],
      outcome: "skipped",
      problems: [{ code: "skipped_totals_row", row: 3, column: 1, header: "", value: "合计", problem: { code: "totals_row" } }],
    },
  ],
  problems: [{ code: "skipped_totals_row", row: 3, column: 1, header: "", value: "合计", problem: { code: "totals_row" } }],
  problem_count: 1,
  summary: { new: 40, updated: 0, unchanged: 0, rejected: 0, duplicates_in_file: 0, skipped: 1, keyless: 2 },
  kinds_to_create: [],
  unmapped: null,
};

function setup() {
  vi.mocked(fieldsList).mockResolvedValue([]);
  vi.mocked(tagsTree).mockResolvedValue({ nodes: [], total_customers: 0 });
  vi.mocked(pickSpreadsheet).mockResolvedValue("/home/me/会员导出.xlsx");
  vi.mocked(importPreview).mockResolvedValue(preview);
  return renderWithProviders(<IoPage />);
}

async function openSelect(user: ReturnType<typeof setup>["user"], testId: string) {
  const select = screen.getByTestId(testId);
  await user.click(select.querySelector<HTMLElement>(".ant-select-content, .ant-select-selector") ?? select);
}

async function option(title: string) {
  return waitFor(() => {
    const found = [...document.querySelectorAll<HTMLElement>(`.ant-select-item-option[title="${title}"], .ant-select-tree-node-content-wrapper[title="${title}"]`)].pop();
    if (found === undefined) throw new Error(`no option ${title}`);
    return found;
  });
}

describe("the import wizard on shop files", () => {
  it("the_preview_lists_the_totals_row_as_skipped_and_offers_to_skip_rows_without_a_key", async () => {
    const { user } = setup();
    await user.click(screen.getByTestId("import-choose"));
    await screen.findByTestId("import-mapping");
    expect(screen.getByTestId("import-how")).toHaveTextContent("合计");
    await user.click(screen.getByTestId("import-next"));
    await screen.findByTestId("import-preview");
    expect(screen.getByTestId("sum-skipped")).toHaveTextContent("1");
    expect(within(screen.getByTestId("import-problems")).getByText("合计或汇总行，已跳过")).toBeInTheDocument();
    expect(screen.getAllByTestId("preview-outcome")[1]).toHaveTextContent("跳过");
    const choice = screen.getByTestId("import-keyless-choice");
    expect(choice).toHaveTextContent("2 行没有手机、邮箱或编号");
    await user.click(within(choice).getByText("跳过"));
    await waitFor(() => expect(importPreview).toHaveBeenLastCalledWith(expect.objectContaining({ keyless: "skip" })));
  });

  it("a_column_gets_a_new_custom_field_without_leaving_the_wizard", async () => {
    const { user } = setup();
    vi.mocked(fieldsCreate).mockResolvedValue(17);
    await user.click(screen.getByTestId("import-choose"));
    await screen.findByTestId("import-mapping");
    await openSelect(user, "map-2");
    // The menu is long (and virtual): find the entry by typing, as a person would.
    await user.keyboard("新建自定义");
    await user.click(await option("＋ 新建自定义字段…"));
    expect(await screen.findByTestId("field-label")).toHaveValue("微信");
    vi.mocked(fieldsList).mockResolvedValue([{ id: 17, label: "微信", kind: "text", options: [], position: 0, archived: false }]);
    await user.click(screen.getByTestId("field-save"));
    await waitFor(() => expect(fieldsCreate).toHaveBeenCalledWith({ label: "微信", kind: "text", options: [] }));
    await waitFor(() =>
      expect(importPreview).toHaveBeenLastCalledWith(
        expect.objectContaining({ columns: expect.arrayContaining([{ type: "custom_field", field_id: 17 }]) }),
      ),
    );
    expect(screen.getByTestId("import-mapping")).toBeInTheDocument();
  });

  it("a_new_database_can_create_the_tags_of_a_tags_column_in_a_group_named_after_it", async () => {
    const { user } = setup();
    await user.click(screen.getByTestId("import-choose"));
    await screen.findByTestId("import-mapping");
    await openSelect(user, "import-unknown");
    await user.click(await option("新建到…"));
    await waitFor(() =>
      expect(importPreview).toHaveBeenLastCalledWith(expect.objectContaining({ unknown_tags: { type: "create", parent_id: null } })),
    );
    expect(screen.getByTestId("import-unknown-parent")).toHaveTextContent("新建以列名命名的标签组");
  });
});

describe("the preview while it is read again", () => {
  it("shows_no_numbers_of_an_earlier_dry_run", () => {
    renderWithProviders(<PreviewStep preview={preview} stale edits={DEFAULT_EDITS} onChange={() => undefined} />);
    expect(screen.getByTestId("sum-new")).not.toHaveTextContent("40");
    expect(screen.getByTestId("sum-skipped")).not.toHaveTextContent("1");
  });
});
