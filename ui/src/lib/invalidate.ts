//! What to refetch after a change: to customers or their tags (every list, profile, the tree, the
//! undo button and every segment count), to saved segments, or to rules and their runs.
import type { QueryClient } from "@tanstack/react-query";
import { queryKeys } from "./queryKeys";

export async function invalidateCustomerData(client: QueryClient): Promise<void> {
  await Promise.all([
    client.invalidateQueries({ queryKey: queryKeys.customersListAll }),
    client.invalidateQueries({ queryKey: queryKeys.customersCountAll }),
    client.invalidateQueries({ queryKey: queryKeys.tagsTree }),
    client.invalidateQueries({ queryKey: queryKeys.healthAll }),
    client.invalidateQueries({ queryKey: queryKeys.customersGetAll }),
    client.invalidateQueries({ queryKey: queryKeys.taggingLast }),
    client.invalidateQueries({ queryKey: queryKeys.operationsAll }),
    invalidateSegmentCounts(client),
  ]);
}

/** Counts, members, explanations and the dashboard depend on customers and tags. */
export async function invalidateSegmentCounts(client: QueryClient): Promise<void> {
  await Promise.all([
    client.invalidateQueries({ queryKey: queryKeys.segmentsCountAll }),
    client.invalidateQueries({ queryKey: queryKeys.segmentsMembersAll }),
    client.invalidateQueries({ queryKey: queryKeys.segmentsExplainAll }),
    client.invalidateQueries({ queryKey: queryKeys.segmentsDashboard }),
  ]);
}

/** After a segment is saved, renamed, pinned, duplicated or deleted. */
export async function invalidateSegmentData(client: QueryClient): Promise<void> {
  await Promise.all([
    client.invalidateQueries({ queryKey: queryKeys.segmentsList }),
    client.invalidateQueries({ queryKey: queryKeys.segmentsGetAll }),
    invalidateSegmentCounts(client),
  ]);
}

/** After a rule is saved, switched, deleted or run. */
export async function invalidateRuleData(client: QueryClient): Promise<void> {
  await Promise.all([client.invalidateQueries({ queryKey: queryKeys.rulesList }), client.invalidateQueries({ queryKey: queryKeys.rulesLogAll })]);
}
