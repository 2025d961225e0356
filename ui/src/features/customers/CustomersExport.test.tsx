import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { customersList, exportCustomers, fieldsList, type ExportColumn } from "../../lib/ipc";
import { pickSavePath } from "../../lib/ipc/dialog";
import { customer, page } from "../../test/fixtures";
import { renderWithProviders } from "../../test/render";
import { ATTRIBUTES } from "../io/spec";
import { CustomersPage } from "./CustomersPage";

const DEFAULT_COLUMNS: ExportColumn[] = [...ATTRIBUTES.map((attribute): ExportColumn => ({ type: "attribute", attribute })), { type: "created_at" }];

function setup() {
  vi.mocked(customersList).mockImplementation(async (q) =>
    q.search === "王" ? page([customer(1, { name: "王小明" }), customer(2, { name: "王芳" })], 2) : page([customer(1), customer(2), customer(3)], 3),
  );
  vi.mocked(fieldsList).mockResolvedValue([]);
  vi.mocked(pickSavePath).mockResolvedValue("/home/me/客户导出.xlsx");
  vi.mocked(exportCustomers).mockResolvedValue(2);
  return renderWithProviders(<CustomersPage />);
}

describe("Exporting from the customers page", () => {
  it("the_bulk_bar_exports_exactly_the_ticked_customers", async () => {
    const { user } = setup();
    const boxes = await screen.findAllByTestId("row-select");
    await user.click(boxes[0]!);
    await user.click(boxes[2]!);
    await user.click(screen.getByTestId("bulk-export"));
    const dialog = await screen.findByTestId("export-dialog");
    expect(within(dialog).getByRole("radio", { name: "已选择的客户（2 位）" })).toBeChecked();
    await user.click(screen.getByTestId("export-ok"));
    await waitFor(() =>
      expect(exportCustomers).toHaveBeenCalledWith({
        scope: { type: "customers", ids: [1, 3] },
        columns: DEFAULT_COLUMNS,
        format: "xlsx",
        tags: "per_group",
        path: "/home/me/客户导出.xlsx",
        language: "zh-CN",
      }),
    );
    expect(pickSavePath).toHaveBeenCalledWith("客户导出.xlsx", "表格", ["xlsx"]);
    await waitFor(() => expect(screen.queryByTestId("export-dialog")).not.toBeInTheDocument());
  });

  it("the_toolbar_exports_the_current_search_with_the_chosen_columns_and_no_tags", async () => {
    const { user } = setup();
    await screen.findAllByTestId("customer-row");
    await user.type(screen.getByTestId("customer-search"), "王");
    await waitFor(() => expect(screen.getByTestId("customer-total")).toHaveTextContent("共 2 位客户"));
    await user.click(screen.getByTestId("customers-export"));
    const dialog = await screen.findByTestId("export-dialog");
    expect(within(dialog).getByRole("radio", { name: "当前筛选的客户（2 位）" })).toBeChecked();
    expect(within(dialog).getByRole("radio", { name: "全部客户" })).not.toBeChecked();
    await user.click(screen.getByTestId("export-columns-none"));
    await user.click(within(dialog).getByRole("checkbox", { name: "手机" }));
    await user.click(within(dialog).getByRole("checkbox", { name: "姓名" }));
    await user.click(within(dialog).getByRole("radio", { name: "不导出标签" }));
    await user.click(within(dialog).getByText("CSV"));
    await user.click(screen.getByTestId("export-ok"));
    await waitFor(() =>
      expect(exportCustomers).toHaveBeenCalledWith({
        scope: { type: "matching", query: { search: "王", tag_ids: [], sort: null, offset: 0, limit: 0 } },
        columns: [
          { type: "attribute", attribute: "name" },
          { type: "attribute", attribute: "phone" },
        ],
        format: "csv",
        tags: "none",
        path: "/home/me/客户导出.xlsx",
        language: "zh-CN",
      }),
    );
    expect(pickSavePath).toHaveBeenCalledWith("客户导出.csv", "表格", ["csv"]);
  });
});
