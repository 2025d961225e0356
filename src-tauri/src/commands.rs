//! IPC commands, one adapter each: take arguments, call one core function, map the error.
//! The list and its types are declared in `tagdesk_core::api`, from which the UI's
//! TypeScript is generated.

use crate::desk_state::DeskState;
use std::path::Path;
use tagdesk_core::customers::{self, CustomerQuery, CustomerRow, Page};
use tagdesk_core::desk::AppStatus;
use tagdesk_core::tags::{self, TagTree};
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
