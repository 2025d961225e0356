//! This laptop's name and its user's display name, as the other devices of the team see them.
import { App, Button, Card, Flex, Input, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { errorText } from "../../components/errorText";
import { typedName } from "../../lib/author";
import { toIpcError, type DeviceInfo } from "../../lib/ipc";
import { useTeamMembership } from "./useTeam";

export function ThisDevice({ device }: { device: DeviceInfo }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { setDevice } = useTeamMembership();
  const [name, setName] = useState(device.name);
  const [person, setPerson] = useState(typedName(device.person));
  const changed = name.trim() !== device.name || person.trim() !== typedName(device.person);
  const ready = changed && name.trim() !== "";
  const save = () => {
    if (!ready) return;
    setDevice.mutate(
      { name: name.trim(), person: person.trim() || device.person },
      {
        onSuccess: () => void message.success(t("team.device.saved")),
        onError: (e) => void message.error(errorText(t, toIpcError(e))),
      },
    );
  };
  return (
    <Card title={t("team.device.title")} size="small">
      <Flex vertical gap="small">
        <Flex gap="small" wrap align="center">
          <label>
            {t("team.yourName")} <Input data-testid="team-device-person" value={person} maxLength={40} placeholder={t("author.thisComputer")} onChange={(e) => setPerson(e.target.value)} onPressEnter={save} style={{ width: 160 }} />
          </label>
          <label>
            {t("team.laptopName")} <Input data-testid="team-device-name" value={name} maxLength={40} onChange={(e) => setName(e.target.value)} onPressEnter={save} style={{ width: 180 }} />
          </label>
          <Button data-testid="team-device-save" disabled={!ready} loading={setDevice.isPending} onClick={save}>
            {t("common.save")}
          </Button>
        </Flex>
        <Typography.Text type="secondary">{t("team.device.hint")}</Typography.Text>
      </Flex>
    </Card>
  );
}
