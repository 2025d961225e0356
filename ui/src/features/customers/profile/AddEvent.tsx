//! "添加事件" on a profile: a declared kind, a date and time (plain inputs: antd's DatePicker cannot run
//! under the window's frozen prototypes), an amount and the kind's declared properties.
import { PlusOutlined } from "@ant-design/icons";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { App, Flex, Form, Input, InputNumber, Modal, Select, Typography } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { errorText } from "../../../components/errorText";
import { WhyButton } from "../../../components/Why";
import { eventKindsList, eventsAdd, toIpcError } from "../../../lib/ipc";
import { invalidateCustomerData } from "../../../lib/invalidate";
import { queryKeys } from "../../../lib/queryKeys";
import { nowParts, toEventInput, type EventFormValues } from "./eventForm";
import { problemText } from "../../../problems";

/** `why`: why this person may not add events (the team hub's rights), or null. */
export function AddEvent({ customerId, why = null }: { customerId: number; why?: string | null }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<EventFormValues>();
  const kinds = useQuery({ queryKey: queryKeys.eventKindsList, queryFn: eventKindsList });
  const kindName = Form.useWatch("kind", form);
  const kind = kinds.data?.find((k) => k.name === kindName);

  const add = useMutation({
    mutationFn: async (values: EventFormValues) => {
      const input = toEventInput(customerId, values, kind?.properties ?? []);
      if (input === null) throw { code: "invalid", message: t("events.dateRequired"), path: null, field: "occurred_at" };
      return eventsAdd(input);
    },
    onSuccess: async () => {
      setOpen(false);
      message.success(t("events.added"));
      // The rules ran for this customer: tags may have changed too.
      await Promise.all([invalidateCustomerData(client), client.invalidateQueries({ queryKey: queryKeys.eventKindsList })]);
    },
    onError: (e) => {
      const error = toIpcError(e);
      const field = error.field === "amount" ? "amount" : error.field === "kind" ? "kind" : error.field === "occurred_at" ? "date" : null;
      if (field !== null) form.setFields([{ name: field, errors: [problemText(error.problem)] }]);
      else message.error(errorText(t, error));
    },
  });

  // The kinds may arrive after the form opened: start on the first one.
  useEffect(() => {
    const first = kinds.data?.[0]?.name;
    if (open && first !== undefined && !form.getFieldValue("kind")) form.setFieldValue("kind", first);
  }, [open, kinds.data, form]);

  const show = () => {
    const first = kinds.data?.[0]?.name;
    form.setFieldsValue({ kind: first, ...nowParts(), amount: null, properties: {} });
    setOpen(true);
  };

  return (
    <>
      <WhyButton why={why} size="small" icon={<PlusOutlined />} data-testid="event-add" onClick={show}>
        {t("events.add")}
      </WhyButton>
      <Modal
        open={open}
        title={t("events.add")}
        okButtonProps={{ loading: add.isPending, ...({ "data-testid": "event-save" } as Record<string, string>) }}
        onOk={() => form.validateFields().then((v) => add.mutate(v))}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        {kinds.data?.length === 0 && <Typography.Paragraph type="secondary">{t("events.noKinds")}</Typography.Paragraph>}
        <Form form={form} layout="vertical" data-testid="event-form">
          <Form.Item name="kind" label={t("events.kind")} rules={[{ required: true, message: t("events.kindRequired") }]}>
            <Select
              data-testid="event-kind"
              showSearch
              options={(kinds.data ?? []).map((k) => ({ value: k.name, label: k.name }))}
            />
          </Form.Item>
          <Flex gap="small">
            <Form.Item name="date" label={t("events.date")} rules={[{ required: true, message: t("events.dateRequired") }]} style={{ flex: 1 }}>
              <Input type="date" data-testid="event-date" />
            </Form.Item>
            <Form.Item name="time" label={t("events.time")} style={{ flex: 1 }}>
              <Input type="time" data-testid="event-time" />
            </Form.Item>
            <Form.Item name="amount" label={t("events.amount")} style={{ flex: 1 }}>
              <InputNumber data-testid="event-amount" min={0} style={{ width: "100%" }} />
            </Form.Item>
          </Flex>
          {(kind?.properties ?? []).map((key) => (
            <Form.Item key={key} name={["properties", key]} label={key}>
              <Input data-testid={`event-property-${key}`} maxLength={500} />
            </Form.Item>
          ))}
        </Form>
      </Modal>
    </>
  );
}
