//! The top bar: which database file is open (and whether its background check still runs), and the language switch.
import { DatabaseOutlined, LoadingOutlined } from "@ant-design/icons";
import { Flex, Layout, Tag, theme, Tooltip, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { fileName } from "../../lib/format";
import type { DatabaseInfo } from "../../lib/ipc";
import { LanguageSwitch } from "./LanguageSwitch";

export function HeaderBar({ database }: { database: DatabaseInfo }) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  return (
    <Layout.Header
      style={{
        background: token.colorBgContainer,
        borderBottom: `1px solid ${token.colorBorderSecondary}`,
        paddingInline: 24,
      }}
    >
      <Flex align="center" justify="space-between" gap="middle" style={{ height: "100%" }}>
        <Tooltip title={database.path}>
          <Flex align="center" gap="small" style={{ minWidth: 0 }}>
            <DatabaseOutlined aria-label={t("header.database")} />
            <Typography.Text data-testid="db-name" ellipsis style={{ maxWidth: 420 }}>
              {fileName(database.path)}
            </Typography.Text>
            {database.is_demo && <Tag color="gold">{t("settings.demo")}</Tag>}
          </Flex>
        </Tooltip>
        {database.integrity_checking && (
          <Typography.Text type="secondary" data-testid="integrity-checking" style={{ fontSize: 12, marginInlineEnd: "auto" }}>
            <LoadingOutlined style={{ marginInlineEnd: 6 }} />
            {t("integrity.checking")}
          </Typography.Text>
        )}
        <LanguageSwitch />
      </Flex>
    </Layout.Header>
  );
}
