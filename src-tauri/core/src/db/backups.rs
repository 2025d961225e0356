//! Backup copies of a database file, kept in a folder beside it. They are made before any
//! migration and can be restored when a file turns out damaged.

use crate::error::{Error, Result};
use rusqlite::Connection;
use serde::Serialize;
use std::path::{Path, PathBuf};
use ts_rs::TS;

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export_to = "BackupInfo.ts")]
pub struct BackupInfo {
    pub path: String,
    /// Unix seconds of the file's modification time.
    pub made_at: i64,
    pub size_bytes: u64,
}

/// `customers.sqlite` keeps its backups in `customers.sqlite.backups/`.
fn backup_dir(db: &Path) -> PathBuf {
    let mut name = db.file_name().unwrap_or_default().to_os_string();
    name.push(".backups");
    db.with_file_name(name)
}

/// Copies the live database (consistently, through SQLite's backup API) into the backup folder.
pub fn make_backup(conn: &Connection, db: &Path, reason: &str) -> Result<PathBuf> {
    let dir = backup_dir(db);
    std::fs::create_dir_all(&dir)?;
    let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
    let stem = db.file_stem().unwrap_or_default().to_string_lossy();
    let target = dir.join(format!("{stem}-{stamp}-{reason}.sqlite"));
    conn.backup(rusqlite::MAIN_DB, &target, None)?;
    Ok(target)
}

/// Backups of `db`, newest first.
pub fn list_backups(db: &Path) -> Result<Vec<BackupInfo>> {
    let dir = backup_dir(db);
    if !dir.is_dir() {
        return Ok(Vec::new());
    }
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let meta = entry.metadata()?;
        if !meta.is_file() || entry.path().extension().is_none_or(|e| e != "sqlite") {
            continue;
        }
        let made_at = meta
            .modified()?
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() as i64);
        found.push(BackupInfo {
            path: entry.path().display().to_string(),
            made_at,
            size_bytes: meta.len(),
        });
    }
    found.sort_by(|a, b| b.made_at.cmp(&a.made_at).then(b.path.cmp(&a.path)));
    Ok(found)
}

/// Puts `backup` in place of `db`. The file being replaced is renamed, never deleted, so a
/// restore can itself be undone by hand.
pub fn restore_backup(db: &Path, backup: &Path) -> Result<PathBuf> {
    if !backup.starts_with(backup_dir(db)) || !backup.is_file() {
        return Err(Error::invalid(
            "backup",
            format!("{} is not a backup of {}", backup.display(), db.display()),
        ));
    }
    let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
    let set_aside = with_suffix(db, &format!(".replaced-{stamp}"));
    if db.exists() {
        std::fs::rename(db, &set_aside)?;
        // The write-ahead log belongs to the replaced file: it travels with it.
        for suffix in ["-wal", "-shm"] {
            let side = with_suffix(db, suffix);
            if side.exists() {
                std::fs::rename(&side, with_suffix(&set_aside, suffix))?;
            }
        }
    }
    std::fs::copy(backup, db)?;
    Ok(set_aside)
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_os_string();
    s.push(suffix);
    PathBuf::from(s)
}
