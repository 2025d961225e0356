//! The commands the shell carries out itself (`shell` in `tagdesk_core::tagdesk_commands!`):
//! they need the window or the write targets, which the core does not know. Each takes the
//! listed arguments after a [`Shell`] and returns the listed type; the adapters call them.

use crate::desk_state::{blocking, DeskState};
use crate::exported;
use crate::folder_dialog;
use crate::open_dialog;
use crate::save_dialog;
use crate::started::Started;
use std::path::Path;
use std::sync::Arc;
use tagdesk_core::export::{self, ExportSpec, TableExport};
use tagdesk_core::import::{self, RowProblem};
use tagdesk_core::problem::Language;
use tagdesk_core::segments;
use tagdesk_core::team::{invitation::InvitationMade, packs::PackMade, TeamStatus};
use tagdesk_core::write_targets::WriteTargets;
use tagdesk_core::IpcError;
use tauri::{State, WebviewWindow};

type Reply<T> = Result<T, IpcError>;

/// What the window hands a shell command besides its arguments.
pub struct Shell<'a> {
    pub window: WebviewWindow,
    pub desk: State<'a, DeskState>,
    pub targets: State<'a, Arc<WriteTargets>>,
    pub started: State<'a, Started>,
}

/// Logs, once, how long after start the customer list first showed rows.
pub async fn app_list_shown(shell: Shell<'_>) -> Reply<()> {
    shell.started.list_shown();
    Ok(())
}

/// Asks where to save with the system's dialog; the app may write what the user chose.
pub async fn dialog_save(
    shell: Shell<'_>,
    default_name: String,
    filter_name: String,
    extensions: Vec<String>,
) -> Reply<Option<String>> {
    let targets = shell.targets.inner().clone();
    save_dialog::choose(shell.window, targets, default_name, filter_name, extensions).await
}

/// Asks for a folder with the system's dialog; the app may write in what the user chose.
pub async fn dialog_folder(shell: Shell<'_>, title: String) -> Reply<Option<String>> {
    folder_dialog::choose(shell.window, shell.targets.inner().clone(), title).await
}

/// Asks for a file to open with the system's dialog.
pub async fn dialog_open(
    shell: Shell<'_>,
    filter_name: String,
    extensions: Vec<String>,
) -> Reply<Option<String>> {
    open_dialog::choose(shell.window, filter_name, extensions).await
}

/// Writes an import's rejected rows to an .xlsx error report.
pub async fn import_error_report(
    shell: Shell<'_>,
    problems: Vec<RowProblem>,
    path: String,
    language: Language,
) -> Reply<()> {
    let path = shell.targets.check(Path::new(&path))?;
    blocking(move || import::write_error_report(&path, &problems, language).map_err(Into::into))
        .await
}

/// Exports customers to .xlsx or CSV.
pub async fn export_customers(shell: Shell<'_>, spec: ExportSpec) -> Reply<i64> {
    let spec = save_dialog::checked(&shell.targets, spec)?;
    let path = spec.path.clone().into();
    let export = shell
        .desk
        .with(move |d| export::export_customers(d.conn()?, &spec));
    exported::recording(&shell.targets, path, export).await
}

/// Exports the tag dictionary to .xlsx.
pub async fn export_dictionary(shell: Shell<'_>, path: String) -> Reply<i64> {
    let path = shell.targets.check(Path::new(&path))?;
    let written = path.clone();
    let export = shell
        .desk
        .with(move |d| export::export_dictionary(d.conn()?, &path));
    exported::recording(&shell.targets, written, export).await
}

/// Writes a table the window worded (the hub's audit trail); no database needed.
pub async fn export_table(shell: Shell<'_>, path: String, table: TableExport) -> Reply<i64> {
    let path = shell.targets.check(Path::new(&path))?;
    let written = path.clone();
    let export = blocking(move || export::export_table(&path, &table).map_err(Into::into));
    exported::recording(&shell.targets, written, export).await
}

/// Exports a segment's members.
pub async fn segments_export(shell: Shell<'_>, segment_id: i64, spec: ExportSpec) -> Reply<i64> {
    let spec = save_dialog::checked(&shell.targets, spec)?;
    let path = spec.path.clone().into();
    let export = shell
        .desk
        .with_index(move |conn, index, _| segments::export_members(conn, index, segment_id, &spec));
    exported::recording(&shell.targets, path, export).await
}

/// Opens a file an export wrote this session with the system's default program.
pub async fn export_open(shell: Shell<'_>, path: String) -> Reply<()> {
    exported::open(shell.targets.inner().clone(), path).await
}

/// Shows a file an export wrote this session in the system's file manager.
pub async fn export_reveal(shell: Shell<'_>, path: String) -> Reply<()> {
    exported::reveal(shell.targets.inner().clone(), path).await
}

/// Starts a team in a folder the user chose in the folder dialog.
pub async fn team_start(shell: Shell<'_>, folder: String, name: String) -> Reply<TeamStatus> {
    let folder = shell.targets.check_folder(Path::new(&folder))?;
    shell.desk.with(move |d| d.team_start(&folder, &name)).await
}

/// Joins the team in a folder the user chose in the folder dialog.
pub async fn team_join(shell: Shell<'_>, folder: String) -> Reply<TeamStatus> {
    let folder = shell.targets.check_folder(Path::new(&folder))?;
    shell.desk.with(move |d| d.team_join(&folder)).await
}

/// Writes an invitation file to a file the user chose in the save dialog.
pub async fn team_invitation_make(shell: Shell<'_>, path: String) -> Reply<InvitationMade> {
    let path = shell.targets.check(Path::new(&path))?;
    shell
        .desk
        .with(move |d| d.team_invitation_make(&path))
        .await
}

/// Writes a sync pack to a file the user chose in the save dialog.
pub async fn team_pack_make(shell: Shell<'_>, path: String) -> Reply<PackMade> {
    let path = shell.targets.check(Path::new(&path))?;
    shell.desk.with(move |d| d.team_pack_make(&path)).await
}

/// Waits, off the desk, for a colleague's change on the team hub (see `hub::wait_for_push`).
pub async fn hub_wait(shell: Shell<'_>, seconds: u32) -> Reply<bool> {
    let found = shell
        .desk
        .read(|c| {
            let link = tagdesk_core::hub::local::link(c)?;
            Ok(match link {
                Some(link) => Some((link, tagdesk_core::operations::device_id(c)?)),
                None => None,
            })
        })
        .await?;
    let Some((link, device)) = found else {
        return Ok(false);
    };
    let timeout = std::time::Duration::from_secs(u64::from(seconds.clamp(1, 60)));
    blocking(move || Ok(tagdesk_core::hub::wait_for_push(&link, &device, timeout)?)).await
}
