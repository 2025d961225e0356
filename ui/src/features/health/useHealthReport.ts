//! The health report and lookups of its tags and groups by id.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { healthReport, type GroupHealth, type HealthQuery, type HealthReport, type TagHealth } from "../../lib/ipc";
import { queryKeys } from "../../lib/queryKeys";

export function useHealthReport(query: HealthQuery) {
  // The previous report stays on screen while a changed threshold is computed: the lists do
  // not flash empty, and "none" is never said before the answer comes.
  return useQuery({ queryKey: queryKeys.healthReport(query), queryFn: () => healthReport(query), placeholderData: keepPreviousData });
}

/** The report's tags among `ids`, in the report's (tree) order. */
export function tagsAmong(report: HealthReport | undefined, ids: readonly number[]): TagHealth[] {
  if (report === undefined) return [];
  const wanted = new Set(ids);
  return report.tags.filter((tag) => wanted.has(tag.id));
}

export function groupsAmong(report: HealthReport | undefined, ids: readonly number[]): GroupHealth[] {
  if (report === undefined) return [];
  const wanted = new Set(ids);
  return report.groups.filter((group) => wanted.has(group.id));
}
