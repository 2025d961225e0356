//! IPC commands, one adapter each: take arguments, call one core function, map the error.
//! The list and its types are declared in `tagdesk_core::api`, from which the UI's
//! TypeScript is generated.

use crate::desk_state::DeskState;
use std::path::Path;
use tagdesk_core::clock;
use tagdesk_core::conditions::{self, Condition, ConditionCatalog, Explanation};
use tagdesk_core::custom_fields::{self, CustomField, CustomFieldInput};
use tagdesk_core::customers::{
    self, Customer, CustomerInput, CustomerProfile, CustomerQuery, CustomerRow, Page,
};
use tagdesk_core::desk::AppStatus;
use tagdesk_core::events::{self, EventInput, EventKind, EventKindInput};
use tagdesk_core::export::{self, ExportSpec};
use tagdesk_core::import::{
    self, templates, ColumnTarget, ImportPreview, ImportReport, ImportSpec, ImportTemplate,
    ImportTemplateInput, RowProblem,
};
use tagdesk_core::jobs::{Job, JobProgress};
use tagdesk_core::lifecycle::{self, LifecycleReport, LifecycleSettings};
use tagdesk_core::rfm::{self, RfmSettings, RfmSummary};
use tagdesk_core::rules::{self, Rule, RuleInput, RulePreview, RuleRun, RunScope};
use tagdesk_core::scores::{self, Followup, FollowupQuery};
use tagdesk_core::segments::{
    self, ConditionCount, MemberQuery, MemberSource, PinnedSegment, Segment, SegmentInput,
};
use tagdesk_core::tagging::{self, BatchInfo, BatchReport, TagSource, TagTarget};
use tagdesk_core::tags::{self, MergeReport, TagNodeEdit, TagNodeNew, TagTree};
use tagdesk_core::IpcError;
use tauri::State;

type Reply<T> = Result<T, IpcError>;

/// Which database is open, or what went wrong opening it.
#[tauri::command(async)]
pub fn app_status(desk: State<'_, DeskState>) -> Reply<AppStatus> {
    desk.with(|d| Ok(d.status()))
}

/// Chooses the UI language and remembers it.
#[tauri::command(async)]
pub fn app_set_language(desk: State<'_, DeskState>, language: String) -> Reply<AppStatus> {
    desk.with(|d| d.set_language(&language))
}

/// Opens an existing database file.
#[tauri::command(async)]
pub fn db_open(desk: State<'_, DeskState>, path: String) -> Reply<AppStatus> {
    desk.with(|d| d.open(Path::new(&path)))
}

/// Creates an empty database and opens it.
#[tauri::command(async)]
pub fn db_create(desk: State<'_, DeskState>, path: Option<String>) -> Reply<AppStatus> {
    desk.with(|d| d.create(path.as_deref().map(Path::new)))
}

/// Opens the demo database, generating it if needed.
#[tauri::command(async)]
pub fn db_open_demo(desk: State<'_, DeskState>) -> Reply<AppStatus> {
    desk.with(|d| d.open_demo())
}

/// Forgets the imports the last session left unfinished.
#[tauri::command(async)]
pub fn db_dismiss_interrupted(desk: State<'_, DeskState>) -> Reply<AppStatus> {
    desk.with(|d| d.dismiss_interrupted())
}

/// Restores a backup over the database that failed to open.
#[tauri::command(async)]
pub fn db_restore_backup(desk: State<'_, DeskState>, backup: String) -> Reply<AppStatus> {
    desk.with(|d| d.restore_backup(Path::new(&backup)))
}

/// One page of customers.
#[tauri::command(async)]
pub fn customers_list(
    desk: State<'_, DeskState>,
    query: CustomerQuery,
) -> Reply<Page<CustomerRow>> {
    desk.with(|d| customers::list(d.conn()?, &query))
}

/// The whole tag tree with colours and counts.
#[tauri::command(async)]
pub fn tags_tree(desk: State<'_, DeskState>) -> Reply<TagTree> {
    desk.with(|d| tags::tree(d.conn()?))
}

/// Exactly how many customers match.
#[tauri::command(async)]
pub fn customers_count(desk: State<'_, DeskState>, query: CustomerQuery) -> Reply<i64> {
    desk.with(|d| customers::count(d.conn()?, &query))
}

/// One customer with tags by group, tag history and events.
#[tauri::command(async)]
pub fn customers_get(desk: State<'_, DeskState>, id: i64) -> Reply<CustomerProfile> {
    desk.with(|d| customers::profile(d.conn()?, id))
}

