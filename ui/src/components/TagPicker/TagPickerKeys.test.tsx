import { screen } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
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
  tagNode(8, 3, "预算待定"),
];

const highlighted = () => screen.getAllByTestId("tag-option").find((o) => o.getAttribute("data-highlighted") === "true")?.getAttribute("data-name");

describe("TagPicker from the keyboard", () => {
  it("typing_filters_and_enter_assigns_the_first_match", async () => {
    const onConfirm = vi.fn();
    const { user } = renderWithProviders(<TagPicker nodes={nodes} onConfirm={onConfirm} />);
    await user.type(screen.getByTestId("tag-picker-search"), "预算");
    expect(highlighted()).toBe("预算充足");
    await user.keyboard("{Enter}");
    expect(onConfirm).toHaveBeenCalledWith(6);
  });

  it("arrow_keys_move_the_highlight_and_enter_assigns_the_highlighted", async () => {
    const onConfirm = vi.fn();
    const { user } = renderWithProviders(<TagPicker nodes={nodes} onConfirm={onConfirm} />);
    await user.type(screen.getByTestId("tag-picker-search"), "预算{ArrowDown}");
    expect(highlighted()).toBe("预算待定");
    await user.keyboard("{ArrowDown}");
    expect(highlighted(), "past the last it wraps to the first").toBe("预算充足");
    await user.keyboard("{ArrowUp}{Enter}");
    expect(onConfirm).toHaveBeenCalledWith(8);
  });

  it("enter_on_a_tag_that_would_replace_a_sibling_shows_the_warning_before_assigning", async () => {
    const onConfirm = vi.fn();
    const current = [{ id: 4, name: "待唤醒", parentId: 2 }];
    const { user } = renderWithProviders(<TagPicker nodes={nodes} current={current} onConfirm={onConfirm} />);
    await user.type(screen.getByTestId("tag-picker-search"), "待邀约{Enter}");
    expect(onConfirm).not.toHaveBeenCalled();
    expect(screen.getByTestId("tag-picker-preview")).toHaveTextContent("替换同组的「待唤醒」");
    await user.keyboard("{Enter}");
    expect(onConfirm).toHaveBeenCalledWith(5);
  });
});
