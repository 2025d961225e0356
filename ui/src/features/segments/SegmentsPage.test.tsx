import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { operationsUndo, segmentsDashboard, segmentsExplain, segmentsGet, segmentsList, segmentsMembers, segmentsPin, segmentsTag, type Condition, type PinnedSegment, type Segment } from "../../lib/ipc";
import { customer, page } from "../../test/fixtures";
import { renderWithProviders } from "../../test/render";
import { segment, segmentScreens } from "../../test/segmentsIpc";
import { changeOf } from "./Dashboard";
import { SegmentsPage } from "./SegmentsPage";

const shanghaiVip: Condition = { type: "and", children: [{ type: "tag", tag_id: 6 }, { type: "field", field: "city", op: "eq", values: ["上海"] }] };
const week = ["2025-06-01", "2025-06-02", "2025-06-03", "2025-06-04", "2025-06-05", "2025-06-06", "2025-06-07"];
const card = (seg: Segment, count: number): PinnedSegment => ({ segment: seg, count, problem: null, history: week.map((day, i) => [day, count - 6 + i]) });

/** The backend holds `saved`; opening one reads it back by id. The builder's counts stay pending. */
function holding(...saved: Segment[]) {
  segmentScreens({ segments: saved });
  vi.mocked(segmentsGet).mockImplementation(async (id) => saved.find((s) => s.id === id)!);
}

async function open(user: ReturnType<typeof renderWithProviders>["user"], id: number, name: RegExp) {
  await user.click(within(await screen.findByTestId(`segment-item-${id}`)).getByRole("button", { name }));
  return screen.findByTestId("segment-detail");
}

