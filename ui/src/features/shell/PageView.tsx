//! Maps the selected menu entry to its page.
import type { AppStatus, DatabaseInfo } from "../../lib/ipc";
import { CustomersPage } from "../customers/CustomersPage";
import { HistoryPage } from "../history/HistoryPage";
import { IoPage } from "../io/IoPage";
import { RulesPage } from "../rules/RulesPage";
import { SegmentsPage } from "../segments/SegmentsPage";
import { SettingsPage } from "../settings/SettingsPage";
import { TagsPage } from "../tags/TagsPage";
import { ValuePage } from "../value/ValuePage";
import type { TagFilter } from "./navigation";
import type { PageKey } from "./pages";

interface Props {
  page: PageKey;
  status: AppStatus;
  database: DatabaseInfo;
  customersFilter: { tags: TagFilter[]; key: number };
}

export function PageView({ page, status, database, customersFilter }: Props) {
  switch (page) {
    case "customers":
      return <CustomersPage key={customersFilter.key} initialTags={customersFilter.tags} />;
    case "tags":
      return <TagsPage />;
    case "io":
      return <IoPage />;
    case "settings":
      return <SettingsPage database={database} dataDir={status.data_dir} userName={status.user_name} />;
    case "segments":
      return <SegmentsPage />;
    case "rules":
      return <RulesPage />;
    case "value":
      return <ValuePage />;
    case "history":
      return <HistoryPage />;
  }
}
