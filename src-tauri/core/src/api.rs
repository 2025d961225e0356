//! The IPC contract: every command the UI may call, written once in `tagdesk_commands!` with
//! its argument and result types and how the shell runs it. The core expands the list into the
//! UI's TypeScript (`typescript`), the Tauri shell into its command adapters and handler list,
//! so the UI, the shell and the core cannot drift apart silently.

mod typescript;

pub use typescript::{commands, commands_ts, export_types, Command};

/// Everything the command list names, in scope where the list is expanded (the shell imports
/// it too): the list's tokens resolve where they land, not here.
pub mod names {
    pub use crate::clock;
    pub use crate::conditions::{self, Condition, ConditionCatalog, Explanation};
    pub use crate::custom_fields::{self, CustomField, CustomFieldInput};
    pub use crate::customers::{
        self, Customer, CustomerInput, CustomerProfile, CustomerQuery, CustomerRow, Page,
    };
    pub use crate::desk::{AppStatus, EncryptionStatus};
    pub use crate::events::{self, EventInput, EventKind, EventKindInput};
    pub use crate::export::{self, ExportSpec, TableExport};
    pub use crate::health::{
        self, HealthQuery, HealthReport, MergePreview, Selection, SuggestionList,
        SuggestionPreview, SuggestionQuery, TagTrend, TrendBucket, WhereUsed,
    };
    pub use crate::hub::{
        self,
        groups::HubGroupOwner,
        members::{HubAuditEntry, HubMember, HubRole, NewHubMember},
        rights::{LockedGroup, MyRights},
        HubAddress, HubStatus,
    };
    pub use crate::import::{
        self, ColumnTarget, ImportPreview, ImportReport, ImportSpec, ImportTemplate,
        ImportTemplateInput, RowProblem,
    };
    pub use crate::jobs::JobProgress;
    pub use crate::lifecycle::{self, LifecycleReport, LifecycleSettings};
    pub use crate::operations::{
        self, Operation, OperationDetail, OperationKind, OperationPage, OperationQuery, UndoReport,
    };
    pub use crate::problem::Language;
    pub use crate::rfm::{self, RfmSettings, RfmSummary};
    pub use crate::rules::{self, Rule, RuleInput, RulePreview, RuleRun, RunScope};
    pub use crate::scores::{self, Followup, FollowupQuery};
    pub use crate::segments::{
        self, ConditionCount, MemberQuery, MemberSource, PinnedSegment, Segment, SegmentInput,
    };
    pub use crate::tagging::{self, BatchReport, TagSource, TagTarget};
    pub use crate::tags::{self, CloseName, MergeReport, TagNodeEdit, TagNodeNew, TagTree};
    pub use crate::team::{
        self, inbox_view::InboxItem, invitation::InvitationMade, packs::PackMade,
        sync::AutoExchange, ExchangeReport, TeamStatus,
    };
    pub use std::path::Path;
}

