import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { pickSavePath, pickSpreadsheet } from "../../lib/ipc/dialog";
import { renderWithProviders } from "../../test/render";
import {
  eventKindsList,
  exportCustomers,
  fieldsList,
  importErrorReport,
  importPreview,
  importRun,
  jobCancel,
  jobProgress,
  tagsTree,
  type ImportPreview,
  type ImportReport,
} from "../../lib/ipc";
import { IoPage } from "./IoPage";

const preview: ImportPreview = {
  sheets: ["会员"],
  sheet: "会员",
  encoding: null,
  header_row: 1,
  headers: ["姓名", "手机", "备注"],
  suggested: [{ type: "attribute", attribute: "name" }, { type: "attribute", attribute: "phone" }, { type: "ignore" }],
  columns: [{ type: "attribute", attribute: "name" }, { type: "attribute", attribute: "phone" }, { type: "ignore" }],
  template: null,
  sample: [
    { row: 2, cells: ["王小明", "13800001111", "老客户"], outcome: "new", problems: [] },
    {
      row: 3,
      cells: ["李雷", "12345", ""],
      outcome: "rejected",
      problems: [{ code: "invalid_value", row: 3, column: 2, header: "手机", value: "12345", problem: { code: "phone_invalid", value: "12345" } }],
    },
  ],
  problems: [{ code: "invalid_value", row: 3, column: 2, header: "手机", value: "12345", problem: { code: "phone_invalid", value: "12345" } }],
  problem_count: 2,
  summary: { new: 298, updated: 7, unchanged: 3, rejected: 2, duplicates_in_file: 1, skipped: 0, keyless: 0 },
  kinds_to_create: [],
  unmapped: null,
};

const report: ImportReport = {
  summary: { new: 298, updated: 7, unchanged: 3, rejected: 2, duplicates_in_file: 1, skipped: 0, keyless: 0 },
  problems: preview.problems,
  tags_created: 0,
  kinds_created: 0,
  rules: null,
};

function setup() {
  vi.mocked(fieldsList).mockResolvedValue([]);
  vi.mocked(tagsTree).mockResolvedValue({ nodes: [], total_customers: 0 });
  vi.mocked(pickSpreadsheet).mockResolvedValue("/home/me/种子用户.xlsx");
  vi.mocked(importPreview).mockResolvedValue(preview);
  vi.mocked(jobProgress).mockResolvedValue({ running: true, done: 120, total: 310, step: null });
  return renderWithProviders(<IoPage />);
}

async function goToRunStep(user: ReturnType<typeof setup>["user"]) {
  await user.click(screen.getByTestId("import-choose"));
  await screen.findByTestId("import-mapping");
  await user.click(screen.getByTestId("import-next"));
  await screen.findByTestId("import-preview");
  await user.click(screen.getByTestId("import-next"));
  return screen.findByTestId("import-run");
}

