// What the team hub says about this person (myRights), for tests of controls that mirror it.
import type { LockedGroup, MyRights } from "../lib/ipc";

export const offHub: MyRights = { on_hub: false, role: null, department: null, locked_groups: [] };

export function editorOf(department: string, lockedGroups: LockedGroup[] = []): MyRights {
  return { on_hub: true, role: "editor", department, locked_groups: lockedGroups };
}

export const viewer: MyRights = { on_hub: true, role: "viewer", department: null, locked_groups: [] };
