//! The IPC contract: every command the UI may call, with its argument and result types.
//! From this one list the TypeScript types and typed `invoke` wrappers are generated, so the
//! UI and the Tauri shell cannot drift apart silently.

use crate::conditions::{Condition, ConditionCatalog, Explanation};
use crate::custom_fields::{CustomField, CustomFieldInput};
use crate::customers::{
    Customer, CustomerInput, CustomerProfile, CustomerQuery, CustomerRow, Page,
};
use crate::desk::AppStatus;
use crate::error::IpcError;
use crate::events::{EventInput, EventKind, EventKindInput};
use crate::export::ExportSpec;
use crate::import::ColumnTarget;
use crate::import::{
    ImportPreview, ImportReport, ImportSpec, ImportTemplate, ImportTemplateInput, RowProblem,
};
use crate::jobs::JobProgress;
use crate::lifecycle::{LifecycleReport, LifecycleSettings};
use crate::operations::{Operation, OperationDetail, OperationPage, OperationQuery, UndoReport};
use crate::problem::Language;
use crate::rfm::{RfmSettings, RfmSummary};
use crate::rules::{Rule, RuleInput, RulePreview, RuleRun, RunScope};
use crate::scores::{Followup, FollowupQuery};
use crate::segments::{
    ConditionCount, MemberQuery, MemberSource, PinnedSegment, Segment, SegmentInput,
};
use crate::tagging::{BatchReport, TagTarget};
use crate::tags::{CloseName, MergeReport, TagNodeEdit, TagNodeNew, TagTree};
use std::collections::BTreeSet;
use std::fmt::Write;
use ts_rs::{Config, TypeVisitor, TS};

/// One command of the contract, as data.
pub struct Command {
    pub name: &'static str,
    pub doc: &'static str,
    /// (argument name in camelCase as Tauri expects it, TypeScript type)
    pub args: Vec<(String, String)>,
    pub returns: String,
}

