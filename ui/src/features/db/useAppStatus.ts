//! Which database is open (or why none is): the query every screen hangs off.
import { useQuery } from "@tanstack/react-query";
import { appStatus } from "../../lib/ipc";
import { queryKeys } from "../../lib/queryKeys";

export function useAppStatus() {
  return useQuery({ queryKey: queryKeys.appStatus, queryFn: appStatus });
}
