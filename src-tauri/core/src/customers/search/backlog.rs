//! Search entries written after a large import instead of inside it.
//!
//! Writing both indexes for 100,000 new customers takes about a third of an import's time.
//! A large import therefore commits its customers without entries and records where they
//! start (`meta.search_backlog_from`: every customer from that id on has none yet). A thread of
//! the open database writes them a few thousand at a time right after ([`CatchUp`]); until
//! it is done, a search asks the indexes for the customers before that id and checks the
//! fields of those after it ([`super::Query::matches`]), so it finds the same customers
//! throughout. The mark is written in the import's own transaction and moved forward in each
//! catch-up step's, so a crash at any point leaves it true, and the next opening finishes
//! the work.

use super::PendingEntries;
use crate::db;
use crate::error::Result;
use rusqlite::{Connection, OpenFlags, TransactionBehavior};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::Duration;

const KEY: &str = "search_backlog_from";

/// Imports adding fewer customers write their entries in their own transaction: the work
/// is too small to hand on.
pub const DEFER_FROM: usize = 5_000;

/// Customers given entries per catch-up transaction: ~50 ms of work, so an edit made
/// meanwhile waits no longer than that for the write lock.
const STEP: usize = 5_000;

/// The first customer id without search entries, if any lack them.
pub fn start(conn: &Connection) -> Result<Option<i64>> {
    Ok(db::meta_get(conn, KEY)?.and_then(|v| v.parse().ok()))
}

/// Whether customer `id`'s entries are left to the catch-up (so nothing else may write them).
pub(super) fn holds(conn: &Connection, id: i64) -> Result<bool> {
    Ok(start(conn)?.is_some_and(|from| id >= from))
}

/// Leaves the entries of customers from `first_id` on to the catch-up.
pub(crate) fn defer(conn: &Connection, first_id: i64) -> Result<()> {
    let from = start(conn)?.map_or(first_id, |from| from.min(first_id));
    db::meta_set(conn, KEY, &from.to_string())
}

/// Forgets the backlog (every customer's entries are being written anyway).
pub(super) fn clear(conn: &Connection) -> Result<()> {
    conn.execute("DELETE FROM meta WHERE key = ?1", [KEY])?;
    Ok(())
}

/// Writes the entries of up to `rows` customers of the backlog in one transaction; returns
/// whether any are left.
pub fn catch_up(conn: &mut Connection, rows: usize) -> Result<bool> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let Some(from) = start(&tx)? else {
        return Ok(false);
    };
    let mut entries = PendingEntries::default();
    let mut last = None;
    {
        let mut stmt = tx.prepare(
            "SELECT id, name, phone, email, company FROM customers
             WHERE id >= ?1 ORDER BY id LIMIT ?2",
        )?;
        let mut found = stmt.query(rusqlite::params![from, rows as i64])?;
        while let Some(r) = found.next()? {
            let id: i64 = r.get(0)?;
            let (name, phone, email, company): (
                String,
                Option<String>,
                Option<String>,
                Option<String>,
            ) = (r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?);
            entries.add_new(
                id,
                &super::Searchable {
                    name: &name,
                    phone: phone.as_deref(),
                    email: email.as_deref(),
                    company: company.as_deref(),
                },
            );
            last = Some(id);
        }
    }
    let more = entries.len() == rows;
    // The mark moves first: the entries below it are then this step's to write.
    match (more, last) {
        (true, Some(last)) => db::meta_set(&tx, KEY, &(last + 1).to_string())?,
        _ => clear(&tx)?,
    }
    entries.write(&tx, usize::MAX, &mut |_| Ok(()))?;
    tx.commit()?;
    Ok(more)
}

/// The thread that works the backlog off for an open database; stops when dropped.
pub struct CatchUp {
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

/// How often the thread looks for a backlog when nobody nudges it (after a failed step, e.g.
/// the database was busy for longer than the lock timeout).
const EVERY: Duration = Duration::from_secs(2);

impl CatchUp {
    pub fn spawn(path: PathBuf) -> CatchUp {
        let stop = Arc::new(AtomicBool::new(false));
        let flag = stop.clone();
        let thread = std::thread::Builder::new()
            .name("search-catch-up".into())
            .spawn(move || run(path, flag))
            .ok();
        CatchUp { stop, thread }
    }

    /// Starts on the backlog now (an import just left one).
    pub fn nudge(&self) {
        if let Some(thread) = &self.thread {
            thread.thread().unpark();
        }
    }
}

fn run(path: PathBuf, stop: Arc<AtomicBool>) {
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let Ok(mut conn) = Connection::open_with_flags(&path, flags) else {
        return;
    };
    if conn.busy_timeout(Duration::from_secs(5)).is_err() {
        return;
    }
    while !stop.load(Ordering::Relaxed) {
        // A failed step is retried on the next round; the mark still says what is left.
        while !stop.load(Ordering::Relaxed) && matches!(catch_up(&mut conn, STEP), Ok(true)) {}
        std::thread::park_timeout(EVERY);
    }
}

impl Drop for CatchUp {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(thread) = self.thread.take() {
            thread.thread().unpark();
            let _ = thread.join();
        }
    }
}
