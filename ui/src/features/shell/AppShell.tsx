//! The main window once a database is open: integrity and demo banners, menu, header and the current page.
import { Layout, theme, Typography } from "antd";
import { useState } from "react";
import type { AppStatus, DatabaseInfo } from "../../lib/ipc";
import { IntegrityBanner } from "../db/IntegrityBanner";
import { useRulesSchedule } from "../rules/useRulesSchedule";
import { DemoBanner } from "./DemoBanner";
import { HeaderBar } from "./HeaderBar";
import { NavigationContext } from "./navigation";
import { NavMenu } from "./NavMenu";
import { PageView } from "./PageView";
import type { PageKey } from "./pages";

interface Props {
  status: AppStatus;
  database: DatabaseInfo;
  initialPage?: PageKey;
}

export function AppShell({ status, database, initialPage = "customers" }: Props) {
  const [page, setPage] = useState<PageKey>(initialPage);
  const { token } = theme.useToken();
  useRulesSchedule();
  return (
    <NavigationContext.Provider value={setPage}>
      <Layout data-testid="app-shell" style={{ height: "100vh" }}>
        {database.integrity_problem !== null && <IntegrityBanner problem={database.integrity_problem} />}
        {database.is_demo && <DemoBanner />}
        <Layout hasSider style={{ flex: 1, minHeight: 0 }}>
          <Layout.Sider
            theme="light"
            width={184}
            style={{ borderInlineEnd: `1px solid ${token.colorBorderSecondary}`, overflow: "auto" }}
          >
            <Typography.Title level={4} style={{ margin: 0, padding: "18px 24px" }}>
              TagDesk
            </Typography.Title>
            <NavMenu current={page} onSelect={setPage} />
          </Layout.Sider>
          <Layout style={{ minWidth: 0 }}>
            <HeaderBar database={database} />
            <Layout.Content style={{ padding: 24, overflow: "auto" }}>
              <PageView page={page} status={status} database={database} />
            </Layout.Content>
          </Layout>
        </Layout>
      </Layout>
    </NavigationContext.Provider>
  );
}
