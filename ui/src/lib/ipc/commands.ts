// Generated from src-tauri/core/src/api.rs by `cargo test -p tagdesk-core`. Do not edit.
import { invoke } from "@tauri-apps/api/core";
import type { AppStatus } from "./bindings/AppStatus";
import type { AutoExchange } from "./bindings/AutoExchange";
import type { BatchReport } from "./bindings/BatchReport";
import type { CloseName } from "./bindings/CloseName";
import type { ColumnTarget } from "./bindings/ColumnTarget";
import type { Condition } from "./bindings/Condition";
import type { ConditionCatalog } from "./bindings/ConditionCatalog";
import type { ConditionCount } from "./bindings/ConditionCount";
import type { CustomField } from "./bindings/CustomField";
import type { CustomFieldInput } from "./bindings/CustomFieldInput";
import type { Customer } from "./bindings/Customer";
import type { CustomerInput } from "./bindings/CustomerInput";
import type { CustomerProfile } from "./bindings/CustomerProfile";
import type { CustomerQuery } from "./bindings/CustomerQuery";
import type { CustomerRow } from "./bindings/CustomerRow";
import type { EncryptionStatus } from "./bindings/EncryptionStatus";
import type { EventInput } from "./bindings/EventInput";
import type { EventKind } from "./bindings/EventKind";
import type { EventKindInput } from "./bindings/EventKindInput";
import type { ExchangeReport } from "./bindings/ExchangeReport";
import type { Explanation } from "./bindings/Explanation";
import type { ExportSpec } from "./bindings/ExportSpec";
import type { Followup } from "./bindings/Followup";
import type { FollowupQuery } from "./bindings/FollowupQuery";
import type { HealthQuery } from "./bindings/HealthQuery";
import type { HealthReport } from "./bindings/HealthReport";
import type { HubAddress } from "./bindings/HubAddress";
import type { HubAuditEntry } from "./bindings/HubAuditEntry";
import type { HubGroupOwner } from "./bindings/HubGroupOwner";
import type { HubMember } from "./bindings/HubMember";
import type { HubRole } from "./bindings/HubRole";
import type { HubStatus } from "./bindings/HubStatus";
import type { ImportPreview } from "./bindings/ImportPreview";
import type { ImportReport } from "./bindings/ImportReport";
import type { ImportSpec } from "./bindings/ImportSpec";
import type { ImportTemplate } from "./bindings/ImportTemplate";
import type { ImportTemplateInput } from "./bindings/ImportTemplateInput";
import type { InboxItem } from "./bindings/InboxItem";
import type { InvitationMade } from "./bindings/InvitationMade";
import type { JobProgress } from "./bindings/JobProgress";
import type { Language } from "./bindings/Language";
import type { LifecycleReport } from "./bindings/LifecycleReport";
import type { LifecycleSettings } from "./bindings/LifecycleSettings";
import type { MemberQuery } from "./bindings/MemberQuery";
import type { MemberSource } from "./bindings/MemberSource";
import type { MergePreview } from "./bindings/MergePreview";
import type { MergeReport } from "./bindings/MergeReport";
import type { MyRights } from "./bindings/MyRights";
import type { NewHubMember } from "./bindings/NewHubMember";
import type { Operation } from "./bindings/Operation";
import type { OperationDetail } from "./bindings/OperationDetail";
import type { OperationPage } from "./bindings/OperationPage";
import type { OperationQuery } from "./bindings/OperationQuery";
import type { PackMade } from "./bindings/PackMade";
import type { Page } from "./bindings/Page";
import type { PinnedSegment } from "./bindings/PinnedSegment";
import type { RfmSettings } from "./bindings/RfmSettings";
import type { RfmSummary } from "./bindings/RfmSummary";
import type { RowProblem } from "./bindings/RowProblem";
import type { Rule } from "./bindings/Rule";
import type { RuleInput } from "./bindings/RuleInput";
import type { RulePreview } from "./bindings/RulePreview";
import type { RuleRun } from "./bindings/RuleRun";
import type { RunScope } from "./bindings/RunScope";
import type { Segment } from "./bindings/Segment";
import type { SegmentInput } from "./bindings/SegmentInput";
import type { Selection } from "./bindings/Selection";
import type { SuggestionList } from "./bindings/SuggestionList";
import type { SuggestionPreview } from "./bindings/SuggestionPreview";
import type { SuggestionQuery } from "./bindings/SuggestionQuery";
import type { TableExport } from "./bindings/TableExport";
import type { TagNodeEdit } from "./bindings/TagNodeEdit";
import type { TagNodeNew } from "./bindings/TagNodeNew";
import type { TagTarget } from "./bindings/TagTarget";
import type { TagTree } from "./bindings/TagTree";
import type { TagTrend } from "./bindings/TagTrend";
import type { TeamStatus } from "./bindings/TeamStatus";
import type { TrendBucket } from "./bindings/TrendBucket";
import type { UndoReport } from "./bindings/UndoReport";
import type { WhereUsed } from "./bindings/WhereUsed";

