//! Time-based rules ("no order in 30 days") change their answer as days pass, so the app asks the
//! core to run the due ones when it starts, every 10 minutes while open and when the window gets
//! focus again. The UI drives it (rather than a timer in the shell) so the shell stays a set of
//! thin adapters and the refetches a run calls for stay next to the queries they refresh; the
//! core decides what is due (an hour after a rule's last full run), so extra calls are cheap.
//!
//! The check at start waits until the customer list shows its first rows: it waits for the
//! segment index, runs the rules, records pinned segments' counts and saves the index, which on
//! a 2-core machine competed with the window drawing the list. When no list shows (an empty
//! database, another page first) it starts START_GRACE_MS after the shell opened.
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { rulesRunDue } from "../../lib/ipc";
import { queryKeys } from "../../lib/queryKeys";
import { afterRun } from "./useRulesRun";

export const SCHEDULE_MS = 10 * 60 * 1000;
/** Focus changes often; a check younger than this is not repeated. */
export const FOCUS_GAP_MS = 60 * 1000;
/** The latest the check at start waits for the customer list's first rows. */
export const START_GRACE_MS = 2000;

/** `listShown`: the customer list has shown its first rows since the shell opened. */
export function useRulesSchedule(listShown: boolean): void {
  const client = useQueryClient();
  const [graceOver, setGraceOver] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setGraceOver(true), START_GRACE_MS);
    return () => clearTimeout(timer);
  }, []);
  const started = listShown || graceOver;
  const due = useQuery({
    queryKey: queryKeys.rulesRunDue,
    queryFn: async () => {
      const run = (await rulesRunDue()) ?? null;
      if (run !== null) await afterRun(client, run);
      return run;
    },
    enabled: started,
    refetchInterval: SCHEDULE_MS,
    refetchIntervalInBackground: true,
    refetchOnWindowFocus: true,
    staleTime: FOCUS_GAP_MS,
    retry: false,
  });
  const { refetch, dataUpdatedAt } = due;
  // The webview's `focus` is what a desktop window regaining focus looks like; react-query
  // itself only hears visibility changes. The window's first focus, as it opens, is not a
  // reason to check before the list is drawn.
  useEffect(() => {
    if (!started) return;
    const onFocus = () => {
      if (Date.now() - dataUpdatedAt > FOCUS_GAP_MS) void refetch();
    };
    window.addEventListener("focus", onFocus);
    return () => window.removeEventListener("focus", onFocus);
  }, [refetch, dataUpdatedAt, started]);
}
