//! Work a crash cut off. A long write notes that it started, committed on its own, and takes
//! the note back inside the transaction that does the work: when the work commits the note
//! goes with it, when the process dies SQLite rolls the work back and the note stays. A note
//! found when a database opens therefore means "this was started and nothing of it was kept".

use crate::clock;
use crate::error::Result;
use crate::work::Work;
use rusqlite::{params, Connection, Transaction};
use serde::Serialize;
use ts_rs::TS;

/// Work that was started and never finished, found when the database was opened.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "InterruptedWork.ts")]
pub struct InterruptedWork {
    /// The import that was cut off.
    pub work: Work,
    pub actor: String,
    /// Unix seconds.
    pub started_at: i64,
}

/// The note of work under way; see the module's comment.
#[must_use = "the work must take its note back (`finish_within`) or give it up (`abandon`)"]
pub struct Note(i64);

/// Notes that `work` starts. Must be called outside any transaction: the note has to outlive
/// a rollback of the work.
pub fn begin(conn: &Connection, work: &Work, actor: &str) -> Result<Note> {
    debug_assert!(
        conn.is_autocommit(),
        "the note must be committed before the work"
    );
    let (what, detail) = work.stored();
    conn.execute(
        "INSERT INTO interrupted_work(what, detail, actor, started_at) VALUES (?1, ?2, ?3, ?4)",
        params![what, detail, actor, clock::now()],
    )?;
    Ok(Note(conn.last_insert_rowid()))
}

/// Takes the note back as part of the work's transaction.
pub fn finish_within(tx: &Transaction, note: &Note) -> Result<()> {
    tx.execute("DELETE FROM interrupted_work WHERE id = ?1", [note.0])?;
    Ok(())
}

/// Drops the note of work that failed or was cancelled in the open: the user was told then.
pub fn abandon(conn: &Connection, note: Note) -> Result<()> {
    conn.execute("DELETE FROM interrupted_work WHERE id = ?1", [note.0])?;
    Ok(())
}

/// The notes left by work that never finished, oldest first.
pub fn list(conn: &Connection) -> Result<Vec<InterruptedWork>> {
    let mut stmt = conn.prepare(
        "SELECT what, detail, actor, started_at FROM interrupted_work ORDER BY started_at, id",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(InterruptedWork {
            work: Work::from_stored(&r.get::<_, String>(0)?, r.get(1)?),
            actor: r.get(2)?,
            started_at: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Forgets the notes once the user has read them.
pub fn dismiss(conn: &Connection) -> Result<()> {
    conn.execute("DELETE FROM interrupted_work", [])?;
    Ok(())
}
