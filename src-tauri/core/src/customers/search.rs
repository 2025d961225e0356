//! Searching customers: the indexes and their text rules are [`crate::search_index`] (below the
//! database layer, which opens every connection with them); this adds the worker of an open
//! database that writes the entries a large import left to it.

pub use crate::search_index::{
    backlog_start, catch_up, index, index_new, live_matches, rebuild, register, Query, Searchable,
    DEFER_FROM,
};
pub(crate) use crate::search_index::{defer, PendingEntries};

use crate::db::{IntegrityCheck, Worker};
use crate::write_lock::UserFirst;
use std::path::PathBuf;
use std::sync::atomic::Ordering;
use std::time::Duration;

/// Customers given entries per catch-up transaction: ~50 ms of work, so an edit made
/// meanwhile waits no longer than that for the write lock.
const STEP: usize = 5_000;

/// The worker that writes an open database's pending entries: at opening (a crash may have
/// left some), when an import nudges it, and every few seconds (after a step that failed,
/// e.g. while a job held the database). Before each step it lets the user's work go first
/// (see [`UserFirst`]), and it never queues for the lock: a step that finds it taken gives up
/// at once and is tried on the next turn, so a job never waits for more than one step.
/// Nothing is written into a large file before its structure has been checked (`integrity`).
pub fn catch_up_worker(path: PathBuf, user: UserFirst, integrity: IntegrityCheck) -> Worker {
    Worker::spawn("search-catch-up", path, EVERY, move |conn, stop| {
        if conn.busy_timeout(Duration::ZERO).is_err() {
            return;
        }
        // A failed step is retried on the next turn; the mark still says what is left.
        while !stop.load(Ordering::Relaxed) && integrity.writes_allowed() {
            user.wait_turn(stop);
            if !matches!(catch_up(conn, STEP), Ok(true)) {
                break;
            }
        }
    })
}

const EVERY: Duration = Duration::from_secs(2);
