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
});
