//! The Team page (团队): start or join a team, or, in one, exchange with the team's shared folder,
//! name this laptop, see the other devices and settle the conflict inbox; for a team on a hub,
//! its members, group owners and audit trail.
import { Alert, Button, Flex, Spin } from "antd";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../components/ErrorAlert";
import { PageTitle } from "../../components/PageTitle";
import { toIpcError } from "../../lib/ipc";
import { ClockWarnings } from "./ClockWarnings";
import { DevicesTable } from "./DevicesTable";
import { ExchangeCard } from "./ExchangeCard";
import { HubSection } from "./HubSection";
import { InboxCard } from "./InboxCard";
import { NotInTeam } from "./NotInTeam";
import { PackCard } from "./PackCard";
import { ThisDevice } from "./ThisDevice";
import { useTeamStatus } from "./useTeam";

export function TeamPage({ exchangeNow = false }: { exchangeNow?: boolean }) {
  const { t } = useTranslation();
  const status = useTeamStatus();
  return (
    <>
      <PageTitle>{t("nav.team")}</PageTitle>
      {status.isPending ? (
        <Flex justify="center" style={{ padding: 48 }}>
          <Spin data-testid="team-loading" />
        </Flex>
      ) : status.isError ? (
        <Flex vertical gap="small" align="start">
          <ErrorAlert error={toIpcError(status.error)} testId="team-status-error" />
          <Button onClick={() => void status.refetch()}>{t("app.retry")}</Button>
        </Flex>
      ) : status.data.team === null ? (
        <NotInTeam device={status.data.device} />
      ) : (
        <Flex vertical gap="middle" style={{ maxWidth: 960 }}>
          {status.data.pending > 0 && <Alert type="warning" showIcon data-testid="team-pending" title={t("team.pending", { count: status.data.pending })} />}
          <ClockWarnings devices={status.data.devices} />
          <ExchangeCard team={status.data.team} exchangeNow={exchangeNow} />
          <PackCard status={status.data} />
          <InboxCard open={status.data.inbox_open} />
          <HubSection />
          <DevicesTable devices={status.data.devices} />
          {/* Keyed by what was saved, so the boxes start from the saved names again after a save. */}
          <ThisDevice key={`${status.data.device.name}\u0000${status.data.device.person}`} device={status.data.device} />
        </Flex>
      )}
    </>
  );
}