macro_rules! contract {
    ($( $(#[doc = $doc:literal])* $name:ident ( $($arg:ident : $ty:ty),* ) -> $ret:ty; )*) => {
        /// The commands, in declaration order.
        pub fn commands(cfg: &Config) -> Vec<Command> {
            vec![$(Command {
                name: stringify!($name),
                doc: concat!($($doc, "\n"),*),
                args: vec![$((camel(stringify!($arg)), <$ty as TS>::name(cfg))),*],
                returns: <$ret as TS>::name(cfg),
            }),*]
        }

        /// Writes every type the commands mention (and their dependencies) into `cfg`'s folder;
        /// returns the names of the exported types.
        pub fn export_types(cfg: &Config) -> Result<BTreeSet<String>, ts_rs::ExportError> {
            let mut v = Exporter { cfg, names: BTreeSet::new(), walked: BTreeSet::new(), error: None };
            $( $( v.visit::<$ty>(); )* v.visit::<$ret>(); )*
            v.visit::<IpcError>();
            match v.error { Some(e) => Err(e), None => Ok(v.names) }
        }
    };
}

contract! {
    /// Which database is open, or what went wrong opening it.
    app_status() -> AppStatus;
    /// Chooses the UI language ("zh-CN" or "en") and remembers it.
    app_set_language(language: Language) -> AppStatus;
    /// Sets the name recorded on the user's operations (blank: the system's user name).
    app_set_user_name(name: String) -> AppStatus;
    /// Tells the shell that the customer list shows its first rows; the shell logs the time
    /// since it started, once (scripts/bench-start.sh reads that line).
    app_list_shown() -> ();
    /// Opens an existing database file.
    db_open(path: String) -> AppStatus;
    /// Creates an empty database at a fresh name in the data folder and opens it.
    db_create() -> AppStatus;
    /// Starts a new database in the empty (0-byte) file that last failed to open, and opens it.
    db_start_in_empty() -> AppStatus;
    /// Asks where to save with the system's save dialog, suggesting a file name and offering one
    /// filter; the chosen path (which the app may then write), or null when cancelled.
    dialog_save(default_name: String, filter_name: String, extensions: Vec<String>) -> Option<String>;
    /// Opens the demo database, generating it if needed.
    db_open_demo() -> AppStatus;
    /// Puts a backup in place of the database that failed to open, and opens it.
    db_restore_backup(backup: String) -> AppStatus;
    /// Forgets the imports the last session left unfinished (the user has read the notice).
    db_dismiss_interrupted() -> AppStatus;
    /// One page of customers.
    customers_list(query: CustomerQuery) -> Page<CustomerRow>;
    /// Exactly how many customers match (the list's total is capped for broad searches).
    customers_count(query: CustomerQuery) -> i64;
    /// One customer with tags by group, tag history and events.
    customers_get(id: i64) -> CustomerProfile;
    /// Adds a customer, then runs the enabled rules for them; returns its id.
    customers_create(input: CustomerInput) -> i64;
    /// Saves a customer's attributes, then runs the enabled rules for them.
    customers_update(id: i64, input: CustomerInput) -> Customer;
    /// Soft-deletes customers (undo with customers_restore); returns how many.
    customers_delete(ids: Vec<i64>) -> i64;
    /// Brings soft-deleted customers back; returns how many.
    customers_restore(ids: Vec<i64>) -> i64;
    /// Reads a spreadsheet and shows what importing it would do; writes nothing.
    import_preview(spec: ImportSpec) -> ImportPreview;
    /// Imports a spreadsheet (customers or events) in one transaction, then runs the enabled rules for the customers it touched; poll job_progress, stop with job_cancel.
    import_run(spec: ImportSpec) -> ImportReport;
    /// Progress of the running import.
    job_progress() -> JobProgress;
    /// Asks the running import to stop; it then changes nothing.
    job_cancel() -> ();
    /// Writes the rejected rows of an import to an .xlsx error report in the UI's language, at a
    /// path chosen in `dialog_save` or inside the data folder (else `path_not_allowed`).
    import_error_report(problems: Vec<RowProblem>, path: String, language: Language) -> ();
    /// The saved column mappings, most recently saved first.
    import_templates_list() -> Vec<ImportTemplate>;
    /// Saves a column mapping under a name (replacing one of the same name); returns its id.
    import_templates_save(template: ImportTemplateInput) -> i64;
    /// Deletes a saved column mapping.
    import_templates_delete(id: i64) -> ();
    /// A saved mapping laid over a file's headers (by header name).
    import_templates_apply(id: i64, headers: Vec<String>) -> Vec<ColumnTarget>;
    /// The declared event kinds with how many events each has.
    event_kinds_list() -> Vec<EventKind>;
    /// Declares an event kind; returns its id.
    event_kinds_create(input: EventKindInput) -> i64;
    /// Saves a kind; a new name is carried to its events and to the conditions naming it.
    event_kinds_update(id: i64, input: EventKindInput) -> ();
    /// Deletes a kind; one in use needs force and takes its events along. Returns how many went.
    event_kinds_delete(id: i64, force: bool) -> i64;
    /// Adds an event to a customer, then runs the enabled rules for them; returns its id.
    events_add(input: EventInput) -> i64;
    /// Deletes an event, then runs the enabled rules for its customer.
    events_delete(id: i64) -> ();
    /// Exports customers to .xlsx or CSV; returns how many. The path is one chosen in
    /// `dialog_save` or inside the data folder (else `path_not_allowed`).
    export_customers(spec: ExportSpec) -> i64;
    /// Exports the tag dictionary to .xlsx; returns how many nodes (path as for the export).
    export_dictionary(path: String) -> i64;
    /// Reads a tag dictionary back in (creates missing nodes, updates entries); returns how many nodes it created.
    import_dictionary(path: String) -> i64;
    /// The custom field definitions, archived ones included.
    fields_list() -> Vec<CustomField>;
    /// Declares a custom field; returns its id.
    fields_create(input: CustomFieldInput) -> i64;
    /// Renames a custom field or changes its options.
    fields_update(id: i64, input: CustomFieldInput) -> ();
    /// Archives (hides) or restores a custom field.
    fields_archive(id: i64, archived: bool) -> ();
    /// Deletes a custom field with the values customers held in it (the history can bring both back); returns how many customers held one.
    fields_delete(id: i64) -> i64;
    /// The whole tag tree with colours and counts.
    tags_tree() -> TagTree;
    /// Adds a category, group or tag; returns its id.
    tags_create(node: TagNodeNew) -> i64;
    /// Renames a node and saves its dictionary fields.
    tags_update(id: i64, edit: TagNodeEdit) -> ();
    /// Moves a node under another parent (null: top level) at a position.
    tags_move(id: i64, parent_id: Option<i64>, position: i64) -> ();
    /// Archives or restores a node and its subtree.
    tags_archive(id: i64, archived: bool) -> ();
    /// Deletes a node; one in use needs force. Returns how many assignments went with it.
    tags_delete(id: i64, force: bool) -> i64;
    /// Merges tags into one.
    tags_merge(sources: Vec<i64>, target: i64) -> MergeReport;
    /// The siblings under `parent_id` whose names are close to `name` (same once folded,
    /// one inside the other, one slip apart), for a warning before the name is saved;
    /// `except_id` leaves out the node being renamed.
    tags_close_names(parent_id: Option<i64>, name: String, except_id: Option<i64>) -> Vec<CloseName>;
    /// Gives a tag to a set of customers.
    tagging_add(target: TagTarget, tag_id: i64) -> BatchReport;
    /// Takes a tag off a set of customers.
    tagging_remove(target: TagTarget, tag_id: i64) -> BatchReport;
    /// The user's own latest tagging operation that can still be undone, for the undo button.
    tagging_last() -> Option<Operation>;
    /// A page of the operation history, newest first.
    operations_list(query: OperationQuery) -> OperationPage;
    /// One operation with the customer-tag pairs it changed.
    operations_get(id: i64) -> OperationDetail;
    /// The later operations in the way of undoing these (they changed the same pairs).
    operations_blockers(ids: Vec<i64>) -> Vec<Operation>;
    /// Undoes these operations together, newest first.
    operations_undo(ids: Vec<i64>) -> UndoReport;
    /// The user's own latest operation that can still be undone (what Ctrl+Z takes back).
    operations_mine_latest() -> Option<Operation>;
    /// What conditions can compare: fields with their kinds, event kinds with their properties.
    segments_catalog() -> ConditionCatalog;
    /// Counts an unsaved condition tree (every node of it) and shows its newest members.
    segments_count(condition: Condition) -> ConditionCount;
    /// One page of a segment's (or an unsaved tree's) members.
    segments_members(query: MemberQuery) -> Page<CustomerRow>;
    /// Which conditions of a tree one customer meets.
    segments_explain(condition: Condition, customer_id: i64) -> Explanation;
    /// The saved segments, pinned first.
    segments_list() -> Vec<Segment>;
    /// One saved segment.
    segments_get(id: i64) -> Segment;
    /// Saves a new segment (a static one freezes its members now); returns its id.
    segments_create(input: SegmentInput) -> i64;
    /// Renames a segment or changes its tree, kind or pin.
    segments_update(id: i64, input: SegmentInput) -> Segment;
    /// Copies a segment under a free name; returns the copy's id.
    segments_duplicate(id: i64) -> i64;
    /// Deletes a segment (refused while another segment refers to it).
    segments_delete(id: i64) -> ();
    /// Pins a segment to the dashboard or unpins it.
    segments_pin(id: i64, pinned: bool) -> ();
    /// The pinned segments with today's counts and their trend.
    segments_dashboard() -> Vec<PinnedSegment>;
    /// Gives a tag to every member of a segment or tree, as one undoable batch.
    segments_tag(source: MemberSource, tag_id: i64) -> BatchReport;
    /// Exports a segment's members to .xlsx or CSV (the spec's scope is ignored); returns how many.
    segments_export(segment_id: i64, spec: ExportSpec) -> i64;
    /// Opens a file an export wrote this session with the system's default program (any other
    /// path: `path_not_allowed`).
    export_open(path: String) -> ();
    /// Shows a file an export wrote this session in the system's file manager (any other path:
    /// `path_not_allowed`).
    export_reveal(path: String) -> ();
    /// The rules in run order (highest priority first).
    rules_list() -> Vec<Rule>;
    /// Saves a new rule (checked: condition, tag, group); returns its id.
    rules_create(input: RuleInput) -> i64;
    /// Saves a rule; if it now gives another tag, the tag it gave before is taken back.
    rules_update(id: i64, input: RuleInput) -> Rule;
    /// Deletes a rule and takes back the tags it gave (disable it to keep them); returns how many.
    rules_delete(id: i64) -> i64;
    /// What a new rule (id null) or an edited one would add and remove if it ran now, with samples and conflicts; writes nothing.
    rules_preview(id: Option<i64>, input: RuleInput) -> RulePreview;
    /// Runs all enabled rules (or one) over everyone (or the touched customers) in one transaction; poll job_progress, stop with job_cancel.
    rules_run(scope: RunScope) -> RuleRun;
    /// Re-runs the time-based rules whose last run is over an hour old; null when none was due. Call at start and periodically.
    rules_run_due() -> Option<RuleRun>;
    /// The most recent rule runs, newest first.
    rules_log(limit: i64) -> Vec<RuleRun>;
    /// The RFM settings (defaults until saved).
    rfm_settings() -> RfmSettings;
    /// Checks and saves the RFM settings.
    rfm_save_settings(settings: RfmSettings) -> ();
    /// Computes RFM and updates the group RFM 客户价值 (one undoable batch, manual classes kept); poll job_progress, stop with job_cancel.
    rfm_run() -> RfmSummary;
    /// The summary of the last RFM run, if any: customers and average R, F, M per class.
    rfm_summary() -> Option<RfmSummary>;
    /// The lifecycle thresholds (defaults until saved).
    lifecycle_settings() -> LifecycleSettings;
    /// Checks and saves the lifecycle thresholds.
    lifecycle_save(settings: LifecycleSettings) -> ();
    /// Updates the group 生命周期 from orders and the last interaction (one undoable batch, manual stages kept); poll job_progress, stop with job_cancel.
    lifecycle_run() -> LifecycleReport;
    /// The report of the last lifecycle run, if any.
    lifecycle_last() -> Option<LifecycleReport>;
    /// 今日必跟进: customers by lead score (sum of tag weights), highest first, with the tags that gave the points.
    scores_followups(query: FollowupQuery) -> Page<Followup>;
}

fn camel(snake: &str) -> String {
    let mut out = String::new();
    let mut upper = false;
    for c in snake.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

struct Exporter<'a> {
    cfg: &'a Config,
    names: BTreeSet<String>,
    /// Wrapper types (Vec, Box, Option …) already walked: a recursive type such as the
    /// condition tree would otherwise walk its `Box<Self>` forever.
    walked: BTreeSet<&'static str>,
    error: Option<ts_rs::ExportError>,
}

impl TypeVisitor for Exporter<'_> {
    fn visit<T: TS + 'static + ?Sized>(&mut self) {
        if self.error.is_some() {
            return;
        }
        if T::output_path().is_some() {
            if self.names.insert(T::ident(self.cfg)) {
                self.error = T::export_all(self.cfg).err();
                T::visit_dependencies(self);
            }
            // A generic type seen before (Page<CustomerRow>) may carry a new argument
            // (Page<Followup>) whose type must be exported too.
            if self.walked.insert(std::any::type_name::<T>()) {
                T::visit_generics(self);
            }
        } else if self.walked.insert(std::any::type_name::<T>()) {
            T::visit_dependencies(self);
            T::visit_generics(self);
        }
    }
}

