//! Merging tags that mean the same (高活 / 高活跃, VIP / ＶＩＰ) into one.

use super::delete::retire;
use super::edit::node;
use super::member_sets::{self, Set};
use super::undo::{self, Recorded};
use super::{references, snapshot, NodeKind};
use crate::clock;
use crate::conditions::index::Untracked;
use crate::error::{Error, Result};
use crate::operations::{Image, Images};
use crate::problem::Problem;
use rusqlite::{params, Connection, Transaction};
use serde::Serialize;
use std::collections::HashMap;
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export_to = "MergeReport.ts")]
pub struct MergeReport {
    /// Assignments carried over to the surviving tag.
    pub moved: i64,
    /// Assignments dropped because the customer already had the surviving tag.
    pub collapsed: i64,
    /// Segments and rules whose conditions were rewritten.
    pub rewritten: i64,
}

/// Moves every assignment of `sources` to `target`, records it in each customer's history,
/// rewrites segments and rules that named the sources, and retires the sources (they stay
/// only so that old history can still name them, marked as merged into `target`). The history
/// keeps the sources as they were, their assignments, the ones `target` gained and the
/// conditions rewritten, so the merge can be undone exactly.
pub fn merge(
    conn: &mut Connection,
    sources: &[i64],
    target: i64,
    actor: &str,
) -> Result<MergeReport> {
    let tx = conn.transaction()?;
    let report = merge_within(&tx, sources, target, actor)?;
    tx.commit()?;
    Ok(report)
}

/// [`merge`] inside the caller's transaction (a redo merges again within the undo's).
pub(crate) fn merge_within(
    tx: &Transaction,
    sources: &[i64],
    target: i64,
    actor: &str,
) -> Result<MergeReport> {
    let survivor = node(tx, target)?;
    if survivor.kind != NodeKind::Tag {
        return Err(Error::invalid("target", Problem::MergeIntoTagOnly));
    }
    let mut sources: Vec<i64> = sources.iter().copied().filter(|s| *s != target).collect();
    sources.sort_unstable();
    sources.dedup();
    if sources.is_empty() {
        return Err(Error::invalid("sources", Problem::MergeNeedsSources));
    }
    let mut names = Vec::new();
    for s in &sources {
        let source = node(tx, *s)?;
        if source.kind != NodeKind::Tag {
            return Err(Error::invalid("sources", Problem::MergeOnlyTags));
        }
        names.push(source.name);
    }
    ensure_exclusive_after(tx, &sources, target)?;
    let mut before = Vec::new();
    for s in &sources {
        before.extend(snapshot::capture(tx, *s)?);
    }
    // What the merge takes from each source and what the target gains: a customer who held
    // the target already (or got it from an earlier source) gains nothing.
    let mut sets = Vec::new();
    let mut target_holders = member_sets::holders(tx, target)?;
    for s in &sources {
        for (provenance, customers) in member_sets::held(tx, *s, None)? {
            sets.push(Set {
                tag: target,
                added: true,
                provenance: provenance.clone(),
                customers: &customers - &target_holders,
            });
            target_holders |= &customers;
            sets.push(Set {
                tag: *s,
                added: false,
                provenance,
                customers,
            });
        }
    }
    let now = clock::now();
    let note = format!("merged_into:{}", survivor.name);
    let mut report = MergeReport {
        moved: 0,
        collapsed: 0,
        rewritten: 0,
    };
    // The condition index learns what moved from the sets, a statement per set, instead of
    // from a trigger per row.
    let untracked = Untracked::begin_assignments(tx)?;
    for (source, name) in sources.iter().zip(&names) {
        tx.execute(
            "INSERT INTO tag_history(customer_id, tag_id, action, source, source_ref, actor, at, note)
             SELECT customer_id, tag_id, 'remove', source, source_ref, ?2, ?3, ?4
             FROM assignments WHERE tag_id = ?1",
            params![source, actor, now, note],
        )?;
        let moved = tx.execute(
            "INSERT INTO tag_history(customer_id, tag_id, action, source, source_ref, actor, at, note)
             SELECT a.customer_id, ?2, 'add', a.source, a.source_ref, ?3, ?4, ?5
             FROM assignments a WHERE a.tag_id = ?1 AND NOT EXISTS
               (SELECT 1 FROM assignments b WHERE b.tag_id = ?2 AND b.customer_id = a.customer_id)",
            params![source, target, actor, now, format!("merged_from:{name}")],
        )? as i64;
        tx.execute(
            "INSERT OR IGNORE INTO assignments(tag_id, customer_id, source, source_ref, actor, at)
             SELECT ?2, customer_id, source, source_ref, actor, at FROM assignments WHERE tag_id = ?1",
            params![source, target],
        )?;
        let all = tx.execute("DELETE FROM assignments WHERE tag_id = ?1", [source])? as i64;
        report.moved += moved;
        report.collapsed += all - moved;
        tx.execute(
            "UPDATE tag_nodes SET merged_into = ?2 WHERE id = ?1",
            params![source, target],
        )?;
        retire(tx, *source, now)?;
    }
    for set in &sets {
        untracked.note_tag(
            tx,
            set.tag,
            &member_sets::ids_json(&set.customers),
            set.added,
        )?;
    }
    untracked.finish(tx, &[], &[])?;
    let mut touched = sources.clone();
    touched.push(target);
    super::stats::recount(tx, &touched)?;
    let map: HashMap<i64, i64> = sources.iter().map(|s| (*s, target)).collect();
    let rewrites = references::rewrite(tx, &map)?;
    report.rewritten = rewrites.len() as i64;
    let mut ids = sources.clone();
    ids.push(target);
    let images = Images {
        before: Image::TagNodes { nodes: before },
        after: Image::TagsMerged {
            sources: sources.clone(),
            target,
        },
        ids: Some(ids),
    };
    undo::record(
        tx,
        actor,
        Recorded {
            action: "merge",
            node: target,
            audit: serde_json::json!({ "sources": sources, "report": report }),
            images,
            sets: &sets,
            rewrites: &rewrites,
            tag: target,
        },
    )?;
    Ok(report)
}

