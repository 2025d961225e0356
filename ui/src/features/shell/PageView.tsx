//! Maps the selected menu entry to its page.
import type { AppStatus, DatabaseInfo } from "../../lib/ipc";
import { CustomersPage } from "../customers/CustomersPage";
import { IoPage } from "../io/IoPage";
import { RulesPage } from "../rules/RulesPage";
import { SegmentsPage } from "../segments/SegmentsPage";
import { SettingsPage } from "../settings/SettingsPage";
import { TagsPage } from "../tags/TagsPage";
import type { PageKey } from "./pages";

interface Props {
  page: PageKey;
  status: AppStatus;
  database: DatabaseInfo;
}

export function PageView({ page, status, database }: Props) {
  switch (page) {
    case "customers":
      return <CustomersPage />;
    case "tags":
      return <TagsPage />;
    case "io":
      return <IoPage />;
    case "settings":
      return <SettingsPage database={database} dataDir={status.data_dir} />;
    case "segments":
      return <SegmentsPage />;
    case "rules":
      return <RulesPage />;
  }
}
