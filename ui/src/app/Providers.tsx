//! Context every screen needs: server-state cache, antd theme (without motion when the desktop asks for less) and locale (following i18next), antd App.
import { QueryClientProvider, type QueryClient } from "@tanstack/react-query";
import { App as AntApp, ConfigProvider } from "antd";
import enUS from "antd/locale/en_US";
import zhCN from "antd/locale/zh_CN";
import { useMemo, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { toLanguage } from "../i18n/languages";
import { useReducedMotion } from "../lib/motion";

export function Providers({ client, children }: { client: QueryClient; children: ReactNode }) {
  const { i18n } = useTranslation();
  const locale = toLanguage(i18n.language) === "en" ? enUS : zhCN;
  const reduced = useReducedMotion();
  const theme = useMemo(() => ({ token: { motion: !reduced } }), [reduced]);
  return (
    <QueryClientProvider client={client}>
      <ConfigProvider locale={locale} button={{ autoInsertSpace: false }} theme={theme}>
        <AntApp>{children}</AntApp>
      </ConfigProvider>
    </QueryClientProvider>
  );
}
