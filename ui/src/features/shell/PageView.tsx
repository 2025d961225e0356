//! Maps the selected menu entry to its page, started from what it was opened for (an intent).
//! Only the customer list is part of the start-up bundle: every other page is its own chunk,
//! fetched and evaluated when it is first opened, so the first screen does not pay for the
//! segment builder, the import wizard or the rules editor (docs/BENCHMARKS.md, "Starting the app").
import { Flex, Spin, Typography } from "antd";
import { lazy, Suspense } from "react";
import { useTranslation } from "react-i18next";
import type { AppStatus, DatabaseInfo } from "../../lib/ipc";
import { CustomersPage } from "../customers/CustomersPage";
import type { Intent } from "./intent";
import { PageErrorBoundary } from "./PageErrorBoundary";
import type { TagFilter } from "./navigation";
import type { PageKey } from "./pages";

const HealthPage = lazy(() => import("../health/HealthPage").then((m) => ({ default: m.HealthPage })));
const HistoryPage = lazy(() => import("../history/HistoryPage").then((m) => ({ default: m.HistoryPage })));
const IoPage = lazy(() => import("../io/IoPage").then((m) => ({ default: m.IoPage })));
const RulesPage = lazy(() => import("../rules/RulesPage").then((m) => ({ default: m.RulesPage })));
const SegmentsPage = lazy(() => import("../segments/SegmentsPage").then((m) => ({ default: m.SegmentsPage })));
const SettingsPage = lazy(() => import("../settings/SettingsPage").then((m) => ({ default: m.SettingsPage })));
const TagsPage = lazy(() => import("../tags/TagsPage").then((m) => ({ default: m.TagsPage })));
const TeamPage = lazy(() => import("../team/TeamPage").then((m) => ({ default: m.TeamPage })));
const ValuePage = lazy(() => import("../value/ValuePage").then((m) => ({ default: m.ValuePage })));

interface Props {
  page: PageKey;
  status: AppStatus;
  database: DatabaseInfo;
  customersFilter: { tags: TagFilter[]; key: number };
  /** A new key starts the page afresh from its intent. */
  intent?: { intent: Intent | null; key: number };
}

export function PageView(props: Props) {
  // Keyed by page: a page that failed does not keep the next one from opening.
  return (
    <PageErrorBoundary key={props.page}>
      <Suspense fallback={<PageLoading />}>
        <Page {...props} />
      </Suspense>
    </PageErrorBoundary>
  );
}

/** Shown while a page's chunk is read, so a first visit never looks like an empty page. */
function PageLoading() {
  const { t } = useTranslation();
  return (
    <Flex data-testid="page-loading" vertical gap="middle" align="center" style={{ paddingTop: 64 }}>
      <Spin size="large" />
      <Typography.Text type="secondary">{t("app.pageLoading")}</Typography.Text>
    </Flex>
  );
}

function Page({ page, status, database, customersFilter, intent: request = { intent: null, key: 0 } }: Props) {
  const intent = request.intent;
  const id = (kind: Intent["kind"]) => (intent !== null && intent.kind === kind && "id" in intent ? intent.id : undefined);
  const action = intent?.kind === "action" ? intent.action : undefined;
  switch (page) {
    case "customers":
      return (
        <CustomersPage
          key={`${customersFilter.key}-${request.key}`}
          initialTags={customersFilter.tags}
          initialOpenId={id("customer")}
          start={action === "newCustomer" ? "new" : action === "export" ? "export" : undefined}
        />
      );
    case "tags":
      return <TagsPage key={request.key} focusTagId={id("tag")} />;
    case "io":
      return <IoPage key={request.key} />;
    case "settings":
      return <SettingsPage database={database} dataDir={status.data_dir} userName={status.user_name} />;
    case "segments":
      return <SegmentsPage key={request.key} initialSegmentId={id("segment")} />;
    case "rules":
      return <RulesPage key={request.key} initialRuleId={id("rule")} runAll={action === "runRules"} />;
    case "value":
      return <ValuePage />;
    case "health":
      return <HealthPage key={request.key} />;
    case "history":
      return <HistoryPage />;
    case "team":
      return <TeamPage key={request.key} exchangeNow={action === "exchange"} />;
  }
}
