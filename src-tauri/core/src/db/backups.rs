//! Backup copies of a database file, kept in a folder beside it. They are made before any
//! migration and can be restored when a file turns out damaged. Like the database, they are
//! readable by their owner only.

use super::{encryption, files, keyring};
use crate::error::{Error, Result};
use crate::problem::Problem;
use rusqlite::Connection;
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;
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
/// The copy of an encrypted database is encrypted with the same passphrase.
pub fn make_backup(conn: &Connection, db: &Path, reason: &str) -> Result<PathBuf> {
    if let Some(passphrase) = keyring::passphrase(db) {
        let never = AtomicBool::new(false);
        return make_backup_keyed(db, reason, Some(&passphrase), &|_, _| {}, &never);
    }
    let target = new_backup_file(db, reason)?;
    conn.backup(rusqlite::MAIN_DB, &target, None)?;
    Ok(target)
}

/// A backup of the database at `db` encrypted with `key` (plain for None), written through a
/// connection of its own; a cancel or failure leaves no partial backup behind.
pub(super) fn make_backup_keyed(
    db: &Path,
    reason: &str,
    key: Option<&str>,
    progress: &dyn Fn(usize, usize),
    cancel: &AtomicBool,
) -> Result<PathBuf> {
    let target = new_backup_file(db, reason)?;
    encryption::export(db, &target, key.unwrap_or(""), progress, cancel)
        .inspect_err(|_| files::remove_database(&target))?;
    Ok(target)
}

/// A new, empty, owner-only file in the backup folder, named for `reason` and the time.
fn new_backup_file(db: &Path, reason: &str) -> Result<PathBuf> {
    let dir = backup_dir(db);
    files::create_owner_only_dir(&dir)?;
    let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
    let stem = db.file_stem().unwrap_or_default().to_string_lossy();
    // Made empty with its mode first (SQLite would create it readable by everyone), under a
    // name of its own: a second backup within the same second gets a number.
    let mut n = 1;
    loop {
        let name = match n {
            1 => format!("{stem}-{stamp}-{reason}.sqlite"),
            n => format!("{stem}-{stamp}-{reason}-{n}.sqlite"),
        };
        match files::create_owner_only(&dir.join(&name)) {
            Ok(_) => return Ok(dir.join(name)),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && n < 100 => n += 1,
            Err(e) => return Err(e.into()),
        }
    }
}

/// Encrypts, with `passphrase`, the plain backups of a database that has just been
/// encrypted: a plain copy beside it would hand over what the encryption keeps.
pub(super) fn seal_plain_backups(db: &Path, passphrase: &str) -> Result<()> {
    let never = AtomicBool::new(false);
    for backup in list_backups(db)? {
        let plain = PathBuf::from(&backup.path);
        if encryption::is_encrypted(&plain) || files::is_empty(&plain) {
            continue;
        }
        let sealed = encryption::sibling(&plain, ".sealing");
        files::remove_database(&sealed);
        drop(files::create_owner_only(&sealed)?);
        let written = encryption::export(&plain, &sealed, passphrase, &|_, _| {}, &never)
            .and_then(|()| Ok(std::fs::rename(&sealed, &plain)?));
        if let Err(e) = written {
            files::remove_database(&sealed);
            return Err(e);
        }
    }
    Ok(())
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
        if !meta.is_file() || !is_backup_name(db, &entry.file_name()) {
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

/// `{stem}-YYYYMMDD-HHMMSS-{reason}.sqlite`, as `make_backup` names them.
fn is_backup_name(db: &Path, name: &std::ffi::OsStr) -> bool {
    let stem = db.file_stem().unwrap_or_default().to_string_lossy();
    let name = name.to_string_lossy();
    let Some(rest) = name
        .strip_prefix(&format!("{stem}-"))
        .and_then(|r| r.strip_suffix(".sqlite"))
    else {
        return false;
    };
    let stamp = rest.as_bytes();
    stamp.len() > 16
        && stamp[..15].iter().enumerate().all(|(i, b)| {
            if i == 8 {
                *b == b'-'
            } else {
                b.is_ascii_digit()
            }
        })
        && stamp[15] == b'-'
}

/// `backup` when it is one of `db`'s own backups: a backup-named file directly in its backup
/// folder, once links and `..` are resolved. Only such a file may replace the database.
fn own_backup(db: &Path, backup: &Path) -> Result<PathBuf> {
    let not_ours = || {
        Error::invalid(
            "backup",
            Problem::NotABackup {
                backup: backup.display().to_string(),
                database: db.display().to_string(),
            },
        )
    };
    let real = std::fs::canonicalize(backup).map_err(|_| not_ours())?;
    let folder = std::fs::canonicalize(backup_dir(db)).map_err(|_| not_ours())?;
    let named_as_backup = real.file_name().is_some_and(|n| is_backup_name(db, n));
    if real.parent() != Some(folder.as_path()) || !named_as_backup || !real.is_file() {
        return Err(not_ours());
    }
    Ok(real)
}

/// Puts `backup` in place of `db`. The file being replaced is renamed, never deleted, so a
/// restore can itself be undone by hand.
pub fn restore_backup(db: &Path, backup: &Path) -> Result<PathBuf> {
    let backup = own_backup(db, backup)?;
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
    std::fs::copy(&backup, db)?;
    files::make_owner_only(db)?;
    Ok(set_aside)
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_os_string();
    s.push(suffix);
    PathBuf::from(s)
}
