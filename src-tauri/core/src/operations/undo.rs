//! Undoing any operation from the history, not only the newest. An operation can be taken
//! back alone while no later operation changed one of its customer-tag pairs; otherwise the
//! later ones are named and can be undone together with it (newest first). The undo is an
//! operation of its own, with one reversing batch per batch undone, so it can be undone too
//! (a redo): a reversing batch keeps the exact assignments it takes away. Edits of records
//! are undone by [`super::edits`], blocked by later edits of the same records.

use super::list::{find, not_found};
use super::{edits, imports, imports_undo, record, Operation, OperationKind};
use crate::error::{Error, Result};
use crate::tagging::reverse_batch;
use rusqlite::{params, Connection, Transaction};
use serde::Serialize;
use ts_rs::TS;

/// What an undo did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export_to = "UndoReport.ts")]
pub struct UndoReport {
    /// The operations taken back, newest first.
    pub undone: Vec<i64>,
    /// The undo operations written, one per operation taken back.
    pub undo_operations: Vec<i64>,
    /// Customer-tag pairs changed back.
    pub changed: i64,
    /// The follow-up work (rules; after events RFM and lifecycle) the records changed back
    /// owe, for the desk to do (see [`crate::follow_up`]).
    #[serde(skip)]
    #[ts(skip)]
    pub follow_ups: Vec<i64>,
}

/// The later operations, not among `ids`, that changed a customer-tag pair or a record one of
/// `ids` changed and are still in effect, oldest first.
pub fn blockers(conn: &Connection, ids: &[i64]) -> Result<Vec<Operation>> {
    let mut later: Vec<i64> = Vec::new();
    for &id in ids {
        let mut overlapping = overlapping_later(conn, id)?;
        overlapping.extend(edits::overlapping_later(conn, id)?);
        overlapping.extend(imports::overlapping_later(conn, id)?);
        overlapping.extend(super::edits_records::depending_later(conn, id)?);
        overlapping.extend(crate::tags::later_in_the_way(conn, id)?);
        for other in overlapping {
            if !ids.contains(&other) && !later.contains(&other) {
                later.push(other);
            }
        }
    }
    later.sort_unstable();
    later
        .into_iter()
        .map(|id| find(conn, id)?.ok_or_else(|| not_found(id)))
        .collect()
}

/// Takes back the operations `ids` (with none of their later overlapping operations left
/// out) in one transaction, newest first.
pub fn undo(conn: &mut Connection, ids: &[i64], actor: &str) -> Result<UndoReport> {
    crate::db::with_bulk_cache(conn, |conn| undo_in(conn, ids, actor))
}

fn undo_in(conn: &mut Connection, ids: &[i64], actor: &str) -> Result<UndoReport> {
    let tx = conn.transaction()?;
    let mut targets = ids.to_vec();
    targets.sort_unstable_by(|a, b| b.cmp(a));
    targets.dedup();
    for &id in &targets {
        let op = find(&tx, id)?.ok_or_else(|| not_found(id))?;
        if !op.can_undo {
            return Err(Error::NothingToUndo(id));
        }
    }
    let later: Vec<i64> = blockers(&tx, &targets)?.iter().map(|o| o.id).collect();
    if !later.is_empty() {
        let oldest = *targets.last().expect("at least one target");
        return Err(Error::UndoBlocked { id: oldest, later });
    }
    let mut report = UndoReport {
        undone: targets.clone(),
        undo_operations: vec![],
        changed: 0,
        follow_ups: vec![],
    };
    for &id in &targets {
        let (undo_op, changed, follow_up) = undo_one(&tx, id, actor)?;
        report.undo_operations.push(undo_op);
        report.changed += changed;
        report.follow_ups.extend(follow_up);
    }
    tx.commit()?;
    Ok(report)
}

