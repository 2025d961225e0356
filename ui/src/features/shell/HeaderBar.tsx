//! The top bar: which database file is open, and the language switch.
import { DatabaseOutlined } from "@ant-design/icons";
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
        <LanguageSwitch />
      </Flex>
    </Layout.Header>
  );
}
