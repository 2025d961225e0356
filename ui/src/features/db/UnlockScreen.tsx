//! Shown at start instead of everything else when the database is encrypted: nothing of it loads
//! before the right passphrase is given, and a wrong one says so and changes nothing.
import { LockOutlined } from "@ant-design/icons";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Button, Card, Flex, Form, Input, Result, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../components/ErrorAlert";
import { dbUnlock, toIpcError, type DatabaseProblem } from "../../lib/ipc";
import { queryKeys } from "../../lib/queryKeys";
import { LanguageSwitch } from "../shell/LanguageSwitch";

/** The problems that mean "encrypted: ask for the passphrase". */
export function isLocked(problem: DatabaseProblem | null): problem is DatabaseProblem {
  return problem?.error.code === "passphrase_needed" || problem?.error.code === "passphrase_wrong";
}

export function UnlockScreen({ problem }: { problem: DatabaseProblem }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [passphrase, setPassphrase] = useState("");
  const unlock = useMutation({
    mutationFn: () => dbUnlock(problem.path, passphrase),
    onSuccess: (status) => {
      setPassphrase("");
      client.setQueryData(queryKeys.appStatus, status);
    },
  });
  const error = unlock.isError ? toIpcError(unlock.error) : null;
  return (
    <div data-testid="unlock-screen" className="page-center">
      <Card style={{ width: "100%", maxWidth: 520 }}>
        <Flex justify="flex-end">
          <LanguageSwitch />
        </Flex>
        <Result icon={<LockOutlined />} title={t("encryption.unlock.title")} subTitle={t("encryption.unlock.hint")} style={{ paddingBottom: 8 }} />
        <Typography.Paragraph>
          <Typography.Text code data-testid="unlock-path">
            {problem.path}
          </Typography.Text>
        </Typography.Paragraph>
        <Form layout="vertical" onFinish={() => unlock.mutate()}>
          <Form.Item label={t("encryption.passphrase")}>
            <Input.Password
              autoFocus
              data-testid="unlock-passphrase"
              value={passphrase}
              onChange={(e) => setPassphrase(e.target.value)}
              autoComplete="current-password"
            />
          </Form.Item>
          {error !== null && <ErrorAlert error={error} testId="unlock-error" />}
          <Button type="primary" htmlType="submit" block loading={unlock.isPending} disabled={passphrase === ""} data-testid="unlock-submit" style={{ marginTop: 12 }}>
            {t("encryption.unlock.submit")}
          </Button>
        </Form>
        <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0 }}>
          {t("encryption.unlock.forgotten")}
        </Typography.Paragraph>
      </Card>
    </div>
  );
}
