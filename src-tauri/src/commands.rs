//! IPC commands, one adapter each: take arguments, call one core function, map the error.
//! The list and its types are declared in `tagdesk_core::api`, from which the UI's
//! TypeScript is generated.

use crate::desk_state::{blocking, DeskState};
use crate::exported;
use crate::save_dialog;
use std::path::Path;
use std::sync::Arc;
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
use tagdesk_core::jobs::JobProgress;
use tagdesk_core::lifecycle::{self, LifecycleReport, LifecycleSettings};
use tagdesk_core::operations::{
    self, Operation, OperationDetail, OperationKind, OperationPage, OperationQuery, UndoReport,
};
use tagdesk_core::problem::Language;
use tagdesk_core::rfm::{self, RfmSettings, RfmSummary};
use tagdesk_core::rules::{self, Rule, RuleInput, RulePreview, RuleRun, RunScope};
use tagdesk_core::scores::{self, Followup, FollowupQuery};
use tagdesk_core::segments::{
    self, ConditionCount, MemberQuery, MemberSource, PinnedSegment, Segment, SegmentInput,
};
use tagdesk_core::tagging::{self, BatchReport, TagSource, TagTarget};
use tagdesk_core::tags::{self, CloseName, MergeReport, TagNodeEdit, TagNodeNew, TagTree};
use tagdesk_core::write_targets::WriteTargets;
use tagdesk_core::IpcError;
use tauri::{State, WebviewWindow};

type Reply<T> = Result<T, IpcError>;

/// Which database is open, or what went wrong opening it.
#[tauri::command]
pub async fn app_status(desk: State<'_, DeskState>) -> Reply<AppStatus> {
    Ok(desk.status())
}

/// Logs, once, how long after start the customer list first showed rows.
#[tauri::command]
pub async fn app_list_shown(started: State<'_, crate::started::Started>) -> Reply<()> {
    started.list_shown();
    Ok(())
}

/// Chooses the UI language and remembers it.
#[tauri::command]
pub async fn app_set_language(desk: State<'_, DeskState>, language: Language) -> Reply<AppStatus> {
    desk.with(move |d| d.set_language(language)).await
}

/// Sets the name recorded on the user's operations.
#[tauri::command]
pub async fn app_set_user_name(desk: State<'_, DeskState>, name: String) -> Reply<AppStatus> {
    desk.with(move |d| d.set_user_name(&name)).await
}

/// Opens an existing database file.
#[tauri::command]
pub async fn db_open(desk: State<'_, DeskState>, path: String) -> Reply<AppStatus> {
    desk.with(move |d| d.open(Path::new(&path))).await
}

/// Creates an empty database in the data folder and opens it.
#[tauri::command]
pub async fn db_create(desk: State<'_, DeskState>) -> Reply<AppStatus> {
    desk.with(move |d| d.create(None)).await
}

/// Starts a new database in the empty file that failed to open, and opens it.
#[tauri::command]
pub async fn db_start_in_empty(desk: State<'_, DeskState>) -> Reply<AppStatus> {
    desk.with(move |d| d.start_in_empty()).await
}

/// Asks where to save with the system's dialog; the app may write what the user chose.
#[tauri::command]
pub async fn dialog_save(
    window: WebviewWindow,
    targets: State<'_, Arc<WriteTargets>>,
    default_name: String,
    filter_name: String,
    extensions: Vec<String>,
) -> Reply<Option<String>> {
    let targets = targets.inner().clone();
    save_dialog::choose(window, targets, default_name, filter_name, extensions).await
}

/// Opens the demo database, generating it if needed.
#[tauri::command]
pub async fn db_open_demo(desk: State<'_, DeskState>) -> Reply<AppStatus> {
    desk.with(move |d| d.open_demo()).await
}

/// Forgets the imports the last session left unfinished.
#[tauri::command]
pub async fn db_dismiss_interrupted(desk: State<'_, DeskState>) -> Reply<AppStatus> {
    desk.with(move |d| d.dismiss_interrupted()).await
}

/// Restores a backup over the database that failed to open.
#[tauri::command]
pub async fn db_restore_backup(desk: State<'_, DeskState>, backup: String) -> Reply<AppStatus> {
    desk.with(move |d| d.restore_backup(Path::new(&backup)))
        .await
}

/// One page of customers.
#[tauri::command]
pub async fn customers_list(
    desk: State<'_, DeskState>,
    query: CustomerQuery,
) -> Reply<Page<CustomerRow>> {
    desk.read(move |c| customers::list(c, &query)).await
}

