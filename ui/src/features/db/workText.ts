//! The write a notice of cut-off work names (`Work`, typed by the core), in the UI's language.
//! The wordings are keyed by the work's kind, so a kind the core adds fails to compile until
//! both notices word it (the keys are typed from the Chinese resources, and the resource test
//! holds English to the same keys).
import type { TFunction } from "i18next";
import type { Work } from "../../lib/ipc";
import { fileName } from "../../lib/format";

/** Every kind of work, held to the generated union both ways by the mapped type. */
const KINDS: { [K in Work["kind"]]: null } = {
  customers_import: null,
  events_import: null,
  import_undo: null,
  customer_edit: null,
  event_change: null,
  team_exchange: null,
  other: null,
};
export const WORK_KINDS = Object.keys(KINDS) as Work["kind"][];

/** The file the work read, when it read one: the full path, for a tooltip. */
export function workFile(work: Work): string | undefined {
  return "file" in work ? work.file : undefined;
}

export interface When {
  /** When the work began, already formatted. */
  time: string;
  /** Who began it, already worded. */
  actor: string;
}

/** The work was saved but TagDesk stopped before what follows it; this opening did that. */
export function finishedText(t: TFunction, work: Work, when: When): string {
  return t(`finishedWork.${work.kind}`, { file: fileName(workFile(work) ?? ""), ...when });
}

/** TagDesk stopped while doing the work, and nothing of it was kept. */
export function interruptedText(t: TFunction, work: Work, when: When): string {
  return t(`interrupted.${work.kind}`, { file: fileName(workFile(work) ?? ""), ...when });
}
