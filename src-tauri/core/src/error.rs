//! One error type for the whole core. It crosses IPC as `{ code, message }` so the UI can
//! switch on a stable code and never has to parse a human sentence.

use serde::Serialize;
use std::path::PathBuf;
use ts_rs::TS;

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("database file not found: {}", .0.display())]
    DatabaseMissing(PathBuf),
    #[error("database file {} is damaged or not a TagDesk database ({detail})", .path.display())]
    DatabaseCorrupt { path: PathBuf, detail: String },
    #[error(
        "database file {} was written by a newer TagDesk (schema version {found}, this version supports up to {supported})",
        .path.display()
    )]
    DatabaseTooNew {
        path: PathBuf,
        found: i64,
        supported: i64,
    },
    /// A 0-byte file: SQLite would silently make it a new, empty database.
    #[error("database file {} is empty (0 bytes)", .0.display())]
    DatabaseEmpty(PathBuf),
    /// Another program holds the file's write lock (it is writing, or left a transaction open).
    #[error("another program is using the database file {}", .0.display())]
    DatabaseBusy(PathBuf),
    #[error(
        "database file {} is read-only and needs updating to this version (schema version {found} to {supported}), which would write to it",
        .path.display()
    )]
    ReadOnlyOutdated {
        path: PathBuf,
        found: i64,
        supported: i64,
    },
    /// A file the window asked to write that the user neither chose in the save dialog nor
    /// named inside the data folder (`write_targets`).
    #[error("TagDesk writes only where you chose in the save dialog or inside its data folder, not to {}", .0.display())]
    PathNotAllowed(PathBuf),
    #[error("{}: {reason}", .path.display())]
    Spreadsheet { path: PathBuf, reason: String },
    #[error("file already exists and will not be overwritten: {}", .0.display())]
    AlreadyExists(PathBuf),
    #[error("cancelled; nothing was changed")]
    Cancelled,
    #[error("no database is open")]
    NoDatabase,
    #[error("{what} {id} not found")]
    NotFound { what: &'static str, id: String },
    #[error("{field}: {reason}")]
    Invalid { field: String, reason: String },
    /// The operation cannot be taken back: it is undone already or changed no tags.
    #[error("operation {0} cannot be undone: it is undone already or changed no tags")]
    NothingToUndo(i64),
    /// Later operations changed the same customer-tag pairs; they must be undone with it.
    #[error(
        "operation {id} cannot be undone alone: later operations {later:?} changed the same tags or records"
    )]
    UndoBlocked { id: i64, later: Vec<i64> },
    /// A search term with no letter or digit: it cannot filter, and ignoring it would match
    /// everyone (and "tag all matching" would tag everyone).
    #[error("a search needs at least one letter or digit, not “{0}”")]
    SearchWithoutLetters(String),
    /// A condition nesting beyond the bounds of `conditions::depth`, at the node `at`.
    #[error("{at}: {reason}")]
    ConditionTooDeep { at: String, reason: String },
    #[error("database migration failed: {0}")]
    Migration(String),
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("file error: {0}")]
    Io(#[from] std::io::Error),
    #[error("malformed data: {0}")]
    Json(#[from] serde_json::Error),
}

impl Error {
    pub fn invalid(field: impl Into<String>, reason: impl Into<String>) -> Self {
        Error::Invalid {
            field: field.into(),
            reason: reason.into(),
        }
    }

    pub fn code(&self) -> ErrorCode {
        match self {
            Error::DatabaseMissing(_) => ErrorCode::DatabaseMissing,
            Error::DatabaseCorrupt { .. } => ErrorCode::DatabaseCorrupt,
            Error::DatabaseTooNew { .. } => ErrorCode::DatabaseTooNew,
            Error::DatabaseEmpty(_) => ErrorCode::DatabaseEmpty,
            Error::DatabaseBusy(_) => ErrorCode::DatabaseBusy,
            Error::ReadOnlyOutdated { .. } => ErrorCode::ReadOnlyOutdated,
            Error::PathNotAllowed(_) => ErrorCode::PathNotAllowed,
            Error::AlreadyExists(_) => ErrorCode::AlreadyExists,
            Error::Spreadsheet { .. } => ErrorCode::Spreadsheet,
            Error::NoDatabase => ErrorCode::NoDatabase,
            Error::Cancelled => ErrorCode::Cancelled,
            Error::NotFound { .. } => ErrorCode::NotFound,
            Error::NothingToUndo(_) => ErrorCode::NothingToUndo,
            Error::UndoBlocked { .. } => ErrorCode::UndoBlocked,
            Error::Invalid { .. } => ErrorCode::Invalid,
            Error::SearchWithoutLetters(_) => ErrorCode::SearchWithoutLetters,
            Error::ConditionTooDeep { .. } => ErrorCode::ConditionTooDeep,
            Error::Migration(_) => ErrorCode::Migration,
            Error::Sqlite(e) => engine_code(e),
            Error::Io(_) => ErrorCode::Io,
            Error::Json(_) => ErrorCode::Internal,
        }
    }
}

/// Stable machine-readable error kinds; the UI switches on these.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    DatabaseMissing,
    DatabaseCorrupt,
    DatabaseTooNew,
    /// A 0-byte file; the problem screen offers to start a new database in it.
    DatabaseEmpty,
    /// Another program holds the file's write lock.
    DatabaseBusy,
    /// A change refused because the database file is open read-only.
    ReadOnly,
    /// A read-only file from an older version, which cannot be opened without updating it.
    ReadOnlyOutdated,
    /// A file to write that is neither a save dialog's choice nor inside the data folder.
    PathNotAllowed,
    AlreadyExists,
    /// A spreadsheet that cannot be read, with the file and the reason.
    Spreadsheet,
    NoDatabase,
    /// The user stopped a long job; it changed nothing.
    Cancelled,
    NotFound,
    /// The operation is undone already or changed nothing that can be taken back.
    NothingToUndo,
    /// Later operations changed the same tags or records; the UI offers to undo them together.
    UndoBlocked,
    Invalid,
    /// A search term with no letter or digit, refused rather than ignored.
    SearchWithoutLetters,
    /// Condition groups or segment references nest beyond the bounds; `field` names the node.
    ConditionTooDeep,
    Migration,
    Database,
    Io,
    Internal,
}

