//! Encryption at rest (SQLCipher): a laptop's database can be locked with a passphrase the
//! person chooses, so a lost laptop does not hand over the customers. Encrypting, decrypting
//! and changing the passphrase are one move: the database is written into a new file with the
//! new key (`sqlcipher_export`), the new file is checked against the old, and only then takes
//! the old one's place by a rename. Anything that fails on the way leaves the original file as
//! it was. (SQLCipher's `PRAGMA rekey` rewrites the file in place instead: quicker, but a file
//! cut off mid-way, or the write-ahead log of another connection, would be at its mercy.)

use super::{backups, files, keyring};
use crate::error::{Error, Result};
use crate::problem::Problem;
use rusqlite::{Connection, OpenFlags};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

/// Shorter passphrases are refused: SQLCipher's key derivation slows guessing, it cannot make
/// a four-letter word safe.
pub const MIN_PASSPHRASE_CHARS: usize = 8;

/// The first bytes of every plain SQLite file.
const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// Whether the file at `path` looks like an encrypted database: not a plain SQLite file, its
/// size a whole number of pages, and its first page as varied as ciphertext (a text file, an
/// image or a truncated download is none of these). An encrypted file cannot be told apart
/// from random bytes, so this is what "needs a passphrase" rests on.
pub fn is_encrypted(path: &Path) -> bool {
    use std::io::Read;
    let mut bytes = Vec::with_capacity(4096);
    let read = std::fs::File::open(path).and_then(|f| f.take(4096).read_to_end(&mut bytes));
    let len = std::fs::metadata(path).map_or(0, |m| m.len());
    if read.is_err()
        || bytes.len() < 1024
        || bytes.starts_with(SQLITE_MAGIC)
        || !len.is_multiple_of(512)
    {
        return false;
    }
    let mut seen = [false; 256];
    for b in &bytes {
        seen[*b as usize] = true;
    }
    seen.iter().filter(|s| **s).count() >= 200
}

/// Checks `passphrase` against the encrypted database at `path` and, when it opens it, keeps
/// it in memory for every connection to that file. A wrong one changes nothing.
pub fn unlock(path: &Path, passphrase: &str) -> Result<()> {
    let conn = keyring::open(path, read_only())?;
    keyring::key(&conn, passphrase)?;
    let readable = conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| {
        r.get::<_, i64>(0)
    });
    match readable {
        Ok(_) => {
            keyring::remember(path, passphrase);
            Ok(())
        }
        Err(e) if e.sqlite_error_code() == Some(rusqlite::ErrorCode::NotADatabase) => {
            Err(Error::PassphraseWrong(path.to_path_buf()))
        }
        Err(e) => Err(e.into()),
    }
}

/// For the command line and scripts: unlocks the encrypted database at `path` with the
/// passphrase in the environment variable `TAGDESK_PASSPHRASE`, when it is encrypted and not
/// unlocked yet. Without the variable, opening it then fails with `passphrase_needed`.
pub fn unlock_from_env(path: &Path) -> Result<()> {
    if !is_encrypted(path) || keyring::passphrase(path).is_some() {
        return Ok(());
    }
    match std::env::var("TAGDESK_PASSPHRASE") {
        Ok(passphrase) => unlock(path, &zeroize::Zeroizing::new(passphrase)),
        Err(_) => Ok(()),
    }
}

/// What a change of encryption makes of the database.
pub enum Target<'a> {
    /// Encrypted with this passphrase (a plain file is encrypted, an encrypted one re-keyed).
    Encrypted(&'a str),
    Plain,
}

