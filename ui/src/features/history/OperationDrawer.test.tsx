import { screen } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import i18n from "../../i18n";
import { operationsGet, type Operation, type OperationDetail } from "../../lib/ipc";
import { renderWithProviders } from "../../test/render";
import { OperationDrawer } from "./OperationDrawer";

const importOp: Operation = {
  id: 7,
  uid: "d-7",
  author: "李娜",
  device: "d",
  kind: "import_customers",
  source: "import",
  at: 1_764_000_000,
  customers: 1203,
  tags: 1,
  tag_name: null,
  entity: null,
  action: null,
  file: "/home/me/十一月会员.xlsx",
  undoes: null,
  undone_by: null,
  can_undo: true,
};

function detail(over: Partial<OperationDetail> = {}): OperationDetail {
  return {
    operation: importOp,
    changes: [],
    total_changes: 0,
    records: { customers_added: 1200, customers_removed: 0, customers_changed: 3, events_added: 0, events_removed: 0 },
    ...over,
  };
}

describe("OperationDrawer", () => {
  it("an_import_names_its_file_and_the_customers_it_created_and_updated_which_undo_takes_back", async () => {
    vi.mocked(operationsGet).mockResolvedValue(detail());
    renderWithProviders(<OperationDrawer id={7} onClose={() => undefined} />);

    expect(await screen.findByTestId("operation-records")).toHaveTextContent("新建 1,200 位客户 · 更新 3 位客户");
    expect(screen.getByText("/home/me/十一月会员.xlsx")).toBeInTheDocument();
    expect(screen.getByTestId("operation-records-undo")).toHaveTextContent("撤销它会移除它新建的客户和事件");
  });

  it("an_undone_events_import_says_in_english_what_its_undo_removed_and_that_redo_brings_it_back", async () => {
    await i18n.changeLanguage("en");
    const undo: Operation = { ...importOp, id: 8, kind: "undo", undoes: 7 };
    vi.mocked(operationsGet).mockResolvedValue(
      detail({ operation: undo, records: { customers_added: 0, customers_removed: 0, customers_changed: 0, events_added: 0, events_removed: 1 } }),
    );
    renderWithProviders(<OperationDrawer id={8} onClose={() => undefined} />);

    expect(await screen.findByTestId("operation-records")).toHaveTextContent(/^1 event removed$/);
    expect(screen.getByTestId("operation-records-undo")).toHaveTextContent("Undoing this undo (redo) brings them back");
  });

  it("says_nothing_about_records_for_an_operation_that_wrote_none", async () => {
    vi.mocked(operationsGet).mockResolvedValue(detail({ operation: { ...importOp, kind: "tag_add", file: null }, records: null }));
    renderWithProviders(<OperationDrawer id={7} onClose={() => undefined} />);

    expect(await screen.findByTestId("operation-drawer")).toBeInTheDocument();
    await screen.findByText("李娜");
    expect(screen.queryByTestId("operation-records")).toBeNull();
  });
});
