//! Files a shared folder holds, written so they appear whole or not at all: a reader (or a
//! cloud drive uploading) never sees a half-written file from this device, and a crash leaves
//! only a temp file no listing reads.

use super::folder::FolderError;
use serde::{de::DeserializeOwned, Serialize};
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

type Result<T, E = FolderError> = std::result::Result<T, E>;

pub(super) fn io_at(path: &Path) -> impl FnOnce(io::Error) -> FolderError + '_ {
    move |source| FolderError::Io {
        path: path.to_path_buf(),
        source,
    }
}

pub(super) fn json<T: Serialize>(value: &T) -> Vec<u8> {
    let mut text = serde_json::to_vec_pretty(value).expect("plain data serialises");
    text.push(b'\n');
    text
}

/// A JSON file, `None` when it is missing or does not parse yet (a cloud drive delivering it).
pub(super) fn read_json<T: DeserializeOwned>(path: &Path) -> Result<Option<T>> {
    match fs::read(path) {
        Ok(bytes) => Ok(serde_json::from_slice(&bytes).ok()),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(io_at(path)(e)),
    }
}

/// Writes `dir/name` so that it appears whole or not at all: temp name in the same folder,
/// write, fsync, rename over, fsync the folder (so the rename itself survives a power loss).
pub(super) fn write_once(dir: &Path, name: &str, bytes: &[u8]) -> Result<()> {
    let temp = stage(dir, name, bytes)?;
    publish(&temp, &dir.join(name))
}

/// The temp file's name starts with a dot and carries no chunk name, so no listing reads it.
pub(super) fn stage(dir: &Path, name: &str, bytes: &[u8]) -> Result<PathBuf> {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let temp = dir.join(format!(".{name}.tmp-{}-{nanos}", std::process::id()));
    let mut file = fs::File::create_new(&temp).map_err(io_at(&temp))?;
    file.write_all(bytes).map_err(io_at(&temp))?;
    file.sync_all().map_err(io_at(&temp))?;
    Ok(temp)
}

fn publish(temp: &Path, path: &Path) -> Result<()> {
    fs::rename(temp, path).map_err(io_at(path))?;
    // Windows cannot open a folder to sync it; NTFS journals the rename itself.
    #[cfg(unix)]
    if let Some(dir) = path.parent() {
        fs::File::open(dir)
            .and_then(|d| d.sync_all())
            .map_err(io_at(dir))?;
    }
    Ok(())
}

/// A leftover of a write that crashed before its rename.
pub(super) fn is_temp(name: &str) -> bool {
    name.starts_with('.') && name.contains(".tmp-")
}