/// Rewrites the database at `db` as `target`, after a backup (itself encrypted unless the
/// result is plain: a plain copy beside an encrypted file would give it away). Every other
/// connection to the file must be closed. Returns the backup. Reports progress as bytes
/// written of the file's size; a cancel or any failure leaves the file as it was.
pub fn change(
    db: &Path,
    target: Target,
    progress: &dyn Fn(usize, usize),
    cancel: &AtomicBool,
) -> Result<PathBuf> {
    let new_key = match target {
        Target::Encrypted(p) => Some(checked(p)?),
        Target::Plain => None,
    };
    let old_key = keyring::passphrase(db);
    if old_key.is_none() && is_encrypted(db) {
        return Err(Error::PassphraseNeeded(db.to_path_buf()));
    }
    if old_key.is_none() && new_key.is_none() {
        return Err(Error::invalid("passphrase", Problem::NotEncrypted));
    }
    let source = keyring::connect(db, read_write()).map_err(|e| super::corrupt(db, e))?;
    fold_log(&source, db)?;
    let reason = match (&old_key, &new_key) {
        (None, _) => "before-encryption",
        (Some(_), None) => "before-decryption",
        (Some(_), Some(_)) => "before-passphrase-change",
    };
    // The backup is the first half of the work, the new file the second.
    let backup = backups::make_backup_keyed(
        db,
        reason,
        new_key.or(old_key.as_ref().map(|k| k.as_str())),
        &|done, total| progress(done, 2 * total),
        cancel,
    )?;
    let fresh = sibling(db, ".converting");
    files::remove_database(&fresh);
    let written = files::create_owner_only(&fresh)
        .map_err(Error::from)
        .and_then(|_| {
            let half = |done, total| progress(total + done, 2 * total);
            export(db, &fresh, new_key.unwrap_or(""), &half, cancel)
        })
        .and_then(|()| verify(&source, &fresh, new_key));
    drop(source);
    if let Err(e) = written.and_then(|()| swap(&fresh, db)) {
        files::remove_database(&fresh);
        return Err(e);
    }
    match new_key {
        Some(p) => {
            keyring::remember(db, p);
            // Written in the clear; an encrypted database's index is rebuilt at each opening.
            let _ = std::fs::remove_file(files::index_file_of(db));
            backups::seal_plain_backups(db, p)?;
        }
        None => keyring::forget(db),
    }
    Ok(backup)
}

/// The passphrase, if long enough.
fn checked(passphrase: &str) -> Result<&str> {
    if passphrase.chars().count() < MIN_PASSPHRASE_CHARS {
        return Err(Error::invalid(
            "passphrase",
            Problem::PassphraseTooShort {
                min: MIN_PASSPHRASE_CHARS as i64,
            },
        ));
    }
    Ok(passphrase)
}

/// Moves everything in the write-ahead log into the file and empties the log, so the file
/// alone is the database while it is copied and replaced. Fails when another connection holds
/// the file (it would keep writing into the old one).
fn fold_log(conn: &Connection, db: &Path) -> Result<()> {
    let busy: i64 = conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| r.get(0))?;
    if busy != 0 {
        return Err(Error::DatabaseBusy(db.to_path_buf()));
    }
    Ok(())
}

