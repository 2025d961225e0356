import { screen, waitFor } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { segmentsCount, type Condition, type Segment } from "../../../lib/ipc";
import { counted, node, segmentScreens } from "../../../test/segmentsIpc";
import { renderWithProviders } from "../../../test/render";
import { SegmentBuilder } from "./SegmentBuilder";

const tree: Condition = {
  type: "or",
  children: [
    { type: "and", children: [{ type: "tag", tag_id: 6 }, { type: "field", field: "city", op: "eq", values: ["上海"] }] },
    { type: "not", child: { type: "tag", tag_id: 8 } },
  ],
};
const segment: Segment = { id: 99, name: "分群", kind: "dynamic", condition: tree, pinned: false, frozen_at: null, created_at: 0, updated_at: 0 };

/** Each group header's and rule row's controls in order, named by test id (a count and its
 *  placeholder under one name): what decides where every button sits on the row. */
function rows(): string[][] {
  const all = [...document.querySelectorAll(".ruleGroup-header, [data-testid='rule']")];
  return all.map((row) =>
    [...row.children].map((c) => {
      const id = c.getAttribute("data-testid") ?? c.querySelector("[data-testid]")?.getAttribute("data-testid") ?? c.className;
      return id.replace(/-pending$/, "");
    }),
  );
}

describe("live counts in the builder", () => {
  it("a_count_arriving_moves_no_button_because_its_slot_is_already_there_after_the_buttons", async () => {
    segmentScreens();
    let release = () => undefined as void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    // The backend's answer for `tree` (root, the AND group and its two rules, the NOT group and
    // its rule), held back until the test has seen the rows before any count.
    vi.mocked(segmentsCount).mockImplementation(async () => {
      await gate;
      return counted(node(61, node(5, node(23), node(27)), node(58, node(46))));
    });
    renderWithProviders(<SegmentBuilder segment={segment} onSaved={() => undefined} />);
    await waitFor(() => expect(screen.getAllByTestId("rule")).toHaveLength(3));
    expect(screen.queryAllByTestId("group-count"), "no count yet: the gate holds it").toHaveLength(0);
    expect(screen.getAllByTestId("group-count-pending")).toHaveLength(3);
    expect(screen.getAllByTestId("rule-count-pending")).toHaveLength(3);
    const before = rows();

    release();
    await waitFor(() => expect(screen.getAllByTestId("group-count")).toHaveLength(3));
    expect(screen.getAllByTestId("rule-count")).toHaveLength(3);
    expect(rows(), "the rows hold the same controls in the same order before and after counting").toEqual(before);
    for (const row of before) {
      expect(row.at(-1), `the count is the last thing on the row ${row.join(" ")}`).toMatch(/^(group|rule)-count$/);
    }
  });
});