/// The whole tag tree with colours and counts.
#[tauri::command]
pub async fn tags_tree(desk: State<'_, DeskState>) -> Reply<TagTree> {
    desk.read(tags::tree).await
}

/// Exactly how many customers match.
#[tauri::command]
pub async fn customers_count(desk: State<'_, DeskState>, query: CustomerQuery) -> Reply<i64> {
    desk.read(move |c| customers::count(c, &query)).await
}

/// One customer with tags by group, tag history and events.
#[tauri::command]
pub async fn customers_get(desk: State<'_, DeskState>, id: i64) -> Reply<CustomerProfile> {
    desk.read(move |c| customers::profile(c, id)).await
}

/// Adds a customer, then runs the rules for them.
#[tauri::command]
pub async fn customers_create(desk: State<'_, DeskState>, input: CustomerInput) -> Reply<i64> {
    desk.with(move |d| d.create_customer(&input)).await
}

/// Saves a customer's attributes.
#[tauri::command]
pub async fn customers_update(
    desk: State<'_, DeskState>,
    id: i64,
    input: CustomerInput,
) -> Reply<Customer> {
    desk.with(move |d| d.update_customer(id, &input)).await
}

/// Soft-deletes customers.
#[tauri::command]
pub async fn customers_delete(desk: State<'_, DeskState>, ids: Vec<i64>) -> Reply<i64> {
    desk.with_actor(move |conn, actor| customers::soft_delete(conn, &ids, actor).map(|n| n as i64))
        .await
}

/// Brings soft-deleted customers back.
#[tauri::command]
pub async fn customers_restore(desk: State<'_, DeskState>, ids: Vec<i64>) -> Reply<i64> {
    desk.with_actor(move |conn, actor| customers::restore(conn, &ids, actor).map(|n| n as i64))
        .await
}

/// Adds a category, group or tag.
#[tauri::command]
pub async fn tags_create(desk: State<'_, DeskState>, node: TagNodeNew) -> Reply<i64> {
    desk.with_actor(move |conn, actor| tags::create(conn, &node.as_new(), actor))
        .await
}

/// Renames a node and saves its dictionary fields.
#[tauri::command]
pub async fn tags_update(desk: State<'_, DeskState>, id: i64, edit: TagNodeEdit) -> Reply<()> {
    desk.with_actor(move |conn, actor| tags::update(conn, id, &edit, actor))
        .await
}

/// Moves a node.
#[tauri::command]
pub async fn tags_move(
    desk: State<'_, DeskState>,
    id: i64,
    parent_id: Option<i64>,
    position: i64,
) -> Reply<()> {
    desk.with_actor(move |conn, actor| tags::move_node(conn, id, parent_id, position, actor))
        .await
}

/// Archives or restores a subtree.
#[tauri::command]
pub async fn tags_archive(desk: State<'_, DeskState>, id: i64, archived: bool) -> Reply<()> {
    desk.with_actor(move |conn, actor| tags::set_archived(conn, id, archived, actor))
        .await
}

/// Deletes a node; one in use needs force.
#[tauri::command]
pub async fn tags_delete(desk: State<'_, DeskState>, id: i64, force: bool) -> Reply<i64> {
    desk.with_actor(move |conn, actor| tags::delete(conn, id, force, actor))
        .await
}

/// The siblings whose names are close to `name`, for a warning before it is saved.
#[tauri::command]
pub async fn tags_close_names(
    desk: State<'_, DeskState>,
    parent_id: Option<i64>,
    name: String,
    except_id: Option<i64>,
) -> Reply<Vec<CloseName>> {
    desk.read(move |conn| tags::close_siblings(conn, parent_id, &name, except_id))
        .await
}

/// Merges tags into one.
#[tauri::command]
pub async fn tags_merge(
    desk: State<'_, DeskState>,
    sources: Vec<i64>,
    target: i64,
) -> Reply<MergeReport> {
    desk.with_actor(move |conn, actor| tags::merge(conn, &sources, target, actor))
        .await
}

/// Gives a tag to a set of customers.
#[tauri::command]
pub async fn tagging_add(
    desk: State<'_, DeskState>,
    target: TagTarget,
    tag_id: i64,
) -> Reply<BatchReport> {
    desk.with_actor(move |conn, actor| {
        tagging::add(conn, &target, tag_id, TagSource::Manual, actor)
    })
    .await
}

