//! Adding and removing one tag for a target set of customers.
//!
//! Inserts of many rows say `OR IGNORE`, which changes no row: see
//! `db/migrations/deferred_keys.rs`.

use super::{targets, BatchReport, TagSource, TagTarget};
use crate::clock;
use crate::error::{Error, Result};
use crate::operations::{self, OperationKind};
use crate::problem::{Problem, Thing};
use crate::provenance::BatchAction;
use crate::tags::stats;
use rusqlite::{params, Connection, OptionalExtension, Transaction};

/// Gives `tag_id` to every target customer who lacks it. In a single-select group the
/// customer's other tag of that group is taken off in the same transaction.
pub fn add(
    conn: &mut Connection,
    target: &TagTarget,
    tag_id: i64,
    source: TagSource,
    actor: &str,
) -> Result<BatchReport> {
    crate::db::with_bulk_cache(conn, |conn| {
        let tx = conn.transaction()?;
        let report = add_within(&tx, target, tag_id, source, actor)?;
        tx.commit()?;
        Ok(report)
    })
}

/// [`add`] inside a transaction the caller owns (an import tags within its own).
pub(crate) fn add_within(
    tx: &Transaction,
    target: &TagTarget,
    tag_id: i64,
    source: TagSource,
    actor: &str,
) -> Result<BatchReport> {
    let tag = assignable(tx, tag_id)?;
    targets::load(tx, target)?;
    let now = clock::now();
    let batch = open_batch(tx, BatchAction::Add, tag_id, source, actor, now)?;

    let replaced = match tag.single_group {
        Some(group) => {
            // Siblings held by target customers: remember them exactly, then drop.
            let moved = tx.prepare_cached("INSERT OR IGNORE INTO tag_batch_removed(batch_id, tag_id, customer_id, source, source_ref, actor, at)
                 SELECT ?1, a.tag_id, a.customer_id, a.source, a.source_ref, a.actor, a.at
                 FROM assignments a JOIN temp.tag_target t ON t.id = a.customer_id
                 WHERE a.tag_id IN (SELECT id FROM tag_nodes WHERE parent_id = ?2 AND id <> ?3)")?.execute(
                params![batch, group, tag_id],
            )? as i64;
            if moved > 0 {
                drop_removed(tx, batch)?;
            }
            moved
        }
        None => 0,
    };

    let added = tx.prepare_cached("INSERT OR IGNORE INTO tag_batch_members(batch_id, customer_id, tag_id, action)
         SELECT ?1, t.id, ?2, 'add' FROM temp.tag_target t
         WHERE NOT EXISTS (SELECT 1 FROM assignments a WHERE a.tag_id = ?2 AND a.customer_id = t.id)")?.execute(
        params![batch, tag_id],
    )? as i64;
    assign_members(tx, batch, tag_id, added, source, actor, now)?;
    stats::subtract_removed(tx, batch)?;
    let operation_id = close_batch(tx, batch, added)?;
    Ok(BatchReport {
        operation_id,
        batch_id: batch,
        changed: added,
        replaced,
    })
}

/// Gives `tag_id` to customers created in the caller's transaction, `ids` ascending. They hold
/// no tags yet, so nothing is replaced and nobody already has it: the checks [`add_within`]
/// makes per customer are skipped, and members and assignments are appended in key order.
/// An import's new rows are most of its tagging.
pub(crate) fn add_to_new_within(
    tx: &Transaction,
    ids: &[i64],
    tag_id: i64,
    source: TagSource,
    actor: &str,
) -> Result<BatchReport> {
    assignable(tx, tag_id)?;
    let now = clock::now();
    let batch = open_batch(tx, BatchAction::Add, tag_id, source, actor, now)?;
    let added = tx
        .prepare_cached(
            "INSERT OR IGNORE INTO tag_batch_members(batch_id, customer_id, tag_id, action)
         SELECT ?1, j.value, ?2, 'add' FROM json_each(?3) j",
        )?
        .execute(params![batch, tag_id, serde_json::to_string(ids)?])? as i64;
    assign_members(tx, batch, tag_id, added, source, actor, now)?;
    let operation_id = close_batch(tx, batch, added)?;
    Ok(BatchReport {
        operation_id,
        batch_id: batch,
        changed: added,
        replaced: 0,
    })
}

/// Gives the tag to the `added` customers the batch lists as added: the member list is written
/// first and the assignments copied from it, so the two cannot disagree about who got the tag.
/// They are live customers, so the tag's count grows by `added` without another pass.
fn assign_members(
    tx: &Transaction,
    batch: i64,
    tag_id: i64,
    added: i64,
    source: TagSource,
    actor: &str,
    now: i64,
) -> Result<()> {
    let (src, src_ref) = source.column();
    tx.prepare_cached(
        "INSERT OR IGNORE INTO assignments(tag_id, customer_id, source, source_ref, actor, at)
         SELECT tag_id, customer_id, ?2, ?3, ?4, ?5 FROM tag_batch_members
         WHERE batch_id = ?1 AND action = 'add'",
    )?
    .execute(params![batch, src, src_ref, actor, now])?;
    stats::adjust(tx, tag_id, added)
}

