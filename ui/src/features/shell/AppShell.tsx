//! The main window once a database is open: integrity, read-only, unfinished-import and demo banners, menu, header, the current page and the command palette.
import { Layout, theme, Typography } from "antd";
import { useCallback, useState } from "react";
import type { AppStatus, DatabaseInfo } from "../../lib/ipc";
import { ListShownContext } from "../customers/listShown";
import { IntegrityBanner } from "../db/IntegrityBanner";
import { FinishedBanner } from "../db/FinishedBanner";
import { InterruptedBanner } from "../db/InterruptedBanner";
import { ReadOnlyBanner } from "../db/ReadOnlyBanner";
import { useUndoShortcut } from "../history/useUndoShortcut";
import { CommandPalette } from "../palette/CommandPalette";
import { usePaletteShortcut } from "../palette/usePaletteShortcut";
import { useRulesSchedule } from "../rules/useRulesSchedule";
import { useTeamSchedule } from "../team/useTeamSchedule";
import { DemoBanner } from "./DemoBanner";
import { HeaderBar } from "./HeaderBar";
import { leaveThen } from "./leaveGuard";
import { IntentContext, pageOf, type Intent } from "./intent";
import { NavigationContext, OpenCustomersContext, type TagFilter } from "./navigation";
import { NavMenu } from "./NavMenu";
import { PageView } from "./PageView";
import type { PageKey } from "./pages";
import { useSearchShortcut } from "./useSearchShortcut";

interface Props {
  status: AppStatus;
  database: DatabaseInfo;
  initialPage?: PageKey;
}

export function AppShell({ status, database, initialPage = "customers" }: Props) {
  const [page, setPage] = useState<PageKey>(initialPage);
  // A filter another page asked for; the customers page starts from it (remounted per request).
  const [customersFilter, setCustomersFilter] = useState<{ tags: TagFilter[]; key: number }>({ tags: [], key: 0 });
  // What the page was opened for (a customer, a tag, an action …); each request remounts it.
  const [intent, setIntent] = useState<{ intent: Intent | null; key: number }>({ intent: null, key: 0 });
  const [paletteOpen, setPaletteOpen] = useState(false);
  // Start-up work that can wait (the rules check) starts once the list shows its first rows.
  const [listShown, setListShown] = useState(false);
  const onListShown = useCallback(() => setListShown(true), []);
  // Every way to another page first asks a page holding unsaved work (the rule editor).
  const navigate = (next: PageKey) =>
    leaveThen(() => {
      // Leaving the page unmounts it anyway; from the menu it starts unfiltered.
      if (next !== page) setCustomersFilter((f) => ({ tags: [], key: f.key }));
      if (next !== page) setIntent((i) => ({ intent: null, key: i.key }));
      setPage(next);
    });
  const go = (next: Intent) => {
    if (next.kind === "page") return navigate(next.page);
    leaveThen(() => {
      setCustomersFilter((f) => ({ tags: [], key: f.key }));
      setIntent((i) => ({ intent: next, key: i.key + 1 }));
      setPage(pageOf(next));
    });
  };
  const openCustomers = (tag: TagFilter) =>
    leaveThen(() => {
      setCustomersFilter((f) => ({ tags: [tag], key: f.key + 1 }));
      setPage("customers");
    });
  const { token } = theme.useToken();
  useRulesSchedule(listShown);
  useTeamSchedule();
  useUndoShortcut();
  usePaletteShortcut(() => setPaletteOpen(true));
  useSearchShortcut();
  return (
    <ListShownContext.Provider value={onListShown}>
    <IntentContext.Provider value={go}>
    <NavigationContext.Provider value={navigate}>
      <OpenCustomersContext.Provider value={openCustomers}>
      <Layout data-testid="app-shell" style={{ height: "100vh" }}>
        {database.integrity_problem !== null && <IntegrityBanner problem={database.integrity_problem} />}
        {database.read_only && <ReadOnlyBanner />}
        {database.interrupted.length > 0 && <InterruptedBanner work={database.interrupted} />}
        {database.finished.length > 0 && <FinishedBanner work={database.finished} />}
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
            <NavMenu current={page} onSelect={navigate} />
          </Layout.Sider>
          <Layout style={{ minWidth: 0 }}>
            <HeaderBar database={database} />
            <Layout.Content style={{ padding: 24, overflow: "auto" }}>
              <PageView page={page} status={status} database={database} customersFilter={customersFilter} intent={intent} />
            </Layout.Content>
          </Layout>
        </Layout>
      </Layout>
      <CommandPalette open={paletteOpen} onClose={() => setPaletteOpen(false)} onGo={go} />
      </OpenCustomersContext.Provider>
    </NavigationContext.Provider>
    </IntentContext.Provider>
    </ListShownContext.Provider>
  );
}
