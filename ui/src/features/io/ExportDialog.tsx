//! Export options for customers: which of them (everyone, the current filter, the selection),
//! the format, the columns and how tags are laid out; then where to save. Headers and labels
//! are written in the UI's language, which the import reads back either way.
import { useMutation } from "@tanstack/react-query";
import { App, Checkbox, Flex, Form, Input, Modal, Radio, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { errorText } from "../../components/errorText";
import { toLanguage } from "../../i18n/languages";
import { toIpcError } from "../../lib/ipc";
import { pickSavePath } from "../../lib/ipc/dialog";
import { useActiveFields } from "../customers/useCustomFields";
import type { ExportSpec } from "../../lib/ipc";
import { exportCustomers, type ExportFormat, type TagsLayout } from "./api";
import { EXPORT_DONE_SECONDS, ExportedFile } from "./ExportedFile";
import { allColumns, chosenColumns, columnKey, columnLabel, defaultColumnKeys, type ScopeChoice, type ScopeKind } from "./exportOptions";

interface Props {
  open: boolean;
  /** The scopes offered; the first is chosen unless `initial` names another. */
  scopes: readonly ScopeChoice[];
  initial?: ScopeKind;
  onClose: () => void;
  /** Writes the file; by default the customers export of the chosen scope. */
  run?: (spec: ExportSpec) => Promise<number>;
}

export function ExportDialog({ open, ...props }: Props) {
  return open ? <ExportForm {...props} /> : null;
}

function ExportForm({ scopes, initial, onClose, run: write = exportCustomers }: Omit<Props, "open">) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const fields = useActiveFields();
  const [kind, setKind] = useState<ScopeKind>(() => scopes.find((s) => s.kind === initial)?.kind ?? scopes[0]?.kind ?? "everyone");
  const [format, setFormat] = useState<ExportFormat>("xlsx");
  const [tags, setTags] = useState<TagsLayout>("per_group");
  const [keys, setKeys] = useState<string[] | null>(null);
  // A path typed here is used as it is (scripts, and machines whose file dialog is far away).
  const [typedPath, setTypedPath] = useState("");
  const ticked = keys ?? defaultColumnKeys(fields);
  const choice = scopes.find((s) => s.kind === kind);

  const run = useMutation({
    mutationFn: async () => {
      if (choice === undefined) return null;
      const typed = typedPath.trim();
      const path =
        typed !== ""
          ? withExtension(typed, format)
          : await pickSavePath(`${t("io.export.customersName")}.${format}`, t("io.export.filterName"), [format]);
      if (path === null) return null;
      const language = toLanguage(i18n.language);
      const count = await write({ scope: choice.scope, columns: chosenColumns(fields, ticked), format, tags, path, language });
      return { count, path };
    },
    onSuccess: (done) => {
      if (done === null) return;
      void message.success({
        content: <ExportedFile text={t("io.export.customersDone", { count: done.count })} path={done.path} />,
        duration: EXPORT_DONE_SECONDS,
      });
      onClose();
    },
    onError: (e) => void message.error(errorText(t, toIpcError(e))),
  });

  return (
    <Modal
      open
      title={t("io.export.dialogTitle")}
      okText={t("io.export.save")}
      cancelText={t("common.cancel")}
      okButtonProps={{
        disabled: ticked.length === 0 && tags === "none",
        loading: run.isPending,
        ...({ "data-testid": "export-ok" } as Record<string, string>),
      }}
      onOk={() => run.mutate()}
      onCancel={onClose}
      width={640}
    >
      <Form layout="vertical" data-testid="export-dialog">
        <Form.Item label={t("io.export.scope")}>
          <Radio.Group
            data-testid="export-scope"
            name="export-scope"
            value={kind}
            onChange={(e) => setKind(e.target.value as ScopeKind)}
            options={scopes.map((s) => ({
              value: s.kind,
              label: s.count === null ? t(`io.export.scopeKind.${s.kind}`) : t(`io.export.scopeCount.${s.kind}`, { count: s.count }),
            }))}
          />
        </Form.Item>
        <Form.Item label={t("io.export.format")}>
          <Radio.Group
            data-testid="export-dialog-format"
            name="export-format"
            optionType="button"
            value={format}
            onChange={(e) => setFormat(e.target.value as ExportFormat)}
            options={[
              { value: "xlsx", label: "Excel (xlsx)" },
              { value: "csv", label: "CSV" },
            ]}
          />
        </Form.Item>
        <Typography.Paragraph type="secondary" data-testid="export-language-hint">
          {t("io.export.languageHint")}
        </Typography.Paragraph>
        <Form.Item label={t("io.export.tagsLayout")}>
          <Radio.Group
            data-testid="export-dialog-tags"
            name="export-tags"
            value={tags}
            onChange={(e) => setTags(e.target.value as TagsLayout)}
            options={[
              { value: "per_group", label: t("io.export.perGroup") },
              { value: "joined", label: t("io.export.joined") },
              { value: "none", label: t("io.export.noTags") },
            ]}
          />
        </Form.Item>
        <Form.Item
          label={
            <Flex gap="small" align="baseline">
              {t("io.export.columns")}
              <Typography.Link data-testid="export-columns-all" onClick={() => setKeys(allColumns(fields).map(columnKey))}>
                {t("io.export.allColumns")}
              </Typography.Link>
              <Typography.Link data-testid="export-columns-none" onClick={() => setKeys([])}>
                {t("io.export.noColumns")}
              </Typography.Link>
            </Flex>
          }
        >
          <Checkbox.Group
            data-testid="export-columns"
            value={ticked}
            onChange={(values) => setKeys(values.map(String))}
            options={allColumns(fields).map((c) => ({ value: columnKey(c), label: columnLabel(t, fields, c) }))}
          />
        </Form.Item>
        <Form.Item label={t("io.export.pathLabel")}>
          <Input
            data-testid="export-path"
            placeholder={t("io.export.pathPlaceholder")}
            value={typedPath}
            onChange={(e) => setTypedPath(e.target.value)}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** `path` ending in `.format`, added when the user left it out. */
export function withExtension(path: string, format: ExportFormat): string {
  return path.toLowerCase().endsWith(`.${format}`) ? path : `${path}.${format}`;
}