/// Takes a tag off a set of customers.
#[tauri::command]
pub async fn tagging_remove(
    desk: State<'_, DeskState>,
    target: TagTarget,
    tag_id: i64,
) -> Reply<BatchReport> {
    desk.with_actor(move |conn, actor| {
        tagging::remove(conn, &target, tag_id, TagSource::Manual, actor)
    })
    .await
}

/// The user's own latest tagging operation that can still be undone.
#[tauri::command]
pub async fn tagging_last(desk: State<'_, DeskState>) -> Reply<Option<Operation>> {
    const TAGGING: &[OperationKind] = &[OperationKind::TagAdd, OperationKind::TagRemove];
    desk.read_as(|conn, actor| operations::own_latest(conn, actor, Some(TAGGING)))
        .await
}

/// A page of the operation history.
#[tauri::command]
pub async fn operations_list(
    desk: State<'_, DeskState>,
    query: OperationQuery,
) -> Reply<OperationPage> {
    desk.read(move |c| operations::list(c, &query)).await
}

/// One operation with what it changed.
#[tauri::command]
pub async fn operations_get(desk: State<'_, DeskState>, id: i64) -> Reply<OperationDetail> {
    desk.read(move |c| operations::get(c, id)).await
}

/// The later operations in the way of undoing these.
#[tauri::command]
pub async fn operations_blockers(
    desk: State<'_, DeskState>,
    ids: Vec<i64>,
) -> Reply<Vec<Operation>> {
    desk.read(move |c| operations::blockers(c, &ids)).await
}

/// Undoes these operations together.
#[tauri::command]
pub async fn operations_undo(desk: State<'_, DeskState>, ids: Vec<i64>) -> Reply<UndoReport> {
    desk.with(move |d| d.undo(&ids)).await
}

/// The user's own latest operation that can still be undone (Ctrl+Z).
#[tauri::command]
pub async fn operations_mine_latest(desk: State<'_, DeskState>) -> Reply<Option<Operation>> {
    desk.read_as(|conn, actor| operations::own_latest(conn, actor, None))
        .await
}

/// The custom field definitions.
#[tauri::command]
pub async fn fields_list(desk: State<'_, DeskState>) -> Reply<Vec<CustomField>> {
    desk.read(custom_fields::list).await
}

/// Declares a custom field.
#[tauri::command]
pub async fn fields_create(desk: State<'_, DeskState>, input: CustomFieldInput) -> Reply<i64> {
    desk.with_actor(move |conn, actor| custom_fields::create(conn, &input, actor))
        .await
}

/// Renames a custom field or changes its options.
#[tauri::command]
pub async fn fields_update(
    desk: State<'_, DeskState>,
    id: i64,
    input: CustomFieldInput,
) -> Reply<()> {
    desk.with_actor(move |conn, actor| custom_fields::update(conn, id, &input, actor))
        .await
}

/// Archives or restores a custom field.
#[tauri::command]
pub async fn fields_archive(desk: State<'_, DeskState>, id: i64, archived: bool) -> Reply<()> {
    desk.with_actor(move |conn, actor| custom_fields::set_archived(conn, id, archived, actor))
        .await
}

/// Deletes a custom field; the history can bring it back with its values.
#[tauri::command]
pub async fn fields_delete(desk: State<'_, DeskState>, id: i64) -> Reply<i64> {
    desk.with_actor(move |conn, actor| custom_fields::delete(conn, id, actor))
        .await
}

/// Shows what importing a spreadsheet would do; writes nothing.
#[tauri::command]
pub async fn import_preview(desk: State<'_, DeskState>, spec: ImportSpec) -> Reply<ImportPreview> {
    desk.with(move |d| import::preview(d.conn()?, &spec)).await
}

/// Imports a spreadsheet in one transaction, reporting progress to the job.
#[tauri::command]
pub async fn import_run(desk: State<'_, DeskState>, spec: ImportSpec) -> Reply<ImportReport> {
    desk.with_job(move |d, job| d.import(&spec, job)).await
}

/// The declared event kinds.
#[tauri::command]
pub async fn event_kinds_list(desk: State<'_, DeskState>) -> Reply<Vec<EventKind>> {
    desk.read(events::list_kinds).await
}

/// Declares an event kind.
#[tauri::command]
pub async fn event_kinds_create(desk: State<'_, DeskState>, input: EventKindInput) -> Reply<i64> {
    desk.with_actor(move |conn, actor| events::create_kind(conn, &input, actor))
        .await
}

