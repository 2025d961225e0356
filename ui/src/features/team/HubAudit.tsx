//! The hub's audit trail, newest first: every accepted and refused push, uploaded copy and member
//! or group change, with who, from which laptop and when (admins and the owner).
import { DownloadOutlined, ReloadOutlined } from "@ant-design/icons";
import { useMutation } from "@tanstack/react-query";
import { App, Button, Card, Flex, Table, Typography } from "antd";
import type { HTMLAttributes } from "react";
import { useTranslation } from "react-i18next";
import type { TFunction } from "i18next";
import { ErrorAlert } from "../../components/ErrorAlert";
import { errorText } from "../../components/errorText";
import { EXPORT_DONE_SECONDS, ExportedFile } from "../io/ExportedFile";
import { exportTable } from "../../lib/ipc";
import { pickSavePath } from "../../lib/ipc/dialog";
import { formatDateTime } from "../../lib/format";
import { toIpcError, type HubAuditEntry, type Problem } from "../../lib/ipc";
import { problemText } from "../../problems";
import { useHubAudit } from "./useHub";

const ACTIONS = ["pushed", "refused", "snapshot", "member_added", "member_changed", "member_removed", "group_owner"] as const;
type Action = (typeof ACTIONS)[number];

export function HubAudit() {
  const { t, i18n } = useTranslation();
  const audit = useHubAudit(true);
  return (
    <Card
      title={t("team.hub.audit.title")}
      size="small"
      data-testid="hub-audit"
      extra={
        <Flex gap="small" align="center">
          {audit.data !== undefined && <Typography.Text type="secondary">{t("team.hub.audit.count", { count: audit.data.length })}</Typography.Text>}
          <Button size="small" icon={<ReloadOutlined />} data-testid="hub-audit-refresh" loading={audit.isFetching} onClick={() => void audit.refetch()}>
            {t("team.hub.audit.refresh")}
          </Button>
          <AuditExport entries={audit.data} />
        </Flex>
      }
    >
      {audit.isError && <ErrorAlert error={toIpcError(audit.error)} testId="hub-audit-error" />}
      <Table<HubAuditEntry>
        size="small"
        rowKey="id"
        loading={audit.isPending}
        dataSource={audit.data ?? []}
        pagination={{ pageSize: 20, size: "small", showSizeChanger: false, hideOnSinglePage: true }}
        scroll={{ x: 720 }}
        locale={{ emptyText: t("team.hub.audit.none") }}
        onRow={() => ({ "data-testid": "hub-audit-row" }) as HTMLAttributes<HTMLElement>}
        columns={[
          { key: "at", title: t("team.hub.audit.time"), width: 168, render: (_, e) => formatDateTime(e.at, i18n.language) },
          { key: "who", title: t("team.hub.audit.who"), width: 120, ellipsis: true, dataIndex: "login" },
          {
            key: "device",
            title: t("team.hub.audit.device"),
            width: 120,
            ellipsis: true,
            render: (_, e) => <Typography.Text ellipsis={{ tooltip: e.device }}>{e.device_name ?? e.device ?? ""}</Typography.Text>,
          },
          { key: "action", title: t("team.hub.audit.action"), width: 132, render: (_, e) => actionText(t, e.action) },
          {
            key: "detail",
            title: t("team.hub.audit.detail"),
            ellipsis: true,
            render: (_, e) => {
              const text = detailText(t, e);
              return <Typography.Text ellipsis={{ tooltip: text }}>{text}</Typography.Text>;
            },
          },
        ]}
      />
    </Card>
  );
}

