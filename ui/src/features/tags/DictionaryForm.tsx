//! The dictionary entry of a node as an edit form: name, select mode, colour (own or inherited),
//! meaning, value range, update frequency, owner, scope, weight and origin.
import { Checkbox, ColorPicker, Flex, Form, Input, InputNumber, Radio, Typography } from "antd";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../components/ErrorAlert";
import { WhyButton, WhyNote } from "../../components/Why";
import { tagsUpdate, toIpcError, type IpcError, type TagNode } from "../../lib/ipc";
import { invalidateCustomerData } from "../../lib/invalidate";
import { toDictValues, toEdit, type DictValues } from "./dictionary";
import { problemText } from "../../problems";

/** `refused`: why the team hub would not let this person change the node; the entry then only shows. */
export function DictionaryForm({ node, refused = null }: { node: TagNode; refused?: string | null }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [form] = Form.useForm<DictValues>();
  const [error, setError] = useState<IpcError | null>(null);
  const [saved, setSaved] = useState(false);
  const inherit = Form.useWatch("inherit", form);
  const scopeKind = Form.useWatch("scopeKind", form);

  // Another node: a fresh form. The same node read again (the tree is refetched after every
  // save) only fills in what the user has not typed, so "saved" stays shown after saving.
  useEffect(() => {
    form.resetFields();
    form.setFieldsValue(toDictValues(node));
    setError(null);
    setSaved(false);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- keyed by the node's id on purpose
  }, [node.id, form]);
  useEffect(() => {
    if (!form.isFieldsTouched()) form.setFieldsValue(toDictValues(node));
  }, [node, form]);

  const save = useMutation({
    mutationFn: (v: DictValues) => tagsUpdate(node.id, toEdit(node, { ...toDictValues(node), ...v })),
    onSuccess: () => {
      setSaved(true);
      setError(null);
      return invalidateCustomerData(client);
    },
    onError: (e) => {
      const err = toIpcError(e);
      setError(err);
      const map: Record<string, string> = { scope: "scopeLine" };
      if (err.code === "invalid" && err.field !== null) {
        const name = (map[err.field] ?? err.field) as keyof DictValues;
        if (name in toDictValues(node)) form.setFields([{ name, errors: [problemText(err.problem)] }]);
      }
    },
  });

  return (
    <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)} data-testid="dict-form" onValuesChange={() => setSaved(false)} disabled={refused !== null}>
      <Typography.Title level={5}>{t("tagEdit.dictTitle")}</Typography.Title>
      <WhyNote why={refused} testId="dict-refused" />
      {error !== null && (
        <div style={{ marginBottom: 12 }}>
          <ErrorAlert error={error} testId="dict-error" />
        </div>
      )}
      <Form.Item name="name" label={t("tagEdit.name")} rules={[{ required: true, whitespace: true, message: t("tagEdit.nameRequired") }]}>
        <Input data-testid="dict-name" />
      </Form.Item>
      {node.kind === "group" && (
        <Form.Item name="select_mode" label={t("tags.field.selectMode")}>
          <Radio.Group>
            <Radio value="single">{t("tags.single")}</Radio>
            <Radio value="multi">{t("tags.multi")}</Radio>
          </Radio.Group>
        </Form.Item>
      )}
      <Form.Item label={t("tagEdit.color")}>
        <Flex align="center" gap="middle">
          <Form.Item name="inherit" valuePropName="checked" noStyle>
            <Checkbox data-testid="dict-inherit">{t("tagEdit.inherit")}</Checkbox>
          </Form.Item>
          <Form.Item name="color" noStyle getValueFromEvent={(c: { toHexString: () => string }) => c.toHexString()}>
            <ColorPicker disabled={inherit === true} showText />
          </Form.Item>
        </Flex>
      </Form.Item>
      <Form.Item name="meaning" label={t("tags.field.meaning")}>
        <Input.TextArea data-testid="dict-meaning" autoSize={{ minRows: 1, maxRows: 4 }} />
      </Form.Item>
      <Form.Item name="value_range" label={t("tags.field.valueRange")}>
        <Input data-testid="dict-value_range" />
      </Form.Item>
      <Flex gap="middle">
        <Form.Item name="update_frequency" label={t("tags.field.updateFrequency")} style={{ flex: 1 }}>
          <Input data-testid="dict-update_frequency" />
        </Form.Item>
        <Form.Item name="owner" label={t("tags.field.owner")} style={{ flex: 1 }}>
          <Input data-testid="dict-owner" />
        </Form.Item>
      </Flex>
      <Form.Item label={t("tags.field.scope")}>
        <Flex align="center" gap="small" wrap>
          <Form.Item name="scopeKind" noStyle>
            <Radio.Group>
              <Radio value="company">{t("tagEdit.scopeCompany")}</Radio>
              <Radio value="line">{t("tagEdit.scopeLine")}</Radio>
            </Radio.Group>
          </Form.Item>
          {scopeKind === "line" && (
            <Form.Item name="scopeLine" noStyle>
              <Input data-testid="dict-scope" placeholder={t("tagEdit.scopeLinePlaceholder")} style={{ width: 180 }} />
            </Form.Item>
          )}
        </Flex>
      </Form.Item>
      <Flex gap="middle">
        <Form.Item name="weight" label={t("tags.field.weight")} style={{ flex: 1 }}>
          <InputNumber data-testid="dict-weight" style={{ width: "100%" }} />
        </Form.Item>
        <Form.Item name="origin" label={t("tags.field.origin")} style={{ flex: 2 }}>
          <Radio.Group>
            <Radio value="manual">{t("tags.origin.manual")}</Radio>
            <Radio value="automatic">{t("tags.origin.automatic")}</Radio>
          </Radio.Group>
        </Form.Item>
      </Flex>
      <Flex justify="end" align="center" gap="small">
        {saved && <Typography.Text type="success" data-testid="dict-saved">{t("tagEdit.saved")}</Typography.Text>}
        <WhyButton why={refused} type="primary" htmlType="submit" loading={save.isPending} data-testid="dict-save">
          {t("common.save")}
        </WhyButton>
      </Flex>
    </Form>
  );
}
