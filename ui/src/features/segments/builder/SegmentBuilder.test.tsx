import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { segmentsCount, segmentsCreate, segmentsUpdate, type Condition, type Segment } from "../../../lib/ipc";
import { customer } from "../../../test/fixtures";
import { answerCounts, counted, ENGINE, engineScreens, node, segmentScreens } from "../../../test/segmentsIpc";
import { renderWithProviders } from "../../../test/render";
import { SegmentBuilder } from "./SegmentBuilder";

function saved(condition: Condition, overrides: Partial<Segment> = {}): Segment {
  return { id: 99, name: "上海 VIP", kind: "dynamic", condition, pinned: false, frozen_at: null, created_at: 0, updated_at: 0, ...overrides };
}

const liveCount = () => screen.getByTestId("segment-live-count");

describe("SegmentBuilder", () => {
  it("shows_the_backends_count_and_sample_and_recounts_the_edited_tree", async () => {
    segmentScreens();
    const shanghai: Condition = { type: "and", children: [{ type: "field", field: "city", op: "eq", values: ["上海"] }] };
    const beijing: Condition = { type: "and", children: [{ type: "field", field: "city", op: "eq", values: ["北京"] }] };
    answerCounts([shanghai, counted(node(27, node(27)), [customer(1, { name: "沪上客户", city: "上海" })])], [beijing, counted(node(31, node(31)))]);
    renderWithProviders(<SegmentBuilder segment={saved(shanghai)} onSaved={() => undefined} />);
    await waitFor(() => expect(liveCount()).toHaveAttribute("data-count", "27"));
    expect(liveCount()).toHaveAttribute("data-state", "ready");
    expect(screen.getAllByTestId("live-sample-row").map((r) => r.textContent)).toEqual([expect.stringContaining("沪上客户")]);

    const input = within(screen.getByTestId("rule-value")).getByTestId("rule-value-input");
    fireEvent.change(input, { target: { value: "北京" } });
    await waitFor(() => expect(liveCount()).toHaveAttribute("data-count", "31"));
    expect(vi.mocked(segmentsCount)).toHaveBeenLastCalledWith(beijing);
  });

  it("an_empty_builder_asks_for_the_count_of_an_empty_and_and_shows_it", async () => {
    segmentScreens({ customers: 42 });
    answerCounts([{ type: "and", children: [] }, counted(node(42))]);
    renderWithProviders(<SegmentBuilder segment={null} onSaved={() => undefined} />);
    await waitFor(() => expect(liveCount()).toHaveAttribute("data-count", "42"));
    expect(screen.getByTestId("builder-empty-hint")).toBeInTheDocument();
  });

  it("shows_the_engines_count_of_each_group_and_rule_next_to_it", async () => {
    engineScreens();
    const { condition, count } = ENGINE.journey;
    answerCounts([condition, count]);
    renderWithProviders(<SegmentBuilder segment={saved(condition)} onSaved={() => undefined} />);
    await waitFor(() => expect(liveCount()).toHaveAttribute("data-count", String(count.total)));
    const [and, not] = count.nodes.children;
    const groups = screen.getAllByTestId("group-count").map((g) => g.getAttribute("data-count"));
    expect(groups, "root, the AND group, the NOT group").toEqual([count.total, and!.count, not!.count].map(String));
    const rules = screen.getAllByTestId("rule-count").map((r) => r.getAttribute("data-count"));
    expect(rules, "VIP, city = 上海, 微信群").toEqual([...and!.children, ...not!.children].map((n) => String(n.count)));
    expect(new Set(groups).size, "the engine's world tells the groups apart").toBe(3);
    const notGroup = screen.getAllByTestId("rule-group")[2]!;
    expect(notGroup).toHaveAttribute("data-not", "true");
  });

  it("a_rule_the_engine_rejects_is_marked_with_the_message_instead_of_a_count", async () => {
    engineScreens();
    const { condition, error } = ENGINE.unknown_tag;
    answerCounts([condition, error]);
    renderWithProviders(<SegmentBuilder segment={saved(condition)} onSaved={() => undefined} />);
    await waitFor(() => expect(liveCount()).toHaveAttribute("data-state", "invalid"));
    expect(liveCount()).not.toHaveAttribute("data-count");
    const rules = screen.getAllByTestId("rule");
    expect(within(rules[1]!).getByTestId("rule-error")).toHaveTextContent("未知的标签 999");
    expect(rules[1]).toHaveClass("rule-invalid");
    expect(within(rules[0]!).queryByTestId("rule-error")).toBeNull();
  });

  it("saving_a_tree_nested_too_deep_shows_the_refusal_and_marks_the_node_it_names", async () => {
    segmentScreens();
    const tree: Condition = { type: "and", children: [{ type: "tag", tag_id: 6 }] };
    answerCounts([tree, counted(node(23, node(23)))]);
    const tooDeep = {
      code: "condition_too_deep",
      problem: { code: "groups_too_deep", limit: 12, segment: "旧分群" },
      message: "1.1: segment “旧分群”, used here, nests groups more than 12 levels deep",
      path: null,
      field: "1.1",
    };
    vi.mocked(segmentsUpdate).mockRejectedValue(tooDeep);
    const onSaved = vi.fn();
    const { user } = renderWithProviders(<SegmentBuilder segment={saved(tree)} onSaved={onSaved} />);
    await waitFor(() => expect(liveCount()).toHaveAttribute("data-state", "ready"));
    await user.click(screen.getByTestId("segment-save"));
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("条件嵌套太深（分组最多 12 层，分群引用分群最多 8 层，展开后最多 40 层）");
    expect(alert).toHaveTextContent("此处引用的分群“旧分群”中条件组嵌套超过 12 层");
    expect(within(screen.getAllByTestId("rule")[0]!).getByTestId("rule-error")).toHaveTextContent("条件组嵌套超过 12 层");
    expect(onSaved).not.toHaveBeenCalled();
  });

  it("saving_needs_a_name_then_creates_a_dynamic_segment_of_the_tree", async () => {
    segmentScreens();
    answerCounts([{ type: "and", children: [] }, counted(node(137))]);
    vi.mocked(segmentsCreate).mockResolvedValue(5);
    const onSaved = vi.fn();
    const { user } = renderWithProviders(<SegmentBuilder segment={null} onSaved={onSaved} />);
    await waitFor(() => expect(liveCount()).toHaveAttribute("data-state", "ready"));
    await user.click(screen.getByTestId("segment-save"));
    expect(await screen.findByText("请填写分群名称")).toBeInTheDocument();
    expect(segmentsCreate).not.toHaveBeenCalled();
    await user.type(screen.getByTestId("segment-name"), "全部客户");
    await user.click(screen.getByTestId("segment-save"));
    await waitFor(() => expect(onSaved).toHaveBeenCalledWith(5));
    expect(segmentsCreate).toHaveBeenCalledWith({ name: "全部客户", kind: "dynamic", condition: { type: "and", children: [] }, pinned: false });
  });

  it("saving_as_static_says_the_members_are_frozen_and_creates_a_static_segment", async () => {
    segmentScreens();
    answerCounts([{ type: "and", children: [] }, counted(node(137))]);
    vi.mocked(segmentsCreate).mockResolvedValue(6);
    const onSaved = vi.fn();
    const { user } = renderWithProviders(<SegmentBuilder segment={null} onSaved={onSaved} />);
    await user.type(screen.getByTestId("segment-name"), "一月名单");
    await user.click(screen.getByTestId("segment-kind-static"));
    expect(screen.getByText(/保存时冻结当前成员/)).toBeInTheDocument();
    await user.click(screen.getByTestId("segment-save"));
    await waitFor(() => expect(onSaved).toHaveBeenCalledWith(6));
    expect(vi.mocked(segmentsCreate)).toHaveBeenCalledWith({ name: "一月名单", kind: "static", condition: { type: "and", children: [] }, pinned: false });
  });
});
