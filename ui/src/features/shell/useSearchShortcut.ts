//! "/" (outside a text field) or Ctrl/⌘+F focuses the current page's search box, the one marked
//! `data-page-search`; pages without one, and dialogs over the page, leave the keys alone.
import { useEffect } from "react";
import { isInEditable } from "../../lib/editable";

/** The attribute a page puts on its search input. */
export const PAGE_SEARCH = { "data-page-search": "true" } as const;

export function useSearchShortcut() {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const slash = e.key === "/" && !e.ctrlKey && !e.metaKey && !e.altKey;
      const find = e.key.toLowerCase() === "f" && (e.ctrlKey || e.metaKey) && !e.shiftKey && !e.altKey;
      if (!(slash && !isInEditable(e.target)) && !find) return;
      const box = pageSearch();
      if (box === null) return;
      e.preventDefault();
      box.focus();
      box.select();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
}

function pageSearch(): HTMLInputElement | null {
  const dialogOpen = document.querySelector(".ant-modal-wrap:not([style*='display: none']), .ant-drawer-open") !== null;
  return dialogOpen ? null : document.querySelector<HTMLInputElement>("input[data-page-search]");
}
