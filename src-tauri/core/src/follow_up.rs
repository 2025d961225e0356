//! Work owed after a write commits: the rules an import or edit triggers, and after an events
//! import the RFM and lifecycle refresh first. They run in transactions of their own after the
//! write's (the rules read the condition index, which learns of changes from committed rows),
//! so a crash between the two would leave the write without its rules, silently. The write
//! therefore records what it owes inside its own transaction, and the rules run deletes the
//! record inside its own: a record found when a database opens is work a crash cut off, which
//! the desk does then and reports ([`FinishedWork`]) until the user dismisses the notice.
//! Redoing a refresh or a rules run is harmless: both give the same tags a second time.

use crate::error::Result;
use crate::rules::RunTrigger;
use crate::work::Work;
use crate::{clock, rules};
use roaring::RoaringBitmap;
use rusqlite::{params, Connection, Transaction};
use serde::Serialize;
use ts_rs::TS;

/// What a write owes, as recorded.
#[derive(Debug, Clone, PartialEq)]
pub struct FollowUp {
    pub id: i64,
    pub work: Work,
    pub actor: String,
    pub started_at: i64,
    /// RFM and lifecycle are recomputed (where used before) ahead of the rules.
    pub refresh_value: bool,
    pub trigger: RunTrigger,
    pub customers: Vec<i64>,
}

/// Follow-up work a crash cut off, done when the database was next opened.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "FinishedWork.ts")]
pub struct FinishedWork {
    /// The write that owed the work.
    pub work: Work,
    pub actor: String,
    /// When the write that owed the work began (unix seconds).
    pub started_at: i64,
    /// When the work was done (unix seconds).
    pub finished_at: i64,
    /// Customers the rules ran over.
    pub customers: i64,
    /// RFM and lifecycle were recomputed.
    pub refreshed_value: bool,
    pub rules_added: i64,
    pub rules_removed: i64,
}

/// What a write owes, before it is recorded.
pub struct Owed<'a> {
    pub work: Work,
    pub actor: &'a str,
    pub refresh_value: bool,
    pub trigger: RunTrigger,
    pub customers: &'a [i64],
}

/// Records `owed` inside the write's own transaction; None when no customer was touched
/// (nothing is owed then).
pub fn record_within(tx: &Transaction, owed: &Owed) -> Result<Option<i64>> {
    if owed.customers.is_empty() {
        return Ok(None);
    }
    let ids: RoaringBitmap = owed
        .customers
        .iter()
        .filter_map(|id| u32::try_from(*id).ok())
        .collect();
    let mut blob = Vec::with_capacity(ids.serialized_size());
    ids.serialize_into(&mut blob)?;
    let (what, detail) = owed.work.stored();
    tx.execute(
        "INSERT INTO follow_up_work(what, detail, actor, started_at, refresh_value, trigger, customers)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            what,
            detail,
            owed.actor,
            clock::now(),
            owed.refresh_value,
            owed.trigger.as_str(),
            blob
        ],
    )?;
    Ok(Some(tx.last_insert_rowid()))
}

/// The follow-up `id`, if it is still owed.
pub fn get(conn: &Connection, id: i64) -> Result<Option<FollowUp>> {
    Ok(read(conn, "AND id = ?1", id)?.pop())
}

/// Everything still owed, oldest first: at an opening, what a crash cut off.
pub fn pending(conn: &Connection) -> Result<Vec<FollowUp>> {
    read(conn, "AND ?1 = ?1", 0)
}

fn read(conn: &Connection, filter: &str, arg: i64) -> Result<Vec<FollowUp>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT id, what, detail, actor, started_at, refresh_value, trigger, customers
         FROM follow_up_work WHERE finished_at IS NULL {filter} ORDER BY id"
    ))?;
    let rows = stmt.query_map([arg], |r| {
        let trigger: String = r.get(6)?;
        let blob: Vec<u8> = r.get(7)?;
        Ok((
            FollowUp {
                id: r.get(0)?,
                work: Work::from_stored(&r.get::<_, String>(1)?, r.get(2)?),
                actor: r.get(3)?,
                started_at: r.get(4)?,
                refresh_value: r.get(5)?,
                trigger: RunTrigger::parse(&trigger),
                customers: Vec::new(),
            },
            blob,
        ))
    })?;
    rows.map(|row| {
        let (mut follow_up, blob) = row?;
        let ids = RoaringBitmap::deserialize_from(blob.as_slice())?;
        follow_up.customers = ids.iter().map(i64::from).collect();
        Ok(follow_up)
    })
    .collect()
}

/// Settles follow-up `id` inside the transaction of its rules run (or on its own when no rule
/// ran): deleted when done right after its write, kept as a notice when done at an opening.
pub fn settle_within(
    conn: &Connection,
    id: i64,
    after_crash: bool,
    run: Option<&rules::RuleRun>,
) -> Result<()> {
    if after_crash {
        let (added, removed) = run.map_or((0, 0), |r| (r.added, r.removed));
        conn.execute(
            "UPDATE follow_up_work SET finished_at = ?2, rules_added = ?3, rules_removed = ?4
             WHERE id = ?1",
            params![id, clock::now(), added, removed],
        )?;
    } else {
        conn.execute("DELETE FROM follow_up_work WHERE id = ?1", [id])?;
    }
    Ok(())
}

/// The work done at an opening that the user has not dismissed yet, oldest first.
pub fn finished(conn: &Connection) -> Result<Vec<FinishedWork>> {
    let mut stmt = conn.prepare(
        "SELECT what, detail, actor, started_at, finished_at, refresh_value, customers,
                rules_added, rules_removed
         FROM follow_up_work WHERE finished_at IS NOT NULL ORDER BY id",
    )?;
    let rows = stmt.query_map([], |r| {
        let blob: Vec<u8> = r.get(6)?;
        Ok((
            FinishedWork {
                work: Work::from_stored(&r.get::<_, String>(0)?, r.get(1)?),
                actor: r.get(2)?,
                started_at: r.get(3)?,
                finished_at: r.get(4)?,
                refreshed_value: r.get(5)?,
                customers: 0,
                rules_added: r.get::<_, Option<i64>>(7)?.unwrap_or(0),
                rules_removed: r.get::<_, Option<i64>>(8)?.unwrap_or(0),
            },
            blob,
        ))
    })?;
    rows.map(|row| {
        let (mut work, blob) = row?;
        work.customers = RoaringBitmap::deserialize_from(blob.as_slice())?.len() as i64;
        Ok(work)
    })
    .collect()
}

/// Forgets the notices once the user has read them.
pub fn dismiss(conn: &Connection) -> Result<()> {
    conn.execute(
        "DELETE FROM follow_up_work WHERE finished_at IS NOT NULL",
        [],
    )?;
    Ok(())
}
