//! Saved mappings in the mapping step: pick one (a file whose headers match one gets it
//! automatically), save the current mapping under a name, or delete one.
import { DeleteOutlined, SaveOutlined } from "@ant-design/icons";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { App, Button, Flex, Input, Popconfirm, Popover, Select, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { errorText } from "../../components/errorText";
import { toIpcError } from "../../lib/ipc";
import { queryKeys } from "../../lib/queryKeys";
import { importTemplatesApply, importTemplatesDelete, importTemplatesList, importTemplatesSave, type ImportPreview } from "./api";
import { currentColumns, shownTemplate, type ImportEdits } from "./spec";

interface Props {
  preview: ImportPreview;
  edits: ImportEdits;
  onChange: (edits: ImportEdits) => void;
}

export function TemplateBar({ preview, edits, onChange }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const templates = useQuery({ queryKey: queryKeys.importTemplatesList, queryFn: importTemplatesList });
  const [saving, setSaving] = useState(false);
  const [name, setName] = useState("");
  const shown = shownTemplate(preview, edits);
  const automatic = edits.template === null && edits.columns === null && preview.template !== null;
  const onError = (e: unknown) => void message.error(errorText(t, toIpcError(e)));
  const refresh = () => client.invalidateQueries({ queryKey: queryKeys.importTemplatesList });

  const pick = useMutation({
    mutationFn: (id: number) => importTemplatesApply(id, preview.headers),
    onSuccess: (columns, id) => onChange({ ...edits, columns, template: id }),
    onError,
  });
  const save = useMutation({
    mutationFn: (templateName: string) =>
      importTemplatesSave({ name: templateName, headers: preview.headers, columns: currentColumns(preview, edits) }),
    onSuccess: (id, templateName) => {
      setSaving(false);
      setName("");
      onChange({ ...edits, columns: currentColumns(preview, edits), template: id });
      void message.success(t("io.template.saved", { name: templateName.trim() }));
      return refresh();
    },
    onError,
  });
  const remove = useMutation({
    mutationFn: (id: number) => importTemplatesDelete(id),
    onSuccess: () => {
      // The mapping on screen stays; it just no longer comes from a template.
      onChange({ ...edits, columns: currentColumns(preview, edits), template: null });
      return refresh();
    },
    onError,
  });

  // A template is offered only for the kind of file (customers or events) it was made for.
  const list = (templates.data ?? []).filter((tpl) => tpl.what === edits.what);
  const known = shown !== null && list.some((tpl) => tpl.id === shown);
  return (
    <Flex align="center" gap="small" wrap data-testid="template-bar">
      <Typography.Text>{t("io.template.label")}</Typography.Text>
      <Select<number>
        data-testid="template-select"
        style={{ minWidth: 200 }}
        allowClear
        placeholder={list.length === 0 ? t("io.template.none") : t("io.template.choose")}
        value={known ? shown : undefined}
        loading={pick.isPending}
        options={list.map((tpl) => ({ value: tpl.id, label: tpl.name }))}
        onChange={(id) => {
          if (id === undefined) onChange({ ...edits, columns: preview.suggested, template: null });
          else pick.mutate(id);
        }}
      />
      {automatic && (
        <Tag color="green" data-testid="template-applied">
          {t("io.template.applied", { name: preview.template?.name ?? "" })}
        </Tag>
      )}
      <Popover
        open={saving}
        onOpenChange={setSaving}
        trigger="click"
        title={t("io.template.saveTitle")}
        content={
          <Flex gap="small">
            <Input
              data-testid="template-name"
              autoFocus
              placeholder={t("io.template.namePlaceholder")}
              value={name}
              onChange={(e) => setName(e.target.value)}
              onPressEnter={() => name.trim() !== "" && save.mutate(name)}
            />
            <Button type="primary" data-testid="template-save-ok" disabled={name.trim() === ""} loading={save.isPending} onClick={() => save.mutate(name)}>
              {t("common.save")}
            </Button>
          </Flex>
        }
      >
        <Button icon={<SaveOutlined />} data-testid="template-save">
          {t("io.template.save")}
        </Button>
      </Popover>
      {known && (
        <Popconfirm
          title={t("io.template.deleteConfirm", { name: list.find((tpl) => tpl.id === shown)?.name ?? "" })}
          okText={t("io.template.delete")}
          cancelText={t("common.cancel")}
          onConfirm={() => shown !== null && remove.mutate(shown)}
        >
          <Button icon={<DeleteOutlined />} danger data-testid="template-delete">
            {t("io.template.delete")}
          </Button>
        </Popconfirm>
      )}
    </Flex>
  );
}
