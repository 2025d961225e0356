//! The writes of a run (see the module above): each operation's batches opened in its order
//! with its inbox cases, then every batch's members and assignments at once.
//!
//! Inserts of many rows say `OR IGNORE`, which changes no row: see
//! `db/migrations/deferred_keys.rs`.

use super::checks::Decided;
use super::RunOp;
use crate::error::Result;
use crate::provenance::BatchAction;
use crate::tagging::TagSource;
use crate::team::inbox::{self, Case};
use crate::team::tag_pairs::uid_of;
use rusqlite::{params, Transaction};
use std::collections::BTreeSet;

/// Opens each operation's batches in its order (the change's own, then the group's other tags
/// it takes off) and records its inbox cases as `tag_pairs::apply` does; returns the batches
/// as (batch, change, tag, the change's own).
pub(super) fn open_batches(
    tx: &Transaction,
    ops: &[RunOp],
    decided: &Decided,
) -> Result<Vec<(i64, i64, i64, bool)>> {
    let mut batches = Vec::new();
    // The cases this run's changes could settle are open before it: a case the run opens is
    // for a (customer, group) key of its own change, which no other change of the run shares.
    let open_drops = inbox::dropped_in_open_cases(tx)?;
    let mut k: i64 = 0;
    for op in ops {
        for change in &op.changes {
            for &(customer, kept) in decided.overridden.get(&k).into_iter().flatten() {
                let case = Case::SingleSelect {
                    customer: uid_of(tx, "customers", customer)?,
                    kept: uid_of(tx, "tag_nodes", kept)?,
                    dropped: change.tag_uid.clone(),
                };
                inbox::record(tx, &op.uid, &case, op.at)?;
            }
            let Some(winners) = decided.winners.get(&k) else {
                k += 1;
                continue;
            };
            let action = match change.present {
                true => BatchAction::Add,
                false => BatchAction::Remove,
            };
            let batch = open_batch(tx, op, action, change.tag.id, change.source)?;
            batches.push((batch, k, change.tag.id, true));
            if change.present && change.tag.group.is_some() {
                let held = decided.held.get(&k).map(Vec::as_slice).unwrap_or_default();
                let mut others = BTreeSet::new();
                for &(customer, other, chosen) in held {
                    others.insert(other);
                    if chosen {
                        let case = Case::SingleSelect {
                            customer: uid_of(tx, "customers", customer)?,
                            kept: uid_of(tx, "tag_nodes", change.tag.id)?,
                            dropped: uid_of(tx, "tag_nodes", other)?,
                        };
                        inbox::record(tx, &op.uid, &case, op.at)?;
                    }
                }
                // `sync` batches: they do not travel (every laptop works them out alike).
                for other in others {
                    let batch = open_batch(tx, op, BatchAction::Remove, other, TagSource::Sync)?;
                    batches.push((batch, k, other, false));
                }
                if open_drops.contains(&change.tag_uid) {
                    inbox::settle_answered_for(
                        tx,
                        &change.tag_uid,
                        op.at,
                        &serde_json::to_string(winners)?,
                    )?;
                }
            }
            k += 1;
        }
    }
    Ok(batches)
}

fn open_batch(
    tx: &Transaction,
    op: &RunOp,
    action: BatchAction,
    tag: i64,
    source: TagSource,
) -> Result<i64> {
    let (src, src_ref) = source.column();
    tx.prepare_cached(
        "INSERT INTO tag_batches(action, tag_id, source, source_ref, actor, at, changed, operation_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, 0, ?7)",
    )?
    .execute(params![action, tag, src, src_ref, op.author, op.at, op.id])?;
    Ok(tx.last_insert_rowid())
}