/// The generated `commands.ts`: one typed wrapper per command.
pub fn commands_ts(cfg: &Config, type_names: &BTreeSet<String>) -> String {
    let mut out = String::from(
        "// Generated from src-tauri/core/src/api.rs by `cargo test -p tagdesk-core`. Do not edit.\n\
         import { invoke } from \"@tauri-apps/api/core\";\n",
    );
    let commands = commands(cfg);
    let used = |name: &str| {
        commands.iter().any(|c| {
            std::iter::once(&c.returns)
                .chain(c.args.iter().map(|(_, t)| t))
                .any(|t| {
                    t.split(|ch: char| !ch.is_alphanumeric())
                        .any(|word| word == name)
                })
        })
    };
    for name in type_names.iter().filter(|n| used(n)) {
        let _ = writeln!(out, "import type {{ {name} }} from \"./bindings/{name}\";");
    }
    out.push('\n');
    for name in type_names {
        let _ = writeln!(out, "export type {{ {name} }} from \"./bindings/{name}\";");
    }
    for cmd in commands {
        out.push('\n');
        for line in cmd.doc.lines().filter(|l| !l.trim().is_empty()) {
            let _ = writeln!(out, "/**{line} */");
        }
        let params: Vec<String> = cmd.args.iter().map(|(n, t)| format!("{n}: {t}")).collect();
        let names: Vec<&str> = cmd.args.iter().map(|(n, _)| n.as_str()).collect();
        let _ = writeln!(
            out,
            "export const {fname} = ({params}): Promise<{ret}> =>\n  invoke<{ret}>(\"{name}\", {{{args}}});",
            fname = camel(cmd.name),
            params = params.join(", "),
            ret = cmd.returns,
            name = cmd.name,
            args = if names.is_empty() { String::new() } else { format!(" {} ", names.join(", ")) },
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::{Path, PathBuf};

    fn ipc_dir() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../ui/src/lib/ipc")
    }

    /// Generates the bindings into a scratch folder and compares them with the committed
    /// ones; with TAGDESK_WRITE_BINDINGS=1 it writes them instead.
    #[test]
    fn committed_typescript_bindings_match_the_rust_types() {
        let scratch = tempfile::tempdir().unwrap();
        let cfg = Config::new()
            .with_large_int("number")
            .with_out_dir(scratch.path().join("bindings"));
        let names = export_types(&cfg).expect("types export");
        std::fs::write(
            scratch.path().join("commands.ts"),
            commands_ts(&cfg, &names),
        )
        .unwrap();
        std::fs::write(
            scratch.path().join("problemSamples.json"),
            crate::problem::samples_json(),
        )
        .unwrap();

        let target = ipc_dir();
        if std::env::var("TAGDESK_WRITE_BINDINGS").as_deref() == Ok("1") {
            let _ = std::fs::remove_dir_all(target.join("bindings"));
            copy_dir(scratch.path(), &target);
            return;
        }
        let stale: Vec<String> = files(scratch.path())
            .into_iter()
            .chain(
                files(&target.join("bindings"))
                    .into_iter()
                    .map(|f| format!("bindings/{f}")),
            )
            .collect::<BTreeSet<_>>()
            .into_iter()
            .filter(|f| {
                std::fs::read(scratch.path().join(f)).ok() != std::fs::read(target.join(f)).ok()
            })
            .collect();
        assert!(
            stale.is_empty(),
            "generated TypeScript differs from ui/src/lib/ipc for {stale:?}; \
             run scripts/gen-bindings.sh and commit the result"
        );
    }

    fn files(dir: &Path) -> Vec<String> {
        let mut out = Vec::new();
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let name = entry.file_name().to_string_lossy().to_string();
            if entry.path().is_dir() {
                out.extend(
                    files(&entry.path())
                        .into_iter()
                        .map(|f| format!("{name}/{f}")),
                );
            } else {
                out.push(name);
            }
        }
        out
    }

    fn copy_dir(from: &Path, to: &Path) {
        std::fs::create_dir_all(to).unwrap();
        for entry in std::fs::read_dir(from).unwrap().flatten() {
            let dest = to.join(entry.file_name());
            if entry.path().is_dir() {
                copy_dir(&entry.path(), &dest);
            } else {
                std::fs::copy(entry.path(), dest).unwrap();
            }
        }
    }

    #[test]
    fn argument_names_are_camel_case_as_tauri_expects() {
        assert_eq!(camel("backup_path"), "backupPath");
        assert_eq!(camel("query"), "query");
    }
}
