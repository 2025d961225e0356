//! Settings: the UI language and which database is open, with ways to switch.
import { Card, Descriptions, Flex, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { PageTitle } from "../../components/PageTitle";
import type { DatabaseInfo } from "../../lib/ipc";
import { DbActionButtons } from "../db/DbActionButtons";
import { useDbActions } from "../db/useDbActions";
import { LanguageSwitch } from "../shell/LanguageSwitch";
import { AboutButton } from "./AboutDialog";
import { CustomFieldsCard } from "./CustomFieldsCard";
import { EncryptionCard } from "./EncryptionCard";
import { EventKindsCard } from "./EventKindsCard";
import { UserNameCard } from "./UserNameCard";

export function SettingsPage({ database, dataDir, userName }: { database: DatabaseInfo; dataDir: string; userName: string }) {
  const { t } = useTranslation();
  const actions = useDbActions();
  return (
    <>
      <PageTitle>{t("nav.settings")}</PageTitle>
      <Flex vertical gap="middle" style={{ maxWidth: 760 }}>
        <Card title={t("settings.language")}>
          <LanguageSwitch idPrefix="settings-lang" />
        </Card>
        <UserNameCard current={userName} />
        <Card title={t("settings.database")}>
          <Flex vertical gap="middle">
            <Descriptions
              size="small"
              bordered
              column={1}
              items={[
                {
                  key: "path",
                  label: t("problem.path"),
                  children: (
                    <Typography.Text code copyable data-testid="settings-db-path">
                      {database.path}
                    </Typography.Text>
                  ),
                },
                { key: "dir", label: t("settings.dataDir"), children: <Typography.Text code>{dataDir}</Typography.Text> },
                { key: "demo", label: t("settings.demo"), children: database.is_demo ? t("settings.yes") : t("settings.no") },
              ]}
            />
            <Flex gap="small" wrap align="center">
              <DbActionButtons actions={actions} testIdPrefix="settings" offer={["openOther", "createNew"]} />
              <AboutButton databasePath={database.path} dataDir={dataDir} />
            </Flex>
          </Flex>
        </Card>
        {!database.read_only && <EncryptionCard />}
        <CustomFieldsCard />
        <EventKindsCard />
      </Flex>
    </>
  );
}
