//! Reads a tag dictionary (as exported) back in: missing nodes are created, entries updated.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { App, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { errorText } from "../../components/errorText";
import { WhyButton } from "../../components/Why";
import { useRights } from "../team/useRights";
import { importDictionary, toIpcError } from "../../lib/ipc";
import { pickSpreadsheet } from "../../lib/ipc/dialog";
import { queryKeys } from "../../lib/queryKeys";

export function DictionaryImport() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [created, setCreated] = useState<number | null>(null);
  // Reading a dictionary in creates and changes tags: not for a viewer on the team hub.
  const { readOnly } = useRights();
  const run = useMutation({
    mutationFn: async () => {
      const path = await pickSpreadsheet(t("io.import.filterName"));
      return path === null ? null : importDictionary(path);
    },
    onSuccess: async (count) => {
      if (count === null) return;
      setCreated(count);
      await client.invalidateQueries({ queryKey: queryKeys.tagsTree });
    },
    onError: (e) => message.error(errorText(t, toIpcError(e))),
  });
  return (
    <>
      <WhyButton why={readOnly} data-testid="import-dictionary" loading={run.isPending} onClick={() => run.mutate()}>
        {t("io.export.importDictionary")}
      </WhyButton>
      {created !== null && (
        <Typography.Text type="success" data-testid="import-dictionary-done">
          {t("io.export.importDictionaryDone", { count: created })}
        </Typography.Text>
      )}
    </>
  );
}
