//! The Team page's hub section, shown when the open database exchanges through a team hub:
//! where the hub is and who this person is there, then the members, and for the owner and
//! admins the groups given to departments and the audit trail.
import { Alert, Button, Card, Descriptions, Flex, Popconfirm, Typography, type ButtonProps } from "antd";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../components/ErrorAlert";
import { TimeAgo } from "../../components/TimeAgo";
import { toIpcError, type HubStatus } from "../../lib/ipc";
import { HubAudit } from "./HubAudit";
import { HubGroupOwners } from "./HubGroupOwners";
import { HubMembers } from "./HubMembers";
import { HubProgress } from "./HubProgress";
import { isAdmin, useHubMembership, useHubStatus } from "./useHub";

export function HubSection() {
  const status = useHubStatus();
  if (status.isError) return <ErrorAlert error={toIpcError(status.error)} testId="hub-status-error" />;
  if (status.data === undefined || status.data === null) return null;
  const admin = isAdmin(status.data.role);
  return (
    <>
      <HubStatusCard hub={status.data} />
      <HubMembers admin={admin} />
      {admin && <HubGroupOwners />}
      {admin && <HubAudit />}
    </>
  );
}

function HubStatusCard({ hub }: { hub: HubStatus }) {
  const { t } = useTranslation();
  const where = `${hub.host}:${hub.port}/${hub.database}`;
  return (
    <Card title={t("team.hub.title")} size="small" data-testid="hub-status-card" extra={<JoinAgain />}>
      {hub.regained_groups > 0 && (
        <Alert type="info" showIcon data-testid="hub-regained" style={{ marginBottom: 12 }} message={t("team.hub.again.regained", { count: hub.regained_groups })} />
      )}
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 1, md: 2 }}
        items={[
          {
            key: "address",
            label: t("team.hub.status.address"),
            children: (
              <span data-testid="hub-address">
                <Typography.Text code ellipsis={{ tooltip: where }} style={{ maxWidth: 320 }}>
                  {where}
                </Typography.Text>
              </span>
            ),
          },
          {
            key: "login",
            label: t("team.hub.status.login"),
            children: (
              <span data-testid="hub-login-shown">
                <Typography.Text ellipsis={{ tooltip: hub.login }} style={{ maxWidth: 240 }}>
                  {hub.login}
                </Typography.Text>
              </span>
            ),
          },
          {
            key: "role",
            label: t("team.hub.status.role"),
            children: <span data-testid="hub-role">{hub.role === null ? t("team.hub.status.roleUnknown") : t(`team.hub.role.${hub.role}`)}</span>,
          },
          {
            key: "contacts",
            label: t("team.hub.status.contacts"),
            children: <span data-testid="hub-contacts">{hub.sees_contacts ? t("team.hub.status.contactsShown") : t("team.hub.status.contactsMasked")}</span>,
          },
          {
            key: "last",
            label: t("team.hub.status.last"),
            children:
              hub.last_exchange_at === null ? <span data-testid="hub-last-exchange">{t("team.hub.status.never")}</span> : <TimeAgo at={hub.last_exchange_at} testId="hub-last-exchange" />,
          },
        ]}
      />
    </Card>
  );
}

/**
 * Joins the hub again with the same login: this laptop's changes are sent first, then the team's
 * data is downloaded as this person may now see it and opened in place of this database.
 */
function JoinAgain() {
  const { t } = useTranslation();
  const { joinAgain } = useHubMembership();
  return (
    <Flex vertical gap={4} align="end">
      <Popconfirm
        title={t("team.hub.again.confirm")}
        okText={t("team.hub.again.ok")}
        cancelText={t("team.hub.members.cancel")}
        okButtonProps={{ "data-testid": "hub-join-again-confirm" } as ButtonProps}
        onConfirm={() => joinAgain.mutate()}
      >
        <Button size="small" data-testid="hub-join-again" loading={joinAgain.isPending}>
          {t("team.hub.again.button")}
        </Button>
      </Popconfirm>
      {joinAgain.isPending && <HubProgress />}
      {joinAgain.isError && <ErrorAlert error={toIpcError(joinAgain.error)} testId="hub-join-again-error" />}
    </Flex>
  );
}

/** A department as shown: none is the whole company. */
export function Department({ value, none }: { value: string | null; none: string }) {
  return value === null || value === "" ? (
    <Typography.Text type="secondary">{none}</Typography.Text>
  ) : (
    <Typography.Text ellipsis={{ tooltip: value }}>{value}</Typography.Text>
  );
}
