//! A stand-in for the system's file dialogs, for the end-to-end tests: WebDriver drives the web
//! page but cannot reach a GTK dialog. In debug builds only, when `TAGDESK_TEST_DIALOGS` names a
//! file, a dialog does not open: it answers the path written in that file and removes it, so each
//! answer serves one dialog (no file: the user cancelled). The answer then goes through the same
//! grant as a real choice. Release builds have no such door.

use std::path::PathBuf;

/// The environment variable naming the answer file.
#[cfg(debug_assertions)]
const ANSWER_FILE: &str = "TAGDESK_TEST_DIALOGS";

/// `Some(answer)` when the tests answer the dialogs (`None` inside: cancelled); `None` when the
/// real dialog is to open.
#[cfg(debug_assertions)]
pub fn answer() -> Option<Option<PathBuf>> {
    let file = std::env::var_os(ANSWER_FILE)?;
    let text = std::fs::read_to_string(&file).ok();
    let _ = std::fs::remove_file(&file);
    Some(text.map(|t| PathBuf::from(t.trim())))
}

/// Release builds always open the real dialog.
#[cfg(not(debug_assertions))]
pub fn answer() -> Option<Option<PathBuf>> {
    None
}
