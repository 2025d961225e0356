//! The pages of the shell, in menu order; a plain state value is all the routing TagDesk needs.
// Insights joins the menu when its page is built, not before.
export const PAGE_KEYS = ["customers", "tags", "segments", "rules", "value", "io", "team", "history", "settings"] as const;
export type PageKey = (typeof PAGE_KEYS)[number];