/// Writes the database at `db` into `fresh` (an empty file its caller made owner-only),
/// encrypted with `key` or plain for an empty key, through a connection of its own on another
/// thread: this one reports the new file's growth and, on a cancel, interrupts the copy
/// (SQLite then rolls it back).
pub(super) fn export(
    db: &Path,
    fresh: &Path,
    key: &str,
    progress: &dyn Fn(usize, usize),
    cancel: &AtomicBool,
) -> Result<()> {
    let total = std::fs::metadata(db).map_or(1, |m| m.len().max(1)) as usize;
    let copied = std::thread::scope(|s| {
        let (handle_tx, handle_rx) = std::sync::mpsc::channel();
        let copy = s.spawn(move || -> Result<()> {
            let source = keyring::connect(db, read_write()).map_err(|e| super::corrupt(db, e))?;
            source.busy_timeout(std::time::Duration::from_secs(5))?;
            let _ = handle_tx.send(source.get_interrupt_handle());
            let copied = copy_into(&source, fresh, key);
            let _ = source.execute("DETACH DATABASE fresh", []);
            Ok(copied?)
        });
        let interrupt = handle_rx.recv().ok();
        while !copy.is_finished() {
            let done = std::fs::metadata(fresh).map_or(0, |m| m.len()) as usize;
            progress(done.min(total), total);
            if cancel.load(Ordering::Relaxed) {
                if let Some(handle) = &interrupt {
                    handle.interrupt();
                }
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        copy.join().unwrap_or(Err(Error::Cancelled))
    });
    // An interrupted copy fails with the engine's words; the cancel is what happened.
    if cancel.load(Ordering::Relaxed) {
        return Err(Error::Cancelled);
    }
    copied?;
    progress(total, total);
    Ok(())
}

/// A plain copy of the open database at `to` (a new file): what leaves this laptop for colleagues (a team snapshot, the hub's copy), who open it
/// with their own passphrase or none. `VACUUM INTO` of an encrypted database would write it
/// encrypted with this laptop's key.
pub fn plain_copy(conn: &Connection, to: &Path) -> Result<()> {
    let _ = std::fs::remove_file(to);
    let encrypted = conn
        .path()
        .is_some_and(|p| !p.is_empty() && keyring::passphrase(Path::new(p)).is_some());
    if !encrypted {
        conn.execute("VACUUM INTO ?1", [to.display().to_string()])?;
        return Ok(());
    }
    // The app's connections may not create files: an empty file is an empty database to attach.
    std::fs::File::create(to)?;
    // The app's writes go through this same connection, one at a time: none can land halfway.
    let copied = copy_into(conn, to, "");
    let _ = conn.execute("DETACH DATABASE fresh", []);
    Ok(copied?)
}

fn copy_into(source: &Connection, fresh: &Path, key: &str) -> rusqlite::Result<()> {
    let fresh = fresh.to_string_lossy();
    source.execute("ATTACH DATABASE ?1 AS fresh KEY ?2", [&*fresh, key])?;
    source.query_row("SELECT sqlcipher_export('fresh')", [], |_| Ok(()))?;
    // The export copies tables and rows, not the header's numbers TagDesk reads on opening.
    let version: i64 = source.query_row("PRAGMA main.user_version", [], |r| r.get(0))?;
    let app_id: i64 = source.query_row("PRAGMA main.application_id", [], |r| r.get(0))?;
    source.execute_batch(&format!(
        "PRAGMA fresh.user_version = {version}; PRAGMA fresh.application_id = {app_id};"
    ))
}

/// Opens `fresh` with its key, as the next start will, and checks it holds what `source`
/// holds: SQLite's own check, then the number of rows of every table.
fn verify(source: &Connection, fresh: &Path, key: Option<&str>) -> Result<()> {
    let copy = keyring::open(fresh, read_only())?;
    if let Some(key) = key {
        keyring::key(&copy, key)?;
    }
    let differs = |detail: String| Error::Migration(format!("the new file differs: {detail}"));
    super::verdict(&copy, "PRAGMA quick_check(20)").map_err(differs)?;
    let tables: Vec<String> = source
        .prepare(
            "SELECT name FROM main.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
        )?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for table in tables {
        // Names from the schema, quoted: no user text reaches this SQL.
        let sql = format!("SELECT count(*) FROM \"{}\"", table.replace('"', "\"\""));
        let count = |c: &Connection| c.query_row(&sql, [], |r| r.get::<_, i64>(0));
        if count(source)? != count(&copy)? {
            return Err(differs(format!("table {table}")));
        }
    }
    Ok(())
}

/// Puts `fresh` in place of `db` in one rename, with no log of the old file left to be
/// replayed into the new one.
fn swap(fresh: &Path, db: &Path) -> Result<()> {
    for suffix in ["-wal", "-shm"] {
        let side = sibling(db, suffix);
        if std::fs::metadata(&side).is_ok_and(|m| m.len() > 0) && suffix == "-wal" {
            return Err(Error::DatabaseBusy(db.to_path_buf()));
        }
        let _ = std::fs::remove_file(side);
    }
    std::fs::rename(fresh, db)?;
    if let Some(dir) = db.parent() {
        // The rename itself reaches the disk.
        let _ = std::fs::File::open(dir).and_then(|d| d.sync_all());
    }
    Ok(())
}

pub(super) fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_os_string();
    s.push(suffix);
    PathBuf::from(s)
}

fn read_only() -> OpenFlags {
    OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX
}

fn read_write() -> OpenFlags {
    OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX
}