export type { AppStatus } from "./bindings/AppStatus";
export type { Attribute } from "./bindings/Attribute";
export type { AutoExchange } from "./bindings/AutoExchange";
export type { BackupInfo } from "./bindings/BackupInfo";
export type { BatchReport } from "./bindings/BatchReport";
export type { ChangeSource } from "./bindings/ChangeSource";
export type { CloseName } from "./bindings/CloseName";
export type { Closeness } from "./bindings/Closeness";
export type { Cmp } from "./bindings/Cmp";
export type { ColumnTarget } from "./bindings/ColumnTarget";
export type { Condition } from "./bindings/Condition";
export type { ConditionCatalog } from "./bindings/ConditionCatalog";
export type { ConditionCount } from "./bindings/ConditionCount";
export type { ConditionField } from "./bindings/ConditionField";
export type { CorePool } from "./bindings/CorePool";
export type { CustomField } from "./bindings/CustomField";
export type { CustomFieldInput } from "./bindings/CustomFieldInput";
export type { CustomValue } from "./bindings/CustomValue";
export type { Customer } from "./bindings/Customer";
export type { CustomerInput } from "./bindings/CustomerInput";
export type { CustomerProfile } from "./bindings/CustomerProfile";
export type { CustomerQuery } from "./bindings/CustomerQuery";
export type { CustomerRef } from "./bindings/CustomerRef";
export type { CustomerRow } from "./bindings/CustomerRow";
export type { CustomerSort } from "./bindings/CustomerSort";
export type { CustomerSortField } from "./bindings/CustomerSortField";
export type { DatabaseInfo } from "./bindings/DatabaseInfo";
export type { DatabaseProblem } from "./bindings/DatabaseProblem";
export type { DeviceCount } from "./bindings/DeviceCount";
export type { DeviceInfo } from "./bindings/DeviceInfo";
export type { DeviceSeen } from "./bindings/DeviceSeen";
export type { DictionaryField } from "./bindings/DictionaryField";
export type { DuplicateKind } from "./bindings/DuplicateKind";
export type { DuplicatePair } from "./bindings/DuplicatePair";
export type { EditAction } from "./bindings/EditAction";
export type { EditedEntity } from "./bindings/EditedEntity";
export type { EncryptionStatus } from "./bindings/EncryptionStatus";
export type { ErrorCode } from "./bindings/ErrorCode";
export type { EventEntry } from "./bindings/EventEntry";
export type { EventInput } from "./bindings/EventInput";
export type { EventKind } from "./bindings/EventKind";
export type { EventKindInfo } from "./bindings/EventKindInfo";
export type { EventKindInput } from "./bindings/EventKindInput";
export type { EventMeasure } from "./bindings/EventMeasure";
export type { EventOptions } from "./bindings/EventOptions";
export type { EventProperty } from "./bindings/EventProperty";
export type { ExchangeReport } from "./bindings/ExchangeReport";
export type { Explanation } from "./bindings/Explanation";
export type { ExportColumn } from "./bindings/ExportColumn";
export type { ExportFormat } from "./bindings/ExportFormat";
export type { ExportScope } from "./bindings/ExportScope";
export type { ExportSpec } from "./bindings/ExportSpec";
export type { FieldKind } from "./bindings/FieldKind";
export type { FieldOp } from "./bindings/FieldOp";
export type { FinishedWork } from "./bindings/FinishedWork";
export type { Followup } from "./bindings/Followup";
export type { FollowupQuery } from "./bindings/FollowupQuery";
export type { GroupHealth } from "./bindings/GroupHealth";
export type { HealthQuery } from "./bindings/HealthQuery";
export type { HealthReport } from "./bindings/HealthReport";
export type { HealthThresholds } from "./bindings/HealthThresholds";
export type { HistoryEntry } from "./bindings/HistoryEntry";
export type { HistoryNote } from "./bindings/HistoryNote";
export type { HubAddress } from "./bindings/HubAddress";
export type { HubAuditEntry } from "./bindings/HubAuditEntry";
export type { HubGroupOwner } from "./bindings/HubGroupOwner";
export type { HubMember } from "./bindings/HubMember";
export type { HubRole } from "./bindings/HubRole";
export type { HubStatus } from "./bindings/HubStatus";
export type { ImportPreview } from "./bindings/ImportPreview";
export type { ImportReport } from "./bindings/ImportReport";
export type { ImportSpec } from "./bindings/ImportSpec";
export type { ImportSummary } from "./bindings/ImportSummary";
export type { ImportTemplate } from "./bindings/ImportTemplate";
export type { ImportTemplateInput } from "./bindings/ImportTemplateInput";
export type { ImportWhat } from "./bindings/ImportWhat";
export type { InFileDuplicates } from "./bindings/InFileDuplicates";
export type { InboxCase } from "./bindings/InboxCase";
export type { InboxItem } from "./bindings/InboxItem";
export type { InterruptedWork } from "./bindings/InterruptedWork";
export type { InvitationMade } from "./bindings/InvitationMade";
export type { IpcError } from "./bindings/IpcError";
export type { JobProgress } from "./bindings/JobProgress";
export type { JobStep } from "./bindings/JobStep";
export type { KeylessRows } from "./bindings/KeylessRows";
export type { Language } from "./bindings/Language";
export type { LifecycleCount } from "./bindings/LifecycleCount";
export type { LifecycleReport } from "./bindings/LifecycleReport";
export type { LifecycleSettings } from "./bindings/LifecycleSettings";
export type { LifecycleStage } from "./bindings/LifecycleStage";
export type { LockedGroup } from "./bindings/LockedGroup";
export type { MatchBy } from "./bindings/MatchBy";
export type { MemberQuery } from "./bindings/MemberQuery";
export type { MemberSource } from "./bindings/MemberSource";
export type { MergePolicy } from "./bindings/MergePolicy";
export type { MergePreview } from "./bindings/MergePreview";
export type { MergeReport } from "./bindings/MergeReport";
export type { MergeSourcePreview } from "./bindings/MergeSourcePreview";
export type { MyRights } from "./bindings/MyRights";
export type { NewHubMember } from "./bindings/NewHubMember";
export type { NodeCount } from "./bindings/NodeCount";
export type { NodeKind } from "./bindings/NodeKind";
export type { Operation } from "./bindings/Operation";
export type { OperationDetail } from "./bindings/OperationDetail";
export type { OperationKind } from "./bindings/OperationKind";
export type { OperationPage } from "./bindings/OperationPage";
export type { OperationQuery } from "./bindings/OperationQuery";
export type { PackMade } from "./bindings/PackMade";
export type { Page } from "./bindings/Page";
export type { PinnedSegment } from "./bindings/PinnedSegment";
export type { PreviewOutcome } from "./bindings/PreviewOutcome";
export type { PreviewRow } from "./bindings/PreviewRow";
export type { Problem } from "./bindings/Problem";
export type { ProblemCode } from "./bindings/ProblemCode";
export type { ProfileTag } from "./bindings/ProfileTag";
export type { ProfileTagGroup } from "./bindings/ProfileTagGroup";
export type { ReadOptions } from "./bindings/ReadOptions";
export type { RecordCounts } from "./bindings/RecordCounts";
export type { RfmClass } from "./bindings/RfmClass";
export type { RfmClassSummary } from "./bindings/RfmClassSummary";
export type { RfmScoring } from "./bindings/RfmScoring";
export type { RfmSettings } from "./bindings/RfmSettings";
export type { RfmSummary } from "./bindings/RfmSummary";
export type { RfmThresholds } from "./bindings/RfmThresholds";
export type { RowProblem } from "./bindings/RowProblem";
export type { Rule } from "./bindings/Rule";
export type { RuleAction } from "./bindings/RuleAction";
export type { RuleConflict } from "./bindings/RuleConflict";
export type { RuleInput } from "./bindings/RuleInput";
export type { RuleOutcome } from "./bindings/RuleOutcome";
export type { RulePreview } from "./bindings/RulePreview";
export type { RuleRun } from "./bindings/RuleRun";
export type { RunScope } from "./bindings/RunScope";
export type { RunTrigger } from "./bindings/RunTrigger";
export type { ScoreReason } from "./bindings/ScoreReason";
export type { Segment } from "./bindings/Segment";
export type { SegmentInput } from "./bindings/SegmentInput";
export type { SegmentKind } from "./bindings/SegmentKind";
export type { SelectMode } from "./bindings/SelectMode";
export type { Selection } from "./bindings/Selection";
export type { SetMode } from "./bindings/SetMode";
export type { SourceShare } from "./bindings/SourceShare";
export type { Suggestion } from "./bindings/Suggestion";
export type { SuggestionList } from "./bindings/SuggestionList";
export type { SuggestionPreview } from "./bindings/SuggestionPreview";
export type { SuggestionQuery } from "./bindings/SuggestionQuery";
export type { SuggestionThresholds } from "./bindings/SuggestionThresholds";
export type { TableCell } from "./bindings/TableCell";
export type { TableExport } from "./bindings/TableExport";
export type { TagAction } from "./bindings/TagAction";
export type { TagChange } from "./bindings/TagChange";
export type { TagChip } from "./bindings/TagChip";
export type { TagHealth } from "./bindings/TagHealth";
export type { TagNode } from "./bindings/TagNode";
export type { TagNodeEdit } from "./bindings/TagNodeEdit";
export type { TagNodeNew } from "./bindings/TagNodeNew";
export type { TagOrigin } from "./bindings/TagOrigin";
export type { TagTarget } from "./bindings/TagTarget";
export type { TagTree } from "./bindings/TagTree";
export type { TagTrend } from "./bindings/TagTrend";
export type { TagsLayout } from "./bindings/TagsLayout";
export type { TeamInfo } from "./bindings/TeamInfo";
export type { TeamStatus } from "./bindings/TeamStatus";
export type { TemplateColumn } from "./bindings/TemplateColumn";
export type { TemplateRef } from "./bindings/TemplateRef";
export type { Thing } from "./bindings/Thing";
export type { TrendBucket } from "./bindings/TrendBucket";
export type { TrendPoint } from "./bindings/TrendPoint";
export type { UndoReport } from "./bindings/UndoReport";
export type { UnknownTags } from "./bindings/UnknownTags";
export type { UsageKind } from "./bindings/UsageKind";
export type { UsedBy } from "./bindings/UsedBy";
export type { ValueKind } from "./bindings/ValueKind";
export type { ValueNeed } from "./bindings/ValueNeed";
export type { WeightUse } from "./bindings/WeightUse";
export type { WhereUsed } from "./bindings/WhereUsed";
export type { Work } from "./bindings/Work";

