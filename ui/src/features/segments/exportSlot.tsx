//! Exports a segment's members to .xlsx or CSV through the shared export dialog, with the
//! segment as the only scope (its members are resolved in the core, not sent from here).
import { ExportOutlined } from "@ant-design/icons";
import { Button } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { segmentsExport, type Segment } from "../../lib/ipc";
import { ExportDialog } from "../io/ExportDialog";

export function SegmentExportSlot({ segment, total }: { segment: Segment; total?: number }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button icon={<ExportOutlined />} data-testid="segment-export" disabled={total === 0} onClick={() => setOpen(true)}>
        {t("customers.export")}
      </Button>
      <SegmentExportDialog segment={open ? segment : null} total={total} onClose={() => setOpen(false)} />
    </>
  );
}

/** The export dialog for `segment`'s members (closed when null); also the segment list's right-click "export members". */
export function SegmentExportDialog({ segment, total, onClose }: { segment: Segment | null; total?: number; onClose: () => void }) {
  return (
    <ExportDialog
      open={segment !== null}
      scopes={[{ kind: "segment", scope: { type: "everyone" }, count: total ?? null }]}
      onClose={onClose}
      run={(spec) => (segment === null ? Promise.resolve(0) : segmentsExport(segment.id, spec))}
    />
  );
}
