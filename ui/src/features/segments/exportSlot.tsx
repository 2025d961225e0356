//! Hook point for exporting a segment's members to .xlsx, rendered in the segment's header
//! beside "Tag all members". The lead wires the export here (the `exportCustomers` command with a
//! segment source, a save dialog, progress); until then it renders nothing, so there is no dead button.
import type { Segment } from "../../lib/ipc";

export function SegmentExportSlot(_props: { segment: Segment }) {
  return null;
}
