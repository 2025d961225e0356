//! Opening, creating and checking TagDesk database files. Every path into a database goes
//! through here so that the safety checks (integrity, version, backup before migrating)
//! cannot be skipped.

mod backups;
mod checkpoint;
mod encryption;
mod files;
mod integrity;
mod json;
mod keyring;
mod migrations;
mod reads;
mod unusual;
mod worker;

pub use backups::{list_backups, make_backup, restore_backup, BackupInfo};
pub use checkpoint::checkpointer;
pub use encryption::{
    change as change_encryption, is_encrypted, plain_copy, unlock, unlock_from_env, Target,
    MIN_PASSPHRASE_CHARS,
};
pub use files::{index_file_of, remove_database};
pub use integrity::IntegrityCheck;
pub(crate) use json::ids_json_of;
pub use json::{json_column, json_column_or};
pub use keyring::{connect, forget as forget_passphrase, passphrase as passphrase_of};
pub use migrations::SCHEMA_VERSION;
pub use reads::Reads;
pub use unusual::start_in_empty;
pub use worker::Worker;

use crate::error::{Error, Result};
use rusqlite::{Connection, ErrorCode, OpenFlags};
use std::path::Path;

/// Written into the SQLite header (`PRAGMA application_id`) so a TagDesk file can be told
/// apart from any other SQLite database. "TAGD" in ASCII.
const APPLICATION_ID: i64 = 0x5441_4744;

/// Opens an existing TagDesk database: checks it, backs it up and migrates it if it is older
/// than this program, refuses it if it is newer. Never creates a file. An empty file is
/// refused as such; a read-only one opens read-only (`Connection::is_readonly`).
pub fn open(path: &Path) -> Result<Connection> {
    if !path.is_file() {
        return Err(Error::DatabaseMissing(path.to_path_buf()));
    }
    let mode = unusual::mode(path)?;
    // Keyed before anything reads, when the file's passphrase was given (`unlock`).
    let mut conn = connect(path, unusual::flags(&mode)).map_err(|e| corrupt(path, e))?;
    let version = check(&conn, path)?;
    if version > SCHEMA_VERSION {
        return Err(Error::DatabaseTooNew {
            path: path.to_path_buf(),
            found: version,
            supported: SCHEMA_VERSION,
        });
    }
    if let unusual::Mode::ReadOnly = mode {
        return unusual::finish_read_only(conn, path, version);
    }
    configure(&mut conn).map_err(|e| corrupt(path, e))?;
    if version < SCHEMA_VERSION {
        if version > 0 {
            make_backup(&conn, path, &format!("before-migration-v{version}"))?;
        }
        migrations::apply(&mut conn)?;
        if (1..2).contains(&version) {
            // v2 added the search indexes, whose text SQL alone cannot derive.
            crate::search_index::rebuild(&mut conn)?;
        }
    }
    Ok(conn)
}

/// Creates a new, empty TagDesk database. Refuses to touch an existing file.
pub fn create(path: &Path) -> Result<Connection> {
    if path.exists() {
        return Err(Error::AlreadyExists(path.to_path_buf()));
    }
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    // Made empty with its mode first, so the customers in it are never readable by others.
    drop(files::create_owner_only(path)?);
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let mut conn = Connection::open_with_flags(path, flags)?;
    configure(&mut conn)?;
    migrations::apply(&mut conn)?;
    Ok(conn)
}

/// An in-memory database with the full schema, for tests and benchmarks.
pub fn open_in_memory() -> Result<Connection> {
    let mut conn = Connection::open_in_memory()?;
    configure(&mut conn)?;
    migrations::apply(&mut conn)?;
    Ok(conn)
}

/// What every connection needs, a read-only one included.
/// The page cache of a connection, in KiB (see `configure_reading`).
const CACHE_KIB: i64 = 64 * 1024;

/// The page cache while a team exchange applies what it received: a week of a team's work
/// writes tens of thousands of small changes all over the assignment and history tables, and
/// with the usual cache SQLite spilled pages to the log mid-transaction and read them back
/// (a fifth of the apply, docs/BENCHMARKS.md). Given back when the work ends.
const EXCHANGE_CACHE_KIB: i64 = 512 * 1024;

/// The page cache while one operation gives or takes a tag for many customers, or undoes such
/// an operation: its dirty pages (the tag's assignments, the customer index of assignments, the
/// batch's members) and the customers its keys look up did not fit in the usual cache once the
/// database had been written a while — a 200,000-customer bulk tag right after an undo re-read
/// its pages 2.2 million times and took 1.9 s instead of 0.44 s (docs/BENCHMARKS.md, team
/// exchange, session 21). Rules runs over everyone, RFM and lifecycle, which write a tag for
/// hundreds of thousands of customers in one batch, take it too (session 22: their first runs
/// over 1,000,000 customers 0.90×). Only pages the work touches are allocated, and they are
/// handed back to the system afterwards (`return_freed_pages`).
const BULK_CACHE_KIB: i64 = 256 * 1024;

