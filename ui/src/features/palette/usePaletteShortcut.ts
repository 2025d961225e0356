//! Ctrl+K (⌘K on a Mac) opens the command palette from anywhere, a text field included: the
//! chord types nothing, so it takes nothing away from typing.
import { useEffect, useRef } from "react";

export function usePaletteShortcut(open: () => void) {
  const latest = useRef(open);
  latest.current = open;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key.toLowerCase() !== "k" || !(e.ctrlKey || e.metaKey) || e.shiftKey || e.altKey) return;
      e.preventDefault();
      latest.current();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
}
