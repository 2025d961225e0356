//! Scaled scrolling for very long lists. A million 48 px rows would need a 48,000,000 px scroll area,
//! more than WebKit lays out (about 33,554,432 px), so the last rows could never be reached. The
//! scroll area is capped instead, and the scroll position maps proportionally to a position in the
//! full list (the "offset"); rows are still drawn at their own height around that position.
//! Wheel and keyboard steps move the offset one to one (not by the scale factor), so they stay smooth.
//! Lists that fit under the cap are unscaled: offset and scroll position are the same number.

/** The tallest scroll area the list makes; well under WebKit's limit, and a whole number of 48 px rows. */
export const MAX_SCROLL_HEIGHT = 8_000_000;

export interface Geometry {
  total: number;
  rowHeight: number;
  /** The visible height of the rows, without the sticky header. */
  viewport: number;
  /** Defaults to `MAX_SCROLL_HEIGHT`; tests lower it. */
  maxHeight?: number;
}

/** Where the list is: the element's scroll position and the matching position in the full list. */
export interface ScrollPosition {
  scrollTop: number;
  offset: number;
  /** The scroll position this code last wrote, so its echoing scroll event keeps the exact offset. */
  pending: number | null;
}

export const TOP: ScrollPosition = { scrollTop: 0, offset: 0, pending: null };

/** Height of the full list, as if every row were laid out. */
export const fullHeight = (g: Geometry): number => Math.max(0, g.total) * g.rowHeight;

/** Height of the scroll area actually laid out. */
export const contentHeight = (g: Geometry): number => Math.min(fullHeight(g), g.maxHeight ?? MAX_SCROLL_HEIGHT);

export const isScaled = (g: Geometry): boolean => fullHeight(g) > contentHeight(g);

/** The largest offset: the last row's bottom at the viewport's bottom. */
export const maxOffset = (g: Geometry): number => Math.max(0, fullHeight(g) - g.viewport);

/** The largest scroll position of the capped area. */
export const maxScrollTop = (g: Geometry): number => Math.max(0, contentHeight(g) - g.viewport);

const clamp = (v: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, v));

/** Position in the full list for a scroll position: proportional, so the scrollbar spans every row. */
export function offsetForScrollTop(scrollTop: number, g: Geometry): number {
  const top = clamp(scrollTop, 0, maxScrollTop(g));
  if (!isScaled(g)) return top;
  const realMax = maxScrollTop(g);
  return realMax === 0 ? 0 : (top / realMax) * maxOffset(g);
}

/** The scroll position that shows a position in the full list (the inverse of `offsetForScrollTop`). */
export function scrollTopForOffset(offset: number, g: Geometry): number {
  const off = clamp(offset, 0, maxOffset(g));
  if (!isScaled(g)) return off;
  const fullMax = maxOffset(g);
  return fullMax === 0 ? 0 : (off / fullMax) * maxScrollTop(g);
}

/**
 * A scroll event: the echo of this code's own write keeps its exact offset (the element rounds the
 * scroll position); anything else (dragging the scrollbar, a resize) maps proportionally.
 */
export function followScroll(prev: ScrollPosition, scrollTop: number, g: Geometry): ScrollPosition {
  if (prev.pending !== null && Math.abs(scrollTop - prev.pending) <= 1) return { scrollTop, offset: prev.offset, pending: null };
  return { scrollTop, offset: offsetForScrollTop(scrollTop, g), pending: null };
}

/**
 * A wheel or keyboard step of `delta` pixels: the offset moves by exactly that much, and the scroll
 * position moves to where that offset maps to (`pending`, for the caller to write to the element).
 */
export function scrollBy(prev: ScrollPosition, delta: number, g: Geometry): ScrollPosition {
  const offset = clamp(prev.offset + delta, 0, maxOffset(g));
  const target = scrollTopForOffset(offset, g);
  return { scrollTop: target, offset, pending: target };
}

/** Indexes of the rows to draw (inclusive), with `overscan` extra rows on each side; null when there are none. */
export function visibleRange(offset: number, g: Geometry, overscan: number): { first: number; last: number } | null {
  if (g.total <= 0) return null;
  const first = Math.max(0, Math.floor(offset / g.rowHeight) - overscan);
  const last = Math.min(g.total - 1, Math.ceil((offset + Math.max(g.viewport, 0)) / g.rowHeight) - 1 + overscan);
  return last < first ? null : { first, last };
}

/** Where a row is drawn inside the (capped) scroll area: next to the scroll position, at its distance from the offset. */
export function rowTop(index: number, pos: Pick<ScrollPosition, "scrollTop" | "offset">, rowHeight: number): number {
  return index * rowHeight - pos.offset + pos.scrollTop;
}

/** Pixels one wheel event asks to scroll, whatever unit it came in. */
export function wheelPixels(deltaY: number, deltaMode: number, lineHeight: number, pageHeight: number): number {
  if (deltaMode === 1) return deltaY * lineHeight;
  if (deltaMode === 2) return deltaY * pageHeight;
  return deltaY;
}

/** What a key does to the list: scroll by some pixels, jump to an end, or nothing (null). */
export function keyScroll(key: string, shiftKey: boolean, viewport: number, lineHeight: number): number | "start" | "end" | null {
  const page = Math.max(lineHeight, viewport - lineHeight);
  switch (key) {
    case "ArrowDown":
      return lineHeight;
    case "ArrowUp":
      return -lineHeight;
    case "PageDown":
      return page;
    case "PageUp":
      return -page;
    case " ":
      return shiftKey ? -page : page;
    case "Home":
      return "start";
    case "End":
      return "end";
    default:
      return null;
  }
}
