//! The import/export slice of the IPC module, so the io feature's files import from one place.
export {
  exportCustomers,
  eventKindsList,
  exportDictionary,
  importErrorReport,
  importPreview,
  importRun,
  importTemplatesApply,
  importTemplatesDelete,
  importTemplatesList,
  importTemplatesSave,
  jobCancel,
  jobProgress,
} from "../../lib/ipc";
export type {
  Attribute,
  ColumnTarget,
  EventKind,
  ExportColumn,
  ExportFormat,
  ExportScope,
  ExportSpec,
  ImportPreview,
  ImportReport,
  ImportSpec,
  ImportSummary,
  ImportTemplate,
  ImportWhat,
  InFileDuplicates,
  JobProgress,
  KeylessRows,
  MatchBy,
  MergePolicy,
  PreviewRow,
  ProblemCode,
  RowProblem,
  TagsLayout,
  UnknownTags,
} from "../../lib/ipc";

/** The outcomes `PreviewRow.outcome` names (the binding types it as a plain string). */
export const PREVIEW_OUTCOMES = ["new", "update", "unchanged", "rejected", "duplicate", "skipped"] as const;
export type PreviewOutcome = (typeof PREVIEW_OUTCOMES)[number];

export function toOutcome(outcome: string): PreviewOutcome | null {
  return PREVIEW_OUTCOMES.find((o) => o === outcome) ?? null;
}
