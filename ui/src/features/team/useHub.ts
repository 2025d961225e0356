//! The team hub's server state: where this laptop exchanges (hubStatus), the members, the group
//! owners and the audit trail, and the changes to them. Every key starts with HUB_KEY so an
//! exchange renews them all (useTeam.ts).
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { queryKeys } from "../../lib/queryKeys";
import {
  hubAudit,
  hubGroupOwnerGive,
  hubGroupOwners,
  hubGroupOwnerSet,
  hubJoin,
  hubJoinAgain,
  hubMemberAdd,
  hubMemberRemove,
  hubMembers,
  hubMemberSet,
  hubStart,
  hubStatus,
  type HubAddress,
  type HubAuditEntry,
  type HubRole,
  type NewHubMember,
  type TeamStatus,
} from "../../lib/ipc";
import { HUB_KEY, openedAnother } from "./useTeam";

const keys = {
  status: [...HUB_KEY, "status"] as const,
  members: [...HUB_KEY, "members"] as const,
  groupOwners: [...HUB_KEY, "group_owners"] as const,
  audit: [...HUB_KEY, "audit"] as const,
};

/** The hub the open database exchanges through, or null (a folder team, or none). */
export function useHubStatus() {
  // No answer at all (a shell without the command) reads as no hub, like null.
  return useQuery({ queryKey: keys.status, queryFn: async () => (await hubStatus()) ?? null });
}

/** Starting the team on a hub (this database stays open) and joining from one (another opens). */
export function useHubMembership() {
  const client = useQueryClient();
  const start = useMutation({
    mutationFn: ({ address, name }: { address: HubAddress; name: string }) => hubStart(address, name),
    onSuccess: async (status: TeamStatus) => {
      client.setQueryData(queryKeys.teamStatus, status);
      await client.invalidateQueries({ queryKey: HUB_KEY });
    },
  });
  const join = useMutation({ mutationFn: (address: HubAddress) => hubJoin(address), onSuccess: (status: TeamStatus) => openedAnother(client, status) });
  const joinAgain = useMutation({ mutationFn: hubJoinAgain, onSuccess: (status: TeamStatus) => openedAnother(client, status) });
  return { start, join, joinAgain };
}

export function useHubMembers() {
  return useQuery({ queryKey: keys.members, queryFn: hubMembers });
}

export function useHubGroupOwners(enabled: boolean) {
  return useQuery({ queryKey: keys.groupOwners, queryFn: hubGroupOwners, enabled });
}

/** How many entries one call asks for while reading the whole trail. */
export const AUDIT_PAGE = 500;

/**
 * The whole audit trail, newest first. The hub pages it oldest first after an id, so the pages
 * are read in turn until a short one: newest first needs the end of the trail.
 */
export function useHubAudit(enabled: boolean) {
  return useQuery({
    queryKey: keys.audit,
    enabled,
    queryFn: async () => {
      const all: HubAuditEntry[] = [];
      for (;;) {
        const page = await hubAudit(all.at(-1)?.id ?? 0, AUDIT_PAGE);
        all.push(...page);
        if (page.length < AUDIT_PAGE) return all.reverse();
      }
    },
  });
}

/** Adding, changing and removing members, and giving groups to departments (admins and the owner). */
export function useHubAdmin() {
  const client = useQueryClient();
  // Each change is written to the trail too.
  const renew = () => client.invalidateQueries({ queryKey: HUB_KEY });
  const add = useMutation({ mutationFn: (member: NewHubMember) => hubMemberAdd(member), onSuccess: renew });
  const set = useMutation({
    mutationFn: ({ login, role, department }: { login: string; role: HubRole; department: string | null }) => hubMemberSet(login, role, department),
    onSuccess: renew,
  });
  const remove = useMutation({ mutationFn: (login: string) => hubMemberRemove(login), onSuccess: renew });
  const setGroupOwner = useMutation({
    mutationFn: ({ groupUid, department, isPrivate }: { groupUid: string; department: string | null; isPrivate: boolean }) =>
      hubGroupOwnerSet(groupUid, department, isPrivate),
    onSuccess: renew,
  });
  const giveGroup = useMutation({
    mutationFn: ({ groupId, department, isPrivate }: { groupId: number; department: string; isPrivate: boolean }) =>
      hubGroupOwnerGive(groupId, department, isPrivate),
    onSuccess: renew,
  });
  return { add, set, remove, setGroupOwner, giveGroup };
}

/** The owner and admins manage the team; a role not known yet manages nothing. */
export function isAdmin(role: HubRole | null): boolean {
  return role === "owner" || role === "admin";
}