/// The command list. `tagdesk_commands!(callback)` hands every entry to `callback!`:
///
/// ```text
/// /// doc (also the TypeScript wrapper's)
/// name(arg: Type, ...) -> Result = access(|params| body);
/// ```
///
/// `access` is the shell's way into the desk, and the closure its argument:
/// `with(|desk| …)`, `with_actor(|conn, actor| …)`, `with_index(|conn, index, actor| …)`,
/// `with_job(|desk, job| …)`, `read(|conn| …)`, `read_as(|conn, actor| …)` (read-only, answer
/// while a job holds the desk), `at_once(|shared| …)` (never waits: status and job).
/// `shell` marks a command that needs the window or the write targets: its body is written
/// by hand in the shell, against this signature. Bodies call one core function each and are
/// compiled only by the shell, with the names of [`names`] in scope.
#[macro_export]
macro_rules! tagdesk_commands {
    ($callback:ident) => {
        $callback! {
            /// Which database is open, or what went wrong opening it.
            app_status() -> AppStatus = at_once(|s| s.status());
            /// Chooses the UI language ("zh-CN" or "en") and remembers it.
            app_set_language(language: Language) -> AppStatus
                = with(|d| d.set_language(language));
            /// Sets the name recorded on the user's operations (blank: the system's user name).
            app_set_user_name(name: String) -> AppStatus = with(|d| d.set_user_name(&name));
            /// Tells the shell that the customer list shows its first rows; the shell logs the
            /// time since it started, once (scripts/bench-start.sh reads that line).
            app_list_shown() -> () = shell;
            /// Opens an existing database file.
            db_open(path: String) -> AppStatus = with(|d| d.open(Path::new(&path)));
            /// Creates an empty database at a fresh name in the data folder and opens it.
            db_create() -> AppStatus = with(|d| d.create(None));
            /// Starts a new database in the empty (0-byte) file that last failed to open, and opens it.
            db_start_in_empty() -> AppStatus = with(|d| d.start_in_empty());
            /// Asks where to save with the system's save dialog, suggesting a file name and offering one
            /// filter; the chosen path (which the app may then write), or null when cancelled.
            dialog_save(default_name: String, filter_name: String, extensions: Vec<String>)
                -> Option<String> = shell;
            /// Asks for a folder with the system's folder dialog, titled `title`; the chosen folder
            /// (which the app may then write in), or null when cancelled.
            dialog_folder(title: String) -> Option<String> = shell;
            /// Asks for a file to open with the system's open dialog, offering one filter; the
            /// chosen path, or null when cancelled.
            dialog_open(filter_name: String, extensions: Vec<String>) -> Option<String> = shell;
            /// Opens the demo database, generating it if needed.
            db_open_demo() -> AppStatus = with(|d| d.open_demo());
            /// Puts a backup in place of the database that failed to open, and opens it.
            db_restore_backup(backup: String) -> AppStatus
                = with(|d| d.restore_backup(Path::new(&backup)));
            /// Forgets the imports the last session left unfinished (the user has read the notice).
            db_dismiss_interrupted() -> AppStatus = with(|d| d.dismiss_interrupted());
            /// Opens the encrypted database at `path` with its passphrase, which stays in memory
            /// and is never written; a wrong one is refused (`passphrase_wrong`) and changes nothing.
            db_unlock(path: String, passphrase: String) -> AppStatus
                = with(|d| d.unlock(Path::new(&path), &passphrase));
            /// Whether the open database is encrypted.
            db_encryption() -> EncryptionStatus = with(|d| d.encryption());
            /// Encrypts the open database with `passphrase` (or, given the `current` one, changes
            /// it) after an encrypted backup; a job with progress that a cancel leaves unchanged.
            db_encrypt(current: Option<String>, passphrase: String) -> AppStatus
                = with_job(|d, job| d.encrypt(current.as_deref(), &passphrase, job));
            /// Takes the encryption off the open database, given its passphrase, after a backup.
            db_decrypt(current: String) -> AppStatus = with_job(|d, job| d.decrypt(&current, job));

            /// One page of customers.
            customers_list(query: CustomerQuery) -> Page<CustomerRow>
                = read(|c| customers::list(c, &query));
            /// Exactly how many customers match (the list's total is capped for broad searches).
            customers_count(query: CustomerQuery) -> i64 = read(|c| customers::count(c, &query));
            /// One customer with tags by group, tag history and events.
            customers_get(id: i64) -> CustomerProfile = read(|c| customers::profile(c, id));
            /// Adds a customer, then runs the enabled rules for them; returns its id.
            customers_create(input: CustomerInput) -> i64 = with(|d| d.create_customer(&input));
            /// Saves a customer's attributes, then runs the enabled rules for them.
            customers_update(id: i64, input: CustomerInput) -> Customer
                = with(|d| d.update_customer(id, &input));
            /// Soft-deletes customers (undo with customers_restore); returns how many.
            customers_delete(ids: Vec<i64>) -> i64 = with_actor(|conn, actor| {
                customers::soft_delete(conn, &ids, actor).map(|n| n as i64)
            });
            /// Brings soft-deleted customers back; returns how many.
            customers_restore(ids: Vec<i64>) -> i64 = with_actor(|conn, actor| {
                customers::restore(conn, &ids, actor).map(|n| n as i64)
            });

            /// Reads a spreadsheet and shows what importing it would do; writes nothing.
            import_preview(spec: ImportSpec) -> ImportPreview
                = with(|d| import::preview(d.conn()?, &spec));
            /// Imports a spreadsheet (customers or events) in one transaction, then runs the enabled rules for the customers it touched; poll job_progress, stop with job_cancel.
            import_run(spec: ImportSpec) -> ImportReport = with_job(|d, job| d.import(&spec, job));
            /// Progress of the running import.
            job_progress() -> JobProgress = at_once(|s| s.job().progress());
            /// Asks the running import to stop; it then changes nothing.
            job_cancel() -> () = at_once(|s| s.job().cancel());
            /// Writes the rejected rows of an import to an .xlsx error report in the UI's language, at a
            /// path chosen in `dialog_save` or inside the data folder (else `path_not_allowed`).
            import_error_report(problems: Vec<RowProblem>, path: String, language: Language)
                -> () = shell;
            /// The saved column mappings, most recently saved first.
            import_templates_list() -> Vec<ImportTemplate>
                = read(|c| import::templates::list(c));
            /// Saves a column mapping under a name (replacing one of the same name); returns its id.
            import_templates_save(template: ImportTemplateInput) -> i64
                = with(|d| import::templates::save(d.conn()?, &template));
            /// Deletes a saved column mapping.
            import_templates_delete(id: i64) -> ()
                = with(|d| import::templates::delete(d.conn()?, id));
            /// A saved mapping laid over a file's headers (by header name).
            import_templates_apply(id: i64, headers: Vec<String>) -> Vec<ColumnTarget>
                = with(|d| import::templates::apply(d.conn()?, id, &headers));

            /// The declared event kinds with how many events each has.
            event_kinds_list() -> Vec<EventKind> = read(|c| events::list_kinds(c));
            /// Declares an event kind; returns its id.
            event_kinds_create(input: EventKindInput) -> i64
                = with_actor(|conn, actor| events::create_kind(conn, &input, actor));
            /// Saves a kind; a new name is carried to its events and to the conditions naming it.
            event_kinds_update(id: i64, input: EventKindInput) -> ()
                = with_actor(|conn, actor| events::update_kind(conn, id, &input, actor));
            /// Deletes a kind; one in use needs force and takes its events along. Returns how many went.
            event_kinds_delete(id: i64, force: bool) -> i64
                = with_actor(|conn, actor| events::delete_kind(conn, id, force, actor));
            /// Adds an event to a customer, then runs the enabled rules for them; returns its id.
            events_add(input: EventInput) -> i64 = with(|d| d.add_event(&input));
            /// Deletes an event, then runs the enabled rules for its customer.
            events_delete(id: i64) -> () = with(|d| d.delete_event(id));

            /// Exports customers to .xlsx or CSV; returns how many. The path is one chosen in
            /// `dialog_save` or inside the data folder (else `path_not_allowed`).
            export_customers(spec: ExportSpec) -> i64 = shell;
            /// Exports the tag dictionary to .xlsx; returns how many nodes (path as for the export).
            export_dictionary(path: String) -> i64 = shell;
            /// Writes a table the window worded (the hub's audit trail) to .xlsx or CSV; returns
            /// how many rows (path as for the export).
            export_table(path: String, table: TableExport) -> i64 = shell;
            /// Reads a tag dictionary back in (creates missing nodes, updates entries); returns how many nodes it created.
            import_dictionary(path: String) -> i64 = with_actor(|conn, actor| {
                export::import_dictionary(conn, Path::new(&path), actor)
            });

            /// The custom field definitions, archived ones included.
            fields_list() -> Vec<CustomField> = read(|c| custom_fields::list(c));
            /// Declares a custom field; returns its id.
            fields_create(input: CustomFieldInput) -> i64
                = with_actor(|conn, actor| custom_fields::create(conn, &input, actor));
            /// Renames a custom field or changes its options.
            fields_update(id: i64, input: CustomFieldInput) -> ()
                = with_actor(|conn, actor| custom_fields::update(conn, id, &input, actor));
            /// Archives (hides) or restores a custom field.
            fields_archive(id: i64, archived: bool) -> ()
                = with_actor(|conn, actor| custom_fields::set_archived(conn, id, archived, actor));
            /// Deletes a custom field with the values customers held in it (the history can bring both back); returns how many customers held one.
            fields_delete(id: i64) -> i64
                = with_actor(|conn, actor| custom_fields::delete(conn, id, actor));

            /// The whole tag tree with colours and counts.
            tags_tree() -> TagTree = read(|c| tags::tree(c));
            /// Adds a category, group or tag; returns its id.
            tags_create(node: TagNodeNew) -> i64
                = with_actor(|conn, actor| tags::create(conn, &node.as_new(), actor));
            /// Renames a node and saves its dictionary fields.
            tags_update(id: i64, edit: TagNodeEdit) -> ()
                = with_actor(|conn, actor| tags::update(conn, id, &edit, actor));
            /// Moves a node under another parent (null: top level) at a position.
            tags_move(id: i64, parent_id: Option<i64>, position: i64) -> ()
                = with_actor(|conn, actor| tags::move_node(conn, id, parent_id, position, actor));
            /// Archives or restores a node and its subtree.
            tags_archive(id: i64, archived: bool) -> ()
                = with_actor(|conn, actor| tags::set_archived(conn, id, archived, actor));
            /// Deletes a node; one in use needs force. Returns how many assignments went with it.
            tags_delete(id: i64, force: bool) -> i64
                = with_actor(|conn, actor| tags::delete(conn, id, force, actor));
            /// Merges tags into one.
            tags_merge(sources: Vec<i64>, target: i64) -> MergeReport
                = with_actor(|conn, actor| tags::merge(conn, &sources, target, actor));
            /// The siblings under `parent_id` whose names are close to `name` (same once folded,
            /// one inside the other, one slip apart), for a warning before the name is saved;
            /// `except_id` leaves out the node being renamed.
            tags_close_names(parent_id: Option<i64>, name: String, except_id: Option<i64>)
                -> Vec<CloseName>
                = read(|c| tags::close_siblings(c, parent_id, &name, except_id));

            /// The tag health report (标签健康): coverage per group and tag, empty, stale and unused
            /// tags, near-duplicate pairs with their overlap, dictionary gaps, the core pool and
            /// provenance per group; settings left out take their defaults, returned in it.
            health_report(query: HealthQuery) -> HealthReport = with_index(|conn, index, _| {
                health::report(conn, index, &query, clock::now())
            });
            /// One page of the live customers holding none of a group's tags, newest first.
            health_group_gaps(group_id: i64, offset: i64, limit: i64) -> Page<CustomerRow>
                = with_index(|conn, index, _| health::group_gaps(conn, index, group_id, offset, limit));
            /// Every segment, board, rule, import template and follow-up weight that refers to a
            /// tag, group or category (its subtree; a tag's group counts), for before deleting,
            /// archiving or merging it.
            health_where_used(id: i64) -> WhereUsed = read(|c| health::where_used(c, id));
            /// What merging `sources` into `target` would move, collapse and rewrite, and whether
            /// it would be refused; writes nothing.
            health_merge_preview(sources: Vec<i64>, target: i64) -> MergePreview
                = read(|c| health::merge_preview(c, &sources, target));
            /// Archives these nodes with what is beneath them as one operation of the history
            /// (one undo restores them); returns how many were archived that were not yet.
            health_archive(ids: Vec<i64>) -> i64
                = with_actor(|conn, actor| tags::archive_many(conn, &ids, actor));
            /// A tag's customers added and removed per day or week between `from` and `to`
            /// (unix seconds, both included).
            health_trend(tag_id: i64, from: i64, to: i64, bucket: TrendBucket) -> TagTrend
                = read(|c| health::trend(c, tag_id, from, to, bucket));
            /// The tags a selection of customers suggests (support and lift within it, settings
            /// returned in the answer); offered, never applied.
            health_suggestions(selection: Selection, query: SuggestionQuery) -> SuggestionList
                = with_index(|conn, index, _| health::suggestions(conn, index, &selection, &query));
            /// The customers of the selection who would get a suggested tag (all ids, for
            /// tagging_add, and the first `sample` rows).
            health_suggestion_preview(selection: Selection, tag_id: i64, sample: i64)
                -> SuggestionPreview = with_index(|conn, index, _| {
                    health::suggestion_preview(conn, index, &selection, tag_id, sample)
                });
            /// Puts a tag in the core tag pool or takes it out (an edit the history can undo).
            tags_set_core(id: i64, core: bool) -> ()
                = with_actor(|conn, actor| tags::set_core(conn, id, core, actor));

            /// Gives a tag to a set of customers.
            tagging_add(target: TagTarget, tag_id: i64) -> BatchReport = with_actor(|conn, actor| {
                tagging::add(conn, &target, tag_id, TagSource::Manual, actor)
            });
            /// Takes a tag off a set of customers.
            tagging_remove(target: TagTarget, tag_id: i64) -> BatchReport
                = with_actor(|conn, actor| {
                    tagging::remove(conn, &target, tag_id, TagSource::Manual, actor)
                });
            /// The user's own latest tagging operation that can still be undone, for the undo button.
            tagging_last() -> Option<Operation> = read_as(|c, actor| {
                let tagging = [OperationKind::TagAdd, OperationKind::TagRemove];
                operations::own_latest(c, actor, Some(&tagging))
            });

            /// A page of the operation history, newest first.
            operations_list(query: OperationQuery) -> OperationPage
                = read(|c| operations::list(c, &query));
            /// One operation with the customer-tag pairs it changed.
            operations_get(id: i64) -> OperationDetail = read(|c| operations::get(c, id));
            /// The later operations in the way of undoing these (they changed the same pairs).
            operations_blockers(ids: Vec<i64>) -> Vec<Operation>
                = read(|c| operations::blockers(c, &ids));
            /// Undoes these operations together, newest first.
            operations_undo(ids: Vec<i64>) -> UndoReport = with(|d| d.undo(&ids));
            /// The user's own latest operation that can still be undone (what Ctrl+Z takes back).
            operations_mine_latest() -> Option<Operation>
                = read_as(|c, actor| operations::own_latest(c, actor, None));

            /// What conditions can compare: fields with their kinds, event kinds with their properties.
            segments_catalog() -> ConditionCatalog
                = with_index(|conn, index, _| conditions::catalog(conn, index));
            /// Counts an unsaved condition tree (every node of it) and shows its newest members.
            segments_count(condition: Condition) -> ConditionCount
                = with_index(|conn, index, _| segments::count(conn, index, &condition));
            /// One page of a segment's (or an unsaved tree's) members.
            segments_members(query: MemberQuery) -> Page<CustomerRow>
                = with_index(|conn, index, _| segments::page(conn, index, &query));
            /// Which conditions of a tree one customer meets.
            segments_explain(condition: Condition, customer_id: i64) -> Explanation
                = with_index(|conn, index, _| {
                    conditions::explain(conn, index, &condition, customer_id, clock::now())
                });
            /// The saved segments, pinned first.
            segments_list() -> Vec<Segment> = read(|c| segments::list(c));
            /// One saved segment.
            segments_get(id: i64) -> Segment = read(|c| segments::get(c, id));
            /// Saves a new segment (a static one freezes its members now); returns its id.
            segments_create(input: SegmentInput) -> i64
                = with_index(|conn, index, actor| segments::create(conn, index, &input, actor));
            /// Renames a segment or changes its tree, kind or pin.
            segments_update(id: i64, input: SegmentInput) -> Segment
                = with_index(|conn, index, actor| segments::update(conn, index, id, &input, actor));
            /// Copies a segment under a free name; returns the copy's id.
            segments_duplicate(id: i64) -> i64
                = with_index(|conn, index, actor| segments::duplicate(conn, index, id, actor));
            /// Deletes a segment (refused while another segment refers to it).
            segments_delete(id: i64) -> ()
                = with_actor(|conn, actor| segments::delete(conn, id, actor));
            /// Pins a segment to the dashboard or unpins it.
            segments_pin(id: i64, pinned: bool) -> ()
                = with(|d| segments::set_pinned(d.conn()?, id, pinned));
            /// The pinned segments with today's counts and their trend.
            segments_dashboard() -> Vec<PinnedSegment>
                = with_index(|conn, index, _| segments::dashboard(conn, index));
            /// Gives a tag to every member of a segment or tree, as one undoable batch.
            segments_tag(source: MemberSource, tag_id: i64) -> BatchReport
                = with_index(|conn, index, actor| {
                    segments::tag_members(conn, index, &source, tag_id, actor)
                });
            /// Exports a segment's members to .xlsx or CSV (the spec's scope is ignored); returns how many.
            segments_export(segment_id: i64, spec: ExportSpec) -> i64 = shell;
            /// Opens a file an export wrote this session with the system's default program (any other
            /// path: `path_not_allowed`).
            export_open(path: String) -> () = shell;
            /// Shows a file an export wrote this session in the system's file manager (any other path:
            /// `path_not_allowed`).
            export_reveal(path: String) -> () = shell;

            /// The rules in run order (highest priority first).
            rules_list() -> Vec<Rule> = read(|c| rules::list(c));
            /// Saves a new rule (checked: condition, tag, group); returns its id.
            rules_create(input: RuleInput) -> i64
                = with_actor(|conn, actor| rules::create(conn, &input, actor));
            /// Saves a rule; if it now gives another tag, the tag it gave before is taken back.
            rules_update(id: i64, input: RuleInput) -> Rule
                = with_actor(|conn, actor| rules::update(conn, id, &input, actor));
            /// Deletes a rule and takes back the tags it gave (disable it to keep them); returns how many.
            rules_delete(id: i64) -> i64 = with_actor(|conn, actor| rules::delete(conn, id, actor));
            /// What a new rule (id null) or an edited one would add and remove if it ran now, with samples and conflicts; writes nothing.
            rules_preview(id: Option<i64>, input: RuleInput) -> RulePreview
                = with_index(|conn, index, _| rules::preview(conn, index, id, &input, clock::now()));
            /// Runs all enabled rules (or one) over everyone (or the touched customers) in one transaction; poll job_progress, stop with job_cancel.
            rules_run(scope: RunScope) -> RuleRun = with_job(|d, job| {
                let (conn, index, actor) = d.indexed()?;
                rules::run_job(conn, index, &scope, clock::now(), &actor, job)
            });
            /// Re-runs the time-based rules whose last run is over an hour old; null when none was due. Call at start and periodically.
            rules_run_due() -> Option<RuleRun>
                = with_index(|conn, index, actor| rules::run_due(conn, index, clock::now(), actor));
            /// The most recent rule runs, newest first.
            rules_log(limit: i64) -> Vec<RuleRun> = read(|c| rules::log(c, limit));

            /// The RFM settings (defaults until saved).
            rfm_settings() -> RfmSettings = read(|c| rfm::settings(c));
            /// Checks and saves the RFM settings.
            rfm_save_settings(settings: RfmSettings) -> ()
                = with_actor(|conn, actor| rfm::save_settings(conn, &settings, actor));
            /// Computes RFM and updates the group RFM 客户价值 (one undoable batch, manual classes kept); poll job_progress, stop with job_cancel.
            rfm_run() -> RfmSummary = with_job(|d, job| {
                let (conn, actor) = d.conn_as()?;
                rfm::run_job(conn, clock::now(), &actor, job)
            });
            /// The summary of the last RFM run, if any: customers and average R, F, M per class.
            rfm_summary() -> Option<RfmSummary> = read(|c| rfm::summary(c));
            /// The lifecycle thresholds (defaults until saved).
            lifecycle_settings() -> LifecycleSettings = read(|c| lifecycle::settings(c));
            /// Checks and saves the lifecycle thresholds.
            lifecycle_save(settings: LifecycleSettings) -> ()
                = with_actor(|conn, actor| lifecycle::save_settings(conn, &settings, actor));
            /// Updates the group 生命周期 from orders and the last interaction (one undoable batch, manual stages kept); poll job_progress, stop with job_cancel.
            lifecycle_run() -> LifecycleReport = with_job(|d, job| {
                let (conn, actor) = d.conn_as()?;
                lifecycle::run_job(conn, clock::now(), &actor, job)
            });
            /// The report of the last lifecycle run, if any.
            lifecycle_last() -> Option<LifecycleReport> = read(|c| lifecycle::last_report(c));
            /// 今日必跟进: customers by lead score (sum of tag weights), highest first, with the tags that gave the points.
            scores_followups(query: FollowupQuery) -> Page<Followup>
                = with_index(|conn, index, _| scores::followups(conn, index, &query));

            /// The team the open database belongs to (if any), this laptop, the other devices,
            /// the open inbox cases and operations kept for a newer app; read beside an exchange
            /// that runs, so the Team page answers during one (as of the last one finished).
            team_status() -> TeamStatus = read_as(|c, actor| team::status(c, actor));
            /// Makes the open database the first device of a new team whose folder goes inside
            /// `folder` (chosen in dialog_folder), leaving a snapshot there for those who join.
            team_start(folder: String, name: String) -> TeamStatus = shell;
            /// Joins the team in `folder` (chosen in dialog_folder): opens a new database made
            /// from the team's snapshot; the current one stays on disk.
            team_join(folder: String) -> TeamStatus = shell;
            /// Joins the team of the invitation file at `path` (chosen in the open dialog):
            /// opens a new database made from it; the current one stays on disk.
            team_join_invitation(path: String) -> TeamStatus
                = with(|d| d.team_join_invitation(std::path::Path::new(&path)));
            /// Writes an invitation file (the team's database, for a colleague without the
            /// shared folder) to `path`, chosen in dialog_save.
            team_invitation_make(path: String) -> InvitationMade = shell;
            /// Sets this laptop's name and the person's display name.
            team_set_device(name: String, person: String) -> TeamStatus
                = with(|d| d.team_set_device(&name, &person));
            /// Writes this laptop's new operations to the team folder and applies the others'.
            team_exchange() -> ExchangeReport = with(|d| d.team_exchange());
            /// Exchanges if the open database is in a team whose folder is reachable now; called
            /// at start, every few minutes and on focus after a pause.
            team_exchange_auto() -> AutoExchange = with(|d| d.team_exchange_auto());
            /// Writes a sync pack (every operation this laptop can pass on) to `path`, chosen
            /// in dialog_save.
            team_pack_make(path: String) -> PackMade = shell;
            /// Applies the sync pack at `path` (chosen in the open dialog): what came from whom.
            team_pack_apply(path: String) -> ExchangeReport
                = with(|d| d.team_pack_apply(std::path::Path::new(&path)));
            /// The open cases of the conflict inbox, oldest first.
            team_inbox() -> Vec<InboxItem> = read(|c| team::inbox_view::items(c));
            /// Decides an inbox case: keep what the exchange chose, or (`keep_other`) give the
            /// tag it did not keep, as the user's own operation that travels.
            team_inbox_resolve(id: i64, keep_other: bool) -> () = with_actor(|conn, actor| {
                team::inbox_view::resolve(conn, id, keep_other, actor, clock::now())
            });

            /// The team hub the open database exchanges through (never its password), if any.
            hub_status() -> Option<HubStatus> = read(|c| hub::status(c));
            /// What this person may change, as the team hub last said (everything off a hub):
            /// the window disables the rest and says why.
            my_rights() -> MyRights = read(|c| hub::rights::mine(c));
            /// Sets up a team hub in the PostgreSQL database at `address` (its login becomes the
            /// team's owner) and puts the open database's team on it; a database in no team
            /// starts one named `name`.
            hub_start(address: HubAddress, name: String) -> TeamStatus
                = with_job(|d, job| d.hub_start(&address, &name, job));
            /// Joins the team on the hub at `address`: opens a new database made from the hub's
            /// copy for this login; the current one stays on disk.
            hub_join(address: HubAddress) -> TeamStatus
                = with_job(|d, job| d.hub_join(&address, job));
            /// Joins this laptop's team hub again with the same login, this laptop's changes
            /// sent first: opens a new database from the hub's copy for this person now (the
            /// current one stays on disk), bringing back groups the person may see again.
            hub_join_again() -> TeamStatus = with_job(|d, job| d.hub_join_again(job));
            /// The team's members as the hub knows them.
            hub_members() -> Vec<HubMember> = read(|c| hub::members::list(c));
            /// Adds a member (admins and the owner): the hub makes their login.
            hub_member_add(member: NewHubMember) -> ()
                = with_actor(|c, _| hub::members::add(c, &member));
            /// Changes a member's role and department (admins and the owner).
            hub_member_set(login: String, role: HubRole, department: Option<String>) -> ()
                = with_actor(|c, _| hub::members::set(c, &login, role, department.as_deref()));
            /// Takes a member out of the team at once (admins and the owner).
            hub_member_remove(login: String) -> () = read(|c| hub::members::remove(c, &login));
            /// The groups departments own.
            hub_group_owners() -> Vec<HubGroupOwner> = read(|c| hub::groups::list(c));
            /// Gives the group `group_id` (of this laptop's tree) to `department`;
            /// `department_only`: only that department sees it (a business line's group).
            hub_group_owner_give(group_id: i64, department: String, department_only: bool) -> ()
                = with_actor(|c, _| {
                    hub::groups::give(c, group_id, &department, department_only)
                });
            /// Gives the group `group_uid` to `department`, or (None) back to the whole company;
            /// `department_only`: only that department sees it.
            hub_group_owner_set(
                group_uid: String,
                department: Option<String>,
                department_only: bool
            ) -> ()
                = with_actor(|c, _| {
                    hub::groups::set_owner(c, &group_uid, department.as_deref(), department_only)
                });
            /// Waits up to `seconds` for a colleague's change on the team hub; true when one came
            /// (the window then exchanges), false after the wait or without a hub.
            hub_wait(seconds: u32) -> bool = shell;
            /// The hub's audit trail after entry `after`, oldest first (admins and the owner).
            hub_audit(after: i64, limit: i32) -> Vec<HubAuditEntry>
                = read(|c| hub::members::audit(c, after, limit));
        }
    };
}
