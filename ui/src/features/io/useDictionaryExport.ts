//! Exporting the tag dictionary to Excel: asks where (the system's save dialog), writes it and
//! keeps where it went and how many nodes, for the page to say. Used by 导入导出 and 标签健康.
import { useMutation } from "@tanstack/react-query";
import { App } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { errorText } from "../../components/errorText";
import { toIpcError } from "../../lib/ipc";
import { pickSavePath } from "../../lib/ipc/dialog";
import { exportDictionary } from "./api";

export function useDictionaryExport() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [done, setDone] = useState<{ count: number; path: string } | null>(null);
  const mutation = useMutation({
    mutationFn: async () => {
      const path = await pickSavePath(t("io.export.dictionaryName"), t("io.export.filterName"), ["xlsx"]);
      return path === null ? null : { count: await exportDictionary(path), path };
    },
    onMutate: () => setDone(null),
    onSuccess: (written) => written !== null && setDone(written),
    onError: (e) => void message.error(errorText(t, toIpcError(e))),
  });
  return { run: () => mutation.mutate(), running: mutation.isPending, done };
}