/// Adds a customer, then runs the rules for them.
#[tauri::command(async)]
pub fn customers_create(desk: State<'_, DeskState>, input: CustomerInput) -> Reply<i64> {
    desk.with(|d| d.create_customer(&input))
}

/// Saves a customer's attributes.
#[tauri::command(async)]
pub fn customers_update(
    desk: State<'_, DeskState>,
    id: i64,
    input: CustomerInput,
) -> Reply<Customer> {
    desk.with(|d| d.update_customer(id, &input))
}

/// Soft-deletes customers.
#[tauri::command(async)]
pub fn customers_delete(desk: State<'_, DeskState>, ids: Vec<i64>) -> Reply<i64> {
    desk.with_actor(|conn, actor| customers::soft_delete(conn, &ids, actor).map(|n| n as i64))
}

/// Brings soft-deleted customers back.
#[tauri::command(async)]
pub fn customers_restore(desk: State<'_, DeskState>, ids: Vec<i64>) -> Reply<i64> {
    desk.with_actor(|conn, actor| customers::restore(conn, &ids, actor).map(|n| n as i64))
}

/// Adds a category, group or tag.
#[tauri::command(async)]
pub fn tags_create(desk: State<'_, DeskState>, node: TagNodeNew) -> Reply<i64> {
    desk.with(|d| tags::create_node(d.conn()?, &node.as_new()))
}

/// Renames a node and saves its dictionary fields.
#[tauri::command(async)]
pub fn tags_update(desk: State<'_, DeskState>, id: i64, edit: TagNodeEdit) -> Reply<()> {
    desk.with_actor(|conn, actor| tags::update(conn, id, &edit, actor))
}

/// Moves a node.
#[tauri::command(async)]
pub fn tags_move(
    desk: State<'_, DeskState>,
    id: i64,
    parent_id: Option<i64>,
    position: i64,
) -> Reply<()> {
    desk.with_actor(|conn, actor| tags::move_node(conn, id, parent_id, position, actor))
}

/// Archives or restores a subtree.
#[tauri::command(async)]
pub fn tags_archive(desk: State<'_, DeskState>, id: i64, archived: bool) -> Reply<()> {
    desk.with_actor(|conn, actor| tags::set_archived(conn, id, archived, actor))
}

/// Deletes a node; one in use needs force.
#[tauri::command(async)]
pub fn tags_delete(desk: State<'_, DeskState>, id: i64, force: bool) -> Reply<i64> {
    desk.with_actor(|conn, actor| tags::delete(conn, id, force, actor))
}

/// Merges tags into one.
#[tauri::command(async)]
pub fn tags_merge(
    desk: State<'_, DeskState>,
    sources: Vec<i64>,
    target: i64,
) -> Reply<MergeReport> {
    desk.with_actor(|conn, actor| tags::merge(conn, &sources, target, actor))
}

/// Gives a tag to a set of customers.
#[tauri::command(async)]
pub fn tagging_add(
    desk: State<'_, DeskState>,
    target: TagTarget,
    tag_id: i64,
) -> Reply<BatchReport> {
    desk.with_actor(|conn, actor| tagging::add(conn, &target, tag_id, TagSource::Manual, actor))
}

/// Takes a tag off a set of customers.
#[tauri::command(async)]
pub fn tagging_remove(
    desk: State<'_, DeskState>,
    target: TagTarget,
    tag_id: i64,
) -> Reply<BatchReport> {
    desk.with_actor(|conn, actor| tagging::remove(conn, &target, tag_id, TagSource::Manual, actor))
}

/// Undoes the last tagging operation.
#[tauri::command(async)]
pub fn tagging_undo(desk: State<'_, DeskState>) -> Reply<BatchReport> {
    desk.with_actor(tagging::undo_last)
}

/// The last tagging operation.
#[tauri::command(async)]
pub fn tagging_last(desk: State<'_, DeskState>) -> Reply<Option<BatchInfo>> {
    desk.with(|d| tagging::last_batch(d.conn()?))
}

/// The custom field definitions.
#[tauri::command(async)]
pub fn fields_list(desk: State<'_, DeskState>) -> Reply<Vec<CustomField>> {
    desk.with(|d| custom_fields::list(d.conn()?))
}

/// Declares a custom field.
#[tauri::command(async)]
pub fn fields_create(desk: State<'_, DeskState>, input: CustomFieldInput) -> Reply<i64> {
    desk.with_actor(|conn, actor| custom_fields::create(conn, &input, actor))
}

