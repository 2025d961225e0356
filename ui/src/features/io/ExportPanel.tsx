//! Exports: every customer to Excel or CSV (through the same dialog as the customers page),
//! and the tag dictionary to Excel.
import { useMutation } from "@tanstack/react-query";
import { App, Button, Card, Flex, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { errorText } from "../../components/errorText";
import { toIpcError } from "../../lib/ipc";
import { pickSavePath } from "../../lib/ipc/dialog";
import { exportDictionary } from "./api";
import { DictionaryImport } from "./DictionaryImport";
import { ExportDialog } from "./ExportDialog";
import { ExportedFile } from "./ExportedFile";
import type { ScopeChoice } from "./exportOptions";

const EVERYONE: readonly ScopeChoice[] = [{ kind: "everyone", scope: { type: "everyone" }, count: null }];

export function ExportPanel() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [dialogOpen, setDialogOpen] = useState(false);
  const [dictionaryDone, setDictionaryDone] = useState<{ count: number; path: string } | null>(null);

  const dictionary = useMutation({
    mutationFn: async () => {
      const path = await pickSavePath(t("io.export.dictionaryName"), t("io.export.filterName"), ["xlsx"]);
      return path === null ? null : { count: await exportDictionary(path), path };
    },
    onMutate: () => setDictionaryDone(null),
    onSuccess: (done) => done !== null && setDictionaryDone(done),
    onError: (e) => void message.error(errorText(t, toIpcError(e))),
  });

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
          <Button data-testid="export-dictionary" loading={dictionary.isPending} onClick={() => dictionary.mutate()}>
            {t("io.export.dictionary")}
          </Button>
          {dictionaryDone !== null && (
            <Typography.Text type="success" data-testid="export-dictionary-done">
              <ExportedFile text={t("io.export.dictionaryDone", { count: dictionaryDone.count })} path={dictionaryDone.path} />
            </Typography.Text>
          )}
          <DictionaryImport />
        </Flex>
      </Card>
    </Flex>
  );
}
