//! Virtual scrolling of fixed-height rows over a scroll area capped in height (see `scaledScroll.ts`):
//! follows the element's scroll, and when the list is scaled takes over wheel and keyboard steps so
//! they move the list by their own distance rather than by the scale factor.
import { useLayoutEffect, useRef, useState } from "react";
import {
  contentHeight,
  followScroll,
  isScaled,
  keyScroll,
  maxOffset,
  rowTop,
  scrollBy,
  TOP,
  visibleRange,
  wheelPixels,
  type Geometry,
  type ScrollPosition,
} from "./scaledScroll";
import { isInEditable } from "../../lib/editable";

export interface VirtualRow {
  key: number;
  index: number;
  /** Top of the row inside the scroll area, in px. */
  start: number;
}

interface Options {
  total: number;
  rowHeight: number;
  /** Height of the sticky header inside the scroll element, which hides the rows beneath it. */
  headerHeight: number;
  overscan: number;
  /** Defaults to `MAX_SCROLL_HEIGHT`. */
  maxHeight?: number;
  /** Another list (a new search, filter or sort) starts from its top: a change of this key scrolls there. */
  resetKey?: string;
  /** The arrow keys move the list's highlighted row (which `reveal` then brings into view) rather than scroll. */
  arrowsMoveRows?: boolean;
}

/** `scrollRef` goes on the scroll element: a callback, so a list that appears later (after an empty state) is followed too. */
export function useScaledScroll(options: Options) {
  const [el, scrollRef] = useState<HTMLDivElement | null>(null);
  const [viewport, setViewport] = useState(0);
  // The list's inner width (without its scrollbar), for fitting the columns; null until measured.
  const [width, setWidth] = useState<number | null>(null);
  const [pos, setPos] = useState<ScrollPosition>(TOP);
  const geometry: Geometry = {
    total: options.total,
    rowHeight: options.rowHeight,
    viewport: Math.max(0, viewport - options.headerHeight),
    maxHeight: options.maxHeight,
  };
  // Listeners read the latest geometry without being re-attached on every render.
  const geometryRef = useRef(geometry);
  geometryRef.current = geometry;
  const posRef = useRef(pos);
  posRef.current = pos;
  const arrowsMoveRows = options.arrowsMoveRows === true;
  // The effect's way to move the list, for `reveal`; null until the element is there.
  const applyRef = useRef<((next: ScrollPosition) => void) | null>(null);

  useLayoutEffect(() => {
    if (el === null) return;
    const measure = () => {
      setViewport(el.clientHeight);
      setWidth(el.clientWidth);
    };
    measure();
    const resize = new ResizeObserver(measure);
    resize.observe(el);

    const apply = (next: ScrollPosition) => {
      posRef.current = next;
      if (next.pending !== null) {
        el.scrollTop = next.pending;
        // The element rounds what it is given; rows are drawn against what it really shows.
        const actual = el.scrollTop;
        next = { ...next, scrollTop: actual, pending: actual };
        posRef.current = next;
      }
      setPos(next);
    };
    applyRef.current = apply;
    const onScroll = () => apply(followScroll(posRef.current, el.scrollTop, geometryRef.current));
    const onWheel = (e: WheelEvent) => {
      const g = geometryRef.current;
      if (!isScaled(g) || e.ctrlKey || Math.abs(e.deltaY) <= Math.abs(e.deltaX)) return;
      e.preventDefault();
      if (e.deltaX !== 0) el.scrollLeft += e.deltaX;
      apply(scrollBy(posRef.current, wheelPixels(e.deltaY, e.deltaMode, 40, g.viewport), g));
    };
    const onKey = (e: KeyboardEvent) => {
      const g = geometryRef.current;
      if (!isScaled(g) || e.altKey || e.ctrlKey || e.metaKey) return;
      if (e.target !== el && isInEditable(e.target)) return;
      // Space on a checkbox or button ticks or presses it; it scrolls only from the list itself.
      if (e.key === " " && e.target !== el) return;
      if (arrowsMoveRows && (e.key === "ArrowDown" || e.key === "ArrowUp")) return;
      const step = keyScroll(e.key, e.shiftKey, g.viewport, 40);
      if (step === null) return;
      e.preventDefault();
      const cur = posRef.current;
      const delta = step === "start" ? -cur.offset : step === "end" ? maxOffset(g) - cur.offset : step;
      apply(scrollBy(cur, delta, g));
    };
    el.addEventListener("scroll", onScroll, { passive: true });
    el.addEventListener("wheel", onWheel, { passive: false });
    el.addEventListener("keydown", onKey);
    return () => {
      applyRef.current = null;
      resize.disconnect();
      el.removeEventListener("scroll", onScroll);
      el.removeEventListener("wheel", onWheel);
      el.removeEventListener("keydown", onKey);
    };
  }, [el, arrowsMoveRows]);

  // A new total (another search) or viewport keeps the scroll position and maps it afresh.
  const sizeKey = `${geometry.total}/${geometry.viewport}/${geometry.maxHeight ?? ""}`;
  const sizeKeyRef = useRef(sizeKey);
  let current = pos;
  if (sizeKeyRef.current !== sizeKey) {
    current = followScroll({ ...pos, pending: null }, pos.scrollTop, geometry);
  }
  useLayoutEffect(() => {
    if (sizeKeyRef.current === sizeKey) return;
    sizeKeyRef.current = sizeKey;
    setPos(current);
    // `current` is derived from the key: running on the key alone is intended.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [sizeKey]);

  // After the size mapping above, so the top wins when a new search also changes the total.
  const resetRef = useRef(options.resetKey);
  const reset = resetRef.current !== options.resetKey;
  if (reset) current = TOP;
  useLayoutEffect(() => {
    if (resetRef.current === options.resetKey) return;
    resetRef.current = options.resetKey;
    if (el !== null) el.scrollTop = 0;
    posRef.current = TOP;
    setPos(TOP);
  }, [options.resetKey, el]);

  const range = visibleRange(current.offset, geometry, options.overscan);
  const items: VirtualRow[] = [];
  if (range !== null) {
    for (let index = range.first; index <= range.last; index++) {
      items.push({ key: index, index, start: rowTop(index, current, options.rowHeight) });
    }
  }
  /** Scrolls the least distance that shows row `index` whole. */
  const reveal = (index: number) => {
    const g = geometryRef.current;
    const cur = posRef.current;
    const top = index * g.rowHeight;
    const delta = top < cur.offset ? top - cur.offset : Math.max(0, top + g.rowHeight - (cur.offset + g.viewport));
    if (delta !== 0) applyRef.current?.(scrollBy(cur, delta, g));
  };
  return { scrollRef, items, height: contentHeight(geometry), scaled: isScaled(geometry), offset: current.offset, reveal, width };
}
