//! An invitation file, beside the sync packs: a colleague without the team's shared folder joins
//! from it (it holds the team's whole database), then exchanges by sync packs.
import { UserAddOutlined } from "@ant-design/icons";
import { Alert, Button, Flex, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../components/ErrorAlert";
import { toIpcError, type TeamStatus } from "../../lib/ipc";
import { pickSavePath } from "../../lib/ipc/dialog";
import { useMakeInvitation } from "./useTeam";

export function InvitationAction({ status }: { status: TeamStatus }) {
  const { t } = useTranslation();
  const make = useMakeInvitation();

  async function onMake() {
    const name = t("team.invite.fileName", { team: status.team?.name ?? "TagDesk" }).replace(/[\\/:*?"<>|]/g, "_");
    const path = await pickSavePath(`${name}.tagdesk-invite`, t("team.invite.filter"), ["tagdesk-invite"]);
    if (path !== null) make.mutate(path);
  }

  return (
    <Flex vertical gap="small">
      <Typography.Text type="secondary">{t("team.invite.hint")}</Typography.Text>
      <Flex gap="small" wrap>
        <Button data-testid="team-invite-make" icon={<UserAddOutlined />} loading={make.isPending} onClick={() => void onMake()}>
          {t("team.invite.button")}
        </Button>
      </Flex>
      {make.isError && <ErrorAlert error={toIpcError(make.error)} testId="team-invite-error" />}
      {make.data !== undefined && (
        <Alert
          type="success"
          showIcon
          data-testid="team-invite-made"
          title={t("team.invite.made", { team: make.data.team })}
          description={
            <Typography.Text code copyable>
              {make.variables}
            </Typography.Text>
          }
        />
      )}
    </Flex>
  );
}
