//! The tag groups given to departments at the hub (only that department's members, admins and the
//! owner may change them), some of them business lines only that department sees: giving a group
//! of this laptop's tree to a department, making it private or not, and giving one back to the
//! whole company.
import { AutoComplete, Button, Card, Checkbox, Flex, Popconfirm, Select, Table, Tooltip, Typography, type ButtonProps } from "antd";
import { useQuery } from "@tanstack/react-query";
import { useMemo, useState, type HTMLAttributes } from "react";
import { useTranslation } from "react-i18next";
import { pathOf } from "../../components/TagPicker/pickerLogic";
import { ErrorAlert } from "../../components/ErrorAlert";
import { tagsTree, toIpcError, type HubGroupOwner } from "../../lib/ipc";
import { queryKeys } from "../../lib/queryKeys";
import { Department } from "./HubSection";
import { useHubAdmin, useHubGroupOwners, useHubMembers } from "./useHub";

export function HubGroupOwners() {
  const { t } = useTranslation();
  const owners = useHubGroupOwners(true);
  const { setGroupOwner } = useHubAdmin();
  return (
    <Card title={t("team.hub.groups.title")} size="small" data-testid="hub-group-owners">
      <Flex vertical gap="small">
        <Typography.Text type="secondary">{t("team.hub.groups.explain")}</Typography.Text>
        <GiveGroup owned={owners.data ?? []} />
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
            {
              key: "group",
              title: t("team.hub.groups.group"),
              ellipsis: true,
              render: (_, o) =>
                o.group_name === null ? (
                  <Typography.Text type="secondary">{t("team.hub.groups.notHere")}</Typography.Text>
                ) : (
                  <Typography.Text ellipsis={{ tooltip: o.group_name }}>{o.group_name}</Typography.Text>
                ),
            },
            { key: "department", title: t("team.hub.groups.department"), ellipsis: true, render: (_, o) => <Department value={o.department} none={t("team.hub.audit.wholeCompany")} /> },
            {
              key: "visibility",
              title: t("team.hub.groups.visibility"),
              ellipsis: true,
              render: (_, o) => (
                <Typography.Text data-testid="hub-group-owner-visibility" type={o.private ? "warning" : undefined}>
                  {o.private ? t("team.hub.groups.visibleDepartment", { department: o.department }) : t("team.hub.groups.visibleAll")}
                </Typography.Text>
              ),
            },
            {
              key: "actions",
              title: "",
              width: 220,
              render: (_, o) => (
                <Flex wrap={false}>
                  <Popconfirm
                    title={t(o.private ? "team.hub.groups.makePublicConfirm" : "team.hub.groups.makePrivateConfirm")}
                    okText={t("team.hub.groups.ok")}
                    cancelText={t("team.hub.members.cancel")}
                    okButtonProps={{ "data-testid": "hub-group-owner-visibility-confirm" } as ButtonProps}
                    onConfirm={() => setGroupOwner.mutate({ groupUid: o.group_uid, department: o.department, isPrivate: !o.private })}
                  >
                    <Button size="small" type="link" data-testid="hub-group-owner-visibility-toggle">
                      {t(o.private ? "team.hub.groups.makePublic" : "team.hub.groups.makePrivate")}
                    </Button>
                  </Popconfirm>
                  <Popconfirm
                    title={t("team.hub.groups.removeConfirm")}
                    okText={t("team.hub.groups.removeOk")}
                    cancelText={t("team.hub.members.cancel")}
                    okButtonProps={{ "data-testid": "hub-group-owner-remove-confirm" } as ButtonProps}
                    onConfirm={() => setGroupOwner.mutate({ groupUid: o.group_uid, department: null, isPrivate: false })}
                  >
                    <Button size="small" type="link" data-testid="hub-group-owner-remove">
                      {t("team.hub.groups.remove")}
                    </Button>
                  </Popconfirm>
                </Flex>
              ),
            },
          ]}
        />
      </Flex>
    </Card>
  );
}

/** A group of the tree (by path) and a department (one the members have, or a new one). */
function GiveGroup({ owned }: { owned: readonly HubGroupOwner[] }) {
  const { t } = useTranslation();
  const tree = useQuery({ queryKey: queryKeys.tagsTree, queryFn: tagsTree });
  const members = useHubMembers();
  const { giveGroup } = useHubAdmin();
  const [groupId, setGroupId] = useState<number | null>(null);
  const [department, setDepartment] = useState("");
  const [isPrivate, setPrivate] = useState(false);
  const groups = useMemo(() => {
    const nodes = tree.data?.nodes ?? [];
    const byId = new Map(nodes.map((n) => [n.id, n]));
    const taken = new Set(owned.map((o) => o.group_id));
    return nodes
      .filter((n) => n.kind === "group" && !n.archived && !taken.has(n.id))
      .map((n) => ({ value: n.id, label: pathOf(n.id, byId) }))
      .sort((a, b) => a.label.localeCompare(b.label));
  }, [tree.data, owned]);
  const departments = [...new Set((members.data ?? []).map((m) => m.department).filter((d): d is string => d !== null && d !== ""))].map((d) => ({ value: d }));
  const give = () => {
    if (groupId === null || department.trim() === "") return;
    giveGroup.mutate(
      { groupId, department: department.trim(), isPrivate },
      {
        onSuccess: () => {
          setGroupId(null);
          setPrivate(false);
        },
      },
    );
  };
  return (
    <Flex vertical gap="small">
      <Flex gap="small" wrap>
        <Select<number>
          data-testid="hub-give-group"
          showSearch={{ optionFilterProp: "label" }}
          loading={tree.isPending}
          style={{ flex: "2 1 240px", minWidth: 200 }}
          placeholder={t("team.hub.groups.pickGroup")}
          options={groups}
          value={groupId ?? undefined}
          onChange={setGroupId}
        />
        <AutoComplete
          data-testid="hub-give-department"
          style={{ flex: "1 1 140px", minWidth: 120 }}
          placeholder={t("team.hub.groups.pickDepartment")}
          options={departments}
          value={department}
          onChange={setDepartment}
        />
        <Tooltip title={t("team.hub.groups.privateHelp")}>
          <Checkbox data-testid="hub-give-private" checked={isPrivate} onChange={(e) => setPrivate(e.target.checked)} style={{ alignSelf: "center", whiteSpace: "nowrap" }}>
            {t("team.hub.groups.private")}
          </Checkbox>
        </Tooltip>
        <Button type="primary" data-testid="hub-give-ok" disabled={groupId === null || department.trim() === ""} loading={giveGroup.isPending} onClick={give}>
          {t("team.hub.groups.give")}
        </Button>
      </Flex>
      {giveGroup.isError && <ErrorAlert error={toIpcError(giveGroup.error)} testId="hub-give-error" />}
    </Flex>
  );
}
