//! Maps the selected menu entry to its page, started from what it was opened for (an intent).
import type { AppStatus, DatabaseInfo } from "../../lib/ipc";
import { CustomersPage } from "../customers/CustomersPage";
import { HistoryPage } from "../history/HistoryPage";
import { IoPage } from "../io/IoPage";
import { RulesPage } from "../rules/RulesPage";
import { SegmentsPage } from "../segments/SegmentsPage";
import { SettingsPage } from "../settings/SettingsPage";
import { TagsPage } from "../tags/TagsPage";
import { ValuePage } from "../value/ValuePage";
import type { Intent } from "./intent";
import type { TagFilter } from "./navigation";
import type { PageKey } from "./pages";

interface Props {
  page: PageKey;
  status: AppStatus;
  database: DatabaseInfo;
  customersFilter: { tags: TagFilter[]; key: number };
  /** A new key starts the page afresh from its intent. */
  intent?: { intent: Intent | null; key: number };
}

export function PageView({ page, status, database, customersFilter, intent: request = { intent: null, key: 0 } }: Props) {
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
    case "history":
      return <HistoryPage />;
  }
}
