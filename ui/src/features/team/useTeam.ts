//! The Team page's server state: the team status and the inbox, and the changes that renew them.
//! Joining a team opens another database, so it renews every cached answer like opening a file.
import { useMutation, useQuery, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { invalidateCustomerData } from "../../lib/invalidate";
import { queryKeys } from "../../lib/queryKeys";
import {
  teamExchange,
  teamInbox,
  teamInboxResolve,
  teamInvitationMake,
  teamJoin,
  teamJoinInvitation,
  teamPackApply,
  teamPackMake,
  teamSetDevice,
  teamStart,
  teamStatus,
  type AutoExchange,
  type ExchangeReport,
  type TeamStatus,
} from "../../lib/ipc";

/** Every cached answer of the hub (status, members, group owners, audit), under one prefix. */
export const HUB_KEY = ["hub"] as const;

export function useTeamStatus() {
  return useQuery({ queryKey: queryKeys.teamStatus, queryFn: teamStatus });
}

export function useTeamInbox() {
  return useQuery({ queryKey: queryKeys.teamInbox, queryFn: teamInbox });
}

export interface StartInput {
  folder: string;
  team: string;
  person: string;
  device: string;
}

export function useTeamMembership() {
  const client = useQueryClient();
  const start = useMutation({
    // The team is started first, so a failure to name the device leaves a team that can still be named.
    mutationFn: async (input: StartInput) => {
      await teamStart(input.folder, input.team);
      return teamSetDevice(input.device, input.person);
    },
    onSuccess: (status: TeamStatus) => client.setQueryData(queryKeys.teamStatus, status),
  });
  const joined = (status: TeamStatus) => openedAnother(client, status);
  const join = useMutation({ mutationFn: (folder: string) => teamJoin(folder), onSuccess: joined });
  /** Joining from an invitation file a colleague sent, for a laptop without the shared folder. */
  const joinInvitation = useMutation({ mutationFn: (path: string) => teamJoinInvitation(path), onSuccess: joined });
  const setDevice = useMutation({
    mutationFn: ({ name, person }: { name: string; person: string }) => teamSetDevice(name, person),
    onSuccess: (status: TeamStatus) => client.setQueryData(queryKeys.teamStatus, status),
  });
  return { start, join, joinInvitation, setDevice };
}

/** After joining (from a folder, an invitation or a hub): another database is open now. */
export async function openedAnother(client: QueryClient, status: TeamStatus): Promise<void> {
  // Empty every cached answer (pages show loading, not the old file's rows), keep the app
  // status on screen while it refetches the new file's name.
  await client.resetQueries({ predicate: (q) => q.queryKey[0] !== queryKeys.appStatus[0] && q.queryKey[0] !== queryKeys.teamStatus[0] });
  client.setQueryData(queryKeys.teamStatus, status);
  await client.invalidateQueries({ queryKey: queryKeys.appStatus });
}

/** What an exchange or an applied sync pack may have changed: customers, tags, segments, the history, the inbox. */
export async function invalidateReceived(client: QueryClient): Promise<void> {
  await Promise.all([
    client.invalidateQueries({ queryKey: queryKeys.teamStatus }),
    client.invalidateQueries({ queryKey: queryKeys.teamInbox }),
    // Through a hub: its last exchange, and what its members and trail say now.
    client.invalidateQueries({ queryKey: HUB_KEY }),
    invalidateCustomerData(client),
  ]);
}

/** The latest exchange this session made by hand or that did something on its own, and which (the Team page shows it). */
export interface LatestExchange {
  report: ExchangeReport;
  byHand: boolean;
}

/** Whether an exchange did anything worth showing (most automatic ones run with nothing to do). */
export function brought(report: ExchangeReport): boolean {
  return report.sent > 0 || report.applied > 0 || report.inbox > 0 || report.pending > 0 || report.skipped.length > 0;
}

export function noteLatest(client: QueryClient, latest: LatestExchange): void {
  client.setQueryData(queryKeys.teamLatestExchange, latest);
}

/** The latest exchange noted by `noteLatest`; never asks the core. */
export function useLatestExchange() {
  return useQuery<LatestExchange | null>({ queryKey: queryKeys.teamLatestExchange, queryFn: () => null, enabled: false, staleTime: Infinity });
}

export function useExchange() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => teamExchange(),
    onSuccess: async (report) => {
      // The folder answered: the Team page no longer says it was out of reach.
      const answered: AutoExchange = { state: "exchanged", report };
      client.setQueryData(queryKeys.teamExchangeAuto, answered);
      noteLatest(client, { report, byHand: true });
      await invalidateReceived(client);
    },
  });
}

/** Writing a sync pack to a path chosen in the save dialog (changes nothing here), and applying one. */
export function useSyncPacks() {
  const client = useQueryClient();
  const make = useMutation({ mutationFn: (path: string) => teamPackMake(path) });
  const apply = useMutation({
    mutationFn: (path: string) => teamPackApply(path),
    onSuccess: () => invalidateReceived(client),
  });
  return { make, apply };
}

/** Writing an invitation file to a path chosen in the save dialog (changes nothing here). */
export function useMakeInvitation() {
  return useMutation({ mutationFn: (path: string) => teamInvitationMake(path) });
}

export function useResolveCase() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, keepOther }: { id: number; keepOther: boolean }) => teamInboxResolve(id, keepOther),
    onSuccess: async (_done, { keepOther }) => {
      await Promise.all([
        client.invalidateQueries({ queryKey: queryKeys.teamInbox }),
        client.invalidateQueries({ queryKey: queryKeys.teamStatus }),
        // Keeping the other tag is a new change of the customer's tags.
        keepOther ? invalidateCustomerData(client) : Promise.resolve(),
      ]);
    },
  });
}
