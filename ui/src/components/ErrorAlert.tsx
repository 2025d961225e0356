//! An inline error box for a failed backend call.
import { Alert, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { IpcError } from "../lib/ipc";
import { errorDetail, errorHeadline } from "./errorText";

export function ErrorAlert({ error, testId }: { error: IpcError; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Alert
      data-testid={testId}
      type="error"
      showIcon
      title={errorHeadline(t, error)}
      description={
        <>
          {errorDetail(error) !== null && <div>{errorDetail(error)}</div>}
          {error.path !== null && <Typography.Text code>{error.path}</Typography.Text>}
        </>
      }
      style={{ textAlign: "start" }}
    />
  );
}
