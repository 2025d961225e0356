//! The Not-in-a-team page's hub card: the address of the team's PostgreSQL database and this
//! person's login to it, then start the team there (the login becomes its owner) or join it.
import { Button, Card, Flex, Form, Input, InputNumber, Modal, Typography, type ButtonProps } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../components/ErrorAlert";
import { toIpcError, type HubAddress } from "../../lib/ipc";
import { HubProgress } from "./HubProgress";
import type { useHubMembership } from "./useHub";

const DEFAULT_PORT = 5432;

type HubMembership = ReturnType<typeof useHubMembership>;

/** `busy`: this page is starting or joining a team some way (one at a time). */
export function HubConnectCard({ busy, hub: { start, join } }: { busy: boolean; hub: HubMembership }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<HubAddress>();
  const [asking, setAsking] = useState<HubAddress | null>(null);
  const [name, setName] = useState("");
  // The failure of whichever action ran last is the one shown.
  const [last, setLast] = useState<"start" | "join" | null>(null);
  const failed = last === "start" ? start.error : last === "join" ? join.error : null;

  const address = async (): Promise<HubAddress | null> => {
    try {
      const v = await form.validateFields();
      return { host: v.host.trim(), port: v.port, database: v.database.trim(), login: v.login.trim(), password: v.password };
    } catch {
      return null; // the form shows what is missing
    }
  };
  const askName = async () => {
    const a = await address();
    if (a !== null) setAsking(a);
  };
  const doStart = () => {
    if (asking === null || name.trim() === "") return;
    setLast("start");
    start.mutate({ address: asking, name: name.trim() });
    setAsking(null);
  };
  const doJoin = async () => {
    const a = await address();
    if (a === null) return;
    setLast("join");
    join.mutate(a);
  };
  const required = [{ required: true, whitespace: true, message: t("team.hub.connect.required") }];

  return (
    <Card title={t("team.hub.title")} data-testid="hub-connect-card" style={{ flex: "1 1 340px", minWidth: 320 }}>
      <Form form={form} layout="vertical" requiredMark={false} disabled={busy} initialValues={{ port: DEFAULT_PORT }}>
        <Typography.Paragraph type="secondary">{t("team.hub.connect.explain")}</Typography.Paragraph>
        <Flex gap="small" wrap>
          <Form.Item name="host" label={t("team.hub.connect.host")} rules={required} style={{ flex: "3 1 160px" }}>
            <Input data-testid="hub-host" placeholder={t("team.hub.connect.hostPlaceholder")} maxLength={253} />
          </Form.Item>
          <Form.Item
            name="port"
            label={t("team.hub.connect.port")}
            rules={[{ required: true, type: "integer", min: 1, max: 65535, message: t("team.hub.connect.portRange") }]}
            style={{ flex: "1 1 90px" }}
          >
            <InputNumber data-testid="hub-port" min={1} max={65535} precision={0} controls={false} style={{ width: "100%" }} />
          </Form.Item>
        </Flex>
        <Form.Item name="database" label={t("team.hub.connect.database")} rules={required}>
          <Input data-testid="hub-database" maxLength={63} />
        </Form.Item>
        <Flex gap="small" wrap>
          <Form.Item name="login" label={t("team.hub.connect.login")} rules={required} style={{ flex: "1 1 140px" }}>
            <Input data-testid="hub-login" maxLength={63} autoComplete="username" />
          </Form.Item>
          <Form.Item name="password" label={t("team.hub.connect.password")} rules={[{ required: true, message: t("team.hub.connect.required") }]} style={{ flex: "1 1 140px" }}>
            <Input.Password data-testid="hub-password" autoComplete="current-password" />
          </Form.Item>
        </Flex>
      </Form>
      <Flex vertical gap="small">
        <Flex gap="small" wrap>
          <Button type="primary" data-testid="hub-join" disabled={busy} loading={join.isPending} onClick={() => void doJoin()}>
            {t("team.hub.connect.join")}
          </Button>
          <Button data-testid="hub-start" disabled={busy} loading={start.isPending} onClick={() => void askName()}>
            {t("team.hub.connect.start")}
          </Button>
        </Flex>
        {(start.isPending || join.isPending) && <HubProgress />}
        {failed !== null && <ErrorAlert error={toIpcError(failed)} testId="hub-connect-error" />}
      </Flex>
      <Modal
        open={asking !== null}
        title={t("team.hub.connect.nameTitle")}
        okText={t("team.hub.connect.nameOk")}
        cancelText={t("team.hub.connect.cancel")}
        okButtonProps={{ disabled: name.trim() === "", "data-testid": "hub-start-ok" } as ButtonProps}
        onOk={doStart}
        onCancel={() => setAsking(null)}
        destroyOnHidden
      >
        <Flex vertical gap="small">
          <Typography.Text type="secondary">{t("team.hub.connect.startHint")}</Typography.Text>
          <Input data-testid="hub-start-name" aria-label={t("team.hub.connect.nameLabel")} placeholder={t("team.hub.connect.nameLabel")} value={name} maxLength={40} onChange={(e) => setName(e.target.value)} onPressEnter={doStart} />
        </Flex>
      </Modal>
    </Card>
  );
}