/// Renames a custom field or changes its options.
#[tauri::command(async)]
pub fn fields_update(desk: State<'_, DeskState>, id: i64, input: CustomFieldInput) -> Reply<()> {
    desk.with_actor(|conn, actor| custom_fields::update(conn, id, &input, actor))
}

/// Archives or restores a custom field.
#[tauri::command(async)]
pub fn fields_archive(desk: State<'_, DeskState>, id: i64, archived: bool) -> Reply<()> {
    desk.with_actor(|conn, actor| custom_fields::set_archived(conn, id, archived, actor))
}

/// Shows what importing a spreadsheet would do; writes nothing.
#[tauri::command(async)]
pub fn import_preview(desk: State<'_, DeskState>, spec: ImportSpec) -> Reply<ImportPreview> {
    desk.with(|d| import::preview(d.conn()?, &spec))
}

/// Imports a spreadsheet in one transaction, reporting progress to the job.
#[tauri::command(async)]
pub fn import_run(
    desk: State<'_, DeskState>,
    job: State<'_, Job>,
    spec: ImportSpec,
) -> Reply<ImportReport> {
    desk.with(|d| d.import(&spec, &job))
}

/// The declared event kinds.
#[tauri::command(async)]
pub fn event_kinds_list(desk: State<'_, DeskState>) -> Reply<Vec<EventKind>> {
    desk.with(|d| events::list_kinds(d.conn()?))
}

/// Declares an event kind.
#[tauri::command(async)]
pub fn event_kinds_create(desk: State<'_, DeskState>, input: EventKindInput) -> Reply<i64> {
    desk.with_actor(|conn, actor| events::create_kind(conn, &input, actor))
}

/// Saves an event kind (a rename reaches its events and conditions).
#[tauri::command(async)]
pub fn event_kinds_update(desk: State<'_, DeskState>, id: i64, input: EventKindInput) -> Reply<()> {
    desk.with_actor(|conn, actor| events::update_kind(conn, id, &input, actor))
}

/// Deletes an event kind; one in use needs force.
#[tauri::command(async)]
pub fn event_kinds_delete(desk: State<'_, DeskState>, id: i64, force: bool) -> Reply<i64> {
    desk.with_actor(|conn, actor| events::delete_kind(conn, id, force, actor))
}

/// Adds an event to a customer, then runs the rules for them.
#[tauri::command(async)]
pub fn events_add(desk: State<'_, DeskState>, input: EventInput) -> Reply<i64> {
    desk.with(|d| d.add_event(&input))
}

/// Deletes an event, then runs the rules for its customer.
#[tauri::command(async)]
pub fn events_delete(desk: State<'_, DeskState>, id: i64) -> Reply<()> {
    desk.with(|d| d.delete_event(id))
}

/// Progress of the running import (never waits for the database).
#[tauri::command(async)]
pub fn job_progress(job: State<'_, Job>) -> Reply<JobProgress> {
    Ok(job.progress())
}

/// Asks the running import to stop.
#[tauri::command(async)]
pub fn job_cancel(job: State<'_, Job>) -> Reply<()> {
    job.cancel();
    Ok(())
}

/// Writes an import's rejected rows to an .xlsx error report.
#[tauri::command(async)]
pub fn import_error_report(problems: Vec<RowProblem>, path: String) -> Reply<()> {
    import::write_error_report(Path::new(&path), &problems).map_err(Into::into)
}

/// The saved column mappings.
#[tauri::command(async)]
pub fn import_templates_list(desk: State<'_, DeskState>) -> Reply<Vec<ImportTemplate>> {
    desk.with(|d| templates::list(d.conn()?))
}

/// Saves a column mapping under a name.
#[tauri::command(async)]
pub fn import_templates_save(
    desk: State<'_, DeskState>,
    template: ImportTemplateInput,
) -> Reply<i64> {
    desk.with(|d| templates::save(d.conn()?, &template))
}

/// Deletes a saved column mapping.
#[tauri::command(async)]
pub fn import_templates_delete(desk: State<'_, DeskState>, id: i64) -> Reply<()> {
    desk.with(|d| templates::delete(d.conn()?, id))
}

/// A saved mapping laid over a file's headers.
#[tauri::command(async)]
pub fn import_templates_apply(
    desk: State<'_, DeskState>,
    id: i64,
    headers: Vec<String>,
) -> Reply<Vec<ColumnTarget>> {
    desk.with(|d| templates::apply(d.conn()?, id, &headers))
}

/// Exports customers to .xlsx or CSV.
#[tauri::command(async)]
pub fn export_customers(desk: State<'_, DeskState>, spec: ExportSpec) -> Reply<i64> {
    desk.with(|d| export::export_customers(d.conn()?, &spec))
}

