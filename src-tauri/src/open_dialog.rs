//! The open dialog, opened by the shell like the save and folder dialogs, so the window needs no
//! dialog permission of its own and every dialog answers the end-to-end tests' stand-in
//! (`test_dialogs`). Reading a file grants nothing: the command that reads it takes the path.

use crate::desk_state::blocking;
use crate::test_dialogs;
use tagdesk_core::IpcError;
use tauri::WebviewWindow;

/// Asks for one existing file among `extensions`; its path, or None when the user cancels. The
/// dialog waits on the blocking pool, never on the main thread.
pub async fn choose(
    window: WebviewWindow,
    filter_name: String,
    extensions: Vec<String>,
) -> Result<Option<String>, IpcError> {
    blocking(move || {
        let extensions: Vec<&str> = extensions.iter().map(String::as_str).collect();
        let picked = test_dialogs::pick(&window, |dialog| {
            dialog
                .add_filter(filter_name, &extensions)
                .blocking_pick_file()
        });
        Ok(picked.map(|p| p.display().to_string()))
    })
    .await
}
