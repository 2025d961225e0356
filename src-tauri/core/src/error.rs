//! One error type for the whole core. It crosses IPC as `{ code, problem }`: the UI switches
//! on a stable code and words the problem (a code with parameters) in its language, never
//! parsing a human sentence.

use crate::problem::{Problem, Thing};
use serde::Serialize;
use std::path::PathBuf;
use ts_rs::TS;

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug)]
pub enum Error {
    DatabaseMissing(PathBuf),
    DatabaseCorrupt {
        path: PathBuf,
        detail: String,
    },
    DatabaseTooNew {
        path: PathBuf,
        found: i64,
        supported: i64,
    },
    /// A 0-byte file: SQLite would silently make it a new, empty database.
    DatabaseEmpty(PathBuf),
    /// Another program holds the file's write lock (it is writing, or left a transaction open).
    DatabaseBusy(PathBuf),
    /// An encrypted database opened without its passphrase.
    PassphraseNeeded(PathBuf),
    /// A passphrase that does not open the encrypted database.
    PassphraseWrong(PathBuf),
    ReadOnlyOutdated {
        path: PathBuf,
        found: i64,
        supported: i64,
    },
    /// A file the window asked to write that the user neither chose in the save dialog nor
    /// named inside the data folder (`write_targets`).
    PathNotAllowed(PathBuf),
    /// A spreadsheet that cannot be read, and why.
    Spreadsheet {
        path: PathBuf,
        problem: Problem,
    },
    AlreadyExists(PathBuf),
    Cancelled,
    NoDatabase,
    NotFound {
        what: Thing,
        id: String,
    },
    /// A value or choice refused, at the input `field` (a form marks it).
    Invalid {
        field: String,
        problem: Problem,
    },
    /// The operation cannot be taken back: it is undone already or changed no tags.
    NothingToUndo(i64),
    /// Later operations changed the same customer-tag pairs; they must be undone with it.
    UndoBlocked {
        id: i64,
        later: Vec<i64>,
    },
    /// A search term with no letter or digit: it cannot filter, and ignoring it would match
    /// everyone (and "tag all matching" would tag everyone).
    SearchWithoutLetters(String),
    /// A condition nesting beyond the bounds of `conditions::depth`, at the node `at`.
    ConditionTooDeep {
        at: String,
        problem: Problem,
    },
    Migration(String),
    Sqlite(rusqlite::Error),
    Io(std::io::Error),
    Json(serde_json::Error),
}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        Error::Sqlite(e)
    }
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        Error::Io(e)
    }
}

impl From<serde_json::Error> for Error {
    fn from(e: serde_json::Error) -> Self {
        Error::Json(e)
    }
}

/// English, for logs and the CLI: the problem's wording, after the input or file it concerns.
impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::Invalid { field, problem } => write!(f, "{field}: {problem}"),
            Error::ConditionTooDeep { at, problem } => write!(f, "{at}: {problem}"),
            Error::Spreadsheet { path, problem } => write!(f, "{}: {problem}", path.display()),
            Error::Sqlite(e) => write!(f, "database error: {e}"),
            Error::Json(e) => write!(f, "malformed data: {e}"),
            other => write!(f, "{}", other.problem()),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Sqlite(e) => Some(e),
            Error::Io(e) => Some(e),
            Error::Json(e) => Some(e),
            _ => None,
        }
    }
}

impl Error {
    pub fn invalid(field: impl Into<String>, problem: Problem) -> Self {
        Error::Invalid {
            field: field.into(),
            problem,
        }
    }

