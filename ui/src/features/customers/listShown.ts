//! The moment the customer list first shows rows. The shell is told once per process: the
//! start-up benchmark (scripts/bench-start.sh) and the installed package's check time the app by
//! the line it logs. The window's shell is told through `ListShownContext`: work it starts at
//! open (the rules check) waits for that moment so as not to compete with drawing the list.
import { createContext } from "react";
import { appListShown } from "../../lib/ipc";

let reported = false;

export function reportListShown(): void {
  if (reported) return;
  reported = true;
  // Only a log line depends on it, so a failure is nobody's concern.
  void Promise.resolve()
    .then(() => appListShown())
    .catch(() => undefined);
}

/** Called by the customer list each time it starts showing rows (the shell acts on the first). */
export const ListShownContext = createContext<() => void>(() => undefined);