/// Exports the tag dictionary to .xlsx.
#[tauri::command(async)]
pub fn export_dictionary(desk: State<'_, DeskState>, path: String) -> Reply<i64> {
    desk.with(|d| export::export_dictionary(d.conn()?, Path::new(&path)))
}

/// Reads a tag dictionary back in.
#[tauri::command(async)]
pub fn import_dictionary(desk: State<'_, DeskState>, path: String) -> Reply<i64> {
    desk.with_actor(|conn, actor| export::import_dictionary(conn, Path::new(&path), actor))
}

/// What conditions can compare.
#[tauri::command(async)]
pub fn segments_catalog(desk: State<'_, DeskState>) -> Reply<ConditionCatalog> {
    desk.with_index(|conn, index, _| conditions::catalog(conn, index))
}

/// Counts an unsaved condition tree and shows its newest members.
#[tauri::command(async)]
pub fn segments_count(desk: State<'_, DeskState>, condition: Condition) -> Reply<ConditionCount> {
    desk.with_index(|conn, index, _| segments::count(conn, index, &condition))
}

/// One page of members.
#[tauri::command(async)]
pub fn segments_members(
    desk: State<'_, DeskState>,
    query: MemberQuery,
) -> Reply<Page<CustomerRow>> {
    desk.with_index(|conn, index, _| segments::page(conn, index, &query))
}

/// Which conditions of a tree one customer meets.
#[tauri::command(async)]
pub fn segments_explain(
    desk: State<'_, DeskState>,
    condition: Condition,
    customer_id: i64,
) -> Reply<Explanation> {
    desk.with_index(|conn, index, _| {
        conditions::explain(
            conn,
            index,
            &condition,
            customer_id,
            tagdesk_core::clock::now(),
        )
    })
}

/// The saved segments.
#[tauri::command(async)]
pub fn segments_list(desk: State<'_, DeskState>) -> Reply<Vec<Segment>> {
    desk.with(|d| segments::list(d.conn()?))
}

/// One saved segment.
#[tauri::command(async)]
pub fn segments_get(desk: State<'_, DeskState>, id: i64) -> Reply<Segment> {
    desk.with(|d| segments::get(d.conn()?, id))
}

/// Saves a new segment.
#[tauri::command(async)]
pub fn segments_create(desk: State<'_, DeskState>, input: SegmentInput) -> Reply<i64> {
    desk.with_index(|conn, index, actor| segments::create(conn, index, &input, actor))
}

/// Changes a segment.
#[tauri::command(async)]
pub fn segments_update(desk: State<'_, DeskState>, id: i64, input: SegmentInput) -> Reply<Segment> {
    desk.with_index(|conn, index, actor| segments::update(conn, index, id, &input, actor))
}

/// Copies a segment.
#[tauri::command(async)]
pub fn segments_duplicate(desk: State<'_, DeskState>, id: i64) -> Reply<i64> {
    desk.with_index(|conn, index, actor| segments::duplicate(conn, index, id, actor))
}

/// Deletes a segment.
#[tauri::command(async)]
pub fn segments_delete(desk: State<'_, DeskState>, id: i64) -> Reply<()> {
    desk.with_actor(|conn, actor| segments::delete(conn, id, actor))
}

/// Pins or unpins a segment.
#[tauri::command(async)]
pub fn segments_pin(desk: State<'_, DeskState>, id: i64, pinned: bool) -> Reply<()> {
    desk.with(|d| segments::set_pinned(d.conn()?, id, pinned))
}

/// The pinned segments with today's counts and their trend.
#[tauri::command(async)]
pub fn segments_dashboard(desk: State<'_, DeskState>) -> Reply<Vec<PinnedSegment>> {
    desk.with_index(|conn, index, _| segments::dashboard(conn, index))
}

/// Tags every member of a segment or tree.
#[tauri::command(async)]
pub fn segments_tag(
    desk: State<'_, DeskState>,
    source: MemberSource,
    tag_id: i64,
) -> Reply<BatchReport> {
    desk.with_index(|conn, index, actor| segments::tag_members(conn, index, &source, tag_id, actor))
}

/// Exports a segment's members.
#[tauri::command(async)]
pub fn segments_export(
    desk: State<'_, DeskState>,
    segment_id: i64,
    spec: ExportSpec,
) -> Reply<i64> {
    desk.with_index(|conn, index, _| segments::export_members(conn, index, segment_id, &spec))
}

/// The rules in run order.
#[tauri::command(async)]
pub fn rules_list(desk: State<'_, DeskState>) -> Reply<Vec<Rule>> {
    desk.with(|d| rules::list(d.conn()?))
}

