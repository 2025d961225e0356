//! Undoing the most recent tagging batch. Undo is itself recorded: history only grows.

use super::{BatchInfo, BatchReport};
use crate::clock;
use crate::error::{Error, Result};
use rusqlite::{params, Connection, OptionalExtension};

/// The most recent batch, if any.
pub fn last_batch(conn: &Connection) -> Result<Option<BatchInfo>> {
    Ok(conn
        .query_row(
            "SELECT b.id, b.action, b.tag_id, n.name, b.changed, b.actor, b.at,
                    b.action <> 'undo' AND b.undone_by IS NULL
             FROM tag_batches b JOIN tag_nodes n ON n.id = b.tag_id
             ORDER BY b.id DESC LIMIT 1",
            [],
            |r| {
                Ok(BatchInfo {
                    batch_id: r.get(0)?,
                    action: r.get(1)?,
                    tag_id: r.get(2)?,
                    tag_name: r.get(3)?,
                    changed: r.get(4)?,
                    actor: r.get(5)?,
                    at: r.get(6)?,
                    can_undo: r.get(7)?,
                })
            },
        )
        .optional()?)
}

/// Reverses the most recent batch: what it added is taken off, what it removed (or replaced)
/// is put back with its original source, author and time.
pub fn undo_last(conn: &mut Connection, actor: &str) -> Result<BatchReport> {
    let tx = conn.transaction()?;
    let last = last_batch(&tx)?
        .filter(|b| b.can_undo)
        .ok_or_else(|| Error::invalid("undo", "there is no tagging operation to undo"))?;
    let batch = last.batch_id;
    let now = clock::now();
    tx.execute(
        "INSERT INTO tag_batches(action, tag_id, source, actor, at, changed, undoes)
         VALUES ('undo', ?1, 'manual', ?2, ?3, 0, ?4)",
        params![last.tag_id, actor, now, batch],
    )?;
    let undo = tx.last_insert_rowid();
    let taken_back = tx.execute(
        "INSERT INTO tag_batch_members(batch_id, customer_id, tag_id, action)
         SELECT ?2, m.customer_id, m.tag_id, 'remove' FROM tag_batch_members m
         WHERE m.batch_id = ?1 AND m.action = 'add'
           AND EXISTS (SELECT 1 FROM assignments a WHERE a.tag_id = m.tag_id AND a.customer_id = m.customer_id)",
        params![batch, undo],
    )?;
    tx.execute(
        "DELETE FROM assignments WHERE (tag_id, customer_id) IN
         (SELECT tag_id, customer_id FROM tag_batch_members WHERE batch_id = ?1 AND action = 'remove')",
        [undo],
    )?;
    let put_back = tx.execute(
        "INSERT OR IGNORE INTO tag_batch_members(batch_id, customer_id, tag_id, action)
         SELECT ?2, customer_id, tag_id, 'add' FROM tag_batch_removed WHERE batch_id = ?1",
        params![batch, undo],
    )?;
    tx.execute(
        "INSERT OR IGNORE INTO assignments(tag_id, customer_id, source, source_ref, actor, at)
         SELECT tag_id, customer_id, source, source_ref, actor, at
         FROM tag_batch_removed WHERE batch_id = ?1",
        [batch],
    )?;
    tx.execute("DELETE FROM tag_batch_removed", [])?;
    crate::tags::stats::apply_batch(&tx, undo)?;
    let changed = (taken_back + put_back) as i64;
    tx.execute(
        "UPDATE tag_batches SET changed = ?2 WHERE id = ?1",
        params![undo, changed],
    )?;
    tx.execute(
        "UPDATE tag_batches SET undone_by = ?2 WHERE id = ?1",
        params![batch, undo],
    )?;
    tx.commit()?;
    Ok(BatchReport {
        batch_id: undo,
        changed: last.changed,
        replaced: put_back as i64
            - if last.action == "remove" {
                last.changed
            } else {
                0
            },
    })
}
