//! react-query keys, named after the backend commands they cache so invalidation reads like the API.
import type { Condition, CustomerQuery, HealthQuery, ImportSpec, MemberQuery, OperationQuery, Selection, SuggestionQuery, TrendBucket } from "./ipc";

/** A customer query without its paging: the part that decides which customers match. */
export type ListQuery = Omit<CustomerQuery, "offset" | "limit">;

export const queryKeys = {
  appStatus: ["app_status"] as const,
  /** Every cached page of every customer list (for invalidation). */
  customersListAll: ["customers_list"] as const,
  customersList: (query: ListQuery, pageIndex: number) => ["customers_list", query, pageIndex] as const,
  /** The command palette's few customers for a search (a page of its own size). */
  customersSearch: (search: string) => ["customers_list", "search", search] as const,
  customersCountAll: ["customers_count"] as const,
  customersCount: (query: ListQuery) => ["customers_count", query] as const,
  customersGetAll: ["customers_get"] as const,
  customersGet: (id: number) => ["customers_get", id] as const,
  fieldsList: ["fields_list"] as const,
  eventKindsList: ["event_kinds_list"] as const,
  importPreview: (spec: ImportSpec | null) => ["import_preview", spec] as const,
  importTemplatesList: ["import_templates_list"] as const,
  jobProgress: ["job_progress"] as const,
  tagsTree: ["tags_tree"] as const,
  /** Everything the tag health page reads (report, gaps, uses, trends, suggestions). */
  healthAll: ["health"] as const,
  healthReport: (query: HealthQuery) => ["health", "report", query] as const,
  healthGroupGaps: (groupId: number, page: number) => ["health", "gaps", groupId, page] as const,
  healthWhereUsed: (ids: readonly number[]) => ["health", "where_used", ids] as const,
  healthTrend: (tagId: number, from: number, to: number, bucket: TrendBucket) => ["health", "trend", tagId, from, to, bucket] as const,
  healthSuggestions: (selection: Selection, query: SuggestionQuery) => ["health", "suggestions", selection, query] as const,
  taggingLast: ["tagging_last"] as const,
  /** Every cached page of the history and every operation's details. */
  operationsAll: ["operations"] as const,
  operationsList: (query: Omit<OperationQuery, "before_id" | "limit">) => ["operations", "list", query] as const,
  operationsGet: (id: number) => ["operations", "get", id] as const,
  segmentsCatalog: ["segments_catalog"] as const,
  segmentsCountAll: ["segments_count"] as const,
  segmentsCount: (condition: Condition | null) => ["segments_count", condition] as const,
  segmentsMembersAll: ["segments_members"] as const,
  segmentsMembers: (query: MemberQuery) => ["segments_members", query] as const,
  segmentsExplainAll: ["segments_explain"] as const,
  segmentsExplain: (condition: Condition, customerId: number) => ["segments_explain", condition, customerId] as const,
  segmentsList: ["segments_list"] as const,
  segmentsGetAll: ["segments_get"] as const,
  segmentsGet: (id: number) => ["segments_get", id] as const,
  segmentsDashboard: ["segments_dashboard"] as const,
  rulesList: ["rules_list"] as const,
  teamStatus: ["team_status"] as const,
  teamExchangeAuto: ["team_exchange_auto"] as const,
  /** Kept by the window, not read from the core: the latest exchange this session, by hand or on its own. */
  teamLatestExchange: ["team_latest_exchange"] as const,
  teamInbox: ["team_inbox"] as const,
  rulesLog: (limit: number) => ["rules_log", limit] as const,
  rulesLogAll: ["rules_log"] as const,
  rulesRunDue: ["rules_run_due"] as const,
  rfmSettings: ["rfm_settings"] as const,
  rfmSummary: ["rfm_summary"] as const,
  lifecycleSettings: ["lifecycle_settings"] as const,
  lifecycleLast: ["lifecycle_last"] as const,
  scoresFollowupsAll: ["scores_followups"] as const,
  scoresFollowups: (offset: number, limit: number) => ["scores_followups", offset, limit] as const,
};
