//! The save dialog, opened by the shell rather than the window: the place the user picks is
//! recorded in the write targets here, so a later export may write there while a path the
//! window merely names may not (`tagdesk_core::write_targets`).

use crate::desk_state::blocking;
use crate::test_dialogs;
use std::path::Path;
use std::sync::Arc;
use tagdesk_core::export::ExportSpec;
use tagdesk_core::write_targets::WriteTargets;
use tagdesk_core::IpcError;
use tauri::WebviewWindow;

/// Asks where to save, suggesting `default_name`; the chosen path, granted, or None when the
/// user cancels. The dialog waits on the blocking pool, never on the main thread.
pub async fn choose(
    window: WebviewWindow,
    targets: Arc<WriteTargets>,
    default_name: String,
    filter_name: String,
    extensions: Vec<String>,
) -> Result<Option<String>, IpcError> {
    blocking(move || {
        let extensions: Vec<&str> = extensions.iter().map(String::as_str).collect();
        let picked = test_dialogs::pick(&window, |dialog| {
            dialog
                .set_file_name(default_name)
                .add_filter(filter_name, &extensions)
                .blocking_save_file()
        });
        let Some(path) = picked else {
            return Ok(None);
        };
        let granted = targets.grant(&path)?;
        Ok(Some(granted.display().to_string()))
    })
    .await
}

/// `spec` writing to the real place its path names, when the app may write there.
pub fn checked(targets: &WriteTargets, spec: ExportSpec) -> Result<ExportSpec, IpcError> {
    let path = targets.check(Path::new(&spec.path))?;
    Ok(ExportSpec {
        path: path.display().to_string(),
        ..spec
    })
}
