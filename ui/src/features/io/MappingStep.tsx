//! Step 2: what each column means, and how the file is read and matched.
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, Flex, Form, InputNumber, Select, Table, TreeSelect, Typography } from "antd";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { fieldsCreate, type CustomField, type TagNode } from "../../lib/ipc";
import { queryKeys } from "../../lib/queryKeys";
import { problemText } from "../../problems";
import { FieldFormModal } from "../settings/FieldFormModal";
import { eventKindsList, type ImportPreview, type KeylessRows, type MatchBy, type MergePolicy } from "./api";
import { EventImportOptions } from "./EventImportOptions";
import { parentTree } from "./parentTree";
import { currentColumns, isDelimited, sampleValues, setColumn, setReading, setWhat, targetFromKey, targetKey, type ImportEdits } from "./spec";
import { eventTargetOptions, NEW_FIELD, targetOptions } from "./targetOptions";
import { TemplateBar } from "./TemplateBar";
import { WhatChoice } from "./WhatChoice";

interface Props {
  path: string;
  preview: ImportPreview;
  edits: ImportEdits;
  fields: readonly CustomField[];
  nodes: readonly TagNode[];
  onChange: (edits: ImportEdits) => void;
}

const MATCH: readonly MatchBy[] = ["nothing", "phone", "email", "external_id"];
const KEYLESS: readonly KeylessRows[] = ["add", "skip"];
/** The TreeSelect value for "a new group named after the column" (the backend's `parent_id: null`). */
const COLUMN_GROUP = -1;
const POLICY: readonly MergePolicy[] = ["skip", "overwrite", "fill_empty"];
const ENCODINGS = [
  { value: "auto", key: "auto" },
  { value: "utf-8", key: "utf-8" },
  { value: "gbk", key: "gbk" },
] as const;

interface Row {
  index: number;
  header: string;
}

