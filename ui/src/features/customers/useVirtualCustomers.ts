//! The customer list as a virtual scroller over pages of 100 rows fetched on demand by row index:
//! a list of a million customers only ever holds the pages the user has scrolled past.
import { keepPreviousData, useQueries, useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { customersCount, customersList, type CustomerRow } from "../../lib/ipc";
import { queryKeys, type ListQuery } from "../../lib/queryKeys";
import { useScaledScroll } from "./useScaledScroll";

export const PAGE_SIZE = 100;
export const ROW_HEIGHT = 48;
/** The sticky column header's height (also set on it), which covers the top of the scroll area. */
export const HEADER_HEIGHT = 40;
/** Rows drawn beyond the visible ones, ready for scrolling. */
export const OVERSCAN = 10;
/**
 * The same for the list's first rows: each drawn row costs WebKit several milliseconds to style,
 * lay out and paint, and the first screen waits for them (docs/BENCHMARKS.md, "Starting the
 * app"); the rest of OVERSCAN follows once that screen is painted.
 */
export const FIRST_OVERSCAN = 2;

/** The pages holding the given row indexes, without duplicates, in order. */
export function pagesFor(indexes: readonly number[]): number[] {
  return [...new Set(indexes.map((i) => Math.floor(i / PAGE_SIZE)))].sort((a, b) => a - b);
}

const fetchPage = (query: ListQuery, pageIndex: number) => () =>
  customersList({ ...query, offset: pageIndex * PAGE_SIZE, limit: PAGE_SIZE });

export function useVirtualCustomers(query: ListQuery) {
  // The first page is always needed: it carries the total the scroller is sized by.
  const first = useQuery({
    queryKey: queryKeys.customersList(query, 0),
    queryFn: fetchPage(query, 0),
    placeholderData: keepPreviousData,
  });
  // Past 10,000 matches the page's total is only a lower bound: the exact count comes separately.
  const capped = first.data !== undefined && !first.data.total_exact;
  const exact = useQuery({
    queryKey: queryKeys.customersCount(query),
    queryFn: () => customersCount({ ...query, offset: 0, limit: 1 }),
    enabled: capped,
  });
  const total = capped ? (exact.data ?? first.data?.total) : first.data?.total;
  const totalIsLowerBound = capped && exact.data === undefined;
  const overscan = useOverscanAfterFirstRows(first.data !== undefined);
  // A million rows would be too tall for WebKit: the scroll area is capped and scaled.
  const scroller = useScaledScroll({
    total: total ?? 0,
    rowHeight: ROW_HEIGHT,
    headerHeight: HEADER_HEIGHT,
    overscan,
    resetKey: JSON.stringify(query),
    arrowsMoveRows: true,
  });
  const items = scroller.items;
  const more = pagesFor(items.map((i) => i.index)).filter((p) => p !== 0);
  const rest = useQueries({
    queries: more.map((pageIndex) => ({
      queryKey: queryKeys.customersList(query, pageIndex),
      queryFn: fetchPage(query, pageIndex),
    })),
  });

  // At most a handful of pages are on screen: rebuilding this map each render is cheap.
  const pages = new Map<number, CustomerRow[]>();
  if (first.data !== undefined && !first.isPlaceholderData) pages.set(0, first.data.items);
  rest.forEach((r, i) => {
    const pageIndex = more[i];
    if (pageIndex !== undefined && r.data !== undefined) pages.set(pageIndex, r.data.items);
  });

  return {
    scrollRef: scroller.scrollRef,
    /** Brings a row into view (the keyboard's highlighted row). */
    reveal: scroller.reveal,
    items,
    /** Height of the (capped) scroll area the rows are drawn in. */
    height: scroller.height,
    /** Width the columns have to fit in (null until measured). */
    width: scroller.width,
    total,
    totalIsLowerBound,
    /** The first page is still the previous query's while the new one loads. */
    stale: first.isPlaceholderData,
    rowAt: (index: number): CustomerRow | undefined => pages.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE],
    loadedIds: (): number[] => [...pages.values()].flat().map((r) => r.id),
    error: first.error ?? rest.find((r) => r.isError)?.error ?? null,
  };
}

/** FIRST_OVERSCAN until rows have been painted once (the frame after they arrived), then OVERSCAN. */
function useOverscanAfterFirstRows(hasRows: boolean): number {
  const [painted, setPainted] = useState(false);
  useEffect(() => {
    if (!hasRows || painted) return;
    // A timer set from an animation frame runs after that frame is painted.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => setPainted(true), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [hasRows, painted]);
  return painted ? OVERSCAN : FIRST_OVERSCAN;
}
