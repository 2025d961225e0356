//! The pages of the shell, in menu order; a plain state value is all the routing TagDesk needs.
// Rules and insights join the menu when their pages are built, not before.
export const PAGE_KEYS = ["customers", "tags", "segments", "value", "io", "settings"] as const;
export type PageKey = (typeof PAGE_KEYS)[number];
