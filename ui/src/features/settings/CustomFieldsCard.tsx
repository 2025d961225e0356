//! Settings card where a team declares its own customer fields (text, number, date, choices).
import { PlusOutlined } from "@ant-design/icons";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { App as AntApp, Button, Card, Form, Input, Modal, Radio, Space, Table, Tag } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { errorText } from "../../components/errorText";
import {
  fieldsArchive,
  fieldsCreate,
  fieldsList,
  fieldsUpdate,
  toIpcError,
  type CustomField,
  type FieldKind,
} from "../../lib/ipc";
import { queryKeys } from "../../lib/queryKeys";
import { isChoiceKind, parseOptions } from "./fieldOptions";

const KINDS: FieldKind[] = ["text", "number", "date", "single_choice", "multi_choice"];

interface FormValues {
  label: string;
  kind: FieldKind;
  options: string;
}

export function CustomFieldsCard() {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const client = useQueryClient();
  const fields = useQuery({ queryKey: queryKeys.fieldsList, queryFn: fieldsList });
  const [editing, setEditing] = useState<CustomField | "new" | null>(null);
  const [form] = Form.useForm<FormValues>();
  const kind = Form.useWatch("kind", form);

  const refresh = () => client.invalidateQueries({ queryKey: queryKeys.fieldsList });
  const save = useMutation({
    mutationFn: async (values: FormValues) => {
      const input = { label: values.label, kind: values.kind, options: parseOptions(values.options ?? "") };
      if (editing === "new") await fieldsCreate(input);
      else if (editing) await fieldsUpdate(editing.id, input);
    },
    onSuccess: async () => {
      setEditing(null);
      await refresh();
      message.success(t("fields.saved"));
    },
    onError: (e) => {
      const error = toIpcError(e);
      const name = error.field === "label" ? "label" : error.field === "options" ? "options" : null;
      if (name) form.setFields([{ name, errors: [error.message] }]);
      else message.error(errorText(t, error));
    },
  });
  const archive = useMutation({
    mutationFn: (field: CustomField) => fieldsArchive(field.id, !field.archived),
    onSuccess: refresh,
    onError: (e) => message.error(errorText(t, toIpcError(e))),
  });

  const open = (target: CustomField | "new") => {
    setEditing(target);
    form.setFieldsValue(
      target === "new"
        ? { label: "", kind: "text", options: "" }
        : { label: target.label, kind: target.kind, options: target.options.join("\n") },
    );
  };

  return (
    <Card
      title={t("fields.title")}
      extra={
        <Button data-testid="field-add" icon={<PlusOutlined />} onClick={() => open("new")}>
          {t("fields.add")}
        </Button>
      }
    >
      <Table<CustomField>
        data-testid="fields-table"
        size="small"
        rowKey="id"
        pagination={false}
        loading={fields.isLoading}
        dataSource={fields.data ?? []}
        locale={{ emptyText: t("fields.empty") }}
        onRow={(field) => ({ "data-testid": "field-row", "data-name": field.label }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          {
            title: t("fields.label"),
            dataIndex: "label",
            render: (label: string, field) => (
              <Space>
                {label}
                {field.archived && <Tag>{t("fields.archived")}</Tag>}
              </Space>
            ),
          },
          { title: t("fields.kind"), dataIndex: "kind", render: (k: FieldKind) => t(`fields.kinds.${k}`) },
          { title: t("fields.options"), dataIndex: "options", render: (o: string[]) => o.join("、") },
          {
            title: "",
            key: "actions",
            render: (_, field) => (
              <Space>
                <Button size="small" onClick={() => open(field)}>
                  {t("fields.edit")}
                </Button>
                <Button size="small" onClick={() => archive.mutate(field)} loading={archive.isPending}>
                  {field.archived ? t("fields.unarchive") : t("fields.archive")}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={editing !== null}
        title={editing === "new" ? t("fields.add") : t("fields.edit")}
        okButtonProps={{ loading: save.isPending, ...({ "data-testid": "field-save" } as Record<string, string>) }}
        onOk={() => form.validateFields().then((v) => save.mutate(v))}
        onCancel={() => setEditing(null)}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" preserve={false}>
          <Form.Item name="label" label={t("fields.label")} rules={[{ required: true, whitespace: true, message: t("fields.labelRequired") }]}>
            <Input data-testid="field-label" maxLength={50} />
          </Form.Item>
          <Form.Item name="kind" label={t("fields.kind")}>
            <Radio.Group data-testid="field-kind" optionType="button" buttonStyle="solid">
              {KINDS.map((k) => (
                <Radio.Button key={k} value={k}>
                  <span data-testid={`field-kind-${k}`}>{t(`fields.kinds.${k}`)}</span>
                </Radio.Button>
              ))}
            </Radio.Group>
          </Form.Item>
          {isChoiceKind(kind ?? "text") && (
            <Form.Item name="options" label={t("fields.options")} extra={t("fields.optionsHint")}>
              <Input.TextArea data-testid="field-options" rows={4} />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </Card>
  );
}