/** Saves the trail as the window shows it (worded in the window's language) to .xlsx or CSV. */
function AuditExport({ entries }: { entries: HubAuditEntry[] | undefined }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const run = useMutation({
    mutationFn: async (all: HubAuditEntry[]) => {
      const path = await pickSavePath(`${t("team.hub.audit.fileName")}.xlsx`, t("io.export.filterName"), ["xlsx", "csv"]);
      if (path === null) return null;
      const count = await exportTable(path, {
        sheet: t("team.hub.audit.title"),
        headers: [t("team.hub.audit.time"), t("team.hub.audit.who"), t("team.hub.audit.device"), t("team.hub.audit.action"), t("team.hub.audit.detail")],
        rows: all.map((e) => [
          { type: "time", value: e.at },
          { type: "text", value: e.login },
          { type: "text", value: deviceText(e) },
          { type: "text", value: actionText(t, e.action) },
          { type: "text", value: detailText(t, e) },
        ]),
      });
      return { count, path };
    },
    onSuccess: (done) => {
      if (done === null) return;
      void message.success({ content: <ExportedFile text={t("team.hub.audit.exported", { count: done.count })} path={done.path} />, duration: EXPORT_DONE_SECONDS });
    },
    onError: (e) => void message.error(errorText(t, toIpcError(e))),
  });
  return (
    <Button
      size="small"
      icon={<DownloadOutlined />}
      data-testid="hub-audit-export"
      disabled={entries === undefined || entries.length === 0}
      loading={run.isPending}
      onClick={() => entries !== undefined && run.mutate(entries)}
    >
      {t("team.hub.audit.export")}
    </Button>
  );
}

/** A device by the name its person gave it, with its id beside it (two laptops may share a name). */
function deviceText(e: HubAuditEntry): string {
  if (e.device === null) return "";
  return e.device_name === null ? e.device : `${e.device_name} (${e.device})`;
}

function isAction(action: string): action is Action {
  return (ACTIONS as readonly string[]).includes(action);
}

/** A newer hub may record actions this window has no words for: shown as the hub names them. */
export function actionText(t: TFunction, action: string): string {
  return isAction(action) ? t(`team.hub.audit.action_${action}`) : action;
}

type Detail = Record<string, unknown>;

/** The entry's detail in the window's language, from the JSON the hub recorded. */
export function detailText(t: TFunction, entry: HubAuditEntry): string {
  let d: Detail;
  try {
    d = JSON.parse(entry.detail) as Detail;
  } catch {
    return entry.detail;
  }
  const str = (v: unknown) => (typeof v === "string" || typeof v === "number" ? String(v) : "");
  const role = (v: unknown) => (v === "owner" || v === "admin" || v === "editor" || v === "viewer" ? t(`team.hub.role.${v}`) : str(v));
  const department = (v: unknown) => (typeof v === "string" && v !== "" ? v : t("team.hub.audit.wholeCompany"));
  switch (entry.action) {
    case "pushed":
      return t("team.hub.audit.pushed", { changes: Number(d.changes ?? 0), pos: str(d.pos) });
    case "refused":
      return refusalText(d.why);
    case "snapshot": {
      const kind = d.masked === true ? t("team.hub.audit.snapshotMasked") : t("team.hub.audit.snapshotFull");
      const hidden = Array.isArray(d.hidden) ? d.hidden.length : 0;
      return hidden > 0 ? `${kind} · ${t("team.hub.audit.snapshotWithout", { count: hidden })}` : kind;
    }
    case "member_added":
    case "member_changed":
      return [str(d.member), role(d.role), typeof d.department === "string" && d.department !== "" ? d.department : null].filter((x) => x !== null && x !== "").join(" · ");
    case "member_removed":
      return str(d.member);
    case "group_owner":
      // The core names the group by this laptop's tree when it has it.
      return `${str(d.group_name ?? d.group)} → ${department(d.department)}${d.private === true ? ` · ${t("team.hub.audit.privateGroup")}` : ""}`;
    default:
      return entry.detail;
  }
}

/** The hub records a refusal with a problem code the window words (as the conflict inbox does). */
function refusalText(why: unknown): string {
  if (typeof why !== "object" || why === null) return "";
  const { reason, ...params } = why as Detail;
  if (typeof reason !== "string") return "";
  try {
    return problemText({ code: reason, ...params } as unknown as Problem);
  } catch {
    return reason;
  }
}
