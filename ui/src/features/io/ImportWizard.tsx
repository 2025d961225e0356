//! The import wizard: choose a file, map its columns, look at the dry run, then import.
//! Every change of the mapping or options re-runs the dry run (debounced) so the preview is always current.
import { FileExcelOutlined } from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import { Button, Card, Empty, Flex, Input, Space, Spin, Steps, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../components/ErrorAlert";
import { fieldsList, toIpcError } from "../../lib/ipc";
import { pickSpreadsheet } from "../../lib/ipc/dialog";
import { queryKeys } from "../../lib/queryKeys";
import { useTagsTree } from "../tags/useTagsTree";
import { MappingStep } from "./MappingStep";
import { PreviewStep } from "./PreviewStep";
import { RunStep } from "./RunStep";
import { buildSpec, DEFAULT_EDITS, setWhat, type ImportEdits } from "./spec";
import { useImportPreview } from "./useImportPreview";
import { WhatChoice } from "./WhatChoice";

type Step = 0 | 1 | 2 | 3;

export function ImportWizard() {
  const { t } = useTranslation();
  const [path, setPath] = useState<string | null>(null);
  const [edits, setEdits] = useState<ImportEdits>(DEFAULT_EDITS);
  const [step, setStep] = useState<Step>(0);
  const [running, setRunning] = useState(false);
  // A new run step (fresh mutation state) each time the user comes back to it.
  const [runKey, setRunKey] = useState(0);
  const spec = path === null ? null : buildSpec(path, edits);
  const preview = useImportPreview(spec);
  const fields = useQuery({ queryKey: queryKeys.fieldsList, queryFn: fieldsList });
  const tree = useTagsTree();

  const choose = async () => {
    const picked = await pickSpreadsheet(t("io.import.filterName"));
    if (picked === null) return;
    setPath(picked);
    setEdits({ ...DEFAULT_EDITS, what: edits.what });
    setStep(1);
  };
  const [typed, setTyped] = useState("");
  const openTyped = () => {
    const trimmed = typed.trim();
    if (trimmed === "") return;
    setPath(trimmed);
    setEdits({ ...DEFAULT_EDITS, what: edits.what });
    setStep(1);
  };
  const restart = () => {
    setPath(null);
    setTyped("");
    setEdits(DEFAULT_EDITS);
    setStep(0);
    setRunKey((k) => k + 1);
  };
  const goTo = (next: number) => {
    if (running || (next > 0 && path === null)) return;
    setStep(next as Step);
    if (next === 3) setRunKey((k) => k + 1);
  };

  const data = preview.data;
  const error = preview.isError ? toIpcError(preview.error) : null;
  // A mapping without a column the import needs shows its columns to map, and goes no further.
  const unmapped = (data?.unmapped ?? null) !== null;
  const body = (() => {
    if (step === 0 || path === null) {
      return (
        <Empty image={<FileExcelOutlined style={{ fontSize: 48, color: "#52c41a" }} />} description={t("io.import.chooseHint")}>
          <Flex vertical gap="middle" align="center">
            <WhatChoice value={edits.what} onChange={(what) => setEdits(setWhat(edits, what))} />
            <Button type="primary" data-testid="import-choose" onClick={() => void choose()}>
              {t("io.import.choose")}
            </Button>
            <Space.Compact style={{ width: 460 }}>
              <Input
                data-testid="import-path-input"
                placeholder={t("io.import.pastePath")}
                value={typed}
                onChange={(e) => setTyped(e.target.value)}
                onPressEnter={openTyped}
              />
              <Button data-testid="import-path-open" onClick={openTyped}>
                {t("io.import.openPath")}
              </Button>
            </Space.Compact>
          </Flex>
        </Empty>
      );
    }
    if (data === undefined) {
      return error !== null ? (
        <Flex vertical gap="middle">
          <WhatChoice value={edits.what} onChange={(what) => setEdits(setWhat(edits, what))} />
          <ErrorAlert error={error} testId="import-preview-error" />
        </Flex>
      ) : (
        <Spin data-testid="import-loading" description={t("io.import.loading")} />
      );
    }
    switch (step) {
      case 1:
        return (
          <MappingStep
            path={path}
            preview={data}
            edits={edits}
            fields={fields.data ?? []}
            nodes={tree.data?.nodes ?? []}
            onChange={setEdits}
          />
        );
      case 2:
        return <PreviewStep preview={data} stale={preview.isPlaceholderData} edits={edits} onChange={setEdits} />;
      case 3:
        return spec === null ? null : (
          <RunStep key={runKey} spec={spec} planned={data.summary} onRunning={setRunning} onRestart={restart} />
        );
    }
  })();

  return (
    <Card title={t(edits.what === "events" ? "io.import.titleEvents" : "io.import.title")} data-testid="import-wizard">
      <Flex vertical gap="middle">
        <Steps
          size="small"
          current={step}
          onChange={goTo}
          items={[
            { title: t("io.import.stepFile") },
            { title: t("io.import.stepMapping"), disabled: path === null },
            { title: t("io.import.stepPreview"), disabled: path === null || unmapped },
            { title: t("io.import.stepRun"), disabled: path === null || unmapped },
          ]}
        />
        {path !== null && (
          <Flex justify="space-between" align="center" gap="small" wrap>
            <Typography.Text type="secondary" data-testid="import-path" ellipsis={{ tooltip: path }} style={{ maxWidth: "70%" }}>
              {t("io.import.file", { path })}
            </Typography.Text>
            {!running && (
              <Button size="small" onClick={() => void choose()} data-testid="import-choose-other">
                {t("io.import.choose")}
              </Button>
            )}
          </Flex>
        )}
        {data !== undefined && error !== null && step !== 0 && <ErrorAlert error={error} testId="import-preview-error" />}
        {body}
        {path !== null && step > 0 && step < 3 && (
          <Flex justify="end" gap="small">
            <Button data-testid="import-back" onClick={() => goTo(step - 1)}>
              {t("io.import.back")}
            </Button>
            <Button type="primary" data-testid="import-next" disabled={data === undefined || preview.isFetching || unmapped} onClick={() => goTo(step + 1)}>
              {t("io.import.next")}
            </Button>
          </Flex>
        )}
      </Flex>
    </Card>
  );
}
