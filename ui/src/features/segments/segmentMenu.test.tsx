import { fireEvent, screen, waitFor } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { segmentsDelete, segmentsDuplicate, type Segment } from "../../lib/ipc";
import { renderWithProviders } from "../../test/render";
import { SegmentList } from "./SegmentList";

const segment = (id: number, name: string): Segment => ({ id, name, kind: "dynamic", condition: { type: "and", children: [] }, pinned: false, frozen_at: null, created_at: 0, updated_at: 0 });
const segments = [segment(7, "上海 VIP"), segment(8, "沉睡客户")];

function renderList() {
  const props = { onOpen: vi.fn(), onNew: vi.fn(), onDeleted: vi.fn(), onEdit: vi.fn(), onExport: vi.fn() };
  const rendered = renderWithProviders(<SegmentList segments={segments} selectedId={null} {...props} />);
  return { ...rendered, ...props };
}

const rightClick = (id: number) => fireEvent.contextMenu(screen.getByTestId(`segment-item-${id}`));

describe("segment right-click menu", () => {
  it("offers_open_edit_duplicate_export_and_delete_each_doing_what_it_says", async () => {
    vi.mocked(segmentsDuplicate).mockResolvedValue(9);
    const { user, onOpen, onEdit, onExport } = renderList();
    rightClick(8);
    const keys = (await screen.findAllByTestId(/^menu-segment-/)).map((el) => el.getAttribute("data-testid"));
    expect(keys).toEqual(["menu-segment-open", "menu-segment-edit", "menu-segment-duplicate", "menu-segment-export", "menu-segment-delete"]);
    await user.click(screen.getByTestId("menu-segment-open"));
    expect(onOpen).toHaveBeenCalledWith(8);
    rightClick(8);
    await user.click(await screen.findByTestId("menu-segment-edit"));
    expect(onEdit).toHaveBeenCalledWith(8);
    rightClick(7);
    await user.click(await screen.findByTestId("menu-segment-export"));
    expect(onExport).toHaveBeenCalledWith(segments[0]);
    rightClick(7);
    await user.click(await screen.findByTestId("menu-segment-duplicate"));
    await waitFor(() => expect(segmentsDuplicate).toHaveBeenCalledWith(7));
    await waitFor(() => expect(onOpen).toHaveBeenLastCalledWith(9));
  });

  it("delete_asks_first_and_deletes_only_on_yes", async () => {
    vi.mocked(segmentsDelete).mockResolvedValue(null);
    const { user, onDeleted } = renderList();
    rightClick(7);
    await user.click(await screen.findByTestId("menu-segment-delete"));
    expect(await screen.findAllByText("删除分群「上海 VIP」？")).not.toHaveLength(0);
    expect(segmentsDelete).not.toHaveBeenCalled();
    await user.click(screen.getByTestId("segment-delete-confirm"));
    await waitFor(() => expect(segmentsDelete).toHaveBeenCalledWith(7));
    await waitFor(() => expect(onDeleted).toHaveBeenCalledWith(7));
  });
});
