//! What the Team page offers a copy that belongs to no team: start one in a shared folder, or
//! join the team whose folder a colleague shared, or from the invitation file a colleague sent;
//! or start or join a team on the team's hub (a PostgreSQL database the team runs).
import { FileAddOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Divider, Flex, Form, Input, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../components/ErrorAlert";
import { typedName } from "../../lib/author";
import { toIpcError, type DeviceInfo } from "../../lib/ipc";
import { pickInvitation } from "../../lib/ipc/dialog";
import { FolderField } from "./FolderField";
import { HubConnectCard } from "./HubConnectCard";
import { useHubMembership } from "./useHub";
import { useTeamMembership } from "./useTeam";

export function NotInTeam({ device }: { device: DeviceInfo }) {
  const { t } = useTranslation();
  const { start, join, joinInvitation } = useTeamMembership();
  const hub = useHubMembership();
  const busy = start.isPending || join.isPending || joinInvitation.isPending || hub.start.isPending || hub.join.isPending;
  return (
    <Flex gap="middle" wrap align="stretch">
      <StartCard device={device} busy={busy} start={start} />
      <Card title={t("team.join.title")} data-testid="team-join-card" style={{ flex: "1 1 340px", minWidth: 320 }}>
        <Flex vertical gap="middle">
          <JoinForm busy={busy} join={join} />
          <Divider plain style={{ margin: 0 }}>
            {t("team.join.or")}
          </Divider>
          <JoinFromInvitation busy={busy} joinInvitation={joinInvitation} />
          {/* Both ways open a new database: one warning for both. */}
          <Alert type="warning" showIcon data-testid="team-join-warning" title={t("team.join.warning")} />
        </Flex>
      </Card>
      <HubConnectCard busy={busy} hub={hub} />
    </Flex>
  );
}

type Membership = ReturnType<typeof useTeamMembership>;

function StartCard({ device, busy, start }: { device: DeviceInfo; busy: boolean; start: Membership["start"] }) {
  const { t } = useTranslation();
  const [folder, setFolder] = useState<string | null>(null);
  const [team, setTeam] = useState("");
  // The default author is no name the user typed: the box stays empty and says who is recorded.
  const [person, setPerson] = useState(typedName(device.person));
  const [laptop, setLaptop] = useState(device.name);
  const ready = folder !== null && team.trim() !== "" && laptop.trim() !== "";
  const submit = () => {
    if (ready && !busy) start.mutate({ folder, team: team.trim(), person: person.trim() || device.person, device: laptop.trim() });
  };
  return (
    <Card title={t("team.start.title")} data-testid="team-start-card" style={{ flex: "1 1 340px", minWidth: 320 }}>
      <Form layout="vertical" onFinish={submit} requiredMark={false}>
        <Form.Item label={t("team.sharedFolder")} extra={t("team.start.folderHint")}>
          <FolderField value={folder} onChange={setFolder} title={t("team.start.folderDialog")} testId="team-start-folder" disabled={busy} />
        </Form.Item>
        <Form.Item label={t("team.teamName")}>
          <Input data-testid="team-start-name" value={team} maxLength={40} placeholder={t("team.teamNamePlaceholder")} onChange={(e) => setTeam(e.target.value)} />
        </Form.Item>
        <Flex gap="small">
          <Form.Item label={t("team.yourName")} style={{ flex: 1 }}>
            <Input data-testid="team-start-person" value={person} maxLength={40} placeholder={t("author.thisComputer")} onChange={(e) => setPerson(e.target.value)} />
          </Form.Item>
          <Form.Item label={t("team.laptopName")} style={{ flex: 1 }}>
            <Input data-testid="team-start-device" value={laptop} maxLength={40} onChange={(e) => setLaptop(e.target.value)} />
          </Form.Item>
        </Flex>
        <Flex vertical gap="small">
          <Button type="primary" htmlType="submit" data-testid="team-start" disabled={!ready || busy} loading={start.isPending}>
            {t("team.start.button")}
          </Button>
          {start.isError && <ErrorAlert error={toIpcError(start.error)} testId="team-start-error" />}
        </Flex>
      </Form>
    </Card>
  );
}

function JoinForm({ busy, join }: { busy: boolean; join: Membership["join"] }) {
  const { t } = useTranslation();
  const [folder, setFolder] = useState<string | null>(null);
  return (
    <Flex vertical gap="middle">
      <Typography.Text>{t("team.join.explain")}</Typography.Text>
      <FolderField value={folder} onChange={setFolder} title={t("team.join.folderDialog")} testId="team-join-folder" disabled={busy} />
      <Button type="primary" data-testid="team-join" disabled={folder === null || busy} loading={join.isPending} onClick={() => folder !== null && join.mutate(folder)}>
        {t("team.join.button")}
      </Button>
      {join.isError && <ErrorAlert error={toIpcError(join.error)} testId="team-join-error" />}
    </Flex>
  );
}

function JoinFromInvitation({ busy, joinInvitation }: { busy: boolean; joinInvitation: Membership["joinInvitation"] }) {
  const { t } = useTranslation();
  const choose = async () => {
    const path = await pickInvitation(t("team.invite.filter"));
    if (path !== null) joinInvitation.mutate(path);
  };
  return (
    <Flex vertical gap="small" align="start">
      <Typography.Text>{t("team.join.invitationExplain")}</Typography.Text>
      <Button icon={<FileAddOutlined />} data-testid="team-join-invitation" disabled={busy} loading={joinInvitation.isPending} onClick={() => void choose()}>
        {t("team.join.invitationButton")}
      </Button>
      {joinInvitation.isError && <ErrorAlert error={toIpcError(joinInvitation.error)} testId="team-join-invitation-error" />}
    </Flex>
  );
}
