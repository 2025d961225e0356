//! Writing a set of changes worked out in memory (by rules, RFM, lifecycle) as one batch:
//! removals and additions for several tags, each tag's customers passed as one JSON array so
//! a change to 200,000 customers is a handful of statements, not 200,000.
//!
//! Inserts of many rows say `OR IGNORE`, which changes no row: see
//! `db/migrations/deferred_keys.rs`.

use super::apply::{close_batch, drop_removed, open_batch};
use super::TagSource;
use crate::db::ids_json_of;
use crate::error::Result;
use crate::provenance::BatchAction;
use crate::tags::stats;
use roaring::RoaringBitmap;
use rusqlite::{params, Transaction};

/// Changes for one batch: per tag, who loses it and who gains it.
#[derive(Debug, Default, Clone)]
pub(crate) struct Changes {
    pub remove: Vec<(i64, RoaringBitmap)>,
    pub add: Vec<(i64, RoaringBitmap)>,
}

impl Changes {
    pub fn is_empty(&self) -> bool {
        self.remove.iter().all(|(_, s)| s.is_empty()) && self.add.iter().all(|(_, s)| s.is_empty())
    }
}

/// What a written batch did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Written {
    pub batch_id: Option<i64>,
    pub added: i64,
    pub removed: i64,
}

/// Writes `changes` as one batch labelled with `batch_tag` (a tag, or the group for changes
/// across a group) and `action`. Removals keep the exact assignment they took away, so the
/// batch can be undone like any other; additions skip customers who already hold the tag.
/// Nothing is written (no batch either) when there is nothing to change, so an idle run does
/// not take the undo button away from the user's last operation.
pub(crate) fn write(
    tx: &Transaction,
    action: BatchAction,
    batch_tag: i64,
    source: TagSource,
    actor: &str,
    now: i64,
    changes: &Changes,
) -> Result<Written> {
    if changes.is_empty() {
        return Ok(Written::default());
    }
    let batch = open_batch(tx, action, batch_tag, source, actor, now)?;
    let mut removed = 0;
    for (tag, ids) in changes.remove.iter().filter(|(_, s)| !s.is_empty()) {
        // CROSS JOIN keeps the id list the outer loop: left to itself the planner walks every
        // holder of the tag and re-reads the whole JSON list for each (quadratic; 20 rules
        // over 1M customers ran for over 15 minutes).
        removed += tx.prepare_cached("INSERT OR IGNORE INTO tag_batch_removed(batch_id, tag_id, customer_id, source, source_ref, actor, at)
             SELECT ?1, a.tag_id, a.customer_id, a.source, a.source_ref, a.actor, a.at
             FROM json_each(?3) j CROSS JOIN assignments a ON a.tag_id = ?2 AND a.customer_id = j.value")?.execute(
            params![batch, tag, ids_json(ids)],
        )? as i64;
    }
    if removed > 0 {
        drop_removed(tx, batch)?;
    }
    let (src, src_ref) = source.column();
    let mut added = 0;
    for (tag, ids) in changes.add.iter().filter(|(_, s)| !s.is_empty()) {
        let n = tx.prepare_cached("INSERT OR IGNORE INTO tag_batch_members(batch_id, customer_id, tag_id, action)
             SELECT ?1, j.value, ?2, 'add' FROM json_each(?3) j
             WHERE NOT EXISTS (SELECT 1 FROM assignments a WHERE a.tag_id = ?2 AND a.customer_id = j.value)")?.execute(
            params![batch, tag, ids_json(ids)],
        )? as i64;
        if n > 0 {
            tx.prepare_cached(
                "INSERT OR IGNORE INTO assignments(tag_id, customer_id, source, source_ref, actor, at)
                 SELECT tag_id, customer_id, ?3, ?4, ?5, ?6 FROM tag_batch_members
                 WHERE batch_id = ?1 AND tag_id = ?2 AND action = 'add'",
            )?
            .execute(params![batch, tag, src, src_ref, actor, now])?;
        }
        added += n;
    }
    stats::apply_batch(tx, batch, added + removed)?;
    close_batch(tx, batch, added + removed)?;
    Ok(Written {
        batch_id: Some(batch),
        added,
        removed,
    })
}

/// A set of customer ids as a JSON array for `json_each`.
pub(crate) fn ids_json(ids: &RoaringBitmap) -> String {
    ids_json_of(ids.iter(), ids.len())
}
