//! The team's members as the hub knows them. The owner and admins add members (with a first
//! password), change a member's role and department, and remove one (at once: the hub refuses
//! their login from the next call); everyone else sees the list only, and why.
import { UserAddOutlined } from "@ant-design/icons";
import { Button, Card, Flex, Form, Input, Modal, Popconfirm, Select, Table, Tag, Tooltip, Typography, type ButtonProps } from "antd";
import { useState, type HTMLAttributes } from "react";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../components/ErrorAlert";
import { toIpcError, type HubMember, type HubRole, type NewHubMember } from "../../lib/ipc";
import { Department } from "./HubSection";
import { useHubAdmin, useHubMembers } from "./useHub";

/** The roles an admin may give; there is one owner, set when the team started. */
const GIVEN_ROLES: HubRole[] = ["admin", "editor", "viewer"];

export function HubMembers({ admin }: { admin: boolean }) {
  const { t } = useTranslation();
  const members = useHubMembers();
  const changes = useHubAdmin();
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<HubMember | null>(null);
  const failed = changes.remove.error ?? null;
  return (
    <Card
      title={t("team.hub.members.title")}
      size="small"
      data-testid="hub-members"
      extra={
        <Tooltip title={admin ? null : t("team.hub.members.adminOnly")}>
          <Button size="small" icon={<UserAddOutlined />} data-testid="hub-member-add" disabled={!admin} onClick={() => setAdding(true)}>
            {t("team.hub.members.add")}
          </Button>
        </Tooltip>
      }
    >
      <Flex vertical gap="small">
        {!admin && (
          <Typography.Text type="secondary" data-testid="hub-members-read-only">
            {t("team.hub.members.adminOnly")}
          </Typography.Text>
        )}
        {members.isError && <ErrorAlert error={toIpcError(members.error)} testId="hub-members-error" />}
        {failed !== null && <ErrorAlert error={toIpcError(failed)} testId="hub-member-remove-error" />}
        <Table<HubMember>
          size="small"
          rowKey="login"
          loading={members.isPending}
          dataSource={members.data ?? []}
          pagination={(members.data?.length ?? 0) > 20 ? { pageSize: 20, size: "small" } : false}
          scroll={{ x: 640 }}
          locale={{ emptyText: t("team.hub.members.none") }}
          onRow={() => ({ "data-testid": "hub-member-row" }) as HTMLAttributes<HTMLElement>}
          columns={[
            { key: "person", title: t("team.hub.members.person"), dataIndex: "person", ellipsis: true },
            { key: "login", title: t("team.hub.members.login"), dataIndex: "login", ellipsis: true, render: (login: string) => <Typography.Text code>{login}</Typography.Text> },
            { key: "role", title: t("team.hub.members.role"), width: 96, render: (_, m) => t(`team.hub.role.${m.role}`) },
            { key: "department", title: t("team.hub.members.department"), ellipsis: true, render: (_, m) => <Department value={m.department} none={t("team.hub.members.noDepartment")} /> },
            {
              key: "active",
              title: t("team.hub.members.active"),
              width: 88,
              render: (_, m) => (m.active ? <Tag color="green">{t("team.hub.members.activeYes")}</Tag> : <Tag>{t("team.hub.members.activeNo")}</Tag>),
            },
            ...(admin
              ? [
                  {
                    key: "actions",
                    title: "",
                    width: 132,
                    render: (_: unknown, m: HubMember) => <MemberActions member={m} onEdit={() => setEditing(m)} remove={changes.remove} />,
                  },
                ]
              : []),
          ]}
        />
      </Flex>
      {adding && <AddMember onClose={() => setAdding(false)} />}
      {editing !== null && <EditMember key={editing.login} member={editing} onClose={() => setEditing(null)} />}
    </Card>
  );
}

type Admin = ReturnType<typeof useHubAdmin>;

function MemberActions({ member, onEdit, remove }: { member: HubMember; onEdit: () => void; remove: Admin["remove"] }) {
  const { t } = useTranslation();
  if (member.role === "owner") {
    return (
      <Typography.Text type="secondary" ellipsis={{ tooltip: t("team.hub.members.ownerFixed") }}>
        {t("team.hub.members.ownerFixed")}
      </Typography.Text>
    );
  }
  if (!member.active) return null;
  return (
    <Flex gap={4} wrap>
      <Button size="small" type="link" data-testid="hub-member-edit" onClick={onEdit}>
        {t("team.hub.members.edit")}
      </Button>
      <Popconfirm
        title={t("team.hub.members.removeConfirm", { person: member.person || member.login })}
        okText={t("team.hub.members.removeOk")}
        cancelText={t("team.hub.members.cancel")}
        okButtonProps={{ danger: true, "data-testid": "hub-member-remove-confirm" } as ButtonProps}
        onConfirm={() => remove.mutate(member.login)}
      >
        <Button size="small" type="link" danger data-testid="hub-member-remove" loading={remove.isPending && remove.variables === member.login}>
          {t("team.hub.members.remove")}
        </Button>
      </Popconfirm>
    </Flex>
  );
}

