//! Unsaved work on a page (the rule editor) asks before the app moves to another page or the
//! window closes: the page holds the guard while it is dirty, the shell's navigation asks it
//! first, and the window's close request waits for it (only while there is something to lose,
//! so a clean window closes as it always did).
import { useEffect, useRef } from "react";
import { guardWindowClose } from "../../lib/ipc/window";

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

/** While `dirty`, leaving the page or closing the window calls `ask` (true: go, losing the changes). */
export function useLeaveGuard(dirty: boolean, ask: () => Promise<boolean>): void {
  const latest = useRef(ask);
  latest.current = ask;
  useEffect(() => {
    if (!dirty) return;
    const mine = () => latest.current();
    guard = mine;
    // The listener arrives asynchronously; a cleanup before then removes it when it does.
    let unlisten: (() => void) | null = null;
    let ended = false;
    void guardWindowClose(confirmLeaving).then((off) => {
      if (ended) off();
      else unlisten = off;
    });
    return () => {
      ended = true;
      unlisten?.();
      if (guard === mine) guard = null;
    };
  }, [dirty]);
}