/// Saves an event kind (a rename reaches its events and conditions).
#[tauri::command]
pub async fn event_kinds_update(
    desk: State<'_, DeskState>,
    id: i64,
    input: EventKindInput,
) -> Reply<()> {
    desk.with_actor(move |conn, actor| events::update_kind(conn, id, &input, actor))
        .await
}

/// Deletes an event kind; one in use needs force.
#[tauri::command]
pub async fn event_kinds_delete(desk: State<'_, DeskState>, id: i64, force: bool) -> Reply<i64> {
    desk.with_actor(move |conn, actor| events::delete_kind(conn, id, force, actor))
        .await
}

/// Adds an event to a customer, then runs the rules for them.
#[tauri::command]
pub async fn events_add(desk: State<'_, DeskState>, input: EventInput) -> Reply<i64> {
    desk.with(move |d| d.add_event(&input)).await
}

/// Deletes an event, then runs the rules for its customer.
#[tauri::command]
pub async fn events_delete(desk: State<'_, DeskState>, id: i64) -> Reply<()> {
    desk.with(move |d| d.delete_event(id)).await
}

/// Progress of the running import (never waits for the database).
#[tauri::command]
pub async fn job_progress(desk: State<'_, DeskState>) -> Reply<JobProgress> {
    Ok(desk.job().progress())
}

/// Asks the running import to stop.
#[tauri::command]
pub async fn job_cancel(desk: State<'_, DeskState>) -> Reply<()> {
    desk.job().cancel();
    Ok(())
}

/// Writes an import's rejected rows to an .xlsx error report.
#[tauri::command]
pub async fn import_error_report(
    targets: State<'_, Arc<WriteTargets>>,
    problems: Vec<RowProblem>,
    path: String,
    language: Language,
) -> Reply<()> {
    let path = targets.check(Path::new(&path))?;
    blocking(move || import::write_error_report(&path, &problems, language).map_err(Into::into))
        .await
}

/// The saved column mappings.
#[tauri::command]
pub async fn import_templates_list(desk: State<'_, DeskState>) -> Reply<Vec<ImportTemplate>> {
    desk.read(templates::list).await
}

/// Saves a column mapping under a name.
#[tauri::command]
pub async fn import_templates_save(
    desk: State<'_, DeskState>,
    template: ImportTemplateInput,
) -> Reply<i64> {
    desk.with(move |d| templates::save(d.conn()?, &template))
        .await
}

/// Deletes a saved column mapping.
#[tauri::command]
pub async fn import_templates_delete(desk: State<'_, DeskState>, id: i64) -> Reply<()> {
    desk.with(move |d| templates::delete(d.conn()?, id)).await
}

/// A saved mapping laid over a file's headers.
#[tauri::command]
pub async fn import_templates_apply(
    desk: State<'_, DeskState>,
    id: i64,
    headers: Vec<String>,
) -> Reply<Vec<ColumnTarget>> {
    desk.with(move |d| templates::apply(d.conn()?, id, &headers))
        .await
}

/// Exports customers to .xlsx or CSV.
#[tauri::command]
pub async fn export_customers(
    desk: State<'_, DeskState>,
    targets: State<'_, Arc<WriteTargets>>,
    spec: ExportSpec,
) -> Reply<i64> {
    let spec = save_dialog::checked(&targets, spec)?;
    let path = spec.path.clone().into();
    let export = desk.with(move |d| export::export_customers(d.conn()?, &spec));
    exported::recording(&targets, path, export).await
}

/// Exports the tag dictionary to .xlsx.
#[tauri::command]
pub async fn export_dictionary(
    desk: State<'_, DeskState>,
    targets: State<'_, Arc<WriteTargets>>,
    path: String,
) -> Reply<i64> {
    let path = targets.check(Path::new(&path))?;
    let written = path.clone();
    let export = desk.with(move |d| export::export_dictionary(d.conn()?, &path));
    exported::recording(&targets, written, export).await
}

/// Reads a tag dictionary back in.
#[tauri::command]
pub async fn import_dictionary(desk: State<'_, DeskState>, path: String) -> Reply<i64> {
    desk.with_actor(move |conn, actor| export::import_dictionary(conn, Path::new(&path), actor))
        .await
}

/// What conditions can compare.
#[tauri::command]
pub async fn segments_catalog(desk: State<'_, DeskState>) -> Reply<ConditionCatalog> {
    desk.with_index(move |conn, index, _| conditions::catalog(conn, index))
        .await
}

