//! The team, its folder and the exchange: "同步" now (busy while the scheduled exchange runs
//! too), when it last ran, and what the latest run this session sent, received (from whom) and
//! had to skip (each file with its reason): by hand, or on its own when it did anything.
import { SyncOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Descriptions, Flex, Typography } from "antd";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../components/ErrorAlert";
import { TimeAgo } from "../../components/TimeAgo";
import { toIpcError, type ExchangeReport, type TeamInfo } from "../../lib/ipc";
import { problemText } from "../../problems";
import { useExchange, useLatestExchange } from "./useTeam";
import { TEAM_SCHEDULE_MS, useLastAutoExchange } from "./useTeamSchedule";

interface Props {
  team: TeamInfo;
  /** Opened from the command palette's "Exchange now": runs once on arrival. */
  exchangeNow?: boolean;
}

export function ExchangeCard({ team, exchangeNow = false }: Props) {
  const { t } = useTranslation();
  const exchange = useExchange();
  const auto = useLastAutoExchange();
  // The scheduled exchange runs the same command: while it does, the button says so too.
  const running = exchange.isPending || auto.isFetching;
  const started = useRef(false);
  useEffect(() => {
    if (exchangeNow && !started.current) {
      started.current = true;
      exchange.mutate();
    }
  }, [exchangeNow, exchange]);
  const shown = useLatestExchange().data ?? null;
  return (
    <Card
      title={<span data-testid="team-name">{team.name}</span>}
      extra={
        <Button type="primary" data-testid="team-exchange" data-running={running} data-pressed-at={exchange.submittedAt} icon={<SyncOutlined spin={running} />} disabled={running} onClick={() => exchange.mutate()}>
          {running ? t("team.exchange.running") : t("team.exchange.button")}
        </Button>
      }
    >
      <Flex vertical gap="middle">
        <Descriptions
          size="small"
          column={1}
          items={[
            // A team on a hub alone has no folder (the hub section says where it is).
            team.folder !== "" && {
              key: "folder",
              label: t("team.sharedFolder"),
              children: (
                <Typography.Text code copyable data-testid="team-folder" ellipsis={{ tooltip: team.folder }} style={{ maxWidth: 520 }}>
                  {team.folder}
                </Typography.Text>
              ),
            },
            {
              key: "last",
              label: t("team.exchange.last"),
              children: team.last_exchange_at === null ? <span data-testid="team-last-exchange">{t("team.exchange.never")}</span> : <TimeAgo at={team.last_exchange_at} testId="team-last-exchange" />,
            },
            {
              key: "auto",
              label: t("team.auto.label"),
              // A team without a folder exchanges through its hub alone, at once both ways.
              children: <span data-testid="team-auto">{team.folder === "" ? t("team.auto.hub") : t("team.auto.when", { minutes: TEAM_SCHEDULE_MS / 60_000 })}</span>,
            },
          ].filter((item) => item !== false)}
        />
        {auto.data?.state === "unreachable" && (
          <Alert
            type="info"
            showIcon
            data-testid="team-folder-unreachable"
            title={t("team.auto.unreachable")}
            description={
              <>
                {t("team.auto.unreachableHint")} <TimeAgo at={Math.floor(auto.dataUpdatedAt / 1000)} />
              </>
            }
          />
        )}
        {auto.isError && !exchange.isSuccess && <ErrorAlert error={toIpcError(auto.error)} testId="team-auto-error" />}
        {exchange.isError && <ErrorAlert error={toIpcError(exchange.error)} testId="team-exchange-error" />}
        {shown !== null &&
          (shown.byHand ? (
            <ExchangeResult report={shown.report} />
          ) : (
            <ExchangeResult report={shown.report} title={t("team.exchange.autoSummary", { sent: shown.report.sent, applied: shown.report.applied })} testId="team-auto-result" />
          ))}
      </Flex>
    </Card>
  );
}

/** What an exchange or an applied sync pack brought: counts, from whom, new inbox cases, files skipped. */
export function ExchangeResult({ report, title, testId = "team-exchange-result" }: { report: ExchangeReport; title?: string; testId?: string }) {
  const { t } = useTranslation();
  const received = report.from.filter((f) => f.operations > 0);
  return (
    <Flex vertical gap="small" data-testid={testId}>
      <Alert
        type={report.skipped.length > 0 ? "warning" : "success"}
        showIcon
        title={title ?? t("team.exchange.summary", { sent: report.sent, applied: report.applied })}
        description={
          (received.length > 0 || report.inbox > 0 || report.pending > 0) && (
            <Flex vertical>
              {received.map((f) => (
                <span key={f.device} data-testid="team-received-from">
                  {t("team.exchange.from", { person: f.person, device: f.device, count: f.operations })}
                </span>
              ))}
              {report.inbox > 0 && <span>{t("team.exchange.newCases", { count: report.inbox })}</span>}
              {report.pending > 0 && <span>{t("team.exchange.keptForNewer", { count: report.pending })}</span>}
            </Flex>
          )
        }
      />
      {report.skipped.length > 0 && (
        <Alert
          type="warning"
          title={t("team.exchange.skipped", { count: report.skipped.length })}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 18 }}>
              {report.skipped.map((p, i) => (
                <li key={i} data-testid="team-skipped-file">
                  {problemText(p)}
                </li>
              ))}
            </ul>
          }
        />
      )}
    </Flex>
  );
}
