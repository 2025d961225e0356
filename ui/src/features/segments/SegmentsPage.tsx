//! Segments (分群): the pinned dashboard on top; below, the saved segments on the left and, on
//! the right, the builder (new or editing) or one segment's members.
import { useQuery } from "@tanstack/react-query";
import { Flex, Spin, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import "react-querybuilder/dist/query-builder-layout.css";
import { ErrorAlert } from "../../components/ErrorAlert";
import { PageTitle } from "../../components/PageTitle";
import { segmentsGet, segmentsList, toIpcError, type Segment } from "../../lib/ipc";
import { queryKeys } from "../../lib/queryKeys";
import { SegmentBuilder } from "./builder/SegmentBuilder";
import { Dashboard } from "./Dashboard";
import { SegmentExportDialog } from "./exportSlot";
import { SegmentDetail } from "./SegmentDetail";
import { SegmentList } from "./SegmentList";

type View = { mode: "new"; key: number } | { mode: "segment"; id: number } | { mode: "edit"; id: number };

/** `initialSegmentId`: a segment to open at once (from the command palette). */
export function SegmentsPage({ initialSegmentId }: { initialSegmentId?: number }) {
  const { t } = useTranslation();
  const [view, setView] = useState<View>(initialSegmentId === undefined ? { mode: "new", key: 0 } : { mode: "segment", id: initialSegmentId });
  const [exporting, setExporting] = useState<Segment | null>(null);
  const list = useQuery({ queryKey: queryKeys.segmentsList, queryFn: segmentsList });
  const openId = view.mode === "new" ? null : view.id;
  const current = useQuery({ queryKey: queryKeys.segmentsGet(openId ?? 0), queryFn: () => segmentsGet(openId!), enabled: openId !== null });
  const open = (id: number) => setView({ mode: "segment", id });
  const startNew = () => setView((v) => ({ mode: "new", key: v.mode === "new" ? v.key + 1 : 0 }));

  let right;
  if (view.mode === "new") {
    right = (
      <>
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          {t("segments.page.newTitle")}
        </Typography.Title>
        <SegmentBuilder key={`new-${view.key}`} segment={null} onSaved={open} />
      </>
    );
  } else if (current.error !== null) {
    right = <ErrorAlert error={toIpcError(current.error)} />;
  } else if (current.data === undefined || current.data.id !== view.id) {
    right = <Spin />;
  } else if (view.mode === "edit") {
    right = (
      <>
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          {t("segments.page.editTitle", { name: current.data.name })}
        </Typography.Title>
        <SegmentBuilder key={`edit-${current.data.id}-${current.data.updated_at}`} segment={current.data} onSaved={open} onCancel={() => open(view.id)} />
      </>
    );
  } else {
    right = <SegmentDetail key={current.data.id} segment={current.data} onEdit={() => setView({ mode: "edit", id: view.id })} />;
  }

  return (
    <>
      <PageTitle>{t("nav.segments")}</PageTitle>
      <Flex vertical gap="large">
        <Dashboard onOpen={open} />
        {list.error !== null && <ErrorAlert error={toIpcError(list.error)} />}
        <Flex gap="large" align="flex-start" className="segments-layout">
          <div className="segments-side">
            <SegmentList
              segments={list.isError ? [] : list.data}
              selectedId={openId}
              onOpen={open}
              onNew={startNew}
              onDeleted={(id) => {
                if (openId === id) startNew();
              }}
              onEdit={(id) => setView({ mode: "edit", id })}
              onExport={setExporting}
            />
          </div>
          <div className="segments-main">{right}</div>
        </Flex>
      </Flex>
      <SegmentExportDialog segment={exporting} onClose={() => setExporting(null)} />
    </>
  );
}