/// Counts an unsaved condition tree and shows its newest members.
#[tauri::command]
pub async fn segments_count(
    desk: State<'_, DeskState>,
    condition: Condition,
) -> Reply<ConditionCount> {
    desk.with_index(move |conn, index, _| segments::count(conn, index, &condition))
        .await
}

/// One page of members.
#[tauri::command]
pub async fn segments_members(
    desk: State<'_, DeskState>,
    query: MemberQuery,
) -> Reply<Page<CustomerRow>> {
    desk.with_index(move |conn, index, _| segments::page(conn, index, &query))
        .await
}

/// Which conditions of a tree one customer meets.
#[tauri::command]
pub async fn segments_explain(
    desk: State<'_, DeskState>,
    condition: Condition,
    customer_id: i64,
) -> Reply<Explanation> {
    desk.with_index(move |conn, index, _| {
        conditions::explain(
            conn,
            index,
            &condition,
            customer_id,
            tagdesk_core::clock::now(),
        )
    })
    .await
}

/// The saved segments.
#[tauri::command]
pub async fn segments_list(desk: State<'_, DeskState>) -> Reply<Vec<Segment>> {
    desk.read(segments::list).await
}

/// One saved segment.
#[tauri::command]
pub async fn segments_get(desk: State<'_, DeskState>, id: i64) -> Reply<Segment> {
    desk.read(move |c| segments::get(c, id)).await
}

/// Saves a new segment.
#[tauri::command]
pub async fn segments_create(desk: State<'_, DeskState>, input: SegmentInput) -> Reply<i64> {
    desk.with_index(move |conn, index, actor| segments::create(conn, index, &input, actor))
        .await
}

/// Changes a segment.
#[tauri::command]
pub async fn segments_update(
    desk: State<'_, DeskState>,
    id: i64,
    input: SegmentInput,
) -> Reply<Segment> {
    desk.with_index(move |conn, index, actor| segments::update(conn, index, id, &input, actor))
        .await
}

/// Copies a segment.
#[tauri::command]
pub async fn segments_duplicate(desk: State<'_, DeskState>, id: i64) -> Reply<i64> {
    desk.with_index(move |conn, index, actor| segments::duplicate(conn, index, id, actor))
        .await
}

/// Deletes a segment.
#[tauri::command]
pub async fn segments_delete(desk: State<'_, DeskState>, id: i64) -> Reply<()> {
    desk.with_actor(move |conn, actor| segments::delete(conn, id, actor))
        .await
}

/// Pins or unpins a segment.
#[tauri::command]
pub async fn segments_pin(desk: State<'_, DeskState>, id: i64, pinned: bool) -> Reply<()> {
    desk.with(move |d| segments::set_pinned(d.conn()?, id, pinned))
        .await
}

/// The pinned segments with today's counts and their trend.
#[tauri::command]
pub async fn segments_dashboard(desk: State<'_, DeskState>) -> Reply<Vec<PinnedSegment>> {
    desk.with_index(move |conn, index, _| segments::dashboard(conn, index))
        .await
}

/// Tags every member of a segment or tree.
#[tauri::command]
pub async fn segments_tag(
    desk: State<'_, DeskState>,
    source: MemberSource,
    tag_id: i64,
) -> Reply<BatchReport> {
    desk.with_index(move |conn, index, actor| {
        segments::tag_members(conn, index, &source, tag_id, actor)
    })
    .await
}

/// Exports a segment's members.
#[tauri::command]
pub async fn segments_export(
    desk: State<'_, DeskState>,
    targets: State<'_, Arc<WriteTargets>>,
    segment_id: i64,
    spec: ExportSpec,
) -> Reply<i64> {
    let spec = save_dialog::checked(&targets, spec)?;
    let path = spec.path.clone().into();
    let export = desk
        .with_index(move |conn, index, _| segments::export_members(conn, index, segment_id, &spec));
    exported::recording(&targets, path, export).await
}

/// Opens a file an export wrote this session with the system's default program.
#[tauri::command]
pub async fn export_open(targets: State<'_, Arc<WriteTargets>>, path: String) -> Reply<()> {
    exported::open(targets.inner().clone(), path).await
}

/// Shows a file an export wrote this session in the system's file manager.
#[tauri::command]
pub async fn export_reveal(targets: State<'_, Arc<WriteTargets>>, path: String) -> Reply<()> {
    exported::reveal(targets.inner().clone(), path).await
}

/// The rules in run order.
#[tauri::command]
pub async fn rules_list(desk: State<'_, DeskState>) -> Reply<Vec<Rule>> {
    desk.read(rules::list).await
}

