import { screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { renderWithProviders } from "../../test/render";
import { TagChips } from "./TagChips";

const chips = ["VIP", "企业版", "发票错误", "预算充足", "种子用户", "微信群"].map((name, i) => ({ id: i + 1, name, color: "#fa8c16", group_id: null }));

describe("TagChips", () => {
  it("a_narrow_cell_shows_the_chips_that_fit_then_plus_n_and_hovering_it_lists_every_tag", async () => {
    const { user } = renderWithProviders(<TagChips tags={chips} room={140} />);
    const shown = screen.getAllByTestId("tag-chip").map((c) => c.getAttribute("data-name"));
    expect(shown.length, "some but not all chips fit 140 px").toBeGreaterThan(0);
    expect(shown).toEqual(chips.slice(0, shown.length).map((c) => c.name));
    const more = screen.getByTestId("tag-chips-more");
    expect(more).toHaveTextContent(`+${chips.length - shown.length}`);
    await user.hover(more);
    await waitFor(() => expect(screen.getByRole("tooltip")).toHaveTextContent(chips.map((c) => c.name).join(" · ")));
  });

  it("a_chip_of_the_list_says_on_hover_that_a_click_filters_by_it", () => {
    renderWithProviders(<TagChips tags={chips.slice(0, 1)} room={600} onChipClick={() => undefined} />);
    expect(screen.getByTestId("tag-chip")).toHaveAttribute("title", "按此标签筛选");
  });

  it("a_chip_that_does_nothing_on_click_has_no_hover_text", () => {
    renderWithProviders(<TagChips tags={chips.slice(0, 1)} room={600} />);
    expect(screen.getByTestId("tag-chip")).not.toHaveAttribute("title");
  });

  it("a_wide_cell_shows_every_chip_and_no_plus_n", () => {
    renderWithProviders(<TagChips tags={chips} room={600} />);
    expect(screen.getAllByTestId("tag-chip")).toHaveLength(chips.length);
    expect(screen.queryByTestId("tag-chips-more")).not.toBeInTheDocument();
  });
});
