//! One input per custom field, typed by its kind, for the customer form (after the built-in attributes).
import { Col, Divider, Form, Input, Select } from "antd";
import { useTranslation } from "react-i18next";
import type { CustomField } from "../../../lib/ipc";
import { customKey, isNumberText } from "../customFields";

export function CustomFieldInputs({ fields }: { fields: readonly CustomField[] }) {
  const { t } = useTranslation();
  if (fields.length === 0) return null;
  return (
    <>
      <Col span={24}>
        <Divider titlePlacement="start" plain style={{ marginTop: 0 }}>
          {t("fields.title")}
        </Divider>
      </Col>
      {fields.map((f) => (
        <Col span={12} key={f.id}>
          <Form.Item
            name={["custom", customKey(f.id)]}
            label={f.label}
            rules={
              f.kind === "number"
                ? [
                    {
                      validator: async (_, v: unknown) => {
                        if (typeof v === "string" && !isNumberText(v)) throw new Error(t("customer.numberRequired"));
                      },
                    },
                  ]
                : undefined
            }
          >
            <FieldInput field={f} />
          </Form.Item>
        </Col>
      ))}
    </>
  );
}

/** Form.Item passes `value` and `onChange` through to the control it wraps. */
function FieldInput({ field, ...control }: { field: CustomField }) {
  const testId = `custom-${field.id}`;
  const common = { ...control, "data-testid": testId, "data-label": field.label };
  switch (field.kind) {
    case "number":
      return <Input {...common} inputMode="decimal" />;
    case "date":
      // A native date input: antd's pickers need dayjs, which cannot load under freezePrototype.
      return <Input {...common} type="date" />;
    case "single_choice":
      return <Select {...common} allowClear options={field.options.map((o) => ({ value: o, label: o }))} />;
    case "multi_choice":
      return <Select {...common} mode="multiple" allowClear options={field.options.map((o) => ({ value: o, label: o }))} />;
    default:
      return <Input {...common} />;
  }
}
