//! The team's other devices and what this copy has received from each.
import { Card, Table } from "antd";
import type { HTMLAttributes } from "react";
import { useTranslation } from "react-i18next";
import { TimeAgo } from "../../components/TimeAgo";
import { authorName } from "../../lib/author";
import { formatNumber } from "../../lib/format";
import type { DeviceSeen } from "../../lib/ipc";

export function DevicesTable({ devices }: { devices: DeviceSeen[] }) {
  const { t, i18n } = useTranslation();
  return (
    <Card title={t("team.devices.title")} size="small">
      <Table<DeviceSeen>
        data-testid="team-devices"
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={devices}
        locale={{ emptyText: t("team.devices.none") }}
        onRow={() => ({ "data-testid": "team-device-row" }) as HTMLAttributes<HTMLElement>}
        columns={[
          { key: "name", title: t("team.devices.name"), dataIndex: "name", ellipsis: true },
          { key: "person", title: t("team.devices.person"), ellipsis: true, render: (_, d) => authorName(t, d.person) },
          { key: "received", title: t("team.devices.received"), align: "right", width: 140, render: (_, d) => formatNumber(d.received, i18n.language) },
          {
            key: "last",
            title: t("team.devices.lastReceived"),
            width: 160,
            render: (_, d) => (d.last_received_at === null ? t("team.devices.nothingYet") : <TimeAgo at={d.last_received_at} />),
          },
        ]}
      />
    </Card>
  );
}
