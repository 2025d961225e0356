//! The builder's live count: the tree is counted ~250 ms after the last edit, keyed by the
//! condition itself so going back to an earlier tree is instant, and the previous answer stays
//! on screen while the next one is computed.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useDebouncedValue } from "../../../components/useDebouncedValue";
import { segmentsCount, toIpcError, type Condition, type IpcError } from "../../../lib/ipc";
import { queryKeys } from "../../../lib/queryKeys";

export const COUNT_DELAY_MS = 250;

export function useLiveCount(condition: Condition | null) {
  const debounced = useDebouncedValue(condition, COUNT_DELAY_MS);
  const query = useQuery({
    queryKey: queryKeys.segmentsCount(debounced),
    queryFn: () => segmentsCount(debounced!),
    enabled: debounced !== null,
    placeholderData: keepPreviousData,
    staleTime: 0,
  });
  const settled = JSON.stringify(debounced) === JSON.stringify(condition);
  const error: IpcError | null = query.error === null ? null : toIpcError(query.error);
  return {
    data: query.data,
    /** Whether what is shown answers the tree as it is now. */
    current: settled && !query.isPlaceholderData && !query.isFetching,
    counting: condition !== null && (!settled || query.isFetching),
    /** The error of the tree as it is now (an older tree's error is not shown). */
    error: settled && !query.isFetching ? error : null,
  };
}
