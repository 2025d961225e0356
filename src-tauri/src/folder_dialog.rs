//! The folder dialog, opened by the shell rather than the window for the same reason as the
//! save dialog: the folder the user picks is recorded in the write targets, so the team's
//! shared folder may be written in while a folder the window merely names may not.

use crate::desk_state::blocking;
use crate::test_dialogs;
use std::sync::Arc;
use tagdesk_core::write_targets::WriteTargets;
use tagdesk_core::IpcError;
use tauri::WebviewWindow;

/// Asks for a folder under `title`; the chosen folder, granted, or None when the user cancels.
/// The dialog waits on the blocking pool, never on the main thread.
pub async fn choose(
    window: WebviewWindow,
    targets: Arc<WriteTargets>,
    title: String,
) -> Result<Option<String>, IpcError> {
    blocking(move || {
        let picked = test_dialogs::pick(&window, |dialog| {
            dialog.set_title(title).blocking_pick_folder()
        });
        let Some(path) = picked else {
            return Ok(None);
        };
        let granted = targets.grant_folder(&path)?;
        Ok(Some(granted.display().to_string()))
    })
    .await
}
