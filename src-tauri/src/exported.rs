//! Opening what an export wrote, from the shell: the window asks by path, the shell opens the
//! file (or its folder) only when an export wrote it this session, so the window holds no
//! permission to open anything else (`tagdesk_core::write_targets`).

use crate::desk_state::blocking;
use std::future::Future;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tagdesk_core::write_targets::WriteTargets;
use tagdesk_core::{Error, IpcError};

type Reply<T> = Result<T, IpcError>;

/// Runs an export that writes `path` (already checked) and records it as written when it succeeds.
pub async fn recording<T>(
    targets: &WriteTargets,
    path: PathBuf,
    export: impl Future<Output = Reply<T>>,
) -> Reply<T> {
    let done = export.await?;
    targets.wrote(&path);
    Ok(done)
}

/// Opens an exported file with the system's default program.
pub async fn open(targets: Arc<WriteTargets>, path: String) -> Reply<()> {
    blocking(move || {
        let file = targets.exported(Path::new(&path))?;
        tauri_plugin_opener::open_path(file, None::<&str>).map_err(opener_failed)
    })
    .await
}

/// Shows an exported file selected in the system's file manager.
pub async fn reveal(targets: Arc<WriteTargets>, path: String) -> Reply<()> {
    blocking(move || {
        let file = targets.exported(Path::new(&path))?;
        tauri_plugin_opener::reveal_item_in_dir(file).map_err(opener_failed)
    })
    .await
}

/// No program or file manager answered: an I/O problem with the opener's reason.
fn opener_failed(e: tauri_plugin_opener::Error) -> IpcError {
    Error::Io(std::io::Error::other(e.to_string())).into()
}
