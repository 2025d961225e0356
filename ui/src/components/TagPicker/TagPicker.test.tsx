import { screen } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { healthSuggestions } from "../../lib/ipc";
import { tagNode } from "../../test/fixtures";
import { renderWithProviders } from "../../test/render";
import { TagPicker } from "./TagPicker";

const nodes = [
  tagNode(1, null, "销售", { kind: "category" }),
  tagNode(2, 1, "跟进状态", { kind: "group", select_mode: "single" }),
  tagNode(3, 1, "商机", { kind: "group", select_mode: "multi" }),
  tagNode(4, 2, "待唤醒"),
  tagNode(5, 2, "待邀约"),
  tagNode(6, 3, "预算充足"),
  tagNode(7, 3, "旧标签", { archived: true }),
];

const optionNames = () => screen.getAllByTestId("tag-option").map((o) => o.getAttribute("data-name"));

describe("TagPicker", () => {
  it("shows_assignable_tags_with_a_single_select_badge_and_search_narrows_them", async () => {
    const { user } = renderWithProviders(<TagPicker nodes={nodes} onConfirm={vi.fn()} />);
    expect(optionNames()).toEqual(["待唤醒", "待邀约", "预算充足"]);
    expect(screen.getByText("销售 / 跟进状态").parentElement).toHaveTextContent("单选");
    await user.type(screen.getByTestId("tag-picker-search"), "预算");
    expect(optionNames()).toEqual(["预算充足"]);
  });

  it("previews_which_tag_a_single_select_group_will_replace_before_confirming", async () => {
    const onConfirm = vi.fn();
    const current = [{ id: 4, name: "待唤醒", parentId: 2 }];
    const { user } = renderWithProviders(<TagPicker nodes={nodes} current={current} onConfirm={onConfirm} />);
    expect(screen.getByTestId("tag-picker-ok")).toBeDisabled();
    await user.click(screen.getByRole("option", { name: /待邀约/ }));
    expect(screen.getByTestId("tag-picker-preview")).toHaveTextContent("替换同组的「待唤醒」");
    expect(onConfirm, "nothing changes before the user confirms").not.toHaveBeenCalled();
    await user.click(screen.getByRole("option", { name: /预算充足/ }));
    expect(screen.getByTestId("tag-picker-preview")).not.toHaveTextContent("替换");
  });

  it("offers_what_customers_with_the_same_tags_usually_also_have_and_only_highlights_it", async () => {
    vi.mocked(healthSuggestions).mockResolvedValue({
      thresholds: { min_support: 0.3, min_lift: 1.5, min_customers: 3, limit: 4 },
      selected: 40,
      suggestions: [
        { tag_id: 4, name: "待唤醒", holders: 40, support: 1, base_share: 0.1, lift: 10, would_get: 0 },
        { tag_id: 6, name: "预算充足", holders: 30, support: 0.75, base_share: 0.2, lift: 3.75, would_get: 10 },
        { tag_id: 7, name: "旧标签", holders: 30, support: 0.75, base_share: 0.2, lift: 3.75, would_get: 10 },
      ],
      millis: 1,
    });
    const onConfirm = vi.fn();
    const current = [{ id: 4, name: "待唤醒", parentId: 2 }];
    const { user } = renderWithProviders(<TagPicker nodes={nodes} current={current} onConfirm={onConfirm} />);
    const offered = await screen.findByTestId("picker-suggestions");
    expect(offered).toHaveTextContent("有待唤醒的客户常常还有：");
    // Neither the tag held already nor an archived one is offered.
    expect(screen.getAllByTestId("picker-suggestion").map((b) => b.textContent)).toEqual(["预算充足 · 75%"]);
    expect(healthSuggestions).toHaveBeenCalledWith({ type: "condition", condition: { type: "tags", tag_ids: [4], mode: "all" } }, { limit: 4 });
    await user.click(screen.getByTestId("picker-suggestion"));
    expect(onConfirm, "a suggestion is only chosen, not given").not.toHaveBeenCalled();
    await user.click(screen.getByTestId("tag-picker-ok"));
    expect(onConfirm).toHaveBeenCalledWith(6);
  });

  it("confirming_calls_back_with_the_chosen_tag_id", async () => {
    const onConfirm = vi.fn();
    const { user } = renderWithProviders(<TagPicker nodes={nodes} onConfirm={onConfirm} />);
    await user.click(screen.getByRole("option", { name: /预算充足/ }));
    await user.click(screen.getByTestId("tag-picker-ok"));
    expect(onConfirm).toHaveBeenCalledWith(6);
  });
});
