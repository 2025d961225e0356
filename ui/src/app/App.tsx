//! The top-level gate: the shell when a database is open, otherwise the screen that explains why not.
import { Button, Flex, Result, Spin, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../components/ErrorAlert";
import { DbProblem } from "../features/db/DbProblem";
import { isLocked, UnlockScreen } from "../features/db/UnlockScreen";
import { useAppStatus } from "../features/db/useAppStatus";
import { AppShell } from "../features/shell/AppShell";
import { useSyncLanguage } from "../features/shell/useLanguage";
import { useWindowTitle } from "../features/shell/useWindowTitle";
import { toIpcError } from "../lib/ipc";

export function App() {
  const { t } = useTranslation();
  const status = useAppStatus();
  useSyncLanguage(status.data?.language);
  useWindowTitle(status.data?.database?.path ?? null);

  if (status.isPending) {
    return (
      <Flex className="page-center" vertical gap="middle" align="center">
        <Spin size="large" />
        <Typography.Text type="secondary">{t("app.loading")}</Typography.Text>
      </Flex>
    );
  }
  if (status.isError) {
    return (
      <Result
        status="error"
        title={t("app.statusFailed")}
        extra={
          <>
            <ErrorAlert error={toIpcError(status.error)} />
            <Button onClick={() => void status.refetch()}>{t("app.retry")}</Button>
          </>
        }
      />
    );
  }
  const { database, problem } = status.data;
  // An encrypted database: nothing else loads before its passphrase is given.
  if (isLocked(problem)) return <UnlockScreen problem={problem} />;
  if (problem !== null || database === null) return <DbProblem problem={problem} />;
  return <AppShell status={status.data} database={database} />;
}
