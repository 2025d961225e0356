//! A customer's tag history and behaviour events as timelines.
import { DeleteOutlined } from "@ant-design/icons";
import { Button, Empty, Flex, Popconfirm, Tag, Timeline, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { formatDateTime } from "../../../lib/format";
import type { EventEntry, HistoryEntry } from "../../../lib/ipc";
import { noteText } from "./historyNote";
import { lastSegment, propertyPairs, sourceText } from "./sources";
import { authorName } from "../../../lib/author";

export function HistoryTimeline({ history }: { history: HistoryEntry[] }) {
  const { t, i18n } = useTranslation();
  if (history.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("profile.noHistory")} />;
  return (
    <Timeline
      items={history.map((h) => {
        const added = h.action === "add";
        const note = noteText(t, h.note);
        return {
          key: h.id,
          color: added ? "green" : "red",
          content: (
            <div data-testid="history-entry" data-action={h.action} data-rule={h.rule_name ?? undefined}>
              <Typography.Text strong title={h.tag_path}>
                {added ? "+" : "−"} {lastSegment(h.tag_path)}
              </Typography.Text>{" "}
              <Typography.Text type="secondary">
                {t("profile.by", { actor: authorName(t, h.actor) })} · {sourceText(t, h.source, h.rule_name)} ·{" "}
                {formatDateTime(h.at, i18n.language)}
              </Typography.Text>
              {note !== null && (
                <div data-testid="history-note" data-note={h.note?.type}>
                  <Typography.Text type="secondary">{note}</Typography.Text>
                </div>
              )}
            </div>
          ),
        };
      })}
    />
  );
}

interface EventsProps {
  events: EventEntry[];
  total: number;
  /** Deletes an event; without it the timeline is read-only. */
  onDelete?: (id: number) => void;
}

export function EventsTimeline({ events, total, onDelete }: EventsProps) {
  const { t, i18n } = useTranslation();
  if (events.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("profile.noEvents")} />;
  return (
    <>
      {total > events.length && (
        <Typography.Paragraph type="secondary">{t("profile.eventsShown", { shown: events.length, total })}</Typography.Paragraph>
      )}
      <Timeline
        items={events.map((e) => ({
          key: e.id,
          content: (
            <div data-testid="event-entry" data-kind={e.kind}>
              <Flex gap="small" align="center" wrap>
                <Typography.Text strong>{e.kind}</Typography.Text>
                <Typography.Text type="secondary">{formatDateTime(e.occurred_at, i18n.language)}</Typography.Text>
                {e.amount !== null && <Tag color="gold">{t("profile.amount", { amount: e.amount.toFixed(2) })}</Tag>}
                {onDelete !== undefined && (
                  <Popconfirm
                    title={t("events.confirmDelete")}
                    okButtonProps={{ danger: true, ...({ "data-testid": "event-delete-confirm" } as Record<string, string>) }}
                    onConfirm={() => onDelete(e.id)}
                  >
                    <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t("events.delete")} data-testid="event-delete" />
                  </Popconfirm>
                )}
              </Flex>
              {propertyPairs(e.properties).map(([k, v]) => (
                <div key={k + v}>
                  <Typography.Text type="secondary">{k === "" ? v : `${k}: ${v}`}</Typography.Text>
                </div>
              ))}
            </div>
          ),
        }))}
      />
    </>
  );
}
