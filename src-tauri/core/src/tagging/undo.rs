//! Reversing one batch, for undoing the operation it belongs to (see `operations::undo`).
//! The reversal is a batch of its own: what the batch added is taken off (the exact assignment
//! kept, so the reversal can be reversed in turn), what it removed is put back as it was.

use super::apply::{close_batch, drop_removed, open_batch};
use super::TagSource;
use crate::clock;
use crate::error::Result;
use crate::provenance::BatchAction;
use crate::tags::stats;
use rusqlite::{params, Transaction};

/// Reverses `batch` (of tag `tag`) inside the caller's transaction; returns how many
/// customer-tag pairs changed back.
pub(crate) fn reverse_batch(tx: &Transaction, batch: i64, tag: i64, actor: &str) -> Result<i64> {
    let reversal = open_batch(
        tx,
        BatchAction::Undo,
        tag,
        TagSource::Manual,
        actor,
        clock::now(),
    )?;
    tx.execute(
        "UPDATE tag_batches SET undoes = ?2 WHERE id = ?1",
        params![reversal, batch],
    )?;
    // What it gave and is still there comes off, remembered exactly.
    let taken_back = tx.execute(
        "INSERT INTO tag_batch_removed(batch_id, tag_id, customer_id, source, source_ref, actor, at)
         SELECT ?2, a.tag_id, a.customer_id, a.source, a.source_ref, a.actor, a.at
         FROM tag_batch_members m CROSS JOIN assignments a
           ON a.tag_id = m.tag_id AND a.customer_id = m.customer_id
         WHERE m.batch_id = ?1 AND m.action = 'add'",
        params![batch, reversal],
    )? as i64;
    if taken_back > 0 {
        drop_removed(tx, reversal)?;
    }
    // What it took away goes back with its original source, author and time.
    let put_back = tx.execute(
        "INSERT OR IGNORE INTO tag_batch_members(batch_id, customer_id, tag_id, action)
         SELECT ?2, r.customer_id, r.tag_id, 'add' FROM tag_batch_removed r
         WHERE r.batch_id = ?1 AND NOT EXISTS (
             SELECT 1 FROM assignments a WHERE a.tag_id = r.tag_id AND a.customer_id = r.customer_id)",
        params![batch, reversal],
    )? as i64;
    tx.execute(
        "INSERT OR IGNORE INTO assignments(tag_id, customer_id, source, source_ref, actor, at)
         SELECT r.tag_id, r.customer_id, r.source, r.source_ref, r.actor, r.at
         FROM tag_batch_removed r JOIN tag_batch_members m
           ON m.batch_id = ?2 AND m.customer_id = r.customer_id AND m.tag_id = r.tag_id
          AND m.action = 'add'
         WHERE r.batch_id = ?1",
        params![batch, reversal],
    )?;
    let changed = taken_back + put_back;
    stats::apply_batch(tx, reversal, changed)?;
    close_batch(tx, reversal, changed)?;
    tx.execute(
        "UPDATE tag_batches SET undone_by = ?2 WHERE id = ?1",
        params![batch, reversal],
    )?;
    Ok(changed)
}