/** Which database is open, or what went wrong opening it. */
export const appStatus = (): Promise<AppStatus> =>
  invoke<AppStatus>("app_status", {});

/** Chooses the UI language ("zh-CN" or "en") and remembers it. */
export const appSetLanguage = (language: Language): Promise<AppStatus> =>
  invoke<AppStatus>("app_set_language", { language });

/** Sets the name recorded on the user's operations (blank: the system's user name). */
export const appSetUserName = (name: string): Promise<AppStatus> =>
  invoke<AppStatus>("app_set_user_name", { name });

/** Tells the shell that the customer list shows its first rows; the shell logs the */
/** time since it started, once (scripts/bench-start.sh reads that line). */
export const appListShown = (): Promise<null> =>
  invoke<null>("app_list_shown", {});

/** Opens an existing database file. */
export const dbOpen = (path: string): Promise<AppStatus> =>
  invoke<AppStatus>("db_open", { path });

/** Creates an empty database at a fresh name in the data folder and opens it. */
export const dbCreate = (): Promise<AppStatus> =>
  invoke<AppStatus>("db_create", {});

/** Starts a new database in the empty (0-byte) file that last failed to open, and opens it. */
export const dbStartInEmpty = (): Promise<AppStatus> =>
  invoke<AppStatus>("db_start_in_empty", {});

