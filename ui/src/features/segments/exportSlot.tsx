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
      <ExportDialog
        open={open}
        scopes={[{ kind: "segment", scope: { type: "everyone" }, count: total ?? null }]}
        onClose={() => setOpen(false)}
        run={(spec) => segmentsExport(segment.id, spec)}
      />
    </>
  );
}
