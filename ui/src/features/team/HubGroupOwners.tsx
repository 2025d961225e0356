//! The tag groups given to departments at the hub (only that department's members, admins and the
//! owner may change them), each of which can be given back to the whole company.
import { Button, Card, Flex, Popconfirm, Table, Typography, type ButtonProps } from "antd";
import type { HTMLAttributes } from "react";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../components/ErrorAlert";
import { toIpcError, type HubGroupOwner } from "../../lib/ipc";
import { Department } from "./HubSection";
import { useHubAdmin, useHubGroupOwners } from "./useHub";

export function HubGroupOwners() {
  const { t } = useTranslation();
  const owners = useHubGroupOwners(true);
  const { setGroupOwner } = useHubAdmin();
  return (
    <Card title={t("team.hub.groups.title")} size="small" data-testid="hub-group-owners">
      <Flex vertical gap="small">
        <Typography.Text type="secondary">{t("team.hub.groups.explain")}</Typography.Text>
        {owners.isError && <ErrorAlert error={toIpcError(owners.error)} testId="hub-group-owners-error" />}
        {setGroupOwner.isError && <ErrorAlert error={toIpcError(setGroupOwner.error)} testId="hub-group-owner-error" />}
        <Table<HubGroupOwner>
          size="small"
          rowKey="group_uid"
          loading={owners.isPending}
          dataSource={owners.data ?? []}
          pagination={false}
          locale={{ emptyText: t("team.hub.groups.none") }}
          onRow={() => ({ "data-testid": "hub-group-owner-row" }) as HTMLAttributes<HTMLElement>}
          columns={[
            // The tree the window reads does not carry the groups' uids yet, so the group is named by its uid.
            {
              key: "group",
              title: t("team.hub.groups.group"),
              ellipsis: true,
              render: (_, o) => (
                <Typography.Text code ellipsis={{ tooltip: o.group_uid }}>
                  {o.group_uid}
                </Typography.Text>
              ),
            },
            { key: "department", title: t("team.hub.groups.department"), ellipsis: true, render: (_, o) => <Department value={o.department} none={t("team.hub.audit.wholeCompany")} /> },
            {
              key: "actions",
              title: "",
              width: 120,
              render: (_, o) => (
                <Popconfirm
                  title={t("team.hub.groups.removeConfirm")}
                  okText={t("team.hub.groups.removeOk")}
                  cancelText={t("team.hub.members.cancel")}
                  okButtonProps={{ "data-testid": "hub-group-owner-remove-confirm" } as ButtonProps}
                  onConfirm={() => setGroupOwner.mutate({ groupUid: o.group_uid, department: null })}
                >
                  <Button size="small" type="link" data-testid="hub-group-owner-remove">
                    {t("team.hub.groups.remove")}
                  </Button>
                </Popconfirm>
              ),
            },
          ]}
        />
      </Flex>
    </Card>
  );
}
