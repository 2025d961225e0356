//! A team with a shared folder exchanges on its own while the app is open: a few seconds after
//! start (not while the window draws its first list), every few minutes, and when the window gets
//! focus after a pause. The core skips a folder it cannot reach (a NAS offline, a USB stick
//! elsewhere) without an error; the Team page reads the latest answer to say so. Scheduled like
//! the rules check (useRulesSchedule): react-query's interval, the refetches beside the query.
import { useQuery, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { hubStatus, hubWait, teamExchangeAuto, type AutoExchange } from "../../lib/ipc";
import { queryKeys } from "../../lib/queryKeys";
import { brought, HUB_KEY, invalidateReceived, noteLatest } from "./useTeam";

export const TEAM_SCHEDULE_MS = 5 * 60 * 1000;
/** A focus sooner than this after the last exchange does not exchange again. */
export const TEAM_FOCUS_GAP_MS = 2 * 60 * 1000;
/** The first exchange waits this long after the shell opens. */
export const TEAM_START_DELAY_MS = 4000;
/** One wait for a colleague's change on the hub, in seconds (the core waits off the desk). */
export const HUB_WAIT_SECONDS = 25;
/** Without a hub, or with one out of reach, look again after this long. */
export const HUB_RETRY_MS = 60 * 1000;
/** On a hub, a change made here is sent this long after the last of a burst of changes. */
export const HUB_SEND_DELAY_MS = 300;

async function exchangeIfReachable(client: QueryClient): Promise<AutoExchange> {
  const auto = await teamExchangeAuto();
  if (auto.state === "exchanged") {
    // One with nothing to do leaves the latest that did something on the Team page.
    if (brought(auto.report)) noteLatest(client, { report: auto.report, byHand: false });
    // Only what came in changes customers, tags or the inbox; the last exchange time always moves.
    if (auto.report.applied > 0 || auto.report.inbox > 0) await invalidateReceived(client);
    else {
      await client.invalidateQueries({ queryKey: queryKeys.teamStatus });
      // What this laptop sent is in the hub's audit trail now (and its last exchange moved).
      if (auto.report.sent > 0) await client.invalidateQueries({ queryKey: HUB_KEY });
    }
  }
  return auto;
}

export function useTeamSchedule(): void {
  const client = useQueryClient();
  const [started, setStarted] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setStarted(true), TEAM_START_DELAY_MS);
    return () => clearTimeout(timer);
  }, []);
  const auto = useQuery({
    queryKey: queryKeys.teamExchangeAuto,
    queryFn: () => exchangeIfReachable(client),
    enabled: started,
    refetchInterval: TEAM_SCHEDULE_MS,
    refetchIntervalInBackground: true,
    refetchOnWindowFocus: false,
    staleTime: TEAM_FOCUS_GAP_MS,
    retry: false,
  });
  const { refetch, dataUpdatedAt, errorUpdatedAt } = auto;
  useHubLive(started, refetch);
  useHubSendSoon(started, refetch);
  // The webview's `focus` is a desktop window regaining focus (react-query hears only visibility).
  useEffect(() => {
    if (!started) return;
    const onFocus = () => {
      if (Date.now() - Math.max(dataUpdatedAt, errorUpdatedAt) > TEAM_FOCUS_GAP_MS) void refetch();
    };
    window.addEventListener("focus", onFocus);
    return () => window.removeEventListener("focus", onFocus);
  }, [refetch, dataUpdatedAt, errorUpdatedAt, started]);
}

/** The latest automatic exchange's answer (or error), for the Team page; never starts one itself. */
export function useLastAutoExchange() {
  const client = useQueryClient();
  return useQuery({ queryKey: queryKeys.teamExchangeAuto, queryFn: () => exchangeIfReachable(client), enabled: false });
}

/**
 * On a team hub, a colleague's change shows within a second: the window keeps one wait open
 * (hub_wait answers as soon as the hub announces a push) and exchanges when it answers.
 */
function useHubLive(started: boolean, exchange: () => Promise<unknown>): void {
  useEffect(() => {
    if (!started) return;
    let stopped = false;
    const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    void (async () => {
      while (!stopped) {
        try {
          if (!(await hubStatus())) {
            await pause(HUB_RETRY_MS);
            continue;
          }
          // A wait that ends without news ends after HUB_WAIT_SECONDS; a short breath after it
          // keeps a hub that answers at once (gone meanwhile) from spinning the loop.
          if (await hubWait(HUB_WAIT_SECONDS)) await exchange();
          else await pause(1000);
        } catch {
          // Out of reach: the scheduled exchange says so on the Team page; try again later.
          await pause(HUB_RETRY_MS);
        }
      }
    })();
    return () => {
      stopped = true;
    };
  }, [started, exchange]);
}

/**
 * On a team hub, a change made in this window reaches the hub at once (colleagues online see it
 * within a second), not at the next scheduled exchange: every change the window makes is a
 * mutation, so a successful one (the last of a burst) starts an exchange. Off a hub it does
 * nothing: a folder is exchanged on its schedule.
 */
function useHubSendSoon(started: boolean, exchange: () => Promise<unknown>): void {
  const client = useQueryClient();
  useEffect(() => {
    if (!started) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const unsubscribe = client.getMutationCache().subscribe((event) => {
      if (event.type !== "updated" || event.action.type !== "success") return;
      clearTimeout(timer);
      timer = setTimeout(() => {
        void hubStatus()
          .then((hub) => (hub ? exchange() : undefined))
          .catch(() => undefined);
      }, HUB_SEND_DELAY_MS);
    });
    return () => {
      clearTimeout(timer);
      unsubscribe();
    };
  }, [client, started, exchange]);
}
