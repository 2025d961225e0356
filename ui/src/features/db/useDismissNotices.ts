//! Forgets the notices an opening left (imports cut off, follow-up work finished) once the user
//! has read them: one command clears both kinds, and the new status comes back with it.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { dbDismissInterrupted } from "../../lib/ipc";
import { queryKeys } from "../../lib/queryKeys";

export function useDismissNotices() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => dbDismissInterrupted(),
    onSuccess: (status) => queryClient.setQueryData(queryKeys.appStatus, status),
  });
}
