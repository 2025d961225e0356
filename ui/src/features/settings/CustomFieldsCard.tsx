//! Settings card where a team declares its own customer fields (text, number, date, choices).
import { PlusOutlined } from "@ant-design/icons";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { App as AntApp, Card, Popconfirm, Space, Table, Tag } from "antd";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { errorText } from "../../components/errorText";
import { WhyButton, WhyNote } from "../../components/Why";
import { useRights } from "../team/useRights";
import {
  fieldsArchive,
  fieldsCreate,
  fieldsDelete,
  fieldsList,
  fieldsUpdate,
  toIpcError,
  type CustomField,
  type FieldKind,
} from "../../lib/ipc";
import { queryKeys } from "../../lib/queryKeys";
import { FieldFormModal, type FieldFormValues } from "./FieldFormModal";
import { emptyOnceKnown } from "../../components/emptyOnceKnown";

export function CustomFieldsCard() {
  const { t } = useTranslation();
  // Fields and event kinds are the team's admins' and owner's (the hub refuses others).
  const { notAdmin } = useRights();
  const { message } = AntApp.useApp();
  const client = useQueryClient();
  const fields = useQuery({ queryKey: queryKeys.fieldsList, queryFn: fieldsList });
  const [editing, setEditing] = useState<CustomField | "new" | null>(null);
  const refresh = () => client.invalidateQueries({ queryKey: queryKeys.fieldsList });
  const archive = useMutation({
    mutationFn: (field: CustomField) => fieldsArchive(field.id, !field.archived),
    onSuccess: refresh,
    onError: (e) => message.error(errorText(t, toIpcError(e))),
  });
  // The values go with the field; the history (操作记录) can bring both back.
  const remove = useMutation({
    mutationFn: (field: CustomField) => fieldsDelete(field.id),
    onSuccess: async (held, field) => {
      await client.invalidateQueries();
      message.success(t("fields.deleted", { label: field.label, count: held }));
    },
    onError: (e) => message.error(errorText(t, toIpcError(e))),
  });

  const open = (target: CustomField | "new") => setEditing(target);
  const initial: FieldFormValues = useMemo(
    () =>
      editing === null || editing === "new"
        ? { label: "", kind: "text", options: "" }
        : { label: editing.label, kind: editing.kind, options: editing.options.join("\n") },
    [editing],
  );

  return (
    <Card
      title={t("fields.title")}
      extra={
        <WhyButton why={notAdmin} data-testid="field-add" icon={<PlusOutlined />} onClick={() => open("new")}>
          {t("fields.add")}
        </WhyButton>
      }
    >
      <WhyNote why={notAdmin} testId="field-not-admin" />
      <Table<CustomField>
        data-testid="fields-table"
        size="small"
        rowKey="id"
        pagination={false}
        loading={fields.isLoading}
        dataSource={fields.data ?? []}
        locale={{ emptyText: emptyOnceKnown(fields.isLoading, t("fields.empty")) }}
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
                <WhyButton why={notAdmin} size="small" onClick={() => open(field)}>
                  {t("fields.edit")}
                </WhyButton>
                <WhyButton why={notAdmin} size="small" onClick={() => archive.mutate(field)} loading={archive.isPending}>
                  {field.archived ? t("fields.unarchive") : t("fields.archive")}
                </WhyButton>
                <Popconfirm
                  disabled={notAdmin !== null}
                  title={t("fields.deleteTitle", { label: field.label })}
                  description={t("fields.deleteBody")}
                  okText={t("fields.delete")}
                  okButtonProps={{ danger: true, id: "field-delete-ok" }}
                  onConfirm={() => remove.mutate(field)}
                >
                  <WhyButton why={notAdmin} size="small" danger data-testid="field-delete" loading={remove.isPending && remove.variables?.id === field.id}>
                    {t("fields.delete")}
                  </WhyButton>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      <FieldFormModal
        open={editing !== null}
        title={editing === "new" ? t("fields.add") : t("fields.edit")}
        initial={initial}
        onCancel={() => setEditing(null)}
        save={async (input) => {
          if (editing === "new") await fieldsCreate(input);
          else if (editing) await fieldsUpdate(editing.id, input);
          setEditing(null);
          await refresh();
          message.success(t("fields.saved"));
        }}
      />
    </Card>
  );
}