describe("SegmentsPage", () => {
  it("with_no_segments_says_how_to_start_and_shows_the_builder", async () => {
    holding();
    renderWithProviders(<SegmentsPage />);
    expect(await screen.findByTestId("segments-empty")).toHaveTextContent("还没有分群：用条件构建一个");
    expect(screen.getByTestId("segment-builder")).toBeInTheDocument();
    expect(await screen.findByTestId("dashboard-empty")).toBeInTheDocument();
  });

  it("pinning_a_segment_asks_the_backend_then_shows_its_card_with_todays_count", async () => {
    let pinned = false;
    const seg = () => segment(7, "上海 VIP", shanghaiVip, { pinned });
    holding();
    vi.mocked(segmentsList).mockImplementation(async () => [seg()]);
    vi.mocked(segmentsPin).mockImplementation(async (_id, pin) => {
      pinned = pin;
      return null;
    });
    vi.mocked(segmentsDashboard).mockImplementation(async () => (pinned ? [card(seg(), 23)] : []));
    const { user } = renderWithProviders(<SegmentsPage />);
    const item = await screen.findByTestId("segment-item-7");
    expect(item).toHaveAttribute("data-pinned", "false");
    await user.click(within(item).getByTestId("segment-pin-7"));
    await waitFor(() => expect(segmentsPin).toHaveBeenCalledWith(7, true));
    const pinnedCard = await screen.findByTestId("pinned-card-7");
    expect(pinnedCard).toHaveAttribute("data-count", "23");
    expect(within(pinnedCard).getByTestId("sparkline")).toHaveAttribute("data-points", "7");
    await waitFor(() => expect(screen.getByTestId("segment-item-7")).toHaveAttribute("data-pinned", "true"));
  });

  it("a_pinned_segment_that_cannot_be_counted_shows_why_and_the_others_still_count", async () => {
    const fine = segment(7, "上海 VIP", shanghaiVip, { pinned: true });
    const deep = segment(8, "旧的深层分群", shanghaiVip, { pinned: true });
    holding(fine, deep);
    vi.mocked(segmentsDashboard).mockResolvedValue([
      card(fine, 23),
      { ...card(deep, 0), problem: { code: "condition_too_deep", problem: { code: "groups_too_deep", limit: 12, segment: null }, message: "1: too deep", path: null, field: "1" } },
    ]);
    renderWithProviders(<SegmentsPage />);
    const broken = await screen.findByTestId("pinned-card-8");
    expect(within(broken).getByTestId("pinned-problem")).toHaveTextContent("条件嵌套太深");
    expect(within(broken).queryByTestId("pinned-count")).toBeNull();
    const counted = screen.getByTestId("pinned-card-7");
    expect(within(counted).getByTestId("pinned-count")).toHaveTextContent("23");
  });

  it("opening_a_segment_lists_its_members_with_the_total_and_explains_one_in_words", async () => {
    holding(segment(7, "上海 VIP", shanghaiVip));
    vi.mocked(segmentsMembers).mockResolvedValue(page([customer(3, { city: "上海" }), customer(4, { city: "上海" })], 23));
    vi.mocked(segmentsExplain).mockResolvedValue({
      matched: true,
      actual: null,
      children: [
        { matched: true, actual: null, children: [] },
        { matched: true, actual: "上海", children: [] },
      ],
    });
    const { user } = renderWithProviders(<SegmentsPage />);
    const detail = await open(user, 7, /上海 VIP/);
    await waitFor(() => expect(within(detail).getAllByTestId("member-row")).toHaveLength(2));
    expect(segmentsMembers).toHaveBeenCalledWith(expect.objectContaining({ source: { type: "segment", segment_id: 7 } }));
    expect(screen.getByTestId("segment-detail-note"), "the total is the backend's, not the rows on this page").toHaveTextContent("共 23 位成员");
    await user.click(within(detail).getAllByTestId("member-explain")[0]!);
    const panel = await screen.findByTestId("explain-panel");
    expect(segmentsExplain).toHaveBeenCalledWith(shanghaiVip, 3);
    expect(panel).toHaveAttribute("data-matched", "true");
    const nodes = within(panel).getAllByTestId("explain-node");
    expect(nodes.map((n) => n.getAttribute("data-matched"))).toEqual(["true", "true", "true"]);
    expect(nodes[1]).toHaveTextContent("有标签「VIP」");
    expect(nodes[2]).toHaveTextContent("城市 = 上海");
    expect(nodes[2]).toHaveTextContent("实际：上海");
  });

  it("tagging_all_members_reports_how_many_changed_refreshes_the_members_and_offers_undo", async () => {
    holding(segment(7, "上海 VIP", shanghaiVip));
    vi.mocked(segmentsMembers).mockResolvedValue(page([customer(3, { city: "上海" }), customer(4, { city: "上海" })]));
    vi.mocked(segmentsTag).mockResolvedValue({ operation_id: 41, batch_id: 3, changed: 2, replaced: 0 });
    vi.mocked(operationsUndo).mockResolvedValue({ undone: [41], undo_operations: [42], changed: 2 });
    const { user } = renderWithProviders(<SegmentsPage />);
    const detail = await open(user, 7, /上海 VIP/);
    await waitFor(() => expect(within(detail).getAllByTestId("member-row")).toHaveLength(2));
    const asked = vi.mocked(segmentsMembers).mock.calls.length;
    await user.click(await screen.findByTestId("segment-bulk-tag"));
    await user.click(await screen.findByRole("option", { name: /重要价值/ }));
    await user.click(screen.getByTestId("tag-picker-ok"));
    await waitFor(() => expect(segmentsTag).toHaveBeenCalledWith({ type: "segment", segment_id: 7 }, 11));
    const result = await screen.findByTestId("bulk-result");
    expect(result).toHaveAttribute("data-changed", "2");
    expect(result).toHaveTextContent("重要价值");
    await waitFor(() => expect(vi.mocked(segmentsMembers).mock.calls.length, "the members are asked for again").toBeGreaterThan(asked));
    await user.click(within(result).getByTestId("bulk-undo"));
    await waitFor(() => expect(operationsUndo, "the undo names the operation the bulk tag reported").toHaveBeenCalledWith([41]));
  });

  it("the_change_on_a_card_is_todays_count_minus_the_oldest_day", () => {
    const seg = { id: 1, name: "x", kind: "dynamic" as const, condition: shanghaiVip, pinned: true, frozen_at: null, created_at: 0, updated_at: 0 };
    expect(changeOf({ segment: seg, count: 30, problem: null, history: [["2025-06-01", 20], ["2025-06-02", 25], ["2025-06-03", 30]] })).toEqual({ delta: 10, since: "2025-06-01", before: 20 });
    // A month of history or more: the day a month ago, not the oldest.
    const long: [string, number][] = [["2025-04-20", 5], ["2025-05-02", 12], ["2025-05-04", 18], ["2025-06-03", 30]];
    expect(changeOf({ segment: seg, count: 30, problem: null, history: long })).toEqual({ delta: 12, since: "2025-05-04", before: 18 });
    expect(changeOf({ segment: seg, count: 30, problem: null, history: [["2025-06-03", 30]] })).toBeNull();
  });
});
