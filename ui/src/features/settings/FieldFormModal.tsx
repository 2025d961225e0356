//! The form of one custom field (label, kind, choices) in a modal: Settings uses it to add and edit fields,
//! the import wizard to add one for a column without leaving the wizard.
import { useMutation } from "@tanstack/react-query";
import { App as AntApp, Form, Input, Modal, Radio } from "antd";
import { useTranslation } from "react-i18next";
import { errorText } from "../../components/errorText";
import { toIpcError, type CustomFieldInput, type FieldKind } from "../../lib/ipc";
import { isChoiceKind, parseOptions } from "./fieldOptions";
import { problemText } from "../../problems";

const KINDS: FieldKind[] = ["text", "number", "date", "single_choice", "multi_choice"];

export interface FieldFormValues {
  label: string;
  kind: FieldKind;
  options: string;
}

interface Props {
  open: boolean;
  title: string;
  initial: FieldFormValues;
  onCancel: () => void;
  /** Stores the field; the modal shows what the backend refuses, on the input at fault. */
  save: (input: CustomFieldInput) => Promise<unknown>;
}

export function FieldFormModal({ open, title, initial, onCancel, save }: Props) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<FieldFormValues>();
  const kind = Form.useWatch("kind", form);
  const mutation = useMutation({
    mutationFn: (values: FieldFormValues) =>
      save({ label: values.label, kind: values.kind, options: parseOptions(values.options ?? "") }),
    onError: (e) => {
      const error = toIpcError(e);
      const name = error.field === "label" ? "label" : error.field === "options" ? "options" : null;
      if (name) form.setFields([{ name, errors: [problemText(error.problem)] }]);
      else message.error(errorText(t, error));
    },
  });
  return (
    <Modal
      open={open}
      title={title}
      okButtonProps={{ loading: mutation.isPending, ...({ "data-testid": "field-save" } as Record<string, string>) }}
      onOk={() => form.validateFields().then((v) => mutation.mutate(v))}
      onCancel={onCancel}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" preserve={false} initialValues={initial}>
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
  );
}
