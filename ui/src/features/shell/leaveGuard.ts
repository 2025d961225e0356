//! Unsaved work on a page (the rule editor) asks before the app moves to another page: the page
//! holds the guard while it is dirty, and the shell's navigation asks it first.
import { useEffect, useRef } from "react";

let guard: (() => Promise<boolean>) | null = null;

/** Whether the app may leave the current page: true at once unless a page holds unsaved work. */
export function confirmLeaving(): Promise<boolean> {
  return guard === null ? Promise.resolve(true) : guard();
}

/** Runs `go` once leaving is confirmed. */
export function leaveThen(go: () => void): void {
  void confirmLeaving().then((ok) => {
    if (ok) go();
  });
}

/** While `dirty`, leaving the page calls `ask` (true: leave, losing the changes). */
export function useLeaveGuard(dirty: boolean, ask: () => Promise<boolean>): void {
  const latest = useRef(ask);
  latest.current = ask;
  useEffect(() => {
    if (!dirty) return;
    const mine = () => latest.current();
    guard = mine;
    return () => {
      if (guard === mine) guard = null;
    };
  }, [dirty]);
}