/// Runs `work` with the larger page cache of an exchange, then gives the memory back.
pub(crate) fn with_exchange_cache<T>(
    conn: &mut Connection,
    work: impl FnOnce(&mut Connection) -> crate::error::Result<T>,
) -> crate::error::Result<T> {
    with_cache(conn, EXCHANGE_CACHE_KIB, work)
}

/// Runs `work` with the larger page cache of a bulk tag change, then gives the memory back.
pub(crate) fn with_bulk_cache<T>(
    conn: &mut Connection,
    work: impl FnOnce(&mut Connection) -> crate::error::Result<T>,
) -> crate::error::Result<T> {
    with_cache(conn, BULK_CACHE_KIB, work)
}

/// Runs `work` with a cache of at least `kib`, then sets back the cache it found: the usual
/// one, or the larger one of the work it runs inside (a bulk tag within an exchange keeps the
/// exchange's cache, during it and after).
fn with_cache<T>(
    conn: &mut Connection,
    kib: i64,
    work: impl FnOnce(&mut Connection) -> crate::error::Result<T>,
) -> crate::error::Result<T> {
    // Negative: in KiB, as every size this module sets.
    let before: i64 = conn.query_row("PRAGMA cache_size", [], |r| r.get(0))?;
    if before <= -kib {
        return work(conn);
    }
    conn.pragma_update(None, "cache_size", -kib)?;
    let result = work(conn);
    // Only when the work held more pages than the cache set back keeps is there any to hand
    // back: a hand tag of one customer also runs here, and the trim costs milliseconds.
    let outgrown = cache_bytes(conn) > -before * 1024;
    conn.pragma_update(None, "cache_size", before)?;
    if outgrown {
        return_freed_pages();
    }
    result
}

/// The memory `conn`'s page cache holds now, in bytes.
fn cache_bytes(conn: &Connection) -> i64 {
    let (mut current, mut highest) = (0, 0);
    // SAFETY: the handle is `conn`'s open database, used on this thread only while `conn` is
    // borrowed; `sqlite3_db_status` writes the two integers it is given and nothing else.
    let rc = unsafe {
        rusqlite::ffi::sqlite3_db_status(
            conn.handle(),
            rusqlite::ffi::SQLITE_DBSTATUS_CACHE_USED,
            &mut current,
            &mut highest,
            0,
        )
    };
    if rc == rusqlite::ffi::SQLITE_OK {
        i64::from(current)
    } else {
        0
    }
}

/// Hands the pages the smaller cache let go back to the system. SQLite frees them as the cache
/// shrinks, but into the C allocator's heap, which on Linux kept them: a rules run over
/// 1,000,000 customers left the app 180 MB larger for as long as it ran.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn return_freed_pages() {
    extern "C" {
        fn malloc_trim(pad: usize) -> std::ffi::c_int;
    }
    // SAFETY: glibc's `malloc_trim` takes no pointers; it returns free memory of the heap to
    // the system and may be called from any thread at any time.
    unsafe {
        malloc_trim(0);
    }
}

/// Elsewhere the system's allocator returns freed memory itself.
#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn return_freed_pages() {}

fn configure_reading(conn: &Connection) -> rusqlite::Result<()> {
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    conn.pragma_update(None, "foreign_keys", true)?;
    // SQLite's default page cache is 2 MB; a bulk operation on a million customers touches far
    // more index pages than that and would re-read them from the OS on every step. 64 MB keeps
    // bulk tagging 200,000 customers as fast as 128 MB did (481 vs 563 ms measured) and, with
    // the condition index, a million customers under 400 MB (docs/BENCHMARKS.md). A bulk tag,
    // its undo, and rules runs over everyone, RFM and lifecycle take a larger one while they run
    // (`with_bulk_cache`).
    conn.pragma_update(None, "cache_size", -CACHE_KIB)?;
    conn.pragma_update(None, "temp_store", "MEMORY")?;
    // rusqlite keeps 16 prepared statements by default; one received operation of a team
    // exchange runs more distinct ones than that (tags, clocks, batches, history), so each was
    // parsed again every time (a week of 50,000 operations spent seconds preparing).
    conn.set_prepared_statement_cache_capacity(256);
    crate::search_index::register(conn)
}

