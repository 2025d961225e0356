//! The mapping step's choices for an events file: which key finds the customer, one kind for every
//! row (when the file has no kind column; one not declared yet can be typed), what happens to
//! kinds not declared yet, and whether rows repeating an earlier row (two identical orders) are
//! imported too.
import { Alert, Form, Select } from "antd";
import { useQuery } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { queryKeys } from "../../lib/queryKeys";
import { eventKindsList, type ImportPreview, type InFileDuplicates, type MatchBy } from "./api";
import type { ImportEdits } from "./spec";

const KEYS: readonly MatchBy[] = ["phone", "email", "external_id"];
const DUPLICATES: readonly InFileDuplicates[] = ["keep", "skip"];
/** The Select value for "each row's kind comes from its column". */
const FROM_COLUMN = "";

interface Props {
  preview: ImportPreview;
  edits: ImportEdits;
  onChange: (edits: ImportEdits) => void;
}

export function EventImportOptions({ preview, edits, onChange }: Props) {
  const { t } = useTranslation();
  const kinds = useQuery({ queryKey: queryKeys.eventKindsList, queryFn: eventKindsList });
  // What is typed in the one-kind choice: a kind not declared yet can be named there.
  const [typed, setTyped] = useState("");
  const declared = useMemo(() => (kinds.data ?? []).map((k) => k.name), [kinds.data]);
  const fixedKindOptions = useMemo(() => {
    const fresh = [typed.trim(), edits.fixed_kind ?? ""].filter((name, i, all) => name !== "" && !declared.includes(name) && all.indexOf(name) === i);
    return [
      { value: FROM_COLUMN, label: t("io.import.fixedKindNone") },
      ...declared.map((name) => ({ value: name, label: name })),
      ...fresh.map((name) => ({ value: name, label: t("io.import.fixedKindNew", { name }) })),
    ];
  }, [t, typed, declared, edits.fixed_kind]);
  return (
    <>
      <Form.Item label={t("io.import.matchEvents")}>
        <Select
          data-testid="import-match"
          style={{ minWidth: 130 }}
          value={edits.match_by}
          options={KEYS.map((m) => ({ value: m, label: t(`io.import.match.${m}`) }))}
          onChange={(match_by: MatchBy) => onChange({ ...edits, match_by })}
        />
      </Form.Item>
      <Form.Item label={t("io.import.fixedKind")}>
        <Select
          data-testid="import-fixed-kind"
          style={{ minWidth: 150 }}
          value={edits.fixed_kind ?? FROM_COLUMN}
          showSearch={{ optionFilterProp: "label", onSearch: setTyped, searchValue: typed }}
          options={fixedKindOptions}
          onChange={(kind: string) => {
            setTyped("");
            // A kind typed here is one to declare: the file's rows are all of it.
            const fresh = kind !== FROM_COLUMN && !declared.includes(kind);
            onChange({ ...edits, fixed_kind: kind === FROM_COLUMN ? null : kind, create_kinds: edits.create_kinds || fresh });
          }}
        />
      </Form.Item>
      <Form.Item label={t("io.import.unknownKinds")}>
        <Select
          data-testid="import-unknown-kinds"
          style={{ minWidth: 120 }}
          value={edits.create_kinds ? "create" : "reject"}
          options={[
            { value: "reject", label: t("io.import.unknownReject") },
            { value: "create", label: t("io.import.unknownKindsCreate") },
          ]}
          onChange={(v: string) => onChange({ ...edits, create_kinds: v === "create" })}
        />
      </Form.Item>
      <Form.Item label={t("io.import.inFileDuplicates")} tooltip={t("io.import.inFileDuplicatesHint")}>
        <Select
          data-testid="import-in-file-duplicates"
          style={{ minWidth: 150 }}
          value={edits.in_file_duplicates}
          options={DUPLICATES.map((d) => ({ value: d, label: t(`io.import.inFileDuplicatesOpt.${d}`) }))}
          onChange={(in_file_duplicates: InFileDuplicates) => onChange({ ...edits, in_file_duplicates })}
        />
      </Form.Item>
      {preview.kinds_to_create.length > 0 && (
        <Alert
          type="info"
          showIcon
          data-testid="import-kinds-to-create"
          title={t(edits.create_kinds ? "io.import.kindsToCreate" : "io.import.kindsUnknown", { names: preview.kinds_to_create.join("、") })}
        />
      )}
    </>
  );
}
