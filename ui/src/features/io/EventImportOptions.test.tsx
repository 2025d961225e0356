import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { eventKindsList, type ImportPreview } from "../../lib/ipc";
import { renderWithProviders } from "../../test/render";
import { EventImportOptions } from "./EventImportOptions";
import { DEFAULT_EDITS, buildSpec, setWhat } from "./spec";

const preview = { kinds_to_create: [] } as unknown as ImportPreview;

describe("events import options", () => {
  it("repeated_rows_are_kept_by_default_and_can_be_left_out", async () => {
    vi.mocked(eventKindsList).mockResolvedValue([]);
    const edits = setWhat(DEFAULT_EDITS, "events");
    expect(buildSpec("/tmp/订单.csv", edits).events.in_file_duplicates).toBe("keep");
    const onChange = vi.fn();
    const { user } = renderWithProviders(<EventImportOptions preview={preview} edits={edits} onChange={onChange} />);
    const select = screen.getByTestId("import-in-file-duplicates");
    expect(select).toHaveTextContent("也导入");
    fireEvent.mouseDown(within(select).getByRole("combobox"));
    await waitFor(() => expect(document.querySelector('.ant-select-item-option[title="不导入"]')).not.toBeNull());
    await user.click(document.querySelector<HTMLElement>('.ant-select-item-option[title="不导入"]')!);
    expect(onChange).toHaveBeenCalledWith({ ...edits, in_file_duplicates: "skip" });
  });

  it("a_kind_not_declared_yet_can_be_typed_as_the_kind_of_every_row_and_is_then_created", async () => {
    vi.mocked(eventKindsList).mockResolvedValue([{ id: 1, name: "下单", description: "", properties: [], is_order: true, events: 0 }]);
    const edits = setWhat(DEFAULT_EDITS, "events");
    const onChange = vi.fn();
    const { user } = renderWithProviders(<EventImportOptions preview={preview} edits={edits} onChange={onChange} />);
    const select = screen.getByTestId("import-fixed-kind");
    await waitFor(() => expect(eventKindsList).toHaveBeenCalled());
    await user.type(within(select).getByRole("combobox"), "退款");
    const fresh = await waitFor(() => {
      const found = document.querySelector<HTMLElement>('.ant-select-item-option[title="新建类型“退款”"]');
      if (found === null) throw new Error("no option for the typed kind");
      return found;
    });
    await user.click(fresh);
    expect(onChange).toHaveBeenCalledWith({ ...edits, fixed_kind: "退款", create_kinds: true });
  });
});
