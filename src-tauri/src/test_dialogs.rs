//! Where the shell's file dialogs open (`pick`), and their stand-in for the end-to-end tests:
//! WebDriver drives the web page but cannot reach a GTK dialog. In debug builds only, when
//! `TAGDESK_TEST_DIALOGS` names a file, a dialog does not open: it answers the path written in
//! that file and removes it, so each answer serves one dialog (no file: the user cancelled). The
//! answer then goes through the same grant as a real choice. Release builds have no such door.

use std::path::PathBuf;
use tauri::{WebviewWindow, Wry};
use tauri_plugin_dialog::{DialogExt, FileDialogBuilder, FilePath};

/// The path the user picks in the file dialog that `show` finishes and opens (a file to open or
/// save, or a folder), parented to `window`; in the tests, the stand-in's answer instead. None
/// when cancelled. It waits for the user: call it on the blocking pool.
pub fn pick(
    window: &WebviewWindow,
    show: impl FnOnce(FileDialogBuilder<Wry>) -> Option<FilePath>,
) -> Option<PathBuf> {
    answer().unwrap_or_else(|| {
        show(window.dialog().file().set_parent(window)).and_then(|p| p.into_path().ok())
    })
}

/// The environment variable naming the answer file.
#[cfg(debug_assertions)]
const ANSWER_FILE: &str = "TAGDESK_TEST_DIALOGS";

/// `Some(answer)` when the tests answer the dialogs (`None` inside: cancelled); `None` when the
/// real dialog is to open.
#[cfg(debug_assertions)]
fn answer() -> Option<Option<PathBuf>> {
    let file = std::env::var_os(ANSWER_FILE)?;
    let text = std::fs::read_to_string(&file).ok();
    let _ = std::fs::remove_file(&file);
    Some(text.map(|t| PathBuf::from(t.trim())))
}

/// Release builds always open the real dialog.
#[cfg(not(debug_assertions))]
fn answer() -> Option<Option<PathBuf>> {
    None
}
