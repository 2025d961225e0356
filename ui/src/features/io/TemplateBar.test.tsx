import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import {
  fieldsList,
  importPreview,
  importTemplatesApply,
  importTemplatesDelete,
  importTemplatesList,
  importTemplatesSave,
  tagsTree,
  type ImportPreview,
  type ImportTemplate,
} from "../../lib/ipc";
import { pickSpreadsheet } from "../../lib/ipc/dialog";
import { renderWithProviders } from "../../test/render";
import { IoPage } from "./IoPage";

const monthly: ImportTemplate = {
  id: 4,
  name: "会员月报",
  columns: [
    { header: "顾客", target: { type: "attribute", attribute: "name" } },
    { header: "卡号", target: { type: "attribute", attribute: "external_id" } },
  ],
  updated_at: 0,
  what: "customers",
};

const orders: ImportTemplate = {
  id: 5,
  name: "月度订单",
  columns: [
    { header: "客户电话", target: { type: "attribute", attribute: "phone" } },
    { header: "动作", target: { type: "event_kind" } },
  ],
  updated_at: 0,
  what: "events",
};

const preview = (template: ImportPreview["template"]): ImportPreview => ({
  sheets: ["会员"],
  sheet: "会员",
  encoding: null,
  header_row: 1,
  headers: ["顾客", "卡号"],
  suggested: [{ type: "ignore" }, { type: "ignore" }],
  columns: template === null ? [{ type: "ignore" }, { type: "ignore" }] : monthly.columns.map((c) => c.target),
  template,
  sample: [{ row: 2, cells: ["王伟", "A001"], outcome: "new", problems: [] }],
  problems: [],
  problem_count: 0,
  summary: { new: 1, updated: 0, unchanged: 0, rejected: 0, duplicates_in_file: 0, skipped: 0, keyless: 0 },
  kinds_to_create: [],
  unmapped: null,
});

async function openFile(template: ImportPreview["template"]) {
  vi.mocked(fieldsList).mockResolvedValue([]);
  vi.mocked(tagsTree).mockResolvedValue({ nodes: [], total_customers: 0 });
  vi.mocked(pickSpreadsheet).mockResolvedValue("/home/me/十二月.xlsx");
  vi.mocked(importPreview).mockResolvedValue(preview(template));
  vi.mocked(importTemplatesList).mockResolvedValue([monthly, orders]);
  const rendered = renderWithProviders(<IoPage />);
  await rendered.user.click(screen.getByTestId("import-choose"));
  await screen.findByTestId("template-bar");
  return rendered;
}

const lastSpecColumns = () => vi.mocked(importPreview).mock.calls.at(-1)?.[0].columns;

describe("Mapping templates", () => {
  it("a_file_with_a_templates_headers_says_the_template_was_applied", async () => {
    await openFile({ id: 4, name: "会员月报" });
    expect(await screen.findByTestId("template-applied")).toHaveTextContent("表头相同，已自动套用「会员月报」");
    await waitFor(() => expect(screen.getByTestId("template-select")).toHaveTextContent("会员月报"));
    expect(screen.getByTestId("map-1")).toHaveTextContent("外部编号");
  });

  it("a_customers_file_is_offered_only_customers_templates", async () => {
    await openFile(null);
    fireEvent.mouseDown(within(screen.getByTestId("template-select")).getByRole("combobox"));
    await waitFor(() => expect(document.querySelector('.ant-select-item-option[title="会员月报"]')).not.toBeNull());
    expect(document.querySelector('.ant-select-item-option[title="月度订单"]')).toBeNull();
  });

  it("picking_a_template_by_hand_maps_the_columns_its_way", async () => {
    const { user } = await openFile(null);
    vi.mocked(importTemplatesApply).mockResolvedValue(monthly.columns.map((c) => c.target));
    fireEvent.mouseDown(within(screen.getByTestId("template-select")).getByRole("combobox"));
    const option = '.ant-select-item-option[title="会员月报"]';
    await waitFor(() => expect(document.querySelector(option)).not.toBeNull());
    await user.click(document.querySelector<HTMLElement>(option)!);
    await waitFor(() => expect(importTemplatesApply).toHaveBeenCalledWith(4, ["顾客", "卡号"]));
    await waitFor(() => expect(lastSpecColumns()).toEqual(monthly.columns.map((c) => c.target)));
    expect(screen.queryByTestId("template-applied")).not.toBeInTheDocument();
  });

  it("saving_the_mapping_sends_the_headers_and_the_columns_under_the_name", async () => {
    const { user } = await openFile(null);
    vi.mocked(importTemplatesSave).mockResolvedValue(9);
    await user.click(screen.getByTestId("template-save"));
    await user.type(await screen.findByTestId("template-name"), "会员月报");
    await user.click(screen.getByTestId("template-save-ok"));
    await waitFor(() =>
      expect(importTemplatesSave).toHaveBeenCalledWith({
        name: "会员月报",
        headers: ["顾客", "卡号"],
        columns: [{ type: "ignore" }, { type: "ignore" }],
      }),
    );
    expect(await screen.findByText("已保存模板「会员月报」")).toBeInTheDocument();
    await waitFor(() => expect(importTemplatesList).toHaveBeenCalledTimes(2));
  });

  it("deleting_the_shown_template_asks_first_and_keeps_the_mapping", async () => {
    const { user } = await openFile({ id: 4, name: "会员月报" });
    vi.mocked(importTemplatesDelete).mockResolvedValue(null);
    await user.click(await screen.findByTestId("template-delete"));
    await user.click(await screen.findByRole("button", { name: "删除模板" }));
    await waitFor(() => expect(importTemplatesDelete).toHaveBeenCalledWith(4));
    await waitFor(() => expect(lastSpecColumns()).toEqual(monthly.columns.map((c) => c.target)));
  });
});
