//! Exports: every customer to Excel or CSV (through the same dialog as the customers page),
//! and the tag dictionary to Excel.
import { Button, Card, Flex, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { DictionaryImport } from "./DictionaryImport";
import { ExportDialog } from "./ExportDialog";
import { ExportedFile } from "./ExportedFile";
import type { ScopeChoice } from "./exportOptions";
import { useDictionaryExport } from "./useDictionaryExport";

const EVERYONE: readonly ScopeChoice[] = [{ kind: "everyone", scope: { type: "everyone" }, count: null }];

export function ExportPanel() {
  const { t } = useTranslation();
  const [dialogOpen, setDialogOpen] = useState(false);
  const dictionary = useDictionaryExport();

  return (
    <Flex vertical gap="middle">
      <Card title={t("io.export.customersTitle")} size="small">
        <Button type="primary" data-testid="export-customers" onClick={() => setDialogOpen(true)}>
          {t("io.export.customers")}
        </Button>
        <ExportDialog open={dialogOpen} scopes={EVERYONE} onClose={() => setDialogOpen(false)} />
      </Card>
      <Card title={t("io.export.dictionaryTitle")} size="small">
        <Flex vertical gap="small" align="start">
          <Typography.Text type="secondary">{t("io.export.dictionaryHint")}</Typography.Text>
          <Button data-testid="export-dictionary" loading={dictionary.running} onClick={dictionary.run}>
            {t("io.export.dictionary")}
          </Button>
          {dictionary.done !== null && (
            <Typography.Text type="success" data-testid="export-dictionary-done">
              <ExportedFile text={t("io.export.dictionaryDone", { count: dictionary.done.count })} path={dictionary.done.path} />
            </Typography.Text>
          )}
          <DictionaryImport />
        </Flex>
      </Card>
    </Flex>
  );
}