fn configure(conn: &mut Connection) -> rusqlite::Result<()> {
    configure_reading(conn)?;
    // Transactions take the write lock when they begin, waiting for it as above. A deferred
    // one that reads first and then wants to write while another connection (the search
    // catch-up, a second process) holds the lock or has just committed fails at once with
    // "database is locked", without waiting: an import or rules run right after a large
    // import did.
    conn.set_transaction_behavior(rusqlite::TransactionBehavior::Immediate);
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    // Checkpoints of large commits happen in the background (see `checkpointer`); this bound
    // only keeps the log in check where no checkpointer runs (CLI, tests).
    conn.pragma_update(None, "wal_autocheckpoint", 100_000)?;
    // The first write: when another program holds the file's write lock, opening fails here
    // (as `DatabaseBusy`, see `corrupt`) instead of at the user's first change.
    conn.pragma_update(None, "application_id", APPLICATION_ID)
}

/// Reads the header and runs the integrity check; returns the schema version.
fn check(conn: &Connection, path: &Path) -> Result<i64> {
    let header = |sql: &str| -> Result<i64> {
        conn.query_row(sql, [], |r| r.get(0))
            .map_err(|e| corrupt(path, e))
    };
    let version = header("PRAGMA user_version")?;
    let app_id = header("PRAGMA application_id")?;
    let tables = header("SELECT count(*) FROM sqlite_master")?;
    let is_blank = version == 0 && app_id == 0 && tables == 0;
    if app_id != APPLICATION_ID && !is_blank {
        return Err(Error::DatabaseCorrupt {
            path: path.to_path_buf(),
            detail: "it is an SQLite file of another program".into(),
        });
    }
    // A full check reads every page: instant for a demo-sized file, over a minute for a
    // million customers. Large files are checked in the background instead (`IntegrityCheck`).
    // A migration, though, writes before that check could report, so a large file that needs
    // one gets the quick structural check first (8 s for a million customers, docs/BENCHMARKS.md).
    let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    let found = if size <= FULL_CHECK_MAX_BYTES {
        integrity_check(conn)
    } else if (1..SCHEMA_VERSION).contains(&version) {
        verdict(conn, "PRAGMA quick_check(20)")
    } else {
        Ok(())
    };
    found.map_err(|detail| Error::DatabaseCorrupt {
        path: path.to_path_buf(),
        detail,
    })?;
    Ok(version)
}

/// Files up to this size get the full integrity check before they open.
pub const FULL_CHECK_MAX_BYTES: u64 = 128 * 1024 * 1024;

/// Runs SQLite's integrity check; Err carries what it found.
pub fn integrity_check(conn: &Connection) -> std::result::Result<(), String> {
    verdict(conn, "PRAGMA integrity_check(20)")
}

/// Runs a check pragma (`integrity_check`, `quick_check`); Err carries what it found.
fn verdict(conn: &Connection, pragma: &str) -> std::result::Result<(), String> {
    let verdict: String = conn
        .query_row(pragma, [], |r| r.get(0))
        .map_err(|e| e.to_string())?;
    if verdict == "ok" {
        Ok(())
    } else {
        Err(format!("integrity check failed: {verdict}"))
    }
}

fn corrupt(path: &Path, e: rusqlite::Error) -> Error {
    match e.sqlite_error_code() {
        // An encrypted file reads as "not a database" without its passphrase or with a wrong one.
        Some(ErrorCode::NotADatabase) if is_encrypted(path) => match keyring::passphrase(path) {
            Some(_) => Error::PassphraseWrong(path.to_path_buf()),
            None => Error::PassphraseNeeded(path.to_path_buf()),
        },
        Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt) => Error::DatabaseCorrupt {
            path: path.to_path_buf(),
            detail: "the file is not an SQLite database or its header is damaged".into(),
        },
        Some(ErrorCode::CannotOpen) => Error::DatabaseMissing(path.to_path_buf()),
        _ => unusual::busy(path, e),
    }
}

/// Reads a value from the `meta` table.
pub fn meta_get(conn: &Connection, key: &str) -> Result<Option<String>> {
    use rusqlite::OptionalExtension;
    Ok(conn
        .query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
        .optional()?)
}

/// Writes a value into the `meta` table.
pub fn meta_set(conn: &Connection, key: &str, value: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO meta(key, value) VALUES (?1, ?2)
         ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        [key, value],
    )?;
    Ok(())
}

/// Customers not deleted, from the counter the schema's triggers keep. Here, below both its
/// readers (the customer list, the tag tree), so that neither calls the other for it.
pub fn live_customers(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row(
        "SELECT value FROM counters WHERE name = 'live_customers'",
        [],
        |r| r.get(0),
    )?)
}

#[cfg(test)]
mod tests;