/// Saves a new rule.
#[tauri::command]
pub async fn rules_create(desk: State<'_, DeskState>, input: RuleInput) -> Reply<i64> {
    desk.with_actor(move |conn, actor| rules::create(conn, &input, actor))
        .await
}

/// Saves a rule.
#[tauri::command]
pub async fn rules_update(desk: State<'_, DeskState>, id: i64, input: RuleInput) -> Reply<Rule> {
    desk.with_actor(move |conn, actor| rules::update(conn, id, &input, actor))
        .await
}

/// Deletes a rule and takes back its tags.
#[tauri::command]
pub async fn rules_delete(desk: State<'_, DeskState>, id: i64) -> Reply<i64> {
    desk.with_actor(move |conn, actor| rules::delete(conn, id, actor))
        .await
}

/// What a rule would change; writes nothing.
#[tauri::command]
pub async fn rules_preview(
    desk: State<'_, DeskState>,
    id: Option<i64>,
    input: RuleInput,
) -> Reply<RulePreview> {
    desk.with_index(move |conn, index, _| rules::preview(conn, index, id, &input, clock::now()))
        .await
}

/// Runs rules in one transaction, reporting progress to the job.
#[tauri::command]
pub async fn rules_run(desk: State<'_, DeskState>, scope: RunScope) -> Reply<RuleRun> {
    desk.with_job(move |d, job| {
        let (conn, index, actor) = d.indexed()?;
        rules::run_job(conn, index, &scope, clock::now(), &actor, job)
    })
    .await
}

/// Re-runs the time-based rules that are due.
#[tauri::command]
pub async fn rules_run_due(desk: State<'_, DeskState>) -> Reply<Option<RuleRun>> {
    desk.with_index(move |conn, index, actor| rules::run_due(conn, index, clock::now(), actor))
        .await
}

/// The most recent rule runs.
#[tauri::command]
pub async fn rules_log(desk: State<'_, DeskState>, limit: i64) -> Reply<Vec<RuleRun>> {
    desk.read(move |c| rules::log(c, limit)).await
}

/// The RFM settings.
#[tauri::command]
pub async fn rfm_settings(desk: State<'_, DeskState>) -> Reply<RfmSettings> {
    desk.read(rfm::settings).await
}

/// Saves the RFM settings.
#[tauri::command]
pub async fn rfm_save_settings(desk: State<'_, DeskState>, settings: RfmSettings) -> Reply<()> {
    desk.with_actor(move |conn, actor| rfm::save_settings(conn, &settings, actor))
        .await
}

/// Computes RFM and updates its group, reporting progress to the job.
#[tauri::command]
pub async fn rfm_run(desk: State<'_, DeskState>) -> Reply<RfmSummary> {
    desk.with_job(move |d, job| {
        let (conn, actor) = d.conn_as()?;
        rfm::run_job(conn, clock::now(), &actor, job)
    })
    .await
}

/// The last RFM summary.
#[tauri::command]
pub async fn rfm_summary(desk: State<'_, DeskState>) -> Reply<Option<RfmSummary>> {
    desk.read(rfm::summary).await
}

/// The lifecycle thresholds.
#[tauri::command]
pub async fn lifecycle_settings(desk: State<'_, DeskState>) -> Reply<LifecycleSettings> {
    desk.read(lifecycle::settings).await
}

/// Saves the lifecycle thresholds.
#[tauri::command]
pub async fn lifecycle_save(desk: State<'_, DeskState>, settings: LifecycleSettings) -> Reply<()> {
    desk.with_actor(move |conn, actor| lifecycle::save_settings(conn, &settings, actor))
        .await
}

/// Updates the lifecycle group, reporting progress to the job.
#[tauri::command]
pub async fn lifecycle_run(desk: State<'_, DeskState>) -> Reply<LifecycleReport> {
    desk.with_job(move |d, job| {
        let (conn, actor) = d.conn_as()?;
        lifecycle::run_job(conn, clock::now(), &actor, job)
    })
    .await
}

/// The last lifecycle report.
#[tauri::command]
pub async fn lifecycle_last(desk: State<'_, DeskState>) -> Reply<Option<LifecycleReport>> {
    desk.read(lifecycle::last_report).await
}

/// Customers by lead score with the reasons.
#[tauri::command]
pub async fn scores_followups(
    desk: State<'_, DeskState>,
    query: FollowupQuery,
) -> Reply<Page<Followup>> {
    desk.with_index(move |conn, index, _| scores::followups(conn, index, &query))
        .await
}
