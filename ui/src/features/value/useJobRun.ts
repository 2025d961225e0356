//! A long core run (RFM, lifecycle) the page starts, polls through job_progress and may cancel.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { jobCancel, toIpcError, type IpcError, type JobProgress } from "../../lib/ipc";
import { invalidateCustomerData } from "../../lib/invalidate";
import { queryKeys } from "../../lib/queryKeys";
import { useJobProgress } from "../../lib/useJobProgress";

export interface JobRun {
  start: () => void;
  running: boolean;
  progress: JobProgress | undefined;
  cancel: () => void;
  cancelling: boolean;
  /** The last run ended because the user cancelled it. */
  cancelled: boolean;
  error: IpcError | null;
}

/** `onDone` refreshes whatever the run's result feeds; customer lists and tag counts always change. */
export function useJobRun<T>(run: () => Promise<T>, onDone: (result: T) => Promise<unknown>): JobRun {
  const client = useQueryClient();
  const cancel = useMutation({ mutationFn: jobCancel });
  const mutation = useMutation<T, unknown, void>({
    mutationFn: run,
    onMutate: () => cancel.reset(),
    onSuccess: (result) => Promise.all([onDone(result), invalidateCustomerData(client), client.invalidateQueries({ queryKey: queryKeys.scoresFollowupsAll })]),
  });
  const progress = useJobProgress(mutation.isPending);
  const error = mutation.isError ? toIpcError(mutation.error) : null;
  return {
    start: () => mutation.mutate(),
    running: mutation.isPending,
    progress: progress.data,
    cancel: () => cancel.mutate(),
    cancelling: cancel.isPending || cancel.isSuccess,
    cancelled: error?.code === "cancelled",
    error: error?.code === "cancelled" ? null : error,
  };
}