/// What an engine failure means to the user: a write on a file opened read-only, a lock held
/// by another program, or a commit the damage check refused (`db::IntegrityCheck::guard`) is
/// their situation to know about, not an internal fault.
fn engine_code(e: &rusqlite::Error) -> ErrorCode {
    use rusqlite::ErrorCode as Engine;
    match e {
        rusqlite::Error::SqliteFailure(f, _)
            if f.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_COMMITHOOK =>
        {
            ErrorCode::DatabaseCorrupt
        }
        _ => match e.sqlite_error_code() {
            Some(Engine::ReadOnly) => ErrorCode::ReadOnly,
            Some(Engine::DatabaseBusy | Engine::DatabaseLocked) => ErrorCode::DatabaseBusy,
            _ => ErrorCode::Database,
        },
    }
}

/// The serialised form of [`Error`] that crosses IPC.
#[derive(Debug, Clone, Serialize, TS)]
pub struct IpcError {
    pub code: ErrorCode,
    /// English detail for people and logs; the UI shows a localised headline chosen by `code`.
    pub message: String,
    /// The file concerned, when there is one, so the UI can name it.
    pub path: Option<String>,
    /// The input field at fault for `invalid`, so a form can mark it.
    pub field: Option<String>,
}

impl From<Error> for IpcError {
    fn from(e: Error) -> Self {
        let path = match &e {
            Error::DatabaseMissing(p)
            | Error::AlreadyExists(p)
            | Error::DatabaseEmpty(p)
            | Error::DatabaseBusy(p)
            | Error::PathNotAllowed(p) => Some(p),
            Error::DatabaseCorrupt { path, .. }
            | Error::DatabaseTooNew { path, .. }
            | Error::ReadOnlyOutdated { path, .. }
            | Error::Spreadsheet { path, .. } => Some(path),
            _ => None,
        };
        let field = match &e {
            Error::Invalid { field, .. } | Error::ConditionTooDeep { at: field, .. } => {
                Some(field.clone())
            }
            Error::SearchWithoutLetters(_) => Some("search".to_string()),
            _ => None,
        };
        let message = match (&e, e.code()) {
            (Error::Sqlite(_), ErrorCode::ReadOnly) => {
                "the database file is open read-only; the change was not saved".to_string()
            }
            (Error::Sqlite(_), ErrorCode::DatabaseBusy) => {
                "another program is using the database file; the change was not saved".to_string()
            }
            (Error::Sqlite(_), ErrorCode::DatabaseCorrupt) => {
                "the database file is damaged; the change was not saved".to_string()
            }
            // The engine's own words ("UNIQUE constraint failed: …") help no user; they go to
            // the log, and the person reads the UI's sentence for the code.
            (Error::Sqlite(_) | Error::Json(_), _) => {
                eprintln!("tagdesk: {e}");
                "an unexpected internal problem; the change was not saved".to_string()
            }
            (_, _) => e.to_string(),
        };
        IpcError {
            code: e.code(),
            path: path.map(|p| p.display().to_string()),
            field,
            message,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_database_engine_message_never_crosses_ipc() {
        let engine = rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(2067),
            Some("UNIQUE constraint failed: index_dirty.customer_id".into()),
        );
        let ipc = IpcError::from(Error::Sqlite(engine));
        assert_eq!(ipc.code, ErrorCode::Database);
        assert!(
            !ipc.message.contains("UNIQUE") && !ipc.message.contains("index_dirty"),
            "{}",
            ipc.message
        );
    }
}
