//! Database files that are not a plain, writable TagDesk database: empty (0 bytes), read-only,
//! or held by another program. Each is named for what it is instead of failing with the
//! engine's words or, worse, quietly becoming something else.

use super::{files, migrations, SCHEMA_VERSION};
use crate::error::{Error, Result};
use rusqlite::{Connection, ErrorCode, OpenFlags};
use std::path::Path;

/// How `db::open` opens a file it has been asked to open.
pub(super) enum Mode {
    ReadWrite,
    /// The file may not be written: it opens for reading only, without migrations or backups.
    ReadOnly,
}

/// Refuses an empty file and tells a read-only one apart from a writable one.
pub(super) fn mode(path: &Path) -> Result<Mode> {
    if files::is_empty(path) {
        return Err(Error::DatabaseEmpty(path.to_path_buf()));
    }
    Ok(if files::writable(path) {
        Mode::ReadWrite
    } else {
        Mode::ReadOnly
    })
}

pub(super) fn flags(mode: &Mode) -> OpenFlags {
    let access = match mode {
        Mode::ReadWrite => OpenFlags::SQLITE_OPEN_READ_WRITE,
        Mode::ReadOnly => OpenFlags::SQLITE_OPEN_READ_ONLY,
    };
    access | OpenFlags::SQLITE_OPEN_NO_MUTEX
}

/// Finishes opening a read-only file, which is checked already: it must be of this version,
/// since bringing an older one up to date would write to it.
pub(super) fn finish_read_only(conn: Connection, path: &Path, version: i64) -> Result<Connection> {
    if version < SCHEMA_VERSION {
        return Err(Error::ReadOnlyOutdated {
            path: path.to_path_buf(),
            found: version,
            supported: SCHEMA_VERSION,
        });
    }
    super::configure_reading(&conn).map_err(|e| super::corrupt(path, e))?;
    Ok(conn)
}

/// Starts a new, empty database in the 0-byte file at `path`, when the user chose to.
pub fn start_in_empty(path: &Path) -> Result<Connection> {
    if !path.is_file() || !files::is_empty(path) {
        return Err(Error::AlreadyExists(path.to_path_buf()));
    }
    files::make_owner_only(path)?;
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let mut conn = Connection::open_with_flags(path, flags).map_err(|e| busy(path, e))?;
    super::configure(&mut conn).map_err(|e| busy(path, e))?;
    migrations::apply(&mut conn)?;
    Ok(conn)
}

/// The lock another program holds, named as such; any other failure as it is.
pub(super) fn busy(path: &Path, e: rusqlite::Error) -> Error {
    match e.sqlite_error_code() {
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => {
            Error::DatabaseBusy(path.to_path_buf())
        }
        _ => Error::Sqlite(e),
    }
}

#[cfg(test)]
mod tests;
