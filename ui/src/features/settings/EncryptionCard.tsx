//! Settings › Encryption: encrypt the open database with a passphrase (typed twice), change the
//! passphrase, or take the encryption off. Each makes a backup first and shows its progress.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, Button, Card, Flex, Form, Input, Progress, Segmented, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../components/ErrorAlert";
import { dbDecrypt, dbEncrypt, dbEncryption, jobCancel, toIpcError } from "../../lib/ipc";
import { queryKeys } from "../../lib/queryKeys";
import { useJobProgress } from "../../lib/useJobProgress";

type Action = "change" | "decrypt";

/** 0 (weak) to 3 (strong): length and the kinds of character used. A hint, never a rule. */
export function strength(passphrase: string): 0 | 1 | 2 | 3 {
  const kinds = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((r) => r.test(passphrase)).length;
  const length = [...passphrase].length;
  if (length < 8) return 0;
  if (length >= 16 || (length >= 12 && kinds >= 3)) return 3;
  return kinds >= 2 || length >= 12 ? 2 : 1;
}

export function EncryptionCard() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const status = useQuery({ queryKey: ["db_encryption"], queryFn: dbEncryption });
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [again, setAgain] = useState("");
  const [action, setAction] = useState<Action>("change");
  const [done, setDone] = useState<"encrypted" | "decrypted" | "changed" | null>(null);
  const encrypted = status.data?.encrypted ?? false;
  const min = status.data?.min_passphrase_chars ?? 8;

  const run = useMutation({
    mutationFn: () => {
      if (encrypted && action === "decrypt") return dbDecrypt(current);
      return dbEncrypt(encrypted ? current : null, next);
    },
    onMutate: () => setDone(null),
    onSuccess: (appStatus) => {
      const what = !encrypted ? ("encrypted" as const) : action === "decrypt" ? ("decrypted" as const) : ("changed" as const);
      setDone(what);
      setCurrent("");
      setNext("");
      setAgain("");
      client.setQueryData(queryKeys.appStatus, appStatus);
      void client.invalidateQueries({ queryKey: ["db_encryption"] });
    },
  });
  const progress = useJobProgress(run.isPending);
  const cancel = useMutation({ mutationFn: jobCancel });
  const error = run.isError ? toIpcError(run.error) : null;

  const decrypting = encrypted && action === "decrypt";
  const needsNew = !decrypting;
  const mismatch = needsNew && again !== "" && again !== next;
  const ready = (!encrypted || current !== "") && (!needsNew || ([...next].length >= min && next === again));
  const level = strength(next);
  const percent = progress.data && progress.data.total > 0 ? Math.round((100 * progress.data.done) / progress.data.total) : 0;

  if (status.data === undefined) return <Card title={t("encryption.title")} loading />;
  return (
    <Card title={t("encryption.title")} data-testid="encryption-card">
      <Flex vertical gap="middle">
        <Typography.Text data-testid="encryption-state">{t(encrypted ? "encryption.stateOn" : "encryption.stateOff")}</Typography.Text>
        <Typography.Text type="secondary">{t("encryption.explain")}</Typography.Text>
        {encrypted && (
          <Segmented<Action>
            value={action}
            onChange={setAction}
            options={[
              { value: "change", label: t("encryption.change") },
              { value: "decrypt", label: t("encryption.decrypt") },
            ]}
            data-testid="encryption-action"
          />
        )}
        <Form layout="vertical" onFinish={() => run.mutate()} style={{ maxWidth: 420 }}>
          {encrypted && (
            <Form.Item label={t("encryption.current")}>
              <Input.Password data-testid="encryption-current" value={current} onChange={(e) => setCurrent(e.target.value)} autoComplete="current-password" />
            </Form.Item>
          )}
          {needsNew && (
            <>
              <Form.Item label={t("encryption.new")} extra={next === "" ? t("encryption.minChars", { min }) : t(`encryption.strength.${level}`)}>
                <Input.Password data-testid="encryption-new" value={next} onChange={(e) => setNext(e.target.value)} autoComplete="new-password" />
              </Form.Item>
              <Form.Item label={t("encryption.again")} validateStatus={mismatch ? "error" : undefined} help={mismatch ? t("encryption.mismatch") : undefined}>
                <Input.Password data-testid="encryption-again" value={again} onChange={(e) => setAgain(e.target.value)} autoComplete="new-password" />
              </Form.Item>
            </>
          )}
          <Typography.Paragraph type="secondary">{t(decrypting ? "encryption.backupPlain" : "encryption.backup")}</Typography.Paragraph>
          {!decrypting && <Alert type="warning" showIcon message={t("encryption.forgotten")} style={{ marginBottom: 12 }} />}
          {run.isPending && (
            <Flex gap="small" align="center" style={{ marginBottom: 12 }}>
              <Progress percent={percent} data-testid="encryption-progress" style={{ flex: 1 }} />
              <Button size="small" onClick={() => cancel.mutate()}>
                {t("encryption.cancel")}
              </Button>
            </Flex>
          )}
          {error !== null && error.code !== "cancelled" && <ErrorAlert error={error} testId="encryption-error" />}
          {done !== null && <Alert type="success" showIcon message={t(`encryption.done.${done}`)} data-testid="encryption-done" style={{ marginBottom: 12 }} />}
          <Button type="primary" danger={decrypting} htmlType="submit" disabled={!ready || run.isPending} loading={run.isPending} data-testid="encryption-submit" style={{ marginTop: 8 }}>
            {t(!encrypted ? "encryption.encrypt" : decrypting ? "encryption.decrypt" : "encryption.change")}
          </Button>
        </Form>
      </Flex>
    </Card>
  );
}
