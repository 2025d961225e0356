//! What to refetch after a change to customers or their tags: every list, profile, the tree and the undo button.
import type { QueryClient } from "@tanstack/react-query";
import { queryKeys } from "./queryKeys";

export async function invalidateCustomerData(client: QueryClient): Promise<void> {
  await Promise.all([
    client.invalidateQueries({ queryKey: queryKeys.customersListAll }),
    client.invalidateQueries({ queryKey: queryKeys.customersCountAll }),
    client.invalidateQueries({ queryKey: queryKeys.tagsTree }),
    client.invalidateQueries({ queryKey: queryKeys.customersGetAll }),
    client.invalidateQueries({ queryKey: queryKeys.taggingLast }),
  ]);
}
