//! Opening, creating, restoring and switching databases, shared by the problem screen, banner and settings.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { App } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { errorText } from "../../components/errorText";
import {
  dbCreate,
  dbOpen,
  dbOpenDemo,
  dbRestoreBackup,
  dbStartInEmpty,
  toIpcError,
  type AppStatus,
  type IpcError,
} from "../../lib/ipc";
import { pickDatabaseFile } from "../../lib/ipc/dialog";
import { queryKeys } from "../../lib/queryKeys";

export function useDbActions() {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const { t } = useTranslation();
  const [error, setError] = useState<IpcError | null>(null);

  // Another database means every cached answer is stale. Invalidating would keep the old file's
  // customers on screen until the new answers arrive (a minute while a large file's index
  // builds); resetting empties them, so pages show loading, and refetches what is on screen.
  const onSuccess = (status: AppStatus | null) => {
    if (status === null) return;
    void queryClient.resetQueries({ predicate: (query) => query.queryKey[0] !== queryKeys.appStatus[0] });
    queryClient.setQueryData(queryKeys.appStatus, status);
  };
  const onError = (reason: unknown) => {
    const e = toIpcError(reason);
    setError(e);
    void message.error(errorText(t, e));
  };
  const onMutate = () => setError(null);
  const handlers = { onSuccess, onError, onMutate };

  const openOther = useMutation({
    mutationFn: async () => {
      const path = await pickDatabaseFile();
      return path === null ? null : dbOpen(path);
    },
    ...handlers,
  });
  const createNew = useMutation({ mutationFn: () => dbCreate(), ...handlers });
  // Only after the user chose it: the empty file that failed to open becomes a new database.
  const startInEmpty = useMutation({ mutationFn: () => dbStartInEmpty(), ...handlers });
  const openDemo = useMutation({ mutationFn: () => dbOpenDemo(), ...handlers });
  // The same file again, once the program that held it has let go.
  const retry = useMutation({ mutationFn: (path: string) => dbOpen(path), ...handlers });
  const restore = useMutation({ mutationFn: (backupPath: string) => dbRestoreBackup(backupPath), ...handlers });

  const busy =
    openOther.isPending || createNew.isPending || openDemo.isPending || restore.isPending || startInEmpty.isPending || retry.isPending;
  return { openOther, createNew, startInEmpty, openDemo, restore, retry, busy, error };
}
