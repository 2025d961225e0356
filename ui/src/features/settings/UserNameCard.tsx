//! The name recorded on each of the user's operations (history, where a tag came from), instead
//! of the system's account name.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { App, Button, Card, Flex, Input, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { errorText } from "../../components/errorText";
import { typedName as typed } from "../../lib/author";
import { appSetUserName, toIpcError } from "../../lib/ipc";
import { queryKeys } from "../../lib/queryKeys";

export function UserNameCard({ current }: { current: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [name, setName] = useState(typed(current));
  const save = useMutation({
    mutationFn: () => appSetUserName(name),
    onSuccess: (status) => {
      client.setQueryData(queryKeys.appStatus, status);
      setName(typed(status.user_name));
      void message.success(t("settings.userNameSaved"));
    },
    onError: (e) => void message.error(errorText(t, toIpcError(e))),
  });
  return (
    <Card title={t("settings.userName")}>
      <Flex vertical gap="small">
        <Flex gap="small">
          {/* The default author is no name the user typed: the box stays empty and says who is recorded. */}
          <Input data-testid="settings-user-name" value={name} maxLength={40} onChange={(e) => setName(e.target.value)} placeholder={t("author.thisComputer")} onPressEnter={() => save.mutate()} style={{ maxWidth: 280 }} />
          <Button data-testid="settings-user-name-save" loading={save.isPending} disabled={name.trim() === typed(current)} onClick={() => save.mutate()}>
            {t("common.save")}
          </Button>
        </Flex>
        <Typography.Text type="secondary">{t("settings.userNameHint")}</Typography.Text>
      </Flex>
    </Card>
  );
}
