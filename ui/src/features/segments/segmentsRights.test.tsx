import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { myRights, segmentsGet, segmentsMembers, type Condition, type Segment } from "../../lib/ipc";
import { page } from "../../test/fixtures";
import { renderWithProviders } from "../../test/render";
import { offHub, viewer } from "../../test/rights";
import { segment, segmentScreens } from "../../test/segmentsIpc";
import { SegmentsPage } from "./SegmentsPage";

const VIEWER_WHY = "你在团队中心的角色是「只读」：可以查看，不能修改";
const shanghai: Condition = { type: "and", children: [{ type: "field", field: "city", op: "eq", values: ["上海"] }] };

function renderPage(...saved: Segment[]) {
  segmentScreens({ segments: saved });
  vi.mocked(segmentsGet).mockImplementation(async (id) => saved.find((s) => s.id === id)!);
  vi.mocked(segmentsMembers).mockResolvedValue(page([]));
  return renderWithProviders(<SegmentsPage />);
}

const WRITES = ["segment-new", "segment-pin-7", "segment-rename-7", "segment-duplicate-7", "segment-delete-7", "segment-save"];

describe("segments under the team hub's rights", () => {
  it("a_viewer_can_create_pin_rename_duplicate_delete_or_save_no_segment_and_reads_why", async () => {
    vi.mocked(myRights).mockResolvedValue(viewer);
    const { user } = renderPage(segment(7, "上海客户", shanghai));
    await screen.findByTestId("segment-item-7");
    await waitFor(() => WRITES.forEach((id) => expect(screen.getByTestId(id)).toBeDisabled()));
    expect(screen.getByTestId("segment-read-only")).toHaveTextContent(VIEWER_WHY);
    await user.hover(screen.getByTestId("segment-delete-7").parentElement!);
    expect(await screen.findByRole("tooltip")).toHaveTextContent(VIEWER_WHY);
  });

  it("a_viewer_may_open_a_segment_but_not_edit_its_condition", async () => {
    vi.mocked(myRights).mockResolvedValue(viewer);
    const { user } = renderPage(segment(7, "上海客户", shanghai));
    await user.click(within(await screen.findByTestId("segment-item-7")).getByRole("button", { name: /上海客户/ }));
    await screen.findByTestId("segment-detail");
    await waitFor(() => expect(screen.getByTestId("segment-edit")).toBeDisabled());
    expect(screen.getByTestId("segment-bulk-tag")).toBeDisabled();
  });

  it("a_viewers_right_click_menu_offers_only_open_and_export", async () => {
    vi.mocked(myRights).mockResolvedValue(viewer);
    renderPage(segment(7, "上海客户", shanghai));
    const item = await screen.findByTestId("segment-item-7");
    await waitFor(() => expect(screen.getByTestId("segment-new")).toBeDisabled());
    fireEvent.contextMenu(item);
    const entry = (key: string) => screen.findByTestId(`menu-segment-${key}`);
    for (const key of ["edit", "duplicate", "delete"]) {
      expect(await entry(key)).toHaveAttribute("aria-disabled", "true");
      expect(await entry(key)).toHaveAttribute("title", VIEWER_WHY);
    }
    expect(await entry("open")).not.toHaveAttribute("aria-disabled", "true");
  });

  it("off_a_hub_segments_can_be_created_changed_and_saved", async () => {
    vi.mocked(myRights).mockResolvedValue(offHub);
    renderPage(segment(7, "上海客户", shanghai));
    await screen.findByTestId("segment-item-7");
    await waitFor(() => expect(myRights).toHaveBeenCalled());
    for (const id of WRITES.filter((id) => id !== "segment-save")) expect(screen.getByTestId(id)).toBeEnabled();
    expect(screen.queryByTestId("segment-read-only")).toBeNull();
  });
});
