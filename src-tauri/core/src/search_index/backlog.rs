//! Search entries written after a large import instead of inside it.
//!
//! Writing both indexes for 100,000 new customers takes about a third of an import's time.
//! A large import therefore commits its customers without entries and records where they
//! start (`meta.search_backlog_from`: every customer from that id on has none yet). A thread of
//! the open database writes them a few thousand at a time right after
//! ([`crate::customers::search::catch_up_worker`]); until
//! it is done, a search asks the indexes for the customers before that id and checks the
//! fields of those after it ([`super::Query::matches`]), so it finds the same customers
//! throughout. The mark is written in the import's own transaction and moved forward in each
//! catch-up step's, so a crash at any point leaves it true, and the next opening finishes
//! the work.

use super::{PendingEntries, Searchable};
use crate::error::Result;
use rusqlite::{Connection, OptionalExtension, TransactionBehavior};

/// The mark's row in `meta`. Read and written here with SQL of its own rather than through
/// `db::meta_get`: the database layer calls this module when it opens a file, so this module
/// must not call it.
const KEY: &str = "search_backlog_from";

/// Imports adding fewer customers write their entries in their own transaction: the work
/// is too small to hand on.
pub const DEFER_FROM: usize = 5_000;

/// The first customer id without search entries, if any lack them.
pub fn start(conn: &Connection) -> Result<Option<i64>> {
    let value: Option<String> = conn
        .query_row("SELECT value FROM meta WHERE key = ?1", [KEY], |r| r.get(0))
        .optional()?;
    Ok(value.and_then(|v| v.parse().ok()))
}

/// Whether customer `id`'s entries are left to the catch-up (so nothing else may write them).
pub(super) fn holds(conn: &Connection, id: i64) -> Result<bool> {
    Ok(start(conn)?.is_some_and(|from| id >= from))
}

/// Leaves the entries of customers from `first_id` on to the catch-up.
pub(crate) fn defer(conn: &Connection, first_id: i64) -> Result<()> {
    let from = start(conn)?.map_or(first_id, |from| from.min(first_id));
    set(conn, from)
}

/// Moves the mark to `from`.
fn set(conn: &Connection, from: i64) -> Result<()> {
    conn.execute(
        "INSERT INTO meta(key, value) VALUES (?1, ?2)
         ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        [KEY, &from.to_string()],
    )?;
    Ok(())
}

/// Ends the backlog: every customer has entries.
fn clear(conn: &Connection) -> Result<()> {
    conn.execute("DELETE FROM meta WHERE key = ?1", [KEY])?;
    Ok(())
}

/// Writes the entries of up to `rows` customers of the backlog in one transaction; returns
/// whether any are left.
pub fn catch_up(conn: &mut Connection, rows: usize) -> Result<bool> {
    // Looked at before taking the write lock, which the worker would otherwise take every few
    // seconds for nothing: writers then wait, and a deferred transaction that read before
    // writing fails at once (SQLITE_BUSY, no waiting).
    if start(conn)?.is_none() {
        return Ok(false);
    }
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
            let text = |i: usize| -> rusqlite::Result<Option<&str>> {
                Ok(r.get_ref(i)?.as_str_or_null()?)
            };
            entries.add_new(
                id,
                &Searchable {
                    name: text(1)?.unwrap_or(""),
                    phone: text(2)?,
                    email: text(3)?,
                    company: text(4)?,
                },
            );
            last = Some(id);
        }
    }
    let more = entries.len() == rows;
    // The mark moves first: the entries below it are then this step's to write.
    match (more, last) {
        (true, Some(last)) => set(&tx, last + 1)?,
        _ => clear(&tx)?,
    }
    entries.write(&tx, usize::MAX, &mut |_| Ok(()))?;
    tx.commit()?;
    Ok(more)
}
