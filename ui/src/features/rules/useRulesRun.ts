//! Running rules on demand: one transaction in the core reporting to the shared job, polled
//! here for the progress bar and stopped with the job's cancel, as the import does.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { jobCancel, rulesRun, type RuleRun, type RunScope } from "../../lib/ipc";
import { invalidateCustomerData, invalidateRuleData } from "../../lib/invalidate";
import { useJobProgress } from "../../lib/useJobProgress";

/** Refetches what a run may have changed: the rules' last runs and log, and, when tags moved, every customer view. */
export async function afterRun(client: ReturnType<typeof useQueryClient>, run: RuleRun | null): Promise<void> {
  await invalidateRuleData(client);
  if (run !== null && run.added + run.removed > 0) await invalidateCustomerData(client);
}

export function useRulesRun() {
  const client = useQueryClient();
  const run = useMutation<RuleRun, unknown, number | null>({
    mutationFn: (ruleId) => rulesRun({ rule_id: ruleId, customer_ids: null, trigger: "manual" } satisfies RunScope),
    onSuccess: (result) => afterRun(client, result),
  });
  const progress = useJobProgress(run.isPending);
  const cancel = useMutation({ mutationFn: jobCancel });
  return {
    start: (ruleId: number | null) => {
      cancel.reset();
      run.mutate(ruleId);
    },
    run,
    progress: progress.data,
    cancel,
  };
}

export type RulesRun = ReturnType<typeof useRulesRun>;
