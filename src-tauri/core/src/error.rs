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
            Error::AlreadyExists(_) => ErrorCode::AlreadyExists,
            Error::Spreadsheet { .. } => ErrorCode::Spreadsheet,
            Error::NoDatabase => ErrorCode::NoDatabase,
            Error::Cancelled => ErrorCode::Cancelled,
            Error::NotFound { .. } => ErrorCode::NotFound,
            Error::Invalid { .. } => ErrorCode::Invalid,
            Error::SearchWithoutLetters(_) => ErrorCode::SearchWithoutLetters,
            Error::ConditionTooDeep { .. } => ErrorCode::ConditionTooDeep,
            Error::Migration(_) => ErrorCode::Migration,
            Error::Sqlite(_) => ErrorCode::Database,
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
    AlreadyExists,
    /// A spreadsheet that cannot be read, with the file and the reason.
    Spreadsheet,
    NoDatabase,
    /// The user stopped a long job; it changed nothing.
    Cancelled,
    NotFound,
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
            Error::DatabaseMissing(p) | Error::AlreadyExists(p) => Some(p),
            Error::DatabaseCorrupt { path, .. }
            | Error::DatabaseTooNew { path, .. }
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
        let message = match &e {
            // The engine's own words ("UNIQUE constraint failed: …") help no user; they go to
            // the log, and the person reads the UI's sentence for the code.
            Error::Sqlite(_) | Error::Json(_) => {
                eprintln!("tagdesk: {e}");
                "an unexpected internal problem; the change was not saved".to_string()
            }
            _ => e.to_string(),
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