/** Asks where to save with the system's save dialog, suggesting a file name and offering one */
/** filter; the chosen path (which the app may then write), or null when cancelled. */
export const dialogSave = (defaultName: string, filterName: string, extensions: Array<string>): Promise<string | null> =>
  invoke<string | null>("dialog_save", { defaultName, filterName, extensions });

/** Asks for a folder with the system's folder dialog, titled `title`; the chosen folder */
/** (which the app may then write in), or null when cancelled. */
export const dialogFolder = (title: string): Promise<string | null> =>
  invoke<string | null>("dialog_folder", { title });

/** Asks for a file to open with the system's open dialog, offering one filter; the */
/** chosen path, or null when cancelled. */
export const dialogOpen = (filterName: string, extensions: Array<string>): Promise<string | null> =>
  invoke<string | null>("dialog_open", { filterName, extensions });

/** Opens the demo database, generating it if needed. */
export const dbOpenDemo = (): Promise<AppStatus> =>
  invoke<AppStatus>("db_open_demo", {});

/** Puts a backup in place of the database that failed to open, and opens it. */
export const dbRestoreBackup = (backup: string): Promise<AppStatus> =>
  invoke<AppStatus>("db_restore_backup", { backup });

/** Forgets the imports the last session left unfinished (the user has read the notice). */
export const dbDismissInterrupted = (): Promise<AppStatus> =>
  invoke<AppStatus>("db_dismiss_interrupted", {});

/** Opens the encrypted database at `path` with its passphrase, which stays in memory */
/** and is never written; a wrong one is refused (`passphrase_wrong`) and changes nothing. */
export const dbUnlock = (path: string, passphrase: string): Promise<AppStatus> =>
  invoke<AppStatus>("db_unlock", { path, passphrase });

/** Whether the open database is encrypted. */
export const dbEncryption = (): Promise<EncryptionStatus> =>
  invoke<EncryptionStatus>("db_encryption", {});

/** Encrypts the open database with `passphrase` (or, given the `current` one, changes */
/** it) after an encrypted backup; a job with progress that a cancel leaves unchanged. */
export const dbEncrypt = (current: string | null, passphrase: string): Promise<AppStatus> =>
  invoke<AppStatus>("db_encrypt", { current, passphrase });

/** Takes the encryption off the open database, given its passphrase, after a backup. */
export const dbDecrypt = (current: string): Promise<AppStatus> =>
  invoke<AppStatus>("db_decrypt", { current });

/** One page of customers. */
export const customersList = (query: CustomerQuery): Promise<Page<CustomerRow>> =>
  invoke<Page<CustomerRow>>("customers_list", { query });

/** Exactly how many customers match (the list's total is capped for broad searches). */
export const customersCount = (query: CustomerQuery): Promise<number> =>
  invoke<number>("customers_count", { query });

/** One customer with tags by group, tag history and events. */
export const customersGet = (id: number): Promise<CustomerProfile> =>
  invoke<CustomerProfile>("customers_get", { id });

/** Adds a customer, then runs the enabled rules for them; returns its id. */
export const customersCreate = (input: CustomerInput): Promise<number> =>
  invoke<number>("customers_create", { input });

/** Saves a customer's attributes, then runs the enabled rules for them. */
export const customersUpdate = (id: number, input: CustomerInput): Promise<Customer> =>
  invoke<Customer>("customers_update", { id, input });

/** Soft-deletes customers (undo with customers_restore); returns how many. */
export const customersDelete = (ids: Array<number>): Promise<number> =>
  invoke<number>("customers_delete", { ids });

/** Brings soft-deleted customers back; returns how many. */
export const customersRestore = (ids: Array<number>): Promise<number> =>
  invoke<number>("customers_restore", { ids });

/** Reads a spreadsheet and shows what importing it would do; writes nothing. */
export const importPreview = (spec: ImportSpec): Promise<ImportPreview> =>
  invoke<ImportPreview>("import_preview", { spec });

/** Imports a spreadsheet (customers or events) in one transaction, then runs the enabled rules for the customers it touched; poll job_progress, stop with job_cancel. */
export const importRun = (spec: ImportSpec): Promise<ImportReport> =>
  invoke<ImportReport>("import_run", { spec });

/** Progress of the running import. */
export const jobProgress = (): Promise<JobProgress> =>
  invoke<JobProgress>("job_progress", {});

/** Asks the running import to stop; it then changes nothing. */
export const jobCancel = (): Promise<null> =>
  invoke<null>("job_cancel", {});

/** Writes the rejected rows of an import to an .xlsx error report in the UI's language, at a */
/** path chosen in `dialog_save` or inside the data folder (else `path_not_allowed`). */
export const importErrorReport = (problems: Array<RowProblem>, path: string, language: Language): Promise<null> =>
  invoke<null>("import_error_report", { problems, path, language });

/** The saved column mappings, most recently saved first. */
export const importTemplatesList = (): Promise<Array<ImportTemplate>> =>
  invoke<Array<ImportTemplate>>("import_templates_list", {});

/** Saves a column mapping under a name (replacing one of the same name); returns its id. */
export const importTemplatesSave = (template: ImportTemplateInput): Promise<number> =>
  invoke<number>("import_templates_save", { template });

