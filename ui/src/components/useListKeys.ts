//! Arrow keys and Enter in a focusable list (the customer list, the history): the arrows move a
//! highlighted row, Enter opens it. Keys typed into a field inside the list are left alone, and
//! Enter on a button in a row presses that button.
import { useState, type KeyboardEvent } from "react";
import { isInEditable } from "../lib/editable";

interface Options {
  count: number;
  onOpen: (index: number) => void;
  /** Brings a row into view after the highlight moved to it. */
  reveal?: (index: number) => void;
}

export function useListKeys({ count, onOpen, reveal }: Options) {
  const [highlight, setHighlight] = useState<number | null>(null);
  const active = highlight !== null && highlight < count ? highlight : null;
  const onKeyDown = (e: KeyboardEvent<HTMLElement>) => {
    if (e.target !== e.currentTarget && isInEditable(e.target)) return;
    if (e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
    if ((e.key === "ArrowDown" || e.key === "ArrowUp") && count > 0) {
      e.preventDefault();
      const next = active === null ? 0 : Math.min(count - 1, Math.max(0, active + (e.key === "ArrowDown" ? 1 : -1)));
      setHighlight(next);
      reveal?.(next);
    } else if (e.key === "Enter" && e.target === e.currentTarget && active !== null) {
      e.preventDefault();
      onOpen(active);
    }
  };
  return { active, setActive: setHighlight, onKeyDown };
}
