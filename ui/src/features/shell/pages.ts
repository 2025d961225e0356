//! The pages of the shell, in menu order; a plain state value is all the routing TagDesk needs.
export const PAGE_KEYS = ["customers", "tags", "segments", "rules", "io", "insights", "settings"] as const;
export type PageKey = (typeof PAGE_KEYS)[number];
