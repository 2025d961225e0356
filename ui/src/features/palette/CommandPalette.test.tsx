import { act, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { customersList, rulesList, segmentsList, tagsTree, type Page, type CustomerRow, type Rule, type Segment } from "../../lib/ipc";
import { customer, page, tagNode } from "../../test/fixtures";
import { renderWithProviders } from "../../test/render";
import type { Intent } from "../shell/intent";
import { CommandPalette } from "./CommandPalette";

const segment = (id: number, name: string) => ({ id, name, kind: "dynamic", condition: { type: "and", children: [] }, pinned: false, frozen_at: null, created_at: 0, updated_at: 0 }) as Segment;
const rule = (id: number, name: string) => ({ id, name, enabled: true }) as Rule;

function backend() {
  vi.mocked(tagsTree).mockResolvedValue({
    total_customers: 3,
    nodes: [tagNode(1, null, "客户等级", { kind: "group", select_mode: "single" }), tagNode(2, 1, "王牌客户"), tagNode(3, 1, "普通")],
  });
  vi.mocked(segmentsList).mockResolvedValue([segment(7, "王者回流"), segment(8, "沉睡客户")]);
  vi.mocked(rulesList).mockResolvedValue([rule(9, "王牌自动标记"), rule(10, "沉默提醒")]);
  vi.mocked(customersList).mockResolvedValue(page([customer(41, { name: "王小明", phone: "13800000041" }), customer(42, { name: "王芳", phone: null })]));
}

function renderPalette() {
  const onGo = vi.fn<(intent: Intent) => void>();
  const onClose = vi.fn();
  const rendered = renderWithProviders(<CommandPalette open onClose={onClose} onGo={onGo} />);
  return { ...rendered, onGo, onClose };
}

const groupKeys = () => screen.getAllByTestId(/^palette-group-/).map((g) => g.getAttribute("data-testid")?.replace("palette-group-", ""));
const itemKeys = (group: string) => within(screen.getByTestId(`palette-group-${group}`)).queryAllByTestId("palette-item").map((i) => i.getAttribute("data-key"));
const activeKey = () => screen.getAllByTestId("palette-item").find((i) => i.getAttribute("aria-selected") === "true")?.getAttribute("data-key");

describe("CommandPalette", () => {
  it("before_typing_lists_the_pages_and_the_common_actions_and_searches_no_one", async () => {
    backend();
    renderPalette();
    expect(await screen.findByTestId("palette-input")).toHaveFocus();
    expect(groupKeys()).toEqual(["pages", "actions"]);
    expect(itemKeys("pages")).toContain("page-history");
    expect(itemKeys("actions")).toEqual(["action-newCustomer", "action-import", "action-export", "action-runRules", "action-exchange"]);
    expect(customersList).not.toHaveBeenCalled();
  });

  it("typing_groups_customers_tags_segments_rules_in_that_order_searching_customers_as_the_list_does", async () => {
    backend();
    const { user } = renderPalette();
    await user.type(screen.getByTestId("palette-input"), "王");
    await waitFor(() => expect(itemKeys("customers")).toEqual(["customer-41", "customer-42"]));
    expect(groupKeys()).toEqual(["customers", "tags", "segments", "rules"]);
    expect(itemKeys("tags")).toEqual(["tag-2"]);
    expect(screen.getByTestId("palette-group-tags")).toHaveTextContent("客户等级");
    expect(itemKeys("segments")).toEqual(["segment-7"]);
    expect(itemKeys("rules")).toEqual(["rule-9"]);
    expect(screen.getByTestId("palette-group-customers")).toHaveTextContent("王小明13800000041");
    expect(customersList).toHaveBeenCalledWith({ search: "王", tag_ids: [], sort: null, offset: 0, limit: 6 });
  });

  it("typing_quickly_searches_customers_once_after_the_pause", async () => {
    backend();
    const { user } = renderPalette();
    await user.type(screen.getByTestId("palette-input"), "王小明");
    await waitFor(() => expect(itemKeys("customers")).toEqual(["customer-41", "customer-42"]));
    expect(customersList).toHaveBeenCalledTimes(1);
    expect(customersList).toHaveBeenCalledWith(expect.objectContaining({ search: "王小明" }));
  });

  it("says_it_is_searching_until_the_customers_answer_and_never_nothing_found_before", async () => {
    backend();
    let answer: (p: Page<CustomerRow>) => void = () => undefined;
    vi.mocked(customersList).mockReturnValue(new Promise((resolve) => (answer = resolve)));
    const { user } = renderPalette();
    await user.type(screen.getByTestId("palette-input"), "zzz");
    expect(within(screen.getByTestId("palette-group-customers")).getByTestId("palette-loading")).toHaveTextContent("正在查找");
    await waitFor(() => expect(customersList).toHaveBeenCalled());
    expect(screen.queryByTestId("palette-empty"), "nothing is said to be missing before the answer").not.toBeInTheDocument();
    await act(async () => answer(page([])));
    expect(await screen.findByTestId("palette-empty")).toHaveTextContent("没有找到匹配的内容");
    expect(screen.queryByTestId("palette-loading")).not.toBeInTheDocument();
  });

  it("arrow_keys_move_the_highlight_across_groups_and_enter_goes_to_the_highlighted", async () => {
    backend();
    const { user, onGo, onClose } = renderPalette();
    await user.type(screen.getByTestId("palette-input"), "王");
    await waitFor(() => expect(itemKeys("customers")).toHaveLength(2));
    expect(activeKey()).toBe("customer-41");
    await user.keyboard("{ArrowDown}{ArrowDown}");
    expect(activeKey()).toBe("tag-2");
    await user.keyboard("{ArrowUp}{ArrowUp}{ArrowUp}");
    expect(activeKey(), "up from the first wraps to the last").toBe("rule-9");
    await user.keyboard("{ArrowDown}{ArrowDown}{Enter}");
    expect(onGo).toHaveBeenCalledWith({ kind: "customer", id: 42 });
    expect(onClose).toHaveBeenCalled();
  });

  it("enter_before_the_customers_answer_goes_to_the_first_customer_once_they_do", async () => {
    backend();
    let answer: (p: Page<CustomerRow>) => void = () => undefined;
    vi.mocked(customersList).mockReturnValue(new Promise((resolve) => (answer = resolve)));
    const { user, onGo } = renderPalette();
    await user.type(screen.getByTestId("palette-input"), "王小明{Enter}");
    expect(onGo).not.toHaveBeenCalled();
    await waitFor(() => expect(customersList).toHaveBeenCalled());
    await act(async () => answer(page([customer(41, { name: "王小明" })])));
    await waitFor(() => expect(onGo).toHaveBeenCalledWith({ kind: "customer", id: 41 }));
    expect(onGo).toHaveBeenCalledTimes(1);
  });

  it.each([
    ["新建客户", { kind: "action", action: "newCustomer" }],
    ["导入客户", { kind: "action", action: "import" }],
    ["导出客户", { kind: "action", action: "export" }],
    ["运行全部规则", { kind: "action", action: "runRules" }],
    ["操作记录", { kind: "page", page: "history" }],
  ] as const)("choosing_%s_goes_where_it_says", async (label, intent) => {
    backend();
    const { user, onGo } = renderPalette();
    await user.type(screen.getByTestId("palette-input"), label);
    const item = screen.getAllByTestId("palette-item").find((i) => i.textContent === label);
    expect(item, `${label} is offered`).toBeDefined();
    await user.click(item!);
    expect(onGo).toHaveBeenCalledWith(intent);
  });

  it("a_tag_a_segment_and_a_rule_open_where_they_live", async () => {
    backend();
    const { user, onGo } = renderPalette();
    await user.type(screen.getByTestId("palette-input"), "王");
    await waitFor(() => expect(itemKeys("customers")).toHaveLength(2));
    for (const [key, intent] of [
      ["tag-2", { kind: "tag", id: 2 }],
      ["segment-7", { kind: "segment", id: 7 }],
      ["rule-9", { kind: "rule", id: 9 }],
    ] as const) {
      await user.click(screen.getAllByTestId("palette-item").find((i) => i.getAttribute("data-key") === key)!);
      expect(onGo).toHaveBeenLastCalledWith(intent);
    }
  });

  it("escape_closes_it", async () => {
    backend();
    const { user, onClose } = renderPalette();
    await screen.findByTestId("palette-input");
    await user.keyboard("{Escape}");
    expect(onClose).toHaveBeenCalled();
  });
});
