//! react-query keys, named after the backend commands they cache so invalidation reads like the API.
import type { CustomerQuery, ImportSpec } from "./ipc";

/** A customer query without its paging: the part that decides which customers match. */
export type ListQuery = Omit<CustomerQuery, "offset" | "limit">;

export const queryKeys = {
  appStatus: ["app_status"] as const,
  /** Every cached page of every customer list (for invalidation). */
  customersListAll: ["customers_list"] as const,
  customersList: (query: ListQuery, pageIndex: number) => ["customers_list", query, pageIndex] as const,
  customersCountAll: ["customers_count"] as const,
  customersCount: (query: ListQuery) => ["customers_count", query] as const,
  customersGetAll: ["customers_get"] as const,
  customersGet: (id: number) => ["customers_get", id] as const,
  fieldsList: ["fields_list"] as const,
  importPreview: (spec: ImportSpec | null) => ["import_preview", spec] as const,
  importTemplatesList: ["import_templates_list"] as const,
  jobProgress: ["job_progress"] as const,
  tagsTree: ["tags_tree"] as const,
  taggingLast: ["tagging_last"] as const,
};
