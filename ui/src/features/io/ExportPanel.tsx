//! Exports: every customer to Excel or CSV, and the tag dictionary to Excel.
import { useMutation } from "@tanstack/react-query";
import { App, Button, Card, Flex, Form, Radio, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { errorText } from "../../components/errorText";
import { toIpcError } from "../../lib/ipc";
import { pickSavePath } from "../../lib/ipc/dialog";
import { exportCustomers, exportDictionary, type ExportFormat, type TagsLayout } from "./api";
import { DictionaryImport } from "./DictionaryImport";

export function ExportPanel() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [format, setFormat] = useState<ExportFormat>("xlsx");
  const [tags, setTags] = useState<TagsLayout>("per_group");
  const [customersDone, setCustomersDone] = useState<number | null>(null);
  const [dictionaryDone, setDictionaryDone] = useState<number | null>(null);
  const onError = (e: unknown) => void message.error(errorText(t, toIpcError(e)));

  const customers = useMutation({
    mutationFn: async () => {
      const path = await pickSavePath(`${t("io.export.customersName")}.${format}`, t("io.export.filterName"), [format]);
      if (path === null) return null;
      return exportCustomers({ scope: { type: "everyone" }, columns: [], format, tags, path });
    },
    onMutate: () => setCustomersDone(null),
    onSuccess: (count) => count !== null && setCustomersDone(count),
    onError,
  });
  const dictionary = useMutation({
    mutationFn: async () => {
      const path = await pickSavePath(t("io.export.dictionaryName"), t("io.export.filterName"), ["xlsx"]);
      return path === null ? null : exportDictionary(path);
    },
    onMutate: () => setDictionaryDone(null),
    onSuccess: (count) => count !== null && setDictionaryDone(count),
    onError,
  });

  return (
    <Flex vertical gap="middle">
      <Card title={t("io.export.customersTitle")} size="small">
        <Form layout="vertical">
          <Form.Item label={t("io.export.format")}>
            <Radio.Group
              data-testid="export-format"
              optionType="button"
              value={format}
              onChange={(e) => setFormat(e.target.value as ExportFormat)}
              options={[
                { value: "xlsx", label: "Excel (xlsx)" },
                { value: "csv", label: "CSV" },
              ]}
            />
          </Form.Item>
          <Form.Item label={t("io.export.tagsLayout")}>
            <Radio.Group
              data-testid="export-tags"
              value={tags}
              onChange={(e) => setTags(e.target.value as TagsLayout)}
              options={[
                { value: "per_group", label: t("io.export.perGroup") },
                { value: "joined", label: t("io.export.joined") },
              ]}
            />
          </Form.Item>
          <Flex vertical gap="small" align="start">
            <Button type="primary" data-testid="export-customers" loading={customers.isPending} onClick={() => customers.mutate()}>
              {t("io.export.customers")}
            </Button>
            {customersDone !== null && (
              <Typography.Text type="success" data-testid="export-customers-done">
                {t("io.export.customersDone", { count: customersDone })}
              </Typography.Text>
            )}
          </Flex>
        </Form>
      </Card>
      <Card title={t("io.export.dictionaryTitle")} size="small">
        <Flex vertical gap="small" align="start">
          <Typography.Text type="secondary">{t("io.export.dictionaryHint")}</Typography.Text>
          <Button data-testid="export-dictionary" loading={dictionary.isPending} onClick={() => dictionary.mutate()}>
            {t("io.export.dictionary")}
          </Button>
          {dictionaryDone !== null && (
            <Typography.Text type="success" data-testid="export-dictionary-done">
              {t("io.export.dictionaryDone", { count: dictionaryDone })}
            </Typography.Text>
          )}
          <DictionaryImport />
        </Flex>
      </Card>
    </Flex>
  );
}