/** Deletes a saved column mapping. */
export const importTemplatesDelete = (id: number): Promise<null> =>
  invoke<null>("import_templates_delete", { id });

/** A saved mapping laid over a file's headers (by header name). */
export const importTemplatesApply = (id: number, headers: Array<string>): Promise<Array<ColumnTarget>> =>
  invoke<Array<ColumnTarget>>("import_templates_apply", { id, headers });

/** The declared event kinds with how many events each has. */
export const eventKindsList = (): Promise<Array<EventKind>> =>
  invoke<Array<EventKind>>("event_kinds_list", {});

/** Declares an event kind; returns its id. */
export const eventKindsCreate = (input: EventKindInput): Promise<number> =>
  invoke<number>("event_kinds_create", { input });

/** Saves a kind; a new name is carried to its events and to the conditions naming it. */
export const eventKindsUpdate = (id: number, input: EventKindInput): Promise<null> =>
  invoke<null>("event_kinds_update", { id, input });

/** Deletes a kind; one in use needs force and takes its events along. Returns how many went. */
export const eventKindsDelete = (id: number, force: boolean): Promise<number> =>
  invoke<number>("event_kinds_delete", { id, force });

/** Adds an event to a customer, then runs the enabled rules for them; returns its id. */
export const eventsAdd = (input: EventInput): Promise<number> =>
  invoke<number>("events_add", { input });

/** Deletes an event, then runs the enabled rules for its customer. */
export const eventsDelete = (id: number): Promise<null> =>
  invoke<null>("events_delete", { id });

/** Exports customers to .xlsx or CSV; returns how many. The path is one chosen in */
/** `dialog_save` or inside the data folder (else `path_not_allowed`). */
export const exportCustomers = (spec: ExportSpec): Promise<number> =>
  invoke<number>("export_customers", { spec });

/** Exports the tag dictionary to .xlsx; returns how many nodes (path as for the export). */
export const exportDictionary = (path: string): Promise<number> =>
  invoke<number>("export_dictionary", { path });

/** Writes a table the window worded (the hub's audit trail) to .xlsx or CSV; returns */
/** how many rows (path as for the export). */
export const exportTable = (path: string, table: TableExport): Promise<number> =>
  invoke<number>("export_table", { path, table });

/** Reads a tag dictionary back in (creates missing nodes, updates entries); returns how many nodes it created. */
export const importDictionary = (path: string): Promise<number> =>
  invoke<number>("import_dictionary", { path });

/** The custom field definitions, archived ones included. */
export const fieldsList = (): Promise<Array<CustomField>> =>
  invoke<Array<CustomField>>("fields_list", {});

/** Declares a custom field; returns its id. */
export const fieldsCreate = (input: CustomFieldInput): Promise<number> =>
  invoke<number>("fields_create", { input });

/** Renames a custom field or changes its options. */
export const fieldsUpdate = (id: number, input: CustomFieldInput): Promise<null> =>
  invoke<null>("fields_update", { id, input });

/** Archives (hides) or restores a custom field. */
export const fieldsArchive = (id: number, archived: boolean): Promise<null> =>
  invoke<null>("fields_archive", { id, archived });

/** Deletes a custom field with the values customers held in it (the history can bring both back); returns how many customers held one. */
export const fieldsDelete = (id: number): Promise<number> =>
  invoke<number>("fields_delete", { id });

/** The whole tag tree with colours and counts. */
export const tagsTree = (): Promise<TagTree> =>
  invoke<TagTree>("tags_tree", {});

/** Adds a category, group or tag; returns its id. */
export const tagsCreate = (node: TagNodeNew): Promise<number> =>
  invoke<number>("tags_create", { node });

/** Renames a node and saves its dictionary fields. */
export const tagsUpdate = (id: number, edit: TagNodeEdit): Promise<null> =>
  invoke<null>("tags_update", { id, edit });

/** Moves a node under another parent (null: top level) at a position. */
export const tagsMove = (id: number, parentId: number | null, position: number): Promise<null> =>
  invoke<null>("tags_move", { id, parentId, position });

/** Archives or restores a node and its subtree. */
export const tagsArchive = (id: number, archived: boolean): Promise<null> =>
  invoke<null>("tags_archive", { id, archived });

/** Deletes a node; one in use needs force. Returns how many assignments went with it. */
export const tagsDelete = (id: number, force: boolean): Promise<number> =>
  invoke<number>("tags_delete", { id, force });

/** Merges tags into one. */
export const tagsMerge = (sources: Array<number>, target: number): Promise<MergeReport> =>
  invoke<MergeReport>("tags_merge", { sources, target });

/** The siblings under `parent_id` whose names are close to `name` (same once folded, */
/** one inside the other, one slip apart), for a warning before the name is saved; */
/** `except_id` leaves out the node being renamed. */
export const tagsCloseNames = (parentId: number | null, name: string, exceptId: number | null): Promise<Array<CloseName>> =>
  invoke<Array<CloseName>>("tags_close_names", { parentId, name, exceptId });

/** The tag health report (标签健康): coverage per group and tag, empty, stale and unused */
/** tags, near-duplicate pairs with their overlap, dictionary gaps, the core pool and */
/** provenance per group; settings left out take their defaults, returned in it. */
export const healthReport = (query: HealthQuery): Promise<HealthReport> =>
  invoke<HealthReport>("health_report", { query });

