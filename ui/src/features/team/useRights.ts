//! What this person may change, as the team hub last said (myRights), worded for the controls
//! that mirror it: a disabled button says why. Off a hub, and until the answer is known, all is
//! allowed: the hub checks every push again, so the window only spares a refused change.
import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { myRights, type MyRights } from "../../lib/ipc";
import { HUB_KEY } from "./useTeam";

/** Under HUB_KEY, so every exchange (which renews the hub's answers) renews it too. */
export const RIGHTS_KEY = [...HUB_KEY, "my_rights"] as const;

export interface Rights {
  /** Why this person may change nothing (a viewer), or null. */
  readOnly: string | null;
  /** Why rules, custom fields, event kinds and RFM/lifecycle settings are not theirs, or null. */
  notAdmin: string | null;
  /** Why the tags of this group (a node of kind "group") are not theirs, or null. */
  groupLocked: (groupId: number | null | undefined) => string | null;
}

export function useRights(): Rights {
  const { t } = useTranslation();
  // No answer (a shell without the command) reads as no hub, like null.
  const rights = useQuery({ queryKey: RIGHTS_KEY, queryFn: async () => (await myRights()) ?? null });
  // The same answer gives the same functions, so pickers and trees memoised on them stay put.
  return useMemo(() => wordRights(rights.data ?? null, t), [rights.data, t]);
}

/** The reasons for one answer of the hub; null (not known yet, or no hub) allows everything. */
export function wordRights(rights: MyRights | null, t: TFunction): Rights {
  if (rights === null || !rights.on_hub || rights.role === null) return { readOnly: null, notAdmin: null, groupLocked: () => null };
  const readOnly = rights.role === "viewer" ? t("rights.viewer") : null;
  const notAdmin = readOnly ?? (rights.role === "editor" ? t("rights.adminOnly") : null);
  const owners = new Map(rights.locked_groups.map((g) => [g.group_id, g.department]));
  const groupLocked = (groupId: number | null | undefined) => {
    if (readOnly !== null) return readOnly;
    const department = groupId == null ? undefined : owners.get(groupId);
    return department === undefined ? null : t("rights.groupLocked", { department });
  };
  return { readOnly, notAdmin, groupLocked };
}
