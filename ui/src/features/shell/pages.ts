//! The pages of the shell, in menu order; a plain state value is all the routing TagDesk needs.
export const PAGE_KEYS = ["customers", "tags", "health", "segments", "rules", "value", "io", "team", "history", "settings"] as const;
export type PageKey = (typeof PAGE_KEYS)[number];