/** One page of the live customers holding none of a group's tags, newest first. */
export const healthGroupGaps = (groupId: number, offset: number, limit: number): Promise<Page<CustomerRow>> =>
  invoke<Page<CustomerRow>>("health_group_gaps", { groupId, offset, limit });

/** Every segment, board, rule, import template and follow-up weight that refers to a */
/** tag, group or category (its subtree; a tag's group counts), for before deleting, */
/** archiving or merging it. */
export const healthWhereUsed = (id: number): Promise<WhereUsed> =>
  invoke<WhereUsed>("health_where_used", { id });

/** What merging `sources` into `target` would move, collapse and rewrite, and whether */
/** it would be refused; writes nothing. */
export const healthMergePreview = (sources: Array<number>, target: number): Promise<MergePreview> =>
  invoke<MergePreview>("health_merge_preview", { sources, target });

/** Archives these nodes with what is beneath them as one operation of the history */
/** (one undo restores them); returns how many were archived that were not yet. */
export const healthArchive = (ids: Array<number>): Promise<number> =>
  invoke<number>("health_archive", { ids });

/** A tag's customers added and removed per day or week between `from` and `to` */
/** (unix seconds, both included). */
export const healthTrend = (tagId: number, from: number, to: number, bucket: TrendBucket): Promise<TagTrend> =>
  invoke<TagTrend>("health_trend", { tagId, from, to, bucket });

/** The tags a selection of customers suggests (support and lift within it, settings */
/** returned in the answer); offered, never applied. */
export const healthSuggestions = (selection: Selection, query: SuggestionQuery): Promise<SuggestionList> =>
  invoke<SuggestionList>("health_suggestions", { selection, query });

/** The customers of the selection who would get a suggested tag (all ids, for */
/** tagging_add, and the first `sample` rows). */
export const healthSuggestionPreview = (selection: Selection, tagId: number, sample: number): Promise<SuggestionPreview> =>
  invoke<SuggestionPreview>("health_suggestion_preview", { selection, tagId, sample });

/** Puts a tag in the core tag pool or takes it out (an edit the history can undo). */
export const tagsSetCore = (id: number, core: boolean): Promise<null> =>
  invoke<null>("tags_set_core", { id, core });

/** Gives a tag to a set of customers. */
export const taggingAdd = (target: TagTarget, tagId: number): Promise<BatchReport> =>
  invoke<BatchReport>("tagging_add", { target, tagId });

/** Takes a tag off a set of customers. */
export const taggingRemove = (target: TagTarget, tagId: number): Promise<BatchReport> =>
  invoke<BatchReport>("tagging_remove", { target, tagId });

/** The user's own latest tagging operation that can still be undone, for the undo button. */
export const taggingLast = (): Promise<Operation | null> =>
  invoke<Operation | null>("tagging_last", {});

/** A page of the operation history, newest first. */
export const operationsList = (query: OperationQuery): Promise<OperationPage> =>
  invoke<OperationPage>("operations_list", { query });

/** One operation with the customer-tag pairs it changed. */
export const operationsGet = (id: number): Promise<OperationDetail> =>
  invoke<OperationDetail>("operations_get", { id });

/** The later operations in the way of undoing these (they changed the same pairs). */
export const operationsBlockers = (ids: Array<number>): Promise<Array<Operation>> =>
  invoke<Array<Operation>>("operations_blockers", { ids });

/** Undoes these operations together, newest first. */
export const operationsUndo = (ids: Array<number>): Promise<UndoReport> =>
  invoke<UndoReport>("operations_undo", { ids });

/** The user's own latest operation that can still be undone (what Ctrl+Z takes back). */
export const operationsMineLatest = (): Promise<Operation | null> =>
  invoke<Operation | null>("operations_mine_latest", {});

/** What conditions can compare: fields with their kinds, event kinds with their properties. */
export const segmentsCatalog = (): Promise<ConditionCatalog> =>
  invoke<ConditionCatalog>("segments_catalog", {});

/** Counts an unsaved condition tree (every node of it) and shows its newest members. */
export const segmentsCount = (condition: Condition): Promise<ConditionCount> =>
  invoke<ConditionCount>("segments_count", { condition });

/** One page of a segment's (or an unsaved tree's) members. */
export const segmentsMembers = (query: MemberQuery): Promise<Page<CustomerRow>> =>
  invoke<Page<CustomerRow>>("segments_members", { query });

/** Which conditions of a tree one customer meets. */
export const segmentsExplain = (condition: Condition, customerId: number): Promise<Explanation> =>
  invoke<Explanation>("segments_explain", { condition, customerId });

/** The saved segments, pinned first. */
export const segmentsList = (): Promise<Array<Segment>> =>
  invoke<Array<Segment>>("segments_list", {});

/** One saved segment. */
export const segmentsGet = (id: number): Promise<Segment> =>
  invoke<Segment>("segments_get", { id });

/** Saves a new segment (a static one freezes its members now); returns its id. */
export const segmentsCreate = (input: SegmentInput): Promise<number> =>
  invoke<number>("segments_create", { input });

/** Renames a segment or changes its tree, kind or pin. */
export const segmentsUpdate = (id: number, input: SegmentInput): Promise<Segment> =>
  invoke<Segment>("segments_update", { id, input });

/** Copies a segment under a free name; returns the copy's id. */
export const segmentsDuplicate = (id: number): Promise<number> =>
  invoke<number>("segments_duplicate", { id });

/** Deletes a segment (refused while another segment refers to it). */
export const segmentsDelete = (id: number): Promise<null> =>
  invoke<null>("segments_delete", { id });

