//! Settings card where a team declares the kinds of behaviour events it records (浏览定价页, 下单 …),
//! with their property keys and whether they are orders.
import { PlusOutlined } from "@ant-design/icons";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { App as AntApp, Card, Checkbox, Form, Input, Modal, Space, Table, Tag } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { errorText } from "../../components/errorText";
import { WhyButton, WhyNote } from "../../components/Why";
import { useRights } from "../team/useRights";
import {
  eventKindsCreate,
  eventKindsDelete,
  eventKindsList,
  eventKindsUpdate,
  toIpcError,
  type EventKind,
  type EventKindInput,
} from "../../lib/ipc";
import { invalidateCustomerData } from "../../lib/invalidate";
import { queryKeys } from "../../lib/queryKeys";
import { parseOptions } from "./fieldOptions";
import { emptyOnceKnown } from "../../components/emptyOnceKnown";
import { problemText } from "../../problems";

interface FormValues {
  name: string;
  description: string;
  properties: string;
  is_order: boolean;
}

export function EventKindsCard() {
  const { t } = useTranslation();
  // Fields and event kinds are the team's admins' and owner's (the hub refuses others).
  const { notAdmin } = useRights();
  const { message, modal } = AntApp.useApp();
  const client = useQueryClient();
  const kinds = useQuery({ queryKey: queryKeys.eventKindsList, queryFn: eventKindsList });
  const [editing, setEditing] = useState<EventKind | "new" | null>(null);
  const [form] = Form.useForm<FormValues>();

  // A rename or delete reaches events, conditions and profiles.
  const refresh = () =>
    Promise.all([
      client.invalidateQueries({ queryKey: queryKeys.eventKindsList }),
      client.invalidateQueries({ queryKey: queryKeys.segmentsCatalog }),
      invalidateCustomerData(client),
    ]);
  const save = useMutation({
    mutationFn: async (values: FormValues) => {
      const input: EventKindInput = {
        name: values.name,
        description: values.description ?? "",
        properties: parseOptions(values.properties ?? ""),
        is_order: values.is_order ?? false,
      };
      if (editing === "new") await eventKindsCreate(input);
      else if (editing) await eventKindsUpdate(editing.id, input);
    },
    onSuccess: async () => {
      setEditing(null);
      await refresh();
      message.success(t("eventKinds.saved"));
    },
    onError: (e) => {
      const error = toIpcError(e);
      const name = error.field === "name" ? "name" : error.field === "properties" ? "properties" : null;
      if (name) form.setFields([{ name, errors: [problemText(error.problem)] }]);
      else message.error(errorText(t, error));
    },
  });
  const remove = useMutation({
    mutationFn: ({ kind, force }: { kind: EventKind; force: boolean }) => eventKindsDelete(kind.id, force),
    onSuccess: async (n) => {
      await refresh();
      message.success(t("eventKinds.deleted", { count: n }));
    },
    onError: (e, { kind, force }) => {
      const error = toIpcError(e);
      if (!force && error.code === "in_use") {
        modal.confirm({
          title: t("eventKinds.confirmDelete", { name: kind.name, count: kind.events }),
          okButtonProps: { danger: true, ...({ "data-testid": "event-kind-confirm-delete" } as Record<string, string>) },
          onOk: () => remove.mutateAsync({ kind, force: true }),
        });
      } else message.error(errorText(t, error));
    },
  });

  const open = (target: EventKind | "new") => {
    setEditing(target);
    form.setFieldsValue(
      target === "new"
        ? { name: "", description: "", properties: "", is_order: false }
        : { name: target.name, description: target.description, properties: target.properties.join("\n"), is_order: target.is_order },
    );
  };

  return (
    <Card
      title={t("eventKinds.title")}
      extra={
        <WhyButton why={notAdmin} data-testid="event-kind-add" icon={<PlusOutlined />} onClick={() => open("new")}>
          {t("eventKinds.add")}
        </WhyButton>
      }
    >
      <WhyNote why={notAdmin} testId="event-kind-not-admin" />
      <Table<EventKind>
        data-testid="event-kinds-table"
        size="small"
        rowKey="id"
        pagination={false}
        loading={kinds.isLoading}
        dataSource={kinds.data ?? []}
        locale={{ emptyText: emptyOnceKnown(kinds.isLoading, t("eventKinds.empty")) }}
        onRow={(kind) => ({ "data-testid": "event-kind-row", "data-name": kind.name }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          {
            title: t("eventKinds.name"),
            dataIndex: "name",
            render: (name: string, kind) => (
              <Space>
                {name}
                {kind.is_order && <Tag color="gold">{t("eventKinds.orderTag")}</Tag>}
              </Space>
            ),
          },
          { title: t("eventKinds.description"), dataIndex: "description" },
          { title: t("eventKinds.properties"), dataIndex: "properties", render: (p: string[]) => p.join("、") },
          { title: t("eventKinds.events"), dataIndex: "events", align: "right" },
          {
            title: "",
            key: "actions",
            render: (_, kind) => (
              <Space>
                <WhyButton why={notAdmin} size="small" data-testid="event-kind-edit" onClick={() => open(kind)}>
                  {t("eventKinds.edit")}
                </WhyButton>
                <WhyButton why={notAdmin} size="small" danger data-testid="event-kind-delete" onClick={() => remove.mutate({ kind, force: false })}>
                  {t("eventKinds.delete")}
                </WhyButton>
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={editing !== null}
        title={editing === "new" ? t("eventKinds.add") : t("eventKinds.edit")}
        okButtonProps={{ loading: save.isPending, ...({ "data-testid": "event-kind-save" } as Record<string, string>) }}
        onOk={() => form.validateFields().then((v) => save.mutate(v))}
        onCancel={() => setEditing(null)}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" preserve={false}>
          <Form.Item name="name" label={t("eventKinds.name")} rules={[{ required: true, whitespace: true, message: t("eventKinds.nameRequired") }]}>
            <Input data-testid="event-kind-name" maxLength={100} />
          </Form.Item>
          <Form.Item name="description" label={t("eventKinds.description")}>
            <Input data-testid="event-kind-description" maxLength={200} />
          </Form.Item>
          <Form.Item name="properties" label={t("eventKinds.properties")} extra={t("eventKinds.propertiesHint")}>
            <Input.TextArea data-testid="event-kind-properties" rows={3} />
          </Form.Item>
          <Form.Item name="is_order" valuePropName="checked" extra={t("eventKinds.isOrderHint")}>
            <Checkbox data-testid="event-kind-order">{t("eventKinds.isOrder")}</Checkbox>
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
