//! The passphrases of the encrypted databases this process has unlocked, held in memory only
//! and never written anywhere. A database is read through several connections (the desk's,
//! the read pool, the checkpointer, the search catch-up, the index loader, the integrity
//! check), each opened by path in its own module; every one of them opens through
//! [`connect`], which keys it when the file's passphrase is known. Keeping the passphrase here
//! rather than threading it through every opener keeps it in one place to wipe.

use rusqlite::{Connection, OpenFlags};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, Once};
use zeroize::Zeroizing;

/// A passphrase, wiped from memory when dropped.
pub type Passphrase = Zeroizing<String>;

static KEYS: Mutex<Vec<(PathBuf, Passphrase)>> = Mutex::new(Vec::new());

/// The same file under any spelling of its path (relative, through a link).
fn identity(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}

fn keys() -> std::sync::MutexGuard<'static, Vec<(PathBuf, Passphrase)>> {
    KEYS.lock().unwrap_or_else(|p| p.into_inner())
}

/// Keeps `passphrase` for the file at `path` until [`forget`].
pub fn remember(path: &Path, passphrase: &str) {
    let id = identity(path);
    let mut keys = keys();
    keys.retain(|(p, _)| *p != id);
    keys.push((id, Zeroizing::new(passphrase.to_string())));
}

/// Drops (and wipes) the passphrase of the file at `path`.
pub fn forget(path: &Path) {
    let id = identity(path);
    keys().retain(|(p, _)| *p != id);
}

/// The passphrase of the file at `path`, if it was given.
pub fn passphrase(path: &Path) -> Option<Passphrase> {
    let id = identity(path);
    keys()
        .iter()
        .find(|(p, _)| *p == id)
        .map(|(_, k)| k.clone())
}

/// Opens the database at `path`, keyed with its passphrase when one is known. Every
/// connection to a database file goes through here.
pub fn connect(path: &Path, flags: OpenFlags) -> rusqlite::Result<Connection> {
    let conn = open(path, flags)?;
    if let Some(passphrase) = passphrase(path) {
        key(&conn, &passphrase)?;
    }
    Ok(conn)
}

/// Opens a connection without keying it. SQLCipher logs every failed page check (a wrong
/// passphrase) to stderr by default; the caller gets the failure as an error already.
pub fn open(path: &Path, flags: OpenFlags) -> rusqlite::Result<Connection> {
    static QUIET: Once = Once::new();
    let conn = Connection::open_with_flags(path, flags)?;
    QUIET.call_once(|| {
        let _ = conn.query_row("PRAGMA cipher_log_level = NONE", [], |_| Ok(()));
    });
    Ok(conn)
}

/// Gives `conn` its passphrase: it must be the first thing done on it, before anything reads.
/// Through the C call rather than `PRAGMA key`, so the passphrase never becomes SQL text.
pub fn key(conn: &Connection, passphrase: &str) -> rusqlite::Result<()> {
    let len = i32::try_from(passphrase.len()).map_err(|_| rusqlite::Error::InvalidQuery)?;
    // SAFETY: the handle is open for the life of `conn`; SQLCipher copies the key it is given.
    let rc = unsafe { rusqlite::ffi::sqlite3_key(conn.handle(), passphrase.as_ptr().cast(), len) };
    if rc == rusqlite::ffi::SQLITE_OK {
        Ok(())
    } else {
        Err(rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rc),
            Some("the passphrase could not be set".into()),
        ))
    }
}
