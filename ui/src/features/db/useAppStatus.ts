//! Which database is open (or why none is): the query every screen hangs off. While the background
//! integrity check of a large file runs, the status is polled so its verdict shows when it lands.
import { useQuery } from "@tanstack/react-query";
import { appStatus, type AppStatus } from "../../lib/ipc";
import { queryKeys } from "../../lib/queryKeys";

export const INTEGRITY_POLL_MS = 3000;

/** How often to refetch the status: every few seconds while the integrity check runs, otherwise never. */
export function statusRefetchInterval(status: AppStatus | undefined): number | false {
  return status?.database?.integrity_checking === true ? INTEGRITY_POLL_MS : false;
}

export function useAppStatus() {
  return useQuery({
    queryKey: queryKeys.appStatus,
    queryFn: appStatus,
    refetchInterval: (query) => statusRefetchInterval(query.state.data),
  });
}
