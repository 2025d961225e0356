//! The customer's attributes as a form, for both editing and creating. A rejected save marks the
//! field the backend names and shows its message there.
import { Col, Flex, Form, Input, Row, Select } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../../components/ErrorAlert";
import { WhyButton } from "../../../components/Why";
import { toIpcError, type Customer, type CustomerInput, type IpcError } from "../../../lib/ipc";
import { toCustomFormValues } from "../customFields";
import { useActiveFields } from "../useCustomFields";
import { CustomFieldInputs } from "./CustomFieldInputs";
import { CHOICE_FIELDS, FORM_ATTRIBUTES, faultyField, toCustomerInput, toFormValues, OPTION_WORDS, type FormField, type FormValues } from "./customerForm";
import { problemText } from "../../../problems";

interface Props {
  customer: Customer | null;
  submitText: string;
  submitTestId: string;
  onSubmit: (input: CustomerInput) => Promise<unknown>;
  extra?: React.ReactNode;
  /** Puts the cursor in the name field (the list's "edit" opened the profile). */
  focusName?: boolean;
  /** Why this person may not change the customer (the team hub's rights): the form only shows. */
  why?: string | null;
}

/** Text attributes in one-line inputs: all but the name (required, first) and the notes (a text area, last). */
const PLAIN: readonly FormField[] = FORM_ATTRIBUTES.filter((a) => a.kind === "text" && a.key !== "name" && a.key !== "notes").map((a) => a.key);
const DATES: readonly FormField[] = FORM_ATTRIBUTES.filter((a) => a.kind === "date").map((a) => a.key);


export function CustomerForm({ customer, submitText, submitTestId, onSubmit, extra, focusName = false, why = null }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<FormValues>();
  const [error, setError] = useState<IpcError | null>(null);
  const [saving, setSaving] = useState(false);
  const fields = useActiveFields();
  const fieldsKey = fields.map((f) => `${f.id}:${f.kind}`).join(",");

  // Reset only when another customer, or a newer save of it, arrives: a tag change must not wipe typing.
  const version = customer === null ? "new" : `${customer.id}@${customer.updated_at}`;
  useEffect(() => {
    form.resetFields();
    form.setFieldsValue(toFormValues(customer, fields));
    setError(null);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [version, form]);
  useEffect(() => {
    if (!focusName) return;
    // After the drawer has taken focus for itself as it opened.
    const timer = setTimeout(() => (form.getFieldInstance("name") as HTMLInputElement | undefined)?.focus?.(), 0);
    return () => clearTimeout(timer);
  }, [focusName, form]);
  // Custom fields may arrive after the customer: fill in only theirs, leaving typed attributes alone.
  useEffect(() => {
    form.setFieldsValue({ custom: toCustomFormValues(fields, customer?.custom ?? []) });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [fieldsKey, form]);

  const submit = async (values: FormValues) => {
    setSaving(true);
    setError(null);
    try {
      await onSubmit(toCustomerInput(values, fields, customer?.custom ?? []));
    } catch (e) {
      const err = toIpcError(e);
      setError(err);
      const field = faultyField(err, fields);
      if (field !== null) form.setFields([{ name: field, errors: [problemText(err.problem)] }]);
    } finally {
      setSaving(false);
    }
  };

  const label = (f: FormField) => t(`customer.field.${f}`);
  return (
    <Form form={form} layout="vertical" onFinish={submit} requiredMark="optional" disabled={why !== null} data-testid="customer-form">
      {error !== null && (
        <div style={{ marginBottom: 16 }}>
          <ErrorAlert error={error} testId="form-error" />
        </div>
      )}
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item name="name" label={label("name")} rules={[{ required: true, whitespace: true, message: t("customer.nameRequired") }]}>
            <Input data-testid="field-name" maxLength={100} />
          </Form.Item>
        </Col>
        {PLAIN.map((f) => (
          <Col span={12} key={f}>
            <Form.Item name={f} label={label(f)}>
              <Input data-testid={`field-${f}`} />
            </Form.Item>
          </Col>
        ))}
        {CHOICE_FIELDS.map((a) => (
          <Col span={12} key={a.key}>
            <Form.Item name={a.key} label={label(a.key)}>
              <Select
                data-testid={`field-${a.key}`}
                allowClear
                options={a.options.map((o) => ({ value: o, label: t(`${OPTION_WORDS[a.key]}.${o}` as "customer.type.b2b") }))}
              />
            </Form.Item>
          </Col>
        ))}
        {DATES.map((f) => (
          <Col span={12} key={f}>
            <Form.Item name={f} label={label(f)}>
              <Input type="date" data-testid={`field-${f}`} />
            </Form.Item>
          </Col>
        ))}
        <Col span={24}>
          <Form.Item name="notes" label={label("notes")}>
            <Input.TextArea data-testid="field-notes" autoSize={{ minRows: 2, maxRows: 6 }} />
          </Form.Item>
        </Col>
        <CustomFieldInputs fields={fields} />
      </Row>
      <Flex gap="small" justify="end">
        {extra}
        <WhyButton why={why} type="primary" htmlType="submit" loading={saving} data-testid={submitTestId}>
          {submitText}
        </WhyButton>
      </Flex>
    </Form>
  );
}