/// Undoes `actor`'s own latest operation that can still be undone; None when there is none.
/// Later operations in its way are not taken back silently: the undo is refused naming them
/// (`UndoBlocked`), and the UI asks.
pub fn undo_mine(conn: &mut Connection, actor: &str) -> Result<Option<UndoReport>> {
    match super::own_latest(conn, actor, None)? {
        Some(latest) => undo(conn, &[latest.id], actor).map(Some),
        None => Ok(None),
    }
}

/// Takes back operation `id`: its batches, then its edit or its records (an import's). Returns
/// the undo operation, the pairs changed back and the follow-up work owed.
fn undo_one(tx: &Transaction, id: i64, actor: &str) -> Result<(i64, i64, Option<i64>)> {
    let open = record::begin(
        tx,
        OperationKind::Undo,
        crate::provenance::ChangeSource::Manual,
        actor,
        serde_json::json!({ "undoes": id }),
    )?;
    tx.execute(
        "UPDATE operations SET undoes = ?2 WHERE id = ?1",
        params![open.id(), id],
    )?;
    let batches: Vec<(i64, i64)> = tx
        .prepare_cached(
            "SELECT id, tag_id FROM tag_batches WHERE operation_id = ?1 ORDER BY id DESC",
        )?
        .query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut changed = 0;
    for (batch, tag) in batches {
        changed += reverse_batch(tx, batch, tag, actor)?;
    }
    // After the batches: a reversal counts tags of customers still live, before they go.
    let mut follow_up = None;
    let undo_op = match edits::load(tx, id)? {
        Some(edit) => {
            let customers = edits::undo(tx, edit, id, open.id(), actor)?;
            open.set_customers(tx, customers)?;
            open.finish(tx)?
        }
        None => {
            // The reversal touches the target's customers and tags, at most one per pair.
            let (customers, tags): (i64, i64) = tx.query_row(
                "SELECT customers, tags FROM operations WHERE id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?;
            let mut touched = customers.min(changed);
            if let Some(undone) = imports_undo::undo(tx, id, open.id(), actor)? {
                keep_file(tx, id, open.id())?;
                touched = customers.max(undone.customers);
                follow_up = undone.follow_up;
            }
            open.finish_counted(tx, touched, tags.min(changed))?
        }
    };
    tx.execute(
        "UPDATE operations SET undone_by = ?2 WHERE id = ?1",
        params![id, undo_op],
    )?;
    Ok((undo_op, changed, follow_up))
}

/// The undo of an import names its file too, as the history's details show it.
fn keep_file(tx: &Transaction, id: i64, undo: i64) -> Result<()> {
    tx.execute(
        "UPDATE operations SET detail = json_set(detail, '$.file',
             (SELECT json_extract(detail, '$.file') FROM operations WHERE id = ?1))
         WHERE id = ?2 AND (SELECT json_type(detail, '$.file') FROM operations WHERE id = ?1)
               IS NOT NULL",
        params![id, undo],
    )?;
    Ok(())
}

/// Later operations still in effect whose batches changed a pair that `id`'s batches changed.
/// A later operation that was undone, and the undo of an operation later than `id`, cancel
/// out and do not count.
fn overlapping_later(conn: &Connection, id: i64) -> Result<Vec<i64>> {
    let ids = conn
        .prepare_cached(
            "SELECT DISTINCT lb.operation_id
             FROM tag_batches lb JOIN operations lo ON lo.id = lb.operation_id
             WHERE lb.operation_id > ?1 AND lo.undone_by IS NULL
               AND (lo.undoes IS NULL OR lo.undoes < ?1)
               AND EXISTS (
                   SELECT 1 FROM tag_batch_members lm
                   WHERE lm.batch_id = lb.id AND EXISTS (
                       SELECT 1 FROM tag_batches tb JOIN tag_batch_members tm
                         ON tm.batch_id = tb.id AND tm.customer_id = lm.customer_id
                        AND tm.tag_id = lm.tag_id
                       WHERE tb.operation_id = ?1))
             ORDER BY lb.operation_id",
        )?
        .query_map([id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(ids)
}