/** Pins a segment to the dashboard or unpins it. */
export const segmentsPin = (id: number, pinned: boolean): Promise<null> =>
  invoke<null>("segments_pin", { id, pinned });

/** The pinned segments with today's counts and their trend. */
export const segmentsDashboard = (): Promise<Array<PinnedSegment>> =>
  invoke<Array<PinnedSegment>>("segments_dashboard", {});

/** Gives a tag to every member of a segment or tree, as one undoable batch. */
export const segmentsTag = (source: MemberSource, tagId: number): Promise<BatchReport> =>
  invoke<BatchReport>("segments_tag", { source, tagId });

/** Exports a segment's members to .xlsx or CSV (the spec's scope is ignored); returns how many. */
export const segmentsExport = (segmentId: number, spec: ExportSpec): Promise<number> =>
  invoke<number>("segments_export", { segmentId, spec });

/** Opens a file an export wrote this session with the system's default program (any other */
/** path: `path_not_allowed`). */
export const exportOpen = (path: string): Promise<null> =>
  invoke<null>("export_open", { path });

/** Shows a file an export wrote this session in the system's file manager (any other path: */
/** `path_not_allowed`). */
export const exportReveal = (path: string): Promise<null> =>
  invoke<null>("export_reveal", { path });

/** The rules in run order (highest priority first). */
export const rulesList = (): Promise<Array<Rule>> =>
  invoke<Array<Rule>>("rules_list", {});

/** Saves a new rule (checked: condition, tag, group); returns its id. */
export const rulesCreate = (input: RuleInput): Promise<number> =>
  invoke<number>("rules_create", { input });

/** Saves a rule; if it now gives another tag, the tag it gave before is taken back. */
export const rulesUpdate = (id: number, input: RuleInput): Promise<Rule> =>
  invoke<Rule>("rules_update", { id, input });

/** Deletes a rule and takes back the tags it gave (disable it to keep them); returns how many. */
export const rulesDelete = (id: number): Promise<number> =>
  invoke<number>("rules_delete", { id });

/** What a new rule (id null) or an edited one would add and remove if it ran now, with samples and conflicts; writes nothing. */
export const rulesPreview = (id: number | null, input: RuleInput): Promise<RulePreview> =>
  invoke<RulePreview>("rules_preview", { id, input });

/** Runs all enabled rules (or one) over everyone (or the touched customers) in one transaction; poll job_progress, stop with job_cancel. */
export const rulesRun = (scope: RunScope): Promise<RuleRun> =>
  invoke<RuleRun>("rules_run", { scope });

/** Re-runs the time-based rules whose last run is over an hour old; null when none was due. Call at start and periodically. */
export const rulesRunDue = (): Promise<RuleRun | null> =>
  invoke<RuleRun | null>("rules_run_due", {});

/** The most recent rule runs, newest first. */
export const rulesLog = (limit: number): Promise<Array<RuleRun>> =>
  invoke<Array<RuleRun>>("rules_log", { limit });

/** The RFM settings (defaults until saved). */
export const rfmSettings = (): Promise<RfmSettings> =>
  invoke<RfmSettings>("rfm_settings", {});

/** Checks and saves the RFM settings. */
export const rfmSaveSettings = (settings: RfmSettings): Promise<null> =>
  invoke<null>("rfm_save_settings", { settings });

/** Computes RFM and updates the group RFM 客户价值 (one undoable batch, manual classes kept); poll job_progress, stop with job_cancel. */
export const rfmRun = (): Promise<RfmSummary> =>
  invoke<RfmSummary>("rfm_run", {});

/** The summary of the last RFM run, if any: customers and average R, F, M per class. */
export const rfmSummary = (): Promise<RfmSummary | null> =>
  invoke<RfmSummary | null>("rfm_summary", {});

/** The lifecycle thresholds (defaults until saved). */
export const lifecycleSettings = (): Promise<LifecycleSettings> =>
  invoke<LifecycleSettings>("lifecycle_settings", {});

/** Checks and saves the lifecycle thresholds. */
export const lifecycleSave = (settings: LifecycleSettings): Promise<null> =>
  invoke<null>("lifecycle_save", { settings });

/** Updates the group 生命周期 from orders and the last interaction (one undoable batch, manual stages kept); poll job_progress, stop with job_cancel. */
export const lifecycleRun = (): Promise<LifecycleReport> =>
  invoke<LifecycleReport>("lifecycle_run", {});

/** The report of the last lifecycle run, if any. */
export const lifecycleLast = (): Promise<LifecycleReport | null> =>
  invoke<LifecycleReport | null>("lifecycle_last", {});

/** 今日必跟进: customers by lead score (sum of tag weights), highest first, with the tags that gave the points. */
export const scoresFollowups = (query: FollowupQuery): Promise<Page<Followup>> =>
  invoke<Page<Followup>>("scores_followups", { query });

/** The team the open database belongs to (if any), this laptop, the other devices, */
/** the open inbox cases and operations kept for a newer app; read beside an exchange */
/** that runs, so the Team page answers during one (as of the last one finished). */
export const teamStatus = (): Promise<TeamStatus> =>
  invoke<TeamStatus>("team_status", {});

/** Makes the open database the first device of a new team whose folder goes inside */
/** `folder` (chosen in dialog_folder), leaving a snapshot there for those who join. */
export const teamStart = (folder: string, name: string): Promise<TeamStatus> =>
  invoke<TeamStatus>("team_start", { folder, name });

/** Joins the team in `folder` (chosen in dialog_folder): opens a new database made */
/** from the team's snapshot; the current one stays on disk. */
export const teamJoin = (folder: string): Promise<TeamStatus> =>
  invoke<TeamStatus>("team_join", { folder });

