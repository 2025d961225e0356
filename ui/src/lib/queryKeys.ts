//! react-query keys, named after the backend commands they cache so invalidation reads like the API.
import type { CustomerQuery } from "./ipc";

export const queryKeys = {
  appStatus: ["app_status"] as const,
  customersList: (query: CustomerQuery) => ["customers_list", query] as const,
  tagsTree: ["tags_tree"] as const,
};
