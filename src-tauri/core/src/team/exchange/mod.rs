//! How operations travel between laptops: the exchange files and the shared folder.

mod compaction;
pub mod container;
mod files;
pub mod folder;
pub mod pack;
pub mod ranges;
pub mod snapshots;

use crate::problem::Problem;
use container::Reason;

/// The problem the user sees for an exchange file `file` skipped for `reason`.
pub fn reason_problem(reason: &Reason, file: &str) -> Problem {
    let file = file.to_string();
    match reason {
        Reason::Truncated => Problem::ExchangeFileTruncated { file },
        Reason::Corrupted => Problem::ExchangeFileCorrupted { file },
        Reason::Foreign { .. } => Problem::ExchangeFileForeign { file },
        Reason::FutureVersion { found, supported } => Problem::ExchangeFileTooNew {
            file,
            found: i64::from(*found),
            supported: i64::from(*supported),
        },
        Reason::NotTagDesk => Problem::NotAnExchangeFile { file },
        Reason::WrongKind { .. } => Problem::ExchangeFileWrongKind { file },
    }
}
