//! The conflict inbox: each case an exchange could not simply apply, as a sentence, with what the
//! user may do about it. A single-select case offers the tag the other laptop set instead.
import { Badge, Button, Card, Divider, Flex, Spin, Typography } from "antd";
import { Trans, useTranslation } from "react-i18next";
import { ErrorAlert } from "../../components/ErrorAlert";
import { TimeAgo } from "../../components/TimeAgo";
import { authorName } from "../../lib/author";
import { toIpcError, type InboxItem } from "../../lib/ipc";
import { problemText } from "../../problems";
import { useGo } from "../shell/intent";
import { useResolveCase, useTeamInbox } from "./useTeam";

export function InboxCard({ open }: { open: number }) {
  const { t } = useTranslation();
  const inbox = useTeamInbox();
  const resolve = useResolveCase();
  const title = (
    <Flex gap="small" align="center">
      {t("team.inbox.title")}
      <Badge count={inbox.data?.length ?? open} overflowCount={999} data-testid="team-inbox-count" />
    </Flex>
  );
  return (
    <Card title={title} size="small">
      {inbox.isPending ? (
        <Flex justify="center" style={{ padding: 16 }}>
          <Spin data-testid="team-inbox-loading" />
        </Flex>
      ) : inbox.isError ? (
        <ErrorAlert error={toIpcError(inbox.error)} />
      ) : (
        <Flex vertical gap="small">
          {resolve.isError && <ErrorAlert error={toIpcError(resolve.error)} testId="team-resolve-error" />}
          {inbox.data.length === 0 ? (
            <Typography.Text type="secondary" data-testid="team-inbox-none">
              {t("team.inbox.none")}
            </Typography.Text>
          ) : (
            <div data-testid="team-inbox">
              {inbox.data.map((item, i) => (
                <div key={item.id}>
                  {i > 0 && <Divider style={{ margin: "8px 0" }} />}
                  <InboxRow item={item} busy={resolve.isPending && resolve.variables.id === item.id} onResolve={(keepOther) => resolve.mutate({ id: item.id, keepOther })} />
                </div>
              ))}
            </div>
          )}
        </Flex>
      )}
    </Card>
  );
}

function InboxRow({ item, busy, onResolve }: { item: InboxItem; busy: boolean; onResolve: (keepOther: boolean) => void }) {
  const { t } = useTranslation();
  const c = item.case;
  const actions =
    c.kind === "edit_of_deleted"
      ? [
          <Button key="restore" size="small" data-testid="team-inbox-restore" disabled={busy} onClick={() => onResolve(true)}>
            {t("team.inbox.restore")}
          </Button>,
          <Button key="keep" size="small" data-testid="team-inbox-keep" disabled={busy} onClick={() => onResolve(false)}>
            {t("team.inbox.keep")}
          </Button>,
        ]
      : c.kind === "single_select"
      ? [
          <Button key="other" size="small" data-testid="team-inbox-use-other" disabled={busy} onClick={() => onResolve(true)}>
            {t("team.inbox.useOther", { tag: c.dropped })}
          </Button>,
          <Button key="keep" size="small" data-testid="team-inbox-keep" disabled={busy} onClick={() => onResolve(false)}>
            {t("team.inbox.keepTag", { tag: c.kept })}
          </Button>,
        ]
      : [
          <Button key="seen" size="small" data-testid="team-inbox-dismiss" disabled={busy} onClick={() => onResolve(false)}>
            {t("team.inbox.dismiss")}
          </Button>,
        ];
  return (
    <Flex data-testid="team-inbox-item" data-id={item.id} gap="middle" align="center" justify="space-between">
      <Flex vertical style={{ minWidth: 0 }}>
        <Typography.Text data-testid="team-inbox-sentence">
          <CaseSentence item={item} />
        </Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t("team.inbox.cameFrom", { person: authorName(t, item.from_person), device: item.from_device })} · <TimeAgo at={item.at} />
        </Typography.Text>
      </Flex>
      <Flex gap="small" style={{ flexShrink: 0 }}>
        {actions}
      </Flex>
    </Flex>
  );
}

/** The case in the user's language; a customer's name opens their profile. */
function CaseSentence({ item }: { item: InboxItem }) {
  const { t } = useTranslation();
  const go = useGo();
  const c = item.case;
  const nameOf = (id: number | null) =>
    id === null ? <span /> : <Typography.Link data-testid="team-inbox-customer" onClick={() => go({ kind: "customer", id })} />;
  switch (c.kind) {
    case "single_select":
      return <Trans i18nKey="team.inbox.singleSelect" values={{ customer: c.customer, group: c.group, kept: c.kept, dropped: c.dropped }} components={{ name: nameOf(c.customer_id) }} />;
    case "unknown_tag":
      return <>{t("team.inbox.unknownTag", { tag: c.tag, count: c.customers })}</>;
    case "unknown_customers":
      return <>{t("team.inbox.unknownCustomers", { tag: c.tag, count: c.customers })}</>;
    case "unknown_customer":
      return <>{t("team.inbox.unknownCustomer", { count: c.fields.length })}</>;
    case "edit_of_deleted":
      return <Trans i18nKey="team.inbox.editOfDeleted" values={{ customer: c.customer }} components={{ name: nameOf(c.customer_id) }} />;
    case "fields_not_written":
      return <Trans i18nKey="team.inbox.fieldsNotWritten" values={{ customer: c.customer, count: c.fields.length }} components={{ name: nameOf(c.customer_id) }} />;
    case "unknown_node":
      return <>{t("team.inbox.unknownNode")}</>;
    case "move_skipped":
      return <>{t("team.inbox.moveSkipped", { node: c.node })}</>;
    case "merge_skipped":
      return <>{t("team.inbox.mergeSkipped", { from: c.from, to: c.to })}</>;
    case "record_skipped": {
      const entity = t(`history.entity.${c.entity}`);
      if (c.missing > 0) return <>{t("team.inbox.recordMissing", { entity, name: c.name, count: c.missing })}</>;
      const reason = c.problem === null ? t("team.inbox.recordNotAllowed") : problemText(c.problem);
      return <>{t("team.inbox.recordRefused", { entity, name: c.name, reason })}</>;
    }
    case "events_of_unknown_kind":
      return <>{t("team.inbox.eventsUnknownKind", { count: c.events })}</>;
    case "events_of_unknown_customers":
      return <>{t("team.inbox.eventsUnknownCustomers", { count: c.events, kind: c.event_kind, customers: c.customers })}</>;
    case "hub_refused":
      return <>{problemText(c.problem)}</>;
    default:
      return c satisfies never;
  }
}
