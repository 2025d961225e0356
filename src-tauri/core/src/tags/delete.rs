//! Deleting a node and everything beneath it. A deletion keeps in the history the nodes as they
//! were and every assignment it removed (compactly, see `member_sets`), so it can be undone with
//! the same ids; a node that history still names is retired rather than dropped.

use super::edit::node;
use super::member_sets;
use super::snapshot;
use super::undo::{self, Recorded};
use crate::clock;
use crate::error::{Error, Result};
use crate::operations::{Image, Images};
use crate::problem::Problem;
use rusqlite::{params, Connection};

/// Deletes a node and everything beneath it. A node whose tags are (or were) in use needs
/// `force`: its assignments are removed with a history row each, and the deletion is audited.
pub fn delete(conn: &mut Connection, id: i64, force: bool, actor: &str) -> Result<i64> {
    let tx = conn.transaction()?;
    let held = delete_within(&tx, id, force, actor)?;
    tx.commit()?;
    Ok(held)
}

/// [`delete`] inside the caller's transaction (a redo deletes again within the undo's);
/// returns how many assignments it removed.
pub(crate) fn delete_within(tx: &Connection, id: i64, force: bool, actor: &str) -> Result<i64> {
    let removed = node(tx, id)?;
    tx.execute_batch(
        "CREATE TEMP TABLE IF NOT EXISTS doomed(id INTEGER PRIMARY KEY); DELETE FROM temp.doomed;",
    )?;
    tx.execute(
        "WITH RECURSIVE below(id) AS (SELECT ?1 UNION ALL
             SELECT n.id FROM tag_nodes n JOIN below b ON n.parent_id = b.id)
         INSERT INTO temp.doomed SELECT id FROM below",
        [id],
    )?;
    let in_use: i64 = tx.query_row(
        "SELECT count(*) FROM assignments WHERE tag_id IN (SELECT id FROM temp.doomed)",
        [],
        |r| r.get(0),
    )?;
    let ever_used: bool = tx.query_row(
        "SELECT EXISTS(SELECT 1 FROM tag_history WHERE tag_id IN (SELECT id FROM temp.doomed))",
        [],
        |r| r.get(0),
    )?;
    if (in_use > 0 || ever_used) && !force {
        return Err(Error::invalid(
            "tag",
            Problem::TagInUse {
                name: removed.name,
                customers: in_use,
            },
        ));
    }
    let before = snapshot::capture(tx, id)?;
    let mut sets = Vec::new();
    if in_use > 0 {
        let held: Vec<i64> = tx
            .prepare(
                "SELECT DISTINCT tag_id FROM assignments
                 WHERE tag_id IN (SELECT id FROM temp.doomed) ORDER BY tag_id",
            )?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        for tag in held {
            sets.extend(member_sets::taking_all(tx, tag)?);
        }
    }
    // History rows must outlive the node they name, so a used node is archived and emptied
    // instead of being dropped from the table.
    let now = clock::now();
    tx.execute(
        "INSERT INTO tag_history(customer_id, tag_id, action, source, actor, at, note)
         SELECT customer_id, tag_id, 'remove', 'manual', ?1, ?2, 'tag_deleted'
         FROM assignments WHERE tag_id IN (SELECT id FROM temp.doomed)",
        params![actor, now],
    )?;
    tx.execute(
        "DELETE FROM assignments WHERE tag_id IN (SELECT id FROM temp.doomed)",
        [],
    )?;
    let mut doomed: Vec<i64> = tx
        .prepare("SELECT id FROM temp.doomed")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    // Deepest first so no child outlives its parent.
    doomed.sort_by_key(|i| std::cmp::Reverse(*i));
    let mut hard = 0;
    for gone in doomed {
        let referenced: bool = tx.query_row(
            "SELECT EXISTS(SELECT 1 FROM tag_history WHERE tag_id = ?1)
                 OR EXISTS(SELECT 1 FROM tag_batches WHERE tag_id = ?1)
                 OR EXISTS(SELECT 1 FROM tag_nodes WHERE parent_id = ?1)",
            [gone],
            |r| r.get(0),
        )?;
        if referenced {
            retire(tx, gone, now)?;
        } else {
            hard += tx.execute("DELETE FROM tag_nodes WHERE id = ?1", [gone])?;
        }
    }
    let mut tags: Vec<i64> = sets.iter().map(|s| s.tag).collect();
    tags.dedup();
    super::stats::recount(tx, &tags)?;
    let images = Images {
        before: Image::TagNodes {
            nodes: before.clone(),
        },
        after: Image::TagNodesGone { root: id, force },
        ids: Some(before.iter().map(|n| n.id).collect()),
    };
    undo::record(
        tx,
        actor,
        Recorded {
            action: "delete",
            node: id,
            audit: serde_json::json!([removed.name, in_use, hard]),
            images,
            sets: &sets,
            rewrites: &[],
            tag: id,
        },
    )?;
    Ok(in_use)
}

/// Hides a node that history still names: out of the tree, its name free for reuse.
pub(crate) fn retire(conn: &Connection, id: i64, now: i64) -> Result<()> {
    conn.execute(
        "UPDATE tag_nodes SET archived_at = coalesce(archived_at, ?2), deleted_at = ?2,
            name_key = name_key || '#retired' || id
         WHERE id = ?1",
        params![id, now],
    )?;
    Ok(())
}