    /// What went wrong as a code with parameters, for the UI and the reports to word.
    pub fn problem(&self) -> Problem {
        let path = |p: &PathBuf| p.display().to_string();
        match self {
            Error::DatabaseMissing(p) => Problem::DatabaseMissing { path: path(p) },
            Error::DatabaseCorrupt { path: p, detail } => Problem::DatabaseCorrupt {
                path: path(p),
                detail: detail.clone(),
            },
            Error::DatabaseTooNew {
                path: p,
                found,
                supported,
            } => Problem::DatabaseTooNew {
                path: path(p),
                found: *found,
                supported: *supported,
            },
            Error::DatabaseEmpty(p) => Problem::DatabaseEmpty { path: path(p) },
            Error::DatabaseBusy(p) => Problem::DatabaseBusy { path: path(p) },
            Error::PassphraseNeeded(p) => Problem::PassphraseNeeded { path: path(p) },
            Error::PassphraseWrong(p) => Problem::PassphraseWrong { path: path(p) },
            Error::ReadOnlyOutdated {
                path: p,
                found,
                supported,
            } => Problem::ReadOnlyOutdated {
                path: path(p),
                found: *found,
                supported: *supported,
            },
            Error::PathNotAllowed(p) => Problem::PathNotAllowed { path: path(p) },
            Error::AlreadyExists(p) => Problem::FileExists { path: path(p) },
            Error::Spreadsheet { problem, .. }
            | Error::Invalid { problem, .. }
            | Error::ConditionTooDeep { problem, .. } => problem.clone(),
            Error::Cancelled => Problem::Cancelled,
            Error::NoDatabase => Problem::NoDatabase,
            Error::NotFound { what, id } => Problem::NotFound {
                thing: *what,
                id: id.clone(),
            },
            Error::NothingToUndo(id) => Problem::NothingToUndo { operation: *id },
            Error::UndoBlocked { id, later } => Problem::UndoBlocked {
                operation: *id,
                later: later.clone(),
            },
            Error::SearchWithoutLetters(s) => Problem::SearchWithoutLetters { search: s.clone() },
            Error::Migration(detail) => Problem::Migration {
                detail: detail.clone(),
            },
            Error::Sqlite(_) => match self.code() {
                ErrorCode::ReadOnly => Problem::ReadOnly,
                ErrorCode::DatabaseBusy => Problem::BusyWriting,
                ErrorCode::DatabaseCorrupt => Problem::DamagedWriting,
                _ => Problem::Internal,
            },
            Error::Io(e) => Problem::FileError {
                detail: e.to_string(),
            },
            Error::Json(_) => Problem::Internal,
        }
    }

    pub fn code(&self) -> ErrorCode {
        match self {
            Error::DatabaseMissing(_) => ErrorCode::DatabaseMissing,
            Error::DatabaseCorrupt { .. } => ErrorCode::DatabaseCorrupt,
            Error::DatabaseTooNew { .. } => ErrorCode::DatabaseTooNew,
            Error::DatabaseEmpty(_) => ErrorCode::DatabaseEmpty,
            Error::DatabaseBusy(_) => ErrorCode::DatabaseBusy,
            Error::PassphraseNeeded(_) => ErrorCode::PassphraseNeeded,
            Error::PassphraseWrong(_) => ErrorCode::PassphraseWrong,
            Error::ReadOnlyOutdated { .. } => ErrorCode::ReadOnlyOutdated,
            Error::PathNotAllowed(_) => ErrorCode::PathNotAllowed,
            Error::AlreadyExists(_) => ErrorCode::AlreadyExists,
            Error::Spreadsheet { .. } => ErrorCode::Spreadsheet,
            Error::NoDatabase => ErrorCode::NoDatabase,
            Error::Cancelled => ErrorCode::Cancelled,
            Error::NotFound { .. } => ErrorCode::NotFound,
            Error::NothingToUndo(_) => ErrorCode::NothingToUndo,
            Error::UndoBlocked { .. } => ErrorCode::UndoBlocked,
            Error::Invalid { problem, .. } => match problem {
                Problem::NameTaken { .. } => ErrorCode::NameTaken,
                Problem::TagInUse { .. }
                | Problem::EventKindInUse { .. }
                | Problem::FieldInUse { .. } => ErrorCode::InUse,
                Problem::SegmentInUse { .. } => ErrorCode::SegmentInUse,
                _ => ErrorCode::Invalid,
            },
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
    /// The database is encrypted: the UI asks for its passphrase.
    PassphraseNeeded,
    /// The passphrase given does not open the database; nothing was changed.
    PassphraseWrong,
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
    /// A value or choice refused; `field` names the input, `problem` says why.
    Invalid,
    /// A name that another node, field or kind at the same place already has.
    NameTaken,
    /// A tag or event kind still in use; deleting it needs the user's confirmation.
    InUse,
    /// A segment other segments or rules use; it cannot be deleted until they stop.
    SegmentInUse,
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
    /// What went wrong, for the UI to word in its language (boxed: a reply's error stays small).
    pub problem: Box<Problem>,
    /// English detail for logs; the UI words `problem` instead.
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
            | Error::PassphraseNeeded(p)
            | Error::PassphraseWrong(p)
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
        let problem = e.problem();
        // The engine's own words ("UNIQUE constraint failed: …") help no user; they go to the
        // log, and the person reads the UI's wording of the problem.
        if matches!(problem, Problem::Internal) {
            eprintln!("tagdesk: {e}");
        }
        IpcError {
            code: e.code(),
            path: path.map(|p| p.display().to_string()),
            field,
            message: problem.to_string(),
            problem: Box::new(problem),
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
