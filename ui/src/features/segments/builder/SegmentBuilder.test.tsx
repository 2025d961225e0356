import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { segmentsCount, segmentsCreate, segmentsUpdate, type Condition, type Segment } from "../../../lib/ipc";
import { useFakeSegments } from "../../../test/fakeSegmentsIpc";
import { renderWithProviders } from "../../../test/render";
import { SegmentBuilder } from "./SegmentBuilder";

function saved(condition: Condition, overrides: Partial<Segment> = {}): Segment {
  return { id: 99, name: "上海 VIP", kind: "dynamic", condition, pinned: false, frozen_at: null, created_at: 0, updated_at: 0, ...overrides };
}

const liveCount = () => screen.getByTestId("segment-live-count");

describe("SegmentBuilder", () => {
  it("shows_the_fake_backends_count_and_updates_it_after_an_edit", async () => {
    const { fake } = useFakeSegments();
    const shanghai: Condition = { type: "and", children: [{ type: "field", field: "city", op: "eq", values: ["上海"] }] };
    const beijing: Condition = { type: "and", children: [{ type: "field", field: "city", op: "eq", values: ["北京"] }] };
    renderWithProviders(<SegmentBuilder segment={saved(shanghai)} onSaved={() => undefined} />);
    const expected = fake.count(shanghai).total;
    expect(fake.count(beijing).total, "the edit must change the count").not.toBe(expected);
    await waitFor(() => expect(liveCount()).toHaveAttribute("data-count", String(expected)));
    expect(liveCount()).toHaveAttribute("data-state", "ready");
    expect(screen.getAllByTestId("live-sample-row").length).toBeGreaterThan(0);

    const input = within(screen.getByTestId("rule-value")).getByTestId("rule-value-input");
    fireEvent.change(input, { target: { value: "北京" } });
    await waitFor(() => expect(liveCount()).toHaveAttribute("data-count", String(fake.count(beijing).total)));
    expect(vi.mocked(segmentsCount)).toHaveBeenLastCalledWith(beijing);
  });

  it("an_empty_builder_counts_everyone", async () => {
    useFakeSegments(42);
    renderWithProviders(<SegmentBuilder segment={null} onSaved={() => undefined} />);
    await waitFor(() => expect(liveCount()).toHaveAttribute("data-count", "42"));
    expect(screen.getByTestId("builder-empty-hint")).toBeInTheDocument();
  });

  it("shows_each_groups_count_next_to_it", async () => {
    const { fake } = useFakeSegments();
    const tree: Condition = {
      type: "or",
      children: [
        { type: "and", children: [{ type: "tag", tag_id: 6 }, { type: "field", field: "city", op: "eq", values: ["上海"] }] },
        { type: "not", child: { type: "tag", tag_id: 8 } },
      ],
    };
    renderWithProviders(<SegmentBuilder segment={saved(tree)} onSaved={() => undefined} />);
    const result = fake.count(tree);
    await waitFor(() => expect(liveCount()).toHaveAttribute("data-count", String(result.total)));
    const groups = screen.getAllByTestId("group-count");
    expect(groups.map((g) => g.getAttribute("data-count"))).toEqual([result.total, result.nodes.children[0]!.count, result.nodes.children[1]!.count].map(String));
    const notGroup = screen.getAllByTestId("rule-group")[2]!;
    expect(notGroup).toHaveAttribute("data-not", "true");
  });

  it("a_rule_the_backend_rejects_is_marked_with_the_message_instead_of_a_count", async () => {
    useFakeSegments();
    const tree: Condition = { type: "and", children: [{ type: "tag", tag_id: 6 }, { type: "tag", tag_id: 999 }] };
    renderWithProviders(<SegmentBuilder segment={saved(tree)} onSaved={() => undefined} />);
    await waitFor(() => expect(liveCount()).toHaveAttribute("data-state", "invalid"));
    expect(liveCount()).not.toHaveAttribute("data-count");
    const rules = screen.getAllByTestId("rule");
    expect(within(rules[1]!).getByTestId("rule-error")).toHaveTextContent("未知的标签 999");
    expect(rules[1]).toHaveClass("rule-invalid");
    expect(within(rules[0]!).queryByTestId("rule-error")).toBeNull();
  });

  it("saving_a_tree_nested_too_deep_shows_the_refusal_and_marks_the_node_it_names", async () => {
    useFakeSegments();
    const tree: Condition = { type: "and", children: [{ type: "tag", tag_id: 6 }] };
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

  it("saving_needs_a_name_then_creates_a_dynamic_segment", async () => {
    const { fake } = useFakeSegments();
    const onSaved = vi.fn();
    const { user } = renderWithProviders(<SegmentBuilder segment={null} onSaved={onSaved} />);
    await waitFor(() => expect(liveCount()).toHaveAttribute("data-state", "ready"));
    await user.click(screen.getByTestId("segment-save"));
    expect(await screen.findByText("请填写分群名称")).toBeInTheDocument();
    expect(segmentsCreate).not.toHaveBeenCalled();
    await user.type(screen.getByTestId("segment-name"), "全部客户");
    await user.click(screen.getByTestId("segment-save"));
    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    const [id] = onSaved.mock.calls[0] as [number];
    expect(fake.get(id)).toMatchObject({ name: "全部客户", kind: "dynamic", frozen_at: null, condition: { type: "and", children: [] } });
  });

  it("saving_as_static_freezes_the_members_and_says_when", async () => {
    const { fake } = useFakeSegments();
    const onSaved = vi.fn();
    const { user } = renderWithProviders(<SegmentBuilder segment={null} onSaved={onSaved} />);
    await user.type(screen.getByTestId("segment-name"), "一月名单");
    await user.click(screen.getByTestId("segment-kind-static"));
    expect(screen.getByText(/保存时冻结当前成员/)).toBeInTheDocument();
    await user.click(screen.getByTestId("segment-save"));
    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    const [id] = onSaved.mock.calls[0] as [number];
    expect(fake.get(id).kind).toBe("static");
    expect(fake.get(id).frozen_at).not.toBeNull();
    expect(vi.mocked(segmentsCreate)).toHaveBeenCalledWith(expect.objectContaining({ kind: "static", name: "一月名单" }));
  });
});
