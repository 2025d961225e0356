// The click sequence an end-to-end test uses to build "(VIP AND city = 上海) OR NOT 微信群",
// run here against the engine's recorded answer so the documented test ids stay true.
import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { segmentsCount } from "../../../lib/ipc";
import { answerCounts, ENGINE, engineScreens, segmentScreens } from "../../../test/segmentsIpc";
import { renderWithProviders } from "../../../test/render";
import { SegmentBuilder } from "./SegmentBuilder";

const at = (testId: string, path: string) => document.querySelector<HTMLElement>(`[data-testid="${testId}"][data-rule-path='${path}']`)!;
const rule = (path: string) => document.querySelector<HTMLElement>(`[data-testid="rule"][data-path='${path}']`)!;

type User = ReturnType<typeof renderWithProviders>["user"];

async function chooseField(user: User, path: string, value: string) {
  await user.click(within(rule(path)).getByTestId("rule-field").querySelector(".ant-select-content, .ant-select-selector") ?? within(rule(path)).getByTestId("rule-field"));
  const option = await waitFor(() => {
    const found = [...document.querySelectorAll<HTMLElement>(`[data-testid="rule-field-option"][data-value="${value}"]`)].pop();
    if (found === undefined) throw new Error(`no option ${value}`);
    return found;
  });
  await user.click(option);
}

describe("building a tree by clicks", () => {
  it("tag_and_city_or_not_tag_sends_that_tree_and_shows_the_engines_count", { timeout: 60_000 }, async () => {
    // The engine's world holds VIP and 微信群; only the finished tree has an answer, the trees
    // on the way there stay counting.
    engineScreens();
    const { condition: expected, count } = ENGINE.journey;
    answerCounts([expected, count]);
    const { user } = renderWithProviders(<SegmentBuilder segment={null} onSaved={() => undefined} />);
    const pickField = (path: string, value: string) => chooseField(user, path, value);
    const pickTag = async (path: string, name: string) => {
      const select = within(rule(path)).getByTestId("rule-value-tags");
      await user.click(select.querySelector(".ant-select-content, .ant-select-selector") ?? select);
      const option = await waitFor(() => {
        const found = [...document.querySelectorAll<HTMLElement>(`[data-testid="rule-tag-option"][data-name="${name}"]`)].pop();
        if (found === undefined) throw new Error(`no tag ${name}`);
        return found;
      });
      await user.click(option);
    };

    await user.click(within(at("builder-combinator", "[]")).getByTestId("builder-combinator-or"));
    await user.click(at("builder-add-group", "[]"));
    await user.click(at("builder-add-rule", "[0]"));
    await pickField("[0,0]", "tag");
    await pickTag("[0,0]", "VIP");
    await user.click(at("builder-add-rule", "[0]"));
    await pickField("[0,1]", "attr:city");
    fireEvent.change(within(rule("[0,1]")).getByTestId("rule-value-input"), { target: { value: "上海" } });
    await user.click(at("builder-add-group", "[]"));
    await user.click(at("builder-not-toggle", "[1]"));
    await user.click(at("builder-add-rule", "[1]"));
    await pickField("[1,0]", "tag");
    await pickTag("[1,0]", "微信群");

    const live = screen.getByTestId("segment-live-count");
    await waitFor(() => expect(live).toHaveAttribute("data-count", String(count.total)));
    expect(live).toHaveAttribute("data-state", "ready");
    expect(vi.mocked(segmentsCount)).toHaveBeenLastCalledWith(expected);
  });

  it("a_rule_dragged_onto_another_lands_before_it_and_onto_a_group_goes_last_in_it", { timeout: 60_000 }, async () => {
    segmentScreens();
    const { user } = renderWithProviders(<SegmentBuilder segment={null} onSaved={() => undefined} />);
    const store: Record<string, string> = {};
    const dataTransfer = {
      setData: (k: string, v: string) => void (store[k] = v),
      getData: (k: string) => store[k] ?? "",
      get types() {
        return Object.keys(store);
      },
      effectAllowed: "all",
      dropEffect: "none",
    };
    const drag = (from: string, onto: HTMLElement) => {
      fireEvent.dragStart(within(rule(from)).getByTestId("builder-drag"), { dataTransfer });
      fireEvent.dragOver(onto, { dataTransfer });
      fireEvent.drop(onto, { dataTransfer });
    };
    const fieldOf = (path: string) => within(rule(path)).getByTestId("rule-field").textContent;

    await user.click(at("builder-add-rule", "[]"));
    await chooseField(user, "[0]", "tag");
    await user.click(at("builder-add-rule", "[]"));
    await chooseField(user, "[1]", "attr:city");
    await user.click(at("builder-add-group", "[]"));
    const first = fieldOf("[0]");
    const second = fieldOf("[1]");
    expect(first).not.toBe(second);

    drag("[1]", rule("[0]"));
    await waitFor(() => expect(fieldOf("[0]")).toBe(second));
    expect(fieldOf("[1]")).toBe(first);

    const group = document.querySelector<HTMLElement>(`[data-testid="rule-group"][data-path='[2]']`)!;
    drag("[0]", group);
    await waitFor(() => expect(document.querySelector(`[data-testid="rule"][data-path='[1,0]']`)).not.toBeNull());
    expect(fieldOf("[0]")).toBe(first);
  });
});