/// Saves a new rule.
#[tauri::command(async)]
pub fn rules_create(desk: State<'_, DeskState>, input: RuleInput) -> Reply<i64> {
    desk.with_actor(|conn, actor| rules::create(conn, &input, actor))
}

/// Saves a rule.
#[tauri::command(async)]
pub fn rules_update(desk: State<'_, DeskState>, id: i64, input: RuleInput) -> Reply<Rule> {
    desk.with_actor(|conn, actor| rules::update(conn, id, &input, actor))
}

/// Deletes a rule and takes back its tags.
#[tauri::command(async)]
pub fn rules_delete(desk: State<'_, DeskState>, id: i64) -> Reply<i64> {
    desk.with_actor(|conn, actor| rules::delete(conn, id, actor))
}

/// What a rule would change; writes nothing.
#[tauri::command(async)]
pub fn rules_preview(
    desk: State<'_, DeskState>,
    id: Option<i64>,
    input: RuleInput,
) -> Reply<RulePreview> {
    desk.with_index(|conn, index, _| rules::preview(conn, index, id, &input, clock::now()))
}

/// Runs rules in one transaction, reporting progress to the job.
#[tauri::command(async)]
pub fn rules_run(
    desk: State<'_, DeskState>,
    job: State<'_, Job>,
    scope: RunScope,
) -> Reply<RuleRun> {
    desk.with_index(|conn, index, actor| {
        rules::run_job(conn, index, &scope, clock::now(), actor, &job)
    })
}

/// Re-runs the time-based rules that are due.
#[tauri::command(async)]
pub fn rules_run_due(desk: State<'_, DeskState>) -> Reply<Option<RuleRun>> {
    desk.with_index(|conn, index, actor| rules::run_due(conn, index, clock::now(), actor))
}

/// The most recent rule runs.
#[tauri::command(async)]
pub fn rules_log(desk: State<'_, DeskState>, limit: i64) -> Reply<Vec<RuleRun>> {
    desk.with(|d| rules::log(d.conn()?, limit))
}

/// The RFM settings.
#[tauri::command(async)]
pub fn rfm_settings(desk: State<'_, DeskState>) -> Reply<RfmSettings> {
    desk.with(|d| rfm::settings(d.conn()?))
}

/// Saves the RFM settings.
#[tauri::command(async)]
pub fn rfm_save_settings(desk: State<'_, DeskState>, settings: RfmSettings) -> Reply<()> {
    desk.with_actor(|conn, actor| rfm::save_settings(conn, &settings, actor))
}

/// Computes RFM and updates its group, reporting progress to the job.
#[tauri::command(async)]
pub fn rfm_run(desk: State<'_, DeskState>, job: State<'_, Job>) -> Reply<RfmSummary> {
    desk.with_actor(|conn, actor| rfm::run_job(conn, clock::now(), actor, &job))
}

/// The last RFM summary.
#[tauri::command(async)]
pub fn rfm_summary(desk: State<'_, DeskState>) -> Reply<Option<RfmSummary>> {
    desk.with(|d| rfm::summary(d.conn()?))
}

/// The lifecycle thresholds.
#[tauri::command(async)]
pub fn lifecycle_settings(desk: State<'_, DeskState>) -> Reply<LifecycleSettings> {
    desk.with(|d| lifecycle::settings(d.conn()?))
}

/// Saves the lifecycle thresholds.
#[tauri::command(async)]
pub fn lifecycle_save(desk: State<'_, DeskState>, settings: LifecycleSettings) -> Reply<()> {
    desk.with_actor(|conn, actor| lifecycle::save_settings(conn, &settings, actor))
}

/// Updates the lifecycle group, reporting progress to the job.
#[tauri::command(async)]
pub fn lifecycle_run(desk: State<'_, DeskState>, job: State<'_, Job>) -> Reply<LifecycleReport> {
    desk.with_actor(|conn, actor| lifecycle::run_job(conn, clock::now(), actor, &job))
}

/// The last lifecycle report.
#[tauri::command(async)]
pub fn lifecycle_last(desk: State<'_, DeskState>) -> Reply<Option<LifecycleReport>> {
    desk.with(|d| lifecycle::last_report(d.conn()?))
}

/// Customers by lead score with the reasons.
#[tauri::command(async)]
pub fn scores_followups(desk: State<'_, DeskState>, query: FollowupQuery) -> Reply<Page<Followup>> {
    desk.with_index(|conn, index, _| scores::followups(conn, index, &query))
}