/// Writes the batches' members and assignments as `tagging::bulk::write` does for one: the
/// changes' removals, their additions, then the other tags of single-select groups taken off;
/// then the tags' counts and each batch's.
pub(super) fn write(tx: &Transaction, batches: &[(i64, i64, i64, bool)]) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO temp.run_batches(batch_id, change, tag_id, main)
         SELECT value->>0, value->>1, value->>2, value->>3 FROM json_each(?1)",
    )?
    .execute([serde_json::to_string(batches)?])?;
    remove(tx, true)?;
    tx.prepare_cached(
        "INSERT OR IGNORE INTO tag_batch_members(batch_id, customer_id, tag_id, action)
         SELECT b.batch_id, p.customer_id, b.tag_id, 'add' FROM temp.run_batches b
         CROSS JOIN temp.run_pairs p ON p.change = b.change AND p.win AND p.present = 1
         WHERE b.main = 1 AND NOT EXISTS (
             SELECT 1 FROM assignments a WHERE a.tag_id = b.tag_id AND a.customer_id = p.customer_id)",
    )?
    .execute([])?;
    tx.prepare_cached(
        "INSERT OR IGNORE INTO assignments(tag_id, customer_id, source, source_ref, actor, at)
         SELECT m.tag_id, m.customer_id, t.source, t.source_ref, t.actor, t.at
         FROM temp.run_batches b CROSS JOIN tag_batches t ON t.id = b.batch_id
         CROSS JOIN tag_batch_members m ON m.batch_id = b.batch_id AND m.action = 'add'
         WHERE b.main = 1",
    )?
    .execute([])?;
    remove(tx, false)?;
    tx.prepare_cached(
        "INSERT INTO tag_stats(tag_id, customers)
         SELECT m.tag_id, sum(CASE m.action WHEN 'add' THEN 1 ELSE -1 END)
         FROM temp.run_batches b CROSS JOIN tag_batch_members m ON m.batch_id = b.batch_id
         JOIN customers c ON c.id = m.customer_id AND c.deleted_at IS NULL
         WHERE true GROUP BY m.tag_id
         ON CONFLICT(tag_id) DO UPDATE SET customers = customers + excluded.customers",
    )?
    .execute([])?;
    // Batches that changed no one keep the count they were opened with: none.
    tx.prepare_cached(
        "UPDATE tag_batches SET changed = x.changed
         FROM (SELECT b.batch_id AS id, count(*) AS changed FROM temp.run_batches b
               CROSS JOIN tag_batch_members m ON m.batch_id = b.batch_id GROUP BY b.batch_id) AS x
         WHERE tag_batches.id = x.id",
    )?
    .execute([])?;
    Ok(())
}

/// Takes off, for the changes' own removal batches (`main`) or the single-select ones, the
/// assignments their winners hold, keeping each exactly so the batch can be undone.
fn remove(tx: &Transaction, main: bool) -> Result<()> {
    tx.prepare_cached(
        "INSERT OR IGNORE INTO tag_batch_removed(batch_id, tag_id, customer_id, source, source_ref, actor, at)
         SELECT b.batch_id, a.tag_id, a.customer_id, a.source, a.source_ref, a.actor, a.at
         FROM temp.run_batches b
         CROSS JOIN temp.run_pairs p ON p.change = b.change AND p.win AND p.present = ?1
         CROSS JOIN assignments a ON a.tag_id = b.tag_id AND a.customer_id = p.customer_id
         WHERE b.main = ?2",
    )?
    .execute(params![!main, main])?;
    tx.prepare_cached(
        "INSERT OR IGNORE INTO tag_batch_members(batch_id, customer_id, tag_id, action)
         SELECT r.batch_id, r.customer_id, r.tag_id, 'remove' FROM temp.run_batches b
         CROSS JOIN tag_batch_removed r ON r.batch_id = b.batch_id WHERE b.main = ?1",
    )?
    .execute([main])?;
    tx.prepare_cached(
        "DELETE FROM assignments WHERE (tag_id, customer_id) IN (
             SELECT r.tag_id, r.customer_id FROM temp.run_batches b
             CROSS JOIN tag_batch_removed r ON r.batch_id = b.batch_id WHERE b.main = ?1)",
    )?
    .execute([main])?;
    Ok(())
}