/** Joins the team of the invitation file at `path` (chosen in the open dialog): */
/** opens a new database made from it; the current one stays on disk. */
export const teamJoinInvitation = (path: string): Promise<TeamStatus> =>
  invoke<TeamStatus>("team_join_invitation", { path });

/** Writes an invitation file (the team's database, for a colleague without the */
/** shared folder) to `path`, chosen in dialog_save. */
export const teamInvitationMake = (path: string): Promise<InvitationMade> =>
  invoke<InvitationMade>("team_invitation_make", { path });

/** Sets this laptop's name and the person's display name. */
export const teamSetDevice = (name: string, person: string): Promise<TeamStatus> =>
  invoke<TeamStatus>("team_set_device", { name, person });

/** Writes this laptop's new operations to the team folder and applies the others'. */
export const teamExchange = (): Promise<ExchangeReport> =>
  invoke<ExchangeReport>("team_exchange", {});

/** Exchanges if the open database is in a team whose folder is reachable now; called */
/** at start, every few minutes and on focus after a pause. */
export const teamExchangeAuto = (): Promise<AutoExchange> =>
  invoke<AutoExchange>("team_exchange_auto", {});

/** Writes a sync pack (every operation this laptop can pass on) to `path`, chosen */
/** in dialog_save. */
export const teamPackMake = (path: string): Promise<PackMade> =>
  invoke<PackMade>("team_pack_make", { path });

/** Applies the sync pack at `path` (chosen in the open dialog): what came from whom. */
export const teamPackApply = (path: string): Promise<ExchangeReport> =>
  invoke<ExchangeReport>("team_pack_apply", { path });

/** The open cases of the conflict inbox, oldest first. */
export const teamInbox = (): Promise<Array<InboxItem>> =>
  invoke<Array<InboxItem>>("team_inbox", {});

/** Decides an inbox case: keep what the exchange chose, or (`keep_other`) give the */
/** tag it did not keep, as the user's own operation that travels. */
export const teamInboxResolve = (id: number, keepOther: boolean): Promise<null> =>
  invoke<null>("team_inbox_resolve", { id, keepOther });

/** The team hub the open database exchanges through (never its password), if any. */
export const hubStatus = (): Promise<HubStatus | null> =>
  invoke<HubStatus | null>("hub_status", {});

/** What this person may change, as the team hub last said (everything off a hub): */
/** the window disables the rest and says why. */
export const myRights = (): Promise<MyRights> =>
  invoke<MyRights>("my_rights", {});

/** Sets up a team hub in the PostgreSQL database at `address` (its login becomes the */
/** team's owner) and puts the open database's team on it; a database in no team */
/** starts one named `name`. */
export const hubStart = (address: HubAddress, name: string): Promise<TeamStatus> =>
  invoke<TeamStatus>("hub_start", { address, name });

/** Joins the team on the hub at `address`: opens a new database made from the hub's */
/** copy for this login; the current one stays on disk. */
export const hubJoin = (address: HubAddress): Promise<TeamStatus> =>
  invoke<TeamStatus>("hub_join", { address });

/** Joins this laptop's team hub again with the same login, this laptop's changes */
/** sent first: opens a new database from the hub's copy for this person now (the */
/** current one stays on disk), bringing back groups the person may see again. */
export const hubJoinAgain = (): Promise<TeamStatus> =>
  invoke<TeamStatus>("hub_join_again", {});

/** The team's members as the hub knows them. */
export const hubMembers = (): Promise<Array<HubMember>> =>
  invoke<Array<HubMember>>("hub_members", {});

/** Adds a member (admins and the owner): the hub makes their login. */
export const hubMemberAdd = (member: NewHubMember): Promise<null> =>
  invoke<null>("hub_member_add", { member });

/** Changes a member's role and department (admins and the owner). */
export const hubMemberSet = (login: string, role: HubRole, department: string | null): Promise<null> =>
  invoke<null>("hub_member_set", { login, role, department });

/** Takes a member out of the team at once (admins and the owner). */
export const hubMemberRemove = (login: string): Promise<null> =>
  invoke<null>("hub_member_remove", { login });

/** The groups departments own. */
export const hubGroupOwners = (): Promise<Array<HubGroupOwner>> =>
  invoke<Array<HubGroupOwner>>("hub_group_owners", {});

/** Gives the group `group_id` (of this laptop's tree) to `department`; */
/** `department_only`: only that department sees it (a business line's group). */
export const hubGroupOwnerGive = (groupId: number, department: string, departmentOnly: boolean): Promise<null> =>
  invoke<null>("hub_group_owner_give", { groupId, department, departmentOnly });

/** Gives the group `group_uid` to `department`, or (None) back to the whole company; */
/** `department_only`: only that department sees it. */
export const hubGroupOwnerSet = (groupUid: string, department: string | null, departmentOnly: boolean): Promise<null> =>
  invoke<null>("hub_group_owner_set", { groupUid, department, departmentOnly });

/** Waits up to `seconds` for a colleague's change on the team hub; true when one came */
/** (the window then exchanges), false after the wait or without a hub. */
export const hubWait = (seconds: number): Promise<boolean> =>
  invoke<boolean>("hub_wait", { seconds });

/** The hub's audit trail after entry `after`, oldest first (admins and the owner). */
export const hubAudit = (after: number, limit: number): Promise<Array<HubAuditEntry>> =>
  invoke<Array<HubAuditEntry>>("hub_audit", { after, limit });