/// Takes `tag_id` off every target customer who has it.
pub fn remove(
    conn: &mut Connection,
    target: &TagTarget,
    tag_id: i64,
    source: TagSource,
    actor: &str,
) -> Result<BatchReport> {
    crate::db::with_bulk_cache(conn, |conn| remove_in(conn, target, tag_id, source, actor))
}

fn remove_in(
    conn: &mut Connection,
    target: &TagTarget,
    tag_id: i64,
    source: TagSource,
    actor: &str,
) -> Result<BatchReport> {
    let tx = conn.transaction()?;
    node_kind(&tx, tag_id)?;
    targets::load(&tx, target)?;
    let now = clock::now();
    let batch = open_batch(&tx, BatchAction::Remove, tag_id, source, actor, now)?;
    let removed = tx.prepare_cached("INSERT OR IGNORE INTO tag_batch_removed(batch_id, tag_id, customer_id, source, source_ref, actor, at)
         SELECT ?1, a.tag_id, a.customer_id, a.source, a.source_ref, a.actor, a.at
         FROM assignments a JOIN temp.tag_target t ON t.id = a.customer_id
         WHERE a.tag_id = ?2")?.execute(
        params![batch, tag_id],
    )? as i64;
    if removed > 0 {
        drop_removed(&tx, batch)?;
    }
    stats::adjust(&tx, tag_id, -removed)?;
    let operation_id = close_batch(&tx, batch, removed)?;
    tx.commit()?;
    Ok(BatchReport {
        operation_id,
        batch_id: batch,
        changed: removed,
        replaced: 0,
    })
}

struct Assignable {
    /// The parent group, when it is single-select.
    single_group: Option<i64>,
}

fn node_kind(tx: &Transaction, tag_id: i64) -> Result<(String, Option<i64>, bool)> {
    tx.prepare_cached(
        "SELECT kind, parent_id, archived_at IS NOT NULL FROM tag_nodes WHERE id = ?1",
    )?
    .query_row([tag_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
    .optional()?
    .ok_or(Error::NotFound {
        what: Thing::Tag,
        id: tag_id.to_string(),
    })
}

fn assignable(tx: &Transaction, tag_id: i64) -> Result<Assignable> {
    let (kind, parent, archived) = node_kind(tx, tag_id)?;
    if kind != "tag" {
        return Err(Error::invalid("tag", Problem::OnlyTagsAssignable));
    }
    if archived {
        return Err(Error::invalid("tag", Problem::TagArchived));
    }
    let single_group = match parent {
        Some(p) => tx
            .query_row(
                "SELECT id FROM tag_nodes WHERE id = ?1 AND kind = 'group' AND select_mode = 'single'",
                [p],
                |r| r.get(0),
            )
            .optional()?,
        None => None,
    };
    Ok(Assignable { single_group })
}

pub(super) fn open_batch(
    tx: &Transaction,
    action: BatchAction,
    tag_id: i64,
    source: TagSource,
    actor: &str,
    now: i64,
) -> Result<i64> {
    let (src, src_ref) = source.column();
    let operation = operations::for_batch(
        tx,
        operation_kind(action, source),
        src,
        actor,
        serde_json::json!({ "tag_id": tag_id }),
    )?;
    tx.prepare_cached(
        "INSERT INTO tag_batches(action, tag_id, source, source_ref, actor, at, changed, operation_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, 0, ?7)",
    )?
    .execute(params![action, tag_id, src, src_ref, actor, now, operation])?;
    Ok(tx.last_insert_rowid())
}

/// The kind of operation a batch outside a begun operation stands for.
fn operation_kind(action: BatchAction, source: TagSource) -> OperationKind {
    match (action, source) {
        (BatchAction::Undo, _) => OperationKind::Undo,
        (_, TagSource::Rule(_)) => OperationKind::RulesRun,
        (_, TagSource::Rfm) => OperationKind::RfmRun,
        (_, TagSource::Lifecycle) => OperationKind::LifecycleRun,
        (_, TagSource::Import) => OperationKind::ImportCustomers,
        (BatchAction::Remove, _) => OperationKind::TagRemove,
        _ => OperationKind::TagAdd,
    }
}

/// Records what `batch` changed and returns the operation it belongs to (every batch
/// [`open_batch`] makes has one).
pub(super) fn close_batch(tx: &Transaction, batch: i64, changed: i64) -> Result<i64> {
    let operation: i64 = tx
        .prepare_cached("UPDATE tag_batches SET changed = ?2 WHERE id = ?1 RETURNING operation_id")?
        .query_row(params![batch, changed], |r| r.get(0))?;
    operations::batch_closed(tx, operation, changed)?;
    Ok(operation)
}

/// Lists the assignments recorded in `tag_batch_removed` as the batch's removals and drops them.
pub(super) fn drop_removed(tx: &Transaction, batch: i64) -> Result<()> {
    tx.prepare_cached(
        "INSERT OR IGNORE INTO tag_batch_members(batch_id, customer_id, tag_id, action)
         SELECT batch_id, customer_id, tag_id, 'remove' FROM tag_batch_removed WHERE batch_id = ?1",
    )?
    .execute([batch])?;
    tx.prepare_cached(
        "DELETE FROM assignments WHERE (tag_id, customer_id) IN
         (SELECT tag_id, customer_id FROM tag_batch_removed WHERE batch_id = ?1)",
    )?
    .execute([batch])?;
    Ok(())
}
