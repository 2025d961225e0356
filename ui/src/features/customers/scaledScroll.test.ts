import { describe, expect, it } from "vitest";
import {
  contentHeight,
  followScroll,
  isScaled,
  keyScroll,
  MAX_SCROLL_HEIGHT,
  maxOffset,
  maxScrollTop,
  offsetForScrollTop,
  rowTop,
  scrollBy,
  scrollTopForOffset,
  TOP,
  visibleRange,
  type Geometry,
} from "./scaledScroll";

const ROW = 48;
const million: Geometry = { total: 1_000_000, rowHeight: ROW, viewport: 560 };
const small: Geometry = { total: 500, rowHeight: ROW, viewport: 560 };

/** The rows whose boxes overlap the viewport at a position. */
function rowsOnScreen(pos: { scrollTop: number; offset: number }, g: Geometry): number[] {
  const range = visibleRange(pos.offset, g, 0);
  if (range === null) return [];
  const out: number[] = [];
  for (let i = range.first; i <= range.last; i++) {
    const top = rowTop(i, pos, g.rowHeight) - pos.scrollTop;
    if (top + g.rowHeight > 0 && top < g.viewport) out.push(i);
  }
  return out;
}

describe("scaled scrolling", () => {
  it("a_million_rows_make_a_capped_scroll_area_that_webkit_can_lay_out", () => {
    expect(isScaled(million)).toBe(true);
    expect(contentHeight(million)).toBe(MAX_SCROLL_HEIGHT);
    expect(MAX_SCROLL_HEIGHT, "WebKit stops laying out at 2^25 px").toBeLessThan(33_554_432);
  });

  it("scrolling_a_million_rows_to_the_max_offset_shows_the_last_row", () => {
    const bottom = followScroll(TOP, maxScrollTop(million), million);
    expect(bottom.offset).toBe(maxOffset(million));
    const shown = rowsOnScreen(bottom, million);
    expect(shown).toContain(999_999);
    expect(shown[shown.length - 1]).toBe(999_999);
    // The last row's bottom sits exactly at the bottom of the viewport, inside the capped area.
    const lastTop = rowTop(999_999, bottom, ROW);
    expect(lastTop + ROW).toBeCloseTo(bottom.scrollTop + million.viewport, 6);
    expect(lastTop + ROW).toBeLessThanOrEqual(contentHeight(million) + 1e-6);
  });

  it("dragging_the_scrollbar_halfway_shows_the_middle_of_a_million_rows", () => {
    const half = followScroll(TOP, maxScrollTop(million) / 2, million);
    const shown = rowsOnScreen(half, million);
    expect(shown[0]).toBeGreaterThan(499_000);
    expect(shown[0]).toBeLessThan(501_000);
    // Drawn rows stay inside the capped scroll area, around the scroll position.
    for (const i of shown) {
      const top = rowTop(i, half, ROW);
      expect(top).toBeGreaterThanOrEqual(half.scrollTop - ROW);
      expect(top).toBeLessThanOrEqual(half.scrollTop + million.viewport);
    }
  });

  it("the_top_shows_the_first_rows", () => {
    expect(rowsOnScreen(followScroll(TOP, 0, million), million)[0]).toBe(0);
  });

  it("scroll_position_and_offset_map_back_and_forth", () => {
    for (const offset of [0, 1234, 24_000_000, maxOffset(million)]) {
      expect(offsetForScrollTop(scrollTopForOffset(offset, million), million)).toBeCloseTo(offset, 3);
    }
  });

  it("a_wheel_step_moves_a_scaled_list_by_its_own_distance_not_the_scale_factor", () => {
    const mid = followScroll(TOP, 3_000_000, million);
    const next = scrollBy(mid, 100, million);
    expect(next.offset - mid.offset).toBeCloseTo(100, 6);
    expect(next.pending, "the new scroll position is written back to the element").toBe(next.scrollTop);
    // The element's echo of that write keeps the exact offset (the element may round it).
    const echoed = followScroll(next, Math.round(next.scrollTop), million);
    expect(echoed.offset).toBe(next.offset);
    // Rows move smoothly: row tops relative to the viewport shift by exactly the step.
    const i = Math.floor(mid.offset / ROW) + 3;
    const before = rowTop(i, mid, ROW) - mid.scrollTop;
    const after = rowTop(i, echoed, ROW) - echoed.scrollTop;
    expect(before - after).toBeCloseTo(100, 6);
  });

  it("wheel_steps_stop_at_both_ends", () => {
    const g = million;
    expect(scrollBy(TOP, -500, g)).toMatchObject({ offset: 0, scrollTop: 0 });
    const end = scrollBy(followScroll(TOP, maxScrollTop(g), g), 500, g);
    expect(end.offset).toBe(maxOffset(g));
    expect(end.scrollTop).toBeCloseTo(maxScrollTop(g), 6);
  });

  it("small_totals_behave_exactly_as_before", () => {
    expect(isScaled(small)).toBe(false);
    expect(contentHeight(small)).toBe(500 * ROW);
    for (const top of [0, 1, 480, 7_777, maxScrollTop(small)]) {
      const pos = followScroll(TOP, top, small);
      expect(pos.offset).toBe(top);
      expect(rowTop(10, pos, ROW), "rows sit at index × 48 px").toBe(480);
    }
    expect(scrollBy({ scrollTop: 100, offset: 100, pending: null }, 40, small)).toMatchObject({ scrollTop: 140, offset: 140 });
  });

  it("a_list_just_under_the_cap_is_not_scaled", () => {
    const g: Geometry = { total: Math.floor(MAX_SCROLL_HEIGHT / ROW), rowHeight: ROW, viewport: 560 };
    expect(isScaled(g)).toBe(false);
    expect(offsetForScrollTop(123_456, g)).toBe(123_456);
  });

  it("visible_range_adds_overscan_and_stays_within_the_list", () => {
    expect(visibleRange(0, small, 10)).toEqual({ first: 0, last: 21 });
    expect(visibleRange(maxOffset(small), small, 10)).toEqual({ first: 478, last: 499 });
    expect(visibleRange(0, { ...small, total: 0 }, 10)).toBeNull();
    expect(visibleRange(0, { ...small, total: 3 }, 10)).toEqual({ first: 0, last: 2 });
  });

  it("keys_scroll_by_a_line_a_page_or_to_an_end", () => {
    expect(keyScroll("ArrowDown", false, 560, 40)).toBe(40);
    expect(keyScroll("PageUp", false, 560, 40)).toBe(-520);
    expect(keyScroll(" ", true, 560, 40)).toBe(-520);
    expect(keyScroll("End", false, 560, 40)).toBe("end");
    expect(keyScroll("a", false, 560, 40)).toBeNull();
  });
});
