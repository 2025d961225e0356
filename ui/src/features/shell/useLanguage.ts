//! The UI language: the backend remembers it (`app_status.language`), i18next and antd follow.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { App } from "antd";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { errorText } from "../../components/errorText";
import { toLanguage, type Language } from "../../i18n/languages";
import { appSetLanguage, toIpcError } from "../../lib/ipc";
import { queryKeys } from "../../lib/queryKeys";

/** Applies the stored language whenever the backend reports a different one (startup, DB switch). */
export function useSyncLanguage(stored: Language | undefined): void {
  const { i18n } = useTranslation();
  useEffect(() => {
    if (stored === undefined) return;
    if (i18n.language !== stored) void i18n.changeLanguage(stored);
  }, [stored, i18n]);
}

/** The current language and a setter that switches at once and then asks the backend to remember it. */
export function useLanguage(): { language: Language; setLanguage: (language: Language) => void } {
  const { i18n, t } = useTranslation();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const save = useMutation({
    mutationFn: (language: Language) => appSetLanguage(language),
    onMutate: (language) => i18n.changeLanguage(language),
    onSuccess: (status) => queryClient.setQueryData(queryKeys.appStatus, status),
    onError: (reason) => void message.error(`${t("lang.saveFailed")} — ${errorText(t, toIpcError(reason))}`),
  });
  return { language: toLanguage(i18n.language), setLanguage: (language) => save.mutate(language) };
}
