//! Tells the shell, once per window, that the customer list shows rows: the start-up benchmark
//! (scripts/bench-start.sh) and the installed package's check time the app by the line it logs.
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
