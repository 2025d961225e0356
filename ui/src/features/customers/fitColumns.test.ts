import { describe, expect, it } from "vitest";
import { DEFAULT_COLUMNS, shownColumns } from "./columns";
import { CHECK_WIDTH, fitColumns } from "./fitColumns";

const shown = shownColumns(DEFAULT_COLUMNS, []);
const sum = (ws: number[]) => ws.reduce((a, b) => a + b, 0);

describe("fitColumns", () => {
  it("the_default_columns_fit_a_1024_px_window_without_cutting_a_phone_or_a_date", () => {
    // 1024 px less the menu (200), the page's padding (2 × 24) and the list's scrollbar and border.
    const inside = 1024 - 200 - 48 - 17;
    const widths = fitColumns(shown, inside);
    expect(CHECK_WIDTH + sum(widths)).toBeLessThanOrEqual(inside);
    const of = (key: string) => widths[shown.findIndex((c) => c.key === key)]!;
    expect(of("phone"), "an 11-digit phone needs 116 px").toBeGreaterThanOrEqual(116);
    expect(of("created_at"), "an English date (02/28/2026) needs 104 px").toBeGreaterThanOrEqual(104);
    expect(of("tags")).toBeGreaterThanOrEqual(96);
  });

  it("a_wide_window_gives_the_room_left_over_to_the_tags", () => {
    const liked = shown.map((c) => c.width);
    const widths = fitColumns(shown, 1600);
    expect(CHECK_WIDTH + sum(widths)).toBe(1600);
    const tags = shown.findIndex((c) => c.key === "tags");
    expect(widths[tags]).toBeGreaterThan(liked[tags]!);
    expect(widths.filter((_, i) => i !== tags)).toEqual(liked.filter((_, i) => i !== tags));
  });

  it("a_list_narrower_than_every_minimum_keeps_the_minimums_and_scrolls_sideways", () => {
    const widths = fitColumns(shown, 400);
    expect(CHECK_WIDTH + sum(widths)).toBeGreaterThan(400);
    expect(widths[shown.findIndex((c) => c.key === "phone")]).toBe(116);
  });

  it("before_the_list_is_measured_each_column_has_the_width_it_likes", () => {
    expect(fitColumns(shown, null)).toEqual(shown.map((c) => c.width));
  });
});
