//! Sync packs, for a team whose laptops share no folder: write one to send by mail or IM, and apply
//! one received, with what it brought from whom (applying one twice brings nothing the second time).
import { ExportOutlined, ImportOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Divider, Flex, Typography } from "antd";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../components/ErrorAlert";
import { fileName } from "../../lib/format";
import { toIpcError, type IpcError, type Problem, type TeamStatus } from "../../lib/ipc";
import { pickSavePath, pickSyncPack } from "../../lib/ipc/dialog";
import { ExchangeResult } from "./ExchangeCard";
import { InvitationAction } from "./InvitationAction";
import { useSyncPacks } from "./useTeam";

/** `销售部-王芳的笔记本-2026-12-05.tdpack`: whose pack and of which day, readable in a mail. */
function packName(status: TeamStatus): string {
  const day = new Date().toISOString().slice(0, 10);
  return `${status.team?.name ?? "TagDesk"}-${status.device.name}-${day}.tdpack`.replace(/[\\/:*?"<>|]/g, "_");
}

export function PackCard({ status }: { status: TeamStatus }) {
  const { t } = useTranslation();
  const { make, apply } = useSyncPacks();
  const busy = make.isPending || apply.isPending;

  async function onMake() {
    const path = await pickSavePath(packName(status), t("team.pack.filter"), ["tdpack"]);
    if (path !== null) {
      apply.reset();
      make.mutate(path);
    }
  }

  async function onApply() {
    const path = await pickSyncPack(t("team.pack.filter"));
    if (path !== null) {
      make.reset();
      apply.mutate(path);
    }
  }

  return (
    <Card title={t("team.pack.title")} size="small" data-testid="team-pack-card">
      <Flex vertical gap="middle">
        <Typography.Text type="secondary">{t("team.pack.hint")}</Typography.Text>
        <Flex gap="small" wrap>
          <Button data-testid="team-pack-make" icon={<ExportOutlined />} loading={make.isPending} disabled={busy} onClick={() => void onMake()}>
            {t("team.pack.make")}
          </Button>
          <Button data-testid="team-pack-apply" icon={<ImportOutlined />} loading={apply.isPending} disabled={busy} onClick={() => void onApply()}>
            {t("team.pack.apply")}
          </Button>
        </Flex>
        {make.isError && <ErrorAlert error={toIpcError(make.error)} testId="team-pack-error" />}
        {apply.isError && <ApplyError error={toIpcError(apply.error)} />}
        {make.data !== undefined && (
          <Alert
            type="success"
            showIcon
            data-testid="team-pack-made"
            title={t("team.pack.made", { own: make.data.own, others: make.data.others, devices: make.data.devices })}
            description={
              <Typography.Text code copyable>
                {make.variables}
              </Typography.Text>
            }
          />
        )}
        {apply.data !== undefined && (
          <ExchangeResult
            report={apply.data}
            testId="team-pack-result"
            title={apply.data.applied === 0 ? t("team.pack.nothingNew", { count: apply.data.already }) : t("team.pack.applied", { count: apply.data.applied })}
          />
        )}
        <Divider style={{ margin: 0 }} />
        <InvitationAction status={status} />
      </Flex>
    </Card>
  );
}

/**
 * Why a pack was refused, worded for a file the user chose: the exchange-file problems speak of
 * a shared-folder file read again at the next exchange, which a pack from a mail is not.
 */
function refusal(t: TFunction, problem: Problem): string | null {
  switch (problem.code) {
    case "exchange_file_truncated":
      return t("team.pack.refused.truncated", { file: fileName(problem.file) });
    case "exchange_file_corrupted":
      return t("team.pack.refused.corrupted", { file: fileName(problem.file) });
    case "exchange_file_foreign":
      return t("team.pack.refused.foreign", { file: fileName(problem.file) });
    case "exchange_file_too_new":
      return t("team.pack.refused.tooNew", { file: fileName(problem.file), found: problem.found, supported: problem.supported });
    case "not_an_exchange_file":
      return t("team.pack.refused.notPack", { file: fileName(problem.file) });
    case "exchange_file_wrong_kind":
      return t("team.pack.refused.wrongKind", { file: fileName(problem.file) });
    default:
      return null;
  }
}

function ApplyError({ error }: { error: IpcError }) {
  const { t } = useTranslation();
  const why = refusal(t, error.problem);
  if (why === null) return <ErrorAlert error={error} testId="team-pack-error" />;
  return <Alert type="error" showIcon data-testid="team-pack-error" title={t("team.pack.refused.title")} description={why} />;
}