describe("ImportWizard", () => {
  it("choosing_a_file_previews_it_and_shows_one_mapping_row_per_header", async () => {
    const { user } = setup();
    await user.click(screen.getByTestId("import-choose"));
    const mapping = await screen.findByTestId("import-mapping");
    expect(screen.getByTestId("import-path")).toHaveTextContent("/home/me/种子用户.xlsx");
    expect(within(mapping).getByText("手机", { selector: "td" })).toBeInTheDocument();
    expect(within(mapping).getByText("13800001111、12345")).toBeInTheDocument();
    expect(screen.getByTestId("map-0")).toHaveTextContent("姓名");
    expect(screen.getByTestId("map-2")).toHaveTextContent("忽略");
    expect(importPreview).toHaveBeenCalledWith({
      path: "/home/me/种子用户.xlsx",
      read: { sheet: null, encoding: null },
      header_row: null,
      columns: [],
      match_by: "phone",
      policy: "fill_empty",
      unknown_tags: { type: "reject" },
      keyless: "add",
      what: "customers",
      events: { fixed_kind: null, create_kinds: false, in_file_duplicates: "keep" },
    });
  });

  it("the_events_mode_maps_event_columns_and_names_kinds_it_would_create", async () => {
    const { user } = setup();
    vi.mocked(eventKindsList).mockResolvedValue([
      { id: 1, name: "下单", description: "", properties: ["product"], is_order: true, events: 3 },
    ]);
    vi.mocked(importPreview).mockImplementation(async (spec) =>
      spec.what === "events"
        ? {
            ...preview,
            headers: ["手机", "事件", "时间"],
            suggested: [{ type: "attribute", attribute: "phone" }, { type: "event_kind" }, { type: "event_time" }],
            columns: [{ type: "attribute", attribute: "phone" }, { type: "event_kind" }, { type: "event_time" }],
            kinds_to_create: ["跳舞"],
          }
        : preview,
    );
    await user.click(screen.getByTestId("import-choose"));
    await screen.findByTestId("import-mapping");
    await user.click(screen.getByTestId("import-what-events"));
    await waitFor(() => expect(screen.getByTestId("map-1")).toHaveTextContent("事件类型"));
    expect(screen.getByTestId("map-2")).toHaveTextContent("时间");
    expect(screen.getByTestId("import-kinds-to-create")).toHaveTextContent("跳舞");
    expect(screen.queryByTestId("import-policy")).not.toBeInTheDocument();
    expect(importPreview).toHaveBeenLastCalledWith(expect.objectContaining({ what: "events", match_by: "phone", columns: [] }));
  });

  it("an_order_export_without_a_kind_column_shows_its_columns_until_it_is_given_one_kind", async () => {
    const { user } = setup();
    vi.mocked(eventKindsList).mockResolvedValue([
      { id: 1, name: "下单", description: "", properties: [], is_order: true, events: 3 },
    ]);
    vi.mocked(importPreview).mockImplementation(async (spec) =>
      spec.what === "events"
        ? {
            ...preview,
            headers: ["订单号", "下单时间", "买家手机号"],
            suggested: [{ type: "event_id" }, { type: "event_time" }, { type: "attribute", attribute: "phone" }],
            columns: [{ type: "event_id" }, { type: "event_time" }, { type: "attribute", attribute: "phone" }],
            unmapped: spec.events.fixed_kind === null ? { code: "choose_kind_column" } : null,
          }
        : preview,
    );
    await user.click(screen.getByTestId("import-choose"));
    await screen.findByTestId("import-mapping");
    await user.click(screen.getByTestId("import-what-events"));
    // The columns show, to be mapped, with what is missing; there is no going on without it.
    await waitFor(() => expect(screen.getByTestId("import-unmapped")).toHaveTextContent("请选择存放事件类型的列，或为所有行指定一种类型"));
    expect(screen.getByTestId("map-0")).toHaveTextContent("订单号");
    expect(screen.getByTestId("import-next")).toBeDisabled();
    const fixed = screen.getByTestId("import-fixed-kind");
    await user.click(fixed.querySelector<HTMLElement>(".ant-select-content, .ant-select-selector") ?? fixed);
    await user.click(await screen.findByTitle("下单"));
    await waitFor(() => expect(screen.queryByTestId("import-unmapped")).not.toBeInTheDocument());
    await waitFor(() => expect(screen.getByTestId("import-next")).toBeEnabled());
  });

  it("the_preview_shows_the_summary_numbers_and_marks_bad_cells", async () => {
    const { user } = setup();
    await user.click(screen.getByTestId("import-choose"));
    await screen.findByTestId("import-mapping");
    await user.click(screen.getByTestId("import-next"));
    await screen.findByTestId("import-preview");
    expect(screen.getByTestId("sum-new")).toHaveTextContent("298");
    expect(screen.getByTestId("sum-updated")).toHaveTextContent("7");
    expect(screen.getByTestId("sum-unchanged")).toHaveTextContent("3");
    expect(screen.getByTestId("sum-rejected")).toHaveTextContent("2");
    expect(screen.getByTestId("sum-duplicates")).toHaveTextContent("1");
    const rows = screen.getAllByTestId("preview-row");
    expect(rows).toHaveLength(2);
    expect(within(rows[1]!).getByTestId("cell-problem")).toHaveTextContent("12345");
    expect(within(rows[1]!).getByTestId("preview-outcome")).toHaveTextContent("拒绝");
    expect(screen.getByTestId("import-problem-count")).toHaveTextContent("共 2 个问题");
  });

  it("running_shows_progress_then_the_result_and_saves_the_error_report", async () => {
    const { user } = setup();
    let finish: (r: ImportReport) => void = () => undefined;
    vi.mocked(importRun).mockImplementation(() => new Promise<ImportReport>((resolve) => (finish = resolve)));
    vi.mocked(pickSavePath).mockResolvedValue("/home/me/导入错误报告.xlsx");
    vi.mocked(importErrorReport).mockResolvedValue(null);
    await user.click(await goToRunStep(user));
    expect(await screen.findByTestId("import-progress")).toBeInTheDocument();
    await waitFor(() => expect(screen.getByTestId("import-progress")).toHaveTextContent("38%"));
    expect(screen.getByTestId("import-cancel")).toBeInTheDocument();
    finish(report);
    const result = await screen.findByTestId("import-result");
    expect(result).toHaveTextContent("新增 298 位");
    expect(screen.queryByTestId("import-progress")).not.toBeInTheDocument();
    await user.click(screen.getByTestId("import-error-report"));
    await waitFor(() => expect(importErrorReport).toHaveBeenCalledWith(report.problems, "/home/me/导入错误报告.xlsx", "zh-CN"));
    expect(pickSavePath).toHaveBeenCalledWith("导入错误报告.xlsx", "表格", ["xlsx"]);
  });

  it("the_result_says_what_the_rules_did_for_the_imported_customers", async () => {
    const { user } = setup();
    const outcome = { rule_id: 4, name: "杭州客户", matched: 41, added: 40, removed: 1, replaced: 0, kept_manual: 1, skipped_conflict: 0 };
    vi.mocked(importRun).mockResolvedValue({
      ...report,
      rules: { id: 9, rule_id: null, trigger: "import", started_at: 1, finished_at: 1, millis: 12, scanned: 305, added: 40, removed: 1, rules: [outcome], conflicts: [] },
    });
    await user.click(await goToRunStep(user));
    expect(await screen.findByTestId("import-rules")).toHaveTextContent("自动打标规则已为这 305 位客户运行：新增 40 个标签，移除 1 个");
    const outcomes = screen.getByTestId("run-outcomes");
    expect(outcomes).toHaveTextContent("杭州客户");
    expect(outcomes).toHaveTextContent("41");
  });

  it("with_no_enabled_rule_the_result_does_not_mention_rules", async () => {
    const { user } = setup();
    vi.mocked(importRun).mockResolvedValue(report);
    await user.click(await goToRunStep(user));
    await screen.findByTestId("import-result");
    expect(screen.queryByTestId("import-rules")).toBeNull();
    expect(screen.queryByTestId("run-outcomes")).toBeNull();
  });

  it("a_cancelled_run_says_nothing_was_changed", async () => {
    const { user } = setup();
    let fail: (e: unknown) => void = () => undefined;
    vi.mocked(importRun).mockImplementation(() => new Promise<ImportReport>((_, reject) => (fail = reject)));
    vi.mocked(jobCancel).mockImplementation(async () => {
      fail({ code: "cancelled", problem: { code: "cancelled" }, message: "the import was cancelled" });
      return null;
    });
    await user.click(await goToRunStep(user));
    await user.click(await screen.findByTestId("import-cancel"));
    expect(await screen.findByTestId("import-cancelled")).toHaveTextContent("已取消，没有任何改动");
    expect(screen.queryByTestId("import-result")).not.toBeInTheDocument();
  });
});

describe("ExportPanel", () => {
  it("exporting_every_customer_goes_through_the_export_dialog_with_the_everyone_scope", async () => {
    const { user } = setup();
    vi.mocked(pickSavePath).mockResolvedValue("/home/me/客户导出.csv");
    vi.mocked(exportCustomers).mockResolvedValue(300);
    await user.click(screen.getByTestId("export-customers"));
    const dialog = await screen.findByTestId("export-dialog");
    expect(within(dialog).getByRole("radio", { name: "全部客户" })).toBeChecked();
    await user.click(within(dialog).getByText("CSV"));
    await user.click(screen.getByTestId("export-ok"));
    await waitFor(() =>
      expect(exportCustomers).toHaveBeenCalledWith(
        expect.objectContaining({ scope: { type: "everyone" }, format: "csv", tags: "per_group", path: "/home/me/客户导出.csv" }),
      ),
    );
    expect(pickSavePath).toHaveBeenCalledWith("客户导出.csv", "表格", ["csv"]);
    await waitFor(() => expect(screen.queryByTestId("export-dialog")).not.toBeInTheDocument());
  });
});