export function MappingStep({ path, preview, edits, fields, nodes, onChange }: Props) {
  const { t } = useTranslation();
  const events = edits.what === "events";
  const kinds = useQuery({ queryKey: queryKeys.eventKindsList, queryFn: eventKindsList, enabled: events });
  const declared = useMemo(() => (kinds.data ?? []).flatMap((k) => k.properties), [kinds.data]);
  const options = useMemo(
    () => (events ? eventTargetOptions(t, preview.headers, declared) : targetOptions(t, fields, nodes)),
    [t, events, preview.headers, declared, fields, nodes],
  );
  const parents = useMemo(() => parentTree(nodes), [nodes]);
  const columns = currentColumns(preview, edits);
  const rows: Row[] = preview.headers.map((header, index) => ({ index, header }));
  const unknown = edits.unknown_tags;
  const client = useQueryClient();
  // The column a custom field is being created for, without leaving the wizard.
  const [newFieldFor, setNewFieldFor] = useState<Row | null>(null);
  const parentChoices = useMemo(
    () => [{ title: t("io.import.unknownColumnGroup"), value: COLUMN_GROUP, children: [] }, ...parents],
    [t, parents],
  );

  return (
    <Flex vertical gap="middle" data-testid="import-mapping">
      <TemplateBar preview={preview} edits={edits} onChange={onChange} />
      <Form layout="inline" style={{ rowGap: 8 }}>
        <Form.Item label={t("io.import.what")}>
          <WhatChoice value={edits.what} onChange={(what) => onChange(setWhat(edits, what))} />
        </Form.Item>
        {preview.sheets.length > 1 && (
          <Form.Item label={t("io.import.sheet")}>
            <Select
              data-testid="import-sheet"
              style={{ minWidth: 140 }}
              value={edits.sheet ?? preview.sheet}
              options={preview.sheets.map((s) => ({ label: s, value: s }))}
              onChange={(sheet: string) => onChange(setReading(edits, { sheet, header_row: null }))}
            />
          </Form.Item>
        )}
        {isDelimited(path) && (
          <Form.Item label={t("io.import.encoding")}>
            <Select
              data-testid="import-encoding"
              style={{ minWidth: 110 }}
              value={edits.encoding ?? "auto"}
              options={ENCODINGS.map((e) => ({ value: e.value, label: e.key === "auto" ? t("io.import.encodingAuto") : e.key.toUpperCase() }))}
              onChange={(value: string) => onChange(setReading(edits, { encoding: value === "auto" ? null : value }))}
            />
          </Form.Item>
        )}
        <Form.Item label={t("io.import.headerRow")}>
          <InputNumber
            data-testid="import-header-row"
            min={1}
            precision={0}
            value={edits.header_row ?? preview.header_row}
            onChange={(value) => typeof value === "number" && onChange(setReading(edits, { header_row: value }))}
          />
        </Form.Item>
        {events ? (
          <EventImportOptions preview={preview} edits={edits} onChange={onChange} />
        ) : (
          <>
        <Form.Item label={t("io.import.matchBy")}>
          <Select
            data-testid="import-match"
            style={{ minWidth: 150 }}
            value={edits.match_by}
            options={MATCH.map((m) => ({ value: m, label: t(`io.import.match.${m}`) }))}
            onChange={(match_by: MatchBy) => onChange({ ...edits, match_by })}
          />
        </Form.Item>
        <Form.Item label={t("io.import.policy")}>
          <Select
            data-testid="import-policy"
            style={{ minWidth: 140 }}
            disabled={edits.match_by === "nothing"}
            value={edits.policy}
            options={POLICY.map((p) => ({ value: p, label: t(`io.import.policyOpt.${p}`) }))}
            onChange={(policy: MergePolicy) => onChange({ ...edits, policy })}
          />
        </Form.Item>
        <Form.Item label={t("io.import.unknownTags")}>
          <Flex gap="small">
            <Select
              data-testid="import-unknown"
              style={{ minWidth: 120 }}
              value={unknown.type}
              options={[
                { value: "reject", label: t("io.import.unknownReject") },
                { value: "create", label: t("io.import.unknownCreate") },
              ]}
              onChange={(type: "reject" | "create") => {
                // A new database has no group yet: new tags then go into a group named after the column.
                const first = parents[0]?.value ?? null;
                if (type === "reject") onChange({ ...edits, unknown_tags: { type: "reject" } });
                else onChange({ ...edits, unknown_tags: { type: "create", parent_id: first } });
              }}
            />
            {unknown.type === "create" && (
              <TreeSelect
                data-testid="import-unknown-parent"
                style={{ minWidth: 200 }}
                treeDefaultExpandAll
                popupMatchSelectWidth={false}
                placeholder={t("io.import.unknownParent")}
                value={unknown.parent_id ?? COLUMN_GROUP}
                treeData={parentChoices}
                onChange={(value: number) =>
                  onChange({ ...edits, unknown_tags: { type: "create", parent_id: value === COLUMN_GROUP ? null : value } })
                }
              />
            )}
          </Flex>
        </Form.Item>
        <Form.Item label={t("io.import.keyless")}>
          <Select
            data-testid="import-keyless"
            style={{ minWidth: 150 }}
            value={edits.keyless}
            popupMatchSelectWidth={false}
            options={KEYLESS.map((k) => ({ value: k, label: t(`io.import.keylessOpt.${k}`) }))}
            onChange={(keyless: KeylessRows) => onChange({ ...edits, keyless })}
          />
        </Form.Item>
          </>
        )}
      </Form>
      {preview.unmapped !== null && (
        <Alert type="warning" showIcon data-testid="import-unmapped" title={problemText(preview.unmapped)} />
      )}
      <Alert type="info" showIcon data-testid="import-how" title={t(events ? "io.import.howEvents" : "io.import.howCustomers")} />
      <Table<Row>
        size="small"
        rowKey="index"
        pagination={false}
        dataSource={rows}
        columns={[
          { title: t("io.import.colHeader"), dataIndex: "header", width: "30%" },
          {
            title: t("io.import.colSample"),
            key: "sample",
            render: (_, row) => <Typography.Text type="secondary">{sampleValues(preview, row.index).join("、")}</Typography.Text>,
          },
          {
            title: t("io.import.colTarget"),
            key: "target",
            width: 240,
            render: (_, row) => {
              const target = columns[row.index] ?? { type: "ignore" as const };
              return (
                <Select
                  data-testid={`map-${row.index}`}
                  style={{ width: "100%" }}
                  showSearch={{ optionFilterProp: "label" }}
                  value={targetKey(target)}
                  options={options}
                  onChange={(key: string) =>
                    key === NEW_FIELD ? setNewFieldFor(row) : onChange(setColumn(preview, edits, row.index, targetFromKey(key)))
                  }
                />
              );
            },
          },
        ]}
      />
      <FieldFormModal
        open={newFieldFor !== null}
        title={t("io.import.newFieldTitle", { header: newFieldFor?.header ?? "" })}
        initial={{ label: newFieldFor?.header.trim() ?? "", kind: "text", options: "" }}
        onCancel={() => setNewFieldFor(null)}
        save={async (input) => {
          const field_id = await fieldsCreate(input);
          await client.invalidateQueries({ queryKey: queryKeys.fieldsList });
          if (newFieldFor !== null) onChange(setColumn(preview, edits, newFieldFor.index, { type: "custom_field", field_id }));
          setNewFieldFor(null);
        }}
      />
    </Flex>
  );
}