interface MemberForm {
  login: string;
  password: string;
  person: string;
  role: HubRole;
  department?: string;
}

function roleOptions(t: (key: `team.hub.role.${HubRole}`) => string) {
  return GIVEN_ROLES.map((role) => ({ value: role, label: t(`team.hub.role.${role}`) }));
}

function AddMember({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<MemberForm>();
  const { add } = useHubAdmin();
  const required = [{ required: true, whitespace: true, message: t("team.hub.connect.required") }];
  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (v === null) return;
    const member: NewHubMember = { login: v.login.trim(), password: v.password, person: v.person.trim(), role: v.role, department: v.department?.trim() || null };
    add.mutate(member, { onSuccess: onClose });
  };
  return (
    <Modal
      open
      title={t("team.hub.members.addTitle")}
      okText={t("team.hub.members.add")}
      cancelText={t("team.hub.members.cancel")}
      okButtonProps={{ loading: add.isPending, "data-testid": "hub-member-add-ok" } as ButtonProps}
      onOk={() => void submit()}
      onCancel={onClose}
    >
      <Form form={form} layout="vertical" requiredMark={false} initialValues={{ role: "editor" }} disabled={add.isPending}>
        <Flex gap="small" wrap>
          <Form.Item name="person" label={t("team.hub.members.person")} rules={required} style={{ flex: "1 1 160px" }}>
            <Input data-testid="hub-new-person" maxLength={40} />
          </Form.Item>
          <Form.Item name="login" label={t("team.hub.members.login")} rules={required} style={{ flex: "1 1 160px" }}>
            <Input data-testid="hub-new-login" maxLength={63} autoComplete="off" />
          </Form.Item>
        </Flex>
        <Form.Item name="password" label={t("team.hub.members.password")} extra={t("team.hub.members.passwordHint")} rules={[{ required: true, message: t("team.hub.connect.required") }]}>
          <Input.Password data-testid="hub-new-password" autoComplete="new-password" />
        </Form.Item>
        <Flex gap="small" wrap>
          <Form.Item name="role" label={t("team.hub.members.role")} style={{ flex: "1 1 140px" }}>
            <Select data-testid="hub-new-role" options={roleOptions(t)} />
          </Form.Item>
          <Form.Item name="department" label={t("team.hub.members.department")} style={{ flex: "1 1 160px" }}>
            <Input data-testid="hub-new-department" maxLength={40} placeholder={t("team.hub.members.departmentPlaceholder")} />
          </Form.Item>
        </Flex>
      </Form>
      {add.isError && <ErrorAlert error={toIpcError(add.error)} testId="hub-member-add-error" />}
    </Modal>
  );
}

function EditMember({ member, onClose }: { member: HubMember; onClose: () => void }) {
  const { t } = useTranslation();
  const { set } = useHubAdmin();
  const [role, setRole] = useState<HubRole>(member.role);
  const [department, setDepartment] = useState(member.department ?? "");
  const save = () => set.mutate({ login: member.login, role, department: department.trim() || null }, { onSuccess: onClose });
  return (
    <Modal
      open
      title={t("team.hub.members.editTitle", { person: member.person || member.login })}
      okText={t("team.hub.members.save")}
      cancelText={t("team.hub.members.cancel")}
      okButtonProps={{ loading: set.isPending, "data-testid": "hub-member-edit-ok" } as ButtonProps}
      onOk={save}
      onCancel={onClose}
    >
      <Flex vertical gap="small">
        <Flex gap="small" wrap>
          <Select aria-label={t("team.hub.members.role")} data-testid="hub-edit-role" value={role} onChange={setRole} options={roleOptions(t)} style={{ flex: "1 1 140px" }} />
          <Input
            aria-label={t("team.hub.members.department")}
            data-testid="hub-edit-department"
            value={department}
            maxLength={40}
            placeholder={t("team.hub.members.departmentPlaceholder")}
            onChange={(e) => setDepartment(e.target.value)}
            style={{ flex: "1 1 160px" }}
          />
        </Flex>
        {set.isError && <ErrorAlert error={toIpcError(set.error)} testId="hub-member-edit-error" />}
      </Flex>
    </Modal>
  );
}
