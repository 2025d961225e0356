//! How far the shared job has got (the core runs one long job at a time: an import, RFM, rules,
//! encrypting, starting or joining a hub), polled while the page waits for it.
import { useQuery } from "@tanstack/react-query";
import { jobProgress } from "./ipc";
import { queryKeys } from "./queryKeys";

export const JOB_POLL_MS = 300;

/** The job's progress, polled every JOB_POLL_MS while `enabled`; never cached past its use. */
export function useJobProgress(enabled = true) {
  return useQuery({ queryKey: queryKeys.jobProgress, queryFn: jobProgress, enabled, refetchInterval: JOB_POLL_MS, staleTime: 0, gcTime: 0 });
}
