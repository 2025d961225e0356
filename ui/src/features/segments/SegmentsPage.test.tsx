import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { operationsUndo, segmentsDashboard, segmentsTag, type Condition } from "../../lib/ipc";
import { useFakeSegments } from "../../test/fakeSegmentsIpc";
import { renderWithProviders } from "../../test/render";
import { changeOf } from "./Dashboard";
import { SegmentsPage } from "./SegmentsPage";

const shanghaiVip: Condition = { type: "and", children: [{ type: "tag", tag_id: 6 }, { type: "field", field: "city", op: "eq", values: ["上海"] }] };

describe("SegmentsPage", () => {
  it("with_no_segments_says_how_to_start_and_shows_the_builder", async () => {
    useFakeSegments();
    renderWithProviders(<SegmentsPage />);
    expect(await screen.findByTestId("segments-empty")).toHaveTextContent("还没有分群：用条件构建一个");
    expect(screen.getByTestId("segment-builder")).toBeInTheDocument();
    expect(await screen.findByTestId("dashboard-empty")).toBeInTheDocument();
  });

  it("a_pinned_segment_shows_on_the_dashboard_with_todays_count", async () => {
    const { fake } = useFakeSegments();
    const id = fake.create({ name: "上海 VIP", kind: "dynamic", condition: shanghaiVip, pinned: false });
    const { user } = renderWithProviders(<SegmentsPage />);
    const item = await screen.findByTestId(`segment-item-${id}`);
    expect(item).toHaveAttribute("data-pinned", "false");
    await user.click(within(item).getByTestId(`segment-pin-${id}`));
    const card = await screen.findByTestId(`pinned-card-${id}`);
    expect(card).toHaveAttribute("data-count", String(fake.count(shanghaiVip).total));
    expect(within(card).getByTestId("sparkline")).toHaveAttribute("data-points", "7");
    await waitFor(() => expect(screen.getByTestId(`segment-item-${id}`)).toHaveAttribute("data-pinned", "true"));
  });

  it("a_pinned_segment_that_cannot_be_counted_shows_why_and_the_others_still_count", async () => {
    const { fake } = useFakeSegments();
    const fine = fake.create({ name: "上海 VIP", kind: "dynamic", condition: shanghaiVip, pinned: true });
    const deep = fake.create({ name: "旧的深层分群", kind: "dynamic", condition: shanghaiVip, pinned: true });
    const cards = fake.dashboard().map((card) =>
      card.segment.id === deep
        ? { ...card, count: 0, problem: { code: "condition_too_deep" as const, problem: { code: "groups_too_deep" as const, limit: 12, segment: null }, message: "1: too deep", path: null, field: "1" } }
        : card,
    );
    vi.mocked(segmentsDashboard).mockResolvedValue(cards);
    renderWithProviders(<SegmentsPage />);
    const broken = await screen.findByTestId(`pinned-card-${deep}`);
    expect(within(broken).getByTestId("pinned-problem")).toHaveTextContent("条件嵌套太深");
    expect(within(broken).queryByTestId("pinned-count")).toBeNull();
    const counted = screen.getByTestId(`pinned-card-${fine}`);
    expect(within(counted).getByTestId("pinned-count")).toHaveTextContent(String(fake.count(shanghaiVip).total));
  });

  it("opening_a_segment_lists_its_members_and_explains_one", async () => {
    const { fake } = useFakeSegments();
    const id = fake.create({ name: "上海 VIP", kind: "dynamic", condition: shanghaiVip, pinned: false });
    const { user } = renderWithProviders(<SegmentsPage />);
    await user.click(within(await screen.findByTestId(`segment-item-${id}`)).getByRole("button", { name: /上海 VIP/ }));
    const detail = await screen.findByTestId("segment-detail");
    const total = fake.count(shanghaiVip).total;
    await waitFor(() => expect(within(detail).getAllByTestId("member-row")).toHaveLength(total));
    expect(screen.getByTestId("segment-detail-note")).toHaveTextContent(`共 ${total} 位成员`);
    await user.click(within(detail).getAllByTestId("member-explain")[0]!);
    const panel = await screen.findByTestId("explain-panel");
    expect(panel).toHaveAttribute("data-matched", "true");
    const nodes = within(panel).getAllByTestId("explain-node");
    expect(nodes.map((n) => n.getAttribute("data-matched"))).toEqual(["true", "true", "true"]);
    expect(nodes[1]).toHaveTextContent("有标签「VIP」");
    expect(nodes[2]).toHaveTextContent("城市 = 上海");
    expect(nodes[2]).toHaveTextContent("实际：上海");
  });

  it("tagging_all_members_reports_how_many_changed_and_offers_undo", async () => {
    const { fake, customers } = useFakeSegments();
    const id = fake.create({ name: "上海 VIP", kind: "dynamic", condition: shanghaiVip, pinned: false });
    vi.mocked(operationsUndo).mockResolvedValue({ undone: [1], undo_operations: [2], changed: 3 });
    const { user } = renderWithProviders(<SegmentsPage />);
    await user.click(within(await screen.findByTestId(`segment-item-${id}`)).getByRole("button", { name: /上海 VIP/ }));
    await user.click(await screen.findByTestId("segment-bulk-tag"));
    await user.click(await screen.findByRole("option", { name: /重要价值/ }));
    await user.click(screen.getByTestId("tag-picker-ok"));
    await waitFor(() => expect(segmentsTag).toHaveBeenCalledWith({ type: "segment", segment_id: id }, 11));
    const total = fake.count(shanghaiVip).total;
    const tagged = customers().filter((c) => c.city === "上海" && c.tags.some((t) => t.id === 6) && c.tags.filter((t) => t.id === 11).length === 1).length;
    const result = await screen.findByTestId("bulk-result");
    expect(Number(result.getAttribute("data-changed"))).toBeLessThanOrEqual(total);
    expect(tagged, "every member now carries the tag").toBe(total);
    expect(result).toHaveTextContent("重要价值");
    await user.click(within(result).getByTestId("bulk-undo"));
    // The undo names the operation the bulk tag reported (the fake reports 0).
    await waitFor(() => expect(operationsUndo).toHaveBeenCalledWith([0]));
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
