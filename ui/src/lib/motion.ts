//! Whether the person asked their desktop for less motion (GNOME's "Animations" switch, which
//! WebKitGTK reports as `prefers-reduced-motion`). Modals, drawers and menus then appear and
//! leave at once; the end-to-end tests switch animations off the same way, so a click never
//! lands on a modal that is still sliding in.
import { useSyncExternalStore } from "react";

const QUERY = "(prefers-reduced-motion: reduce)";

function media(): MediaQueryList | null {
  return typeof window !== "undefined" && typeof window.matchMedia === "function" ? window.matchMedia(QUERY) : null;
}

function subscribe(changed: () => void): () => void {
  const list = media();
  list?.addEventListener("change", changed);
  return () => list?.removeEventListener("change", changed);
}

export function useReducedMotion(): boolean {
  return useSyncExternalStore(subscribe, () => media()?.matches ?? false);
}