/// In a single-select group, a customer holding a source and a sibling of the target would
/// end with two tags of the group.
fn ensure_exclusive_after(tx: &Transaction, sources: &[i64], target: i64) -> Result<()> {
    let clashes = single_select_clashes(tx, sources, target)?;
    if clashes > 0 {
        return Err(Error::invalid(
            "target",
            Problem::MergeWouldDoubleSingle { customers: clashes },
        ));
    }
    Ok(())
}

/// The customers who would end with two tags of `target`'s single-select group (0 when it is
/// not in one): a merge with any is refused, and its preview says so beforehand.
pub(crate) fn single_select_clashes(
    conn: &Connection,
    sources: &[i64],
    target: i64,
) -> Result<i64> {
    let ids = serde_json::to_string(sources)?;
    let clashes: i64 = conn.query_row(
        "SELECT count(DISTINCT a.customer_id) FROM assignments a
         WHERE a.tag_id IN (SELECT value FROM json_each(?1))
           AND EXISTS (SELECT 1 FROM tag_nodes g JOIN tag_nodes t ON t.id = ?2
                       WHERE g.id = t.parent_id AND g.kind = 'group' AND g.select_mode = 'single')
           AND EXISTS (SELECT 1 FROM assignments b JOIN tag_nodes s ON s.id = b.tag_id
                       WHERE b.customer_id = a.customer_id AND b.tag_id <> ?2
                         AND b.tag_id NOT IN (SELECT value FROM json_each(?1))
                         AND s.parent_id = (SELECT parent_id FROM tag_nodes WHERE id = ?2))",
        params![ids, target],
        |r| r.get(0),
    )?;
    Ok(clashes)
}
