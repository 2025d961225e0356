//! Archiving a node and what is beneath it. Archived tags keep their assignments and history
//! but cannot be given any more. The history keeps which nodes of the subtree were archived
//! before and after, so undoing brings back exactly those (a tag archived on its own before
//! its group stays archived when the group's archiving is undone).

use super::edit::node;
use crate::audit;
use crate::clock;
use crate::error::{Error, Result};
use crate::operations::{Image, Images};
use crate::problem::Problem;
use rusqlite::{params, Connection};

const BELOW: &str = "WITH RECURSIVE below(id) AS (SELECT ?1 UNION ALL
     SELECT n.id FROM tag_nodes n JOIN below b ON n.parent_id = b.id)";

/// Archives (or unarchives) `id` and everything beneath it.
pub fn set_archived(conn: &Connection, id: i64, archived: bool, actor: &str) -> Result<()> {
    node(conn, id)?;
    let before = archived_below(conn, id)?;
    conn.execute(
        &format!(
            "{BELOW} UPDATE tag_nodes SET archived_at = CASE WHEN ?2 THEN coalesce(archived_at, ?3) END
             WHERE id IN (SELECT id FROM below)"
        ),
        params![id, archived, clock::now()],
    )?;
    record(conn, id, before, actor)
}

/// Brings `id`'s subtree back to exactly `archived` being archived (an undo of
/// [`set_archived`]); nodes already in that state keep their archiving time.
pub(crate) fn restore_archived(
    conn: &Connection,
    id: i64,
    archived: &[i64],
    actor: &str,
) -> Result<()> {
    node(conn, id)?;
    let before = archived_below(conn, id)?;
    conn.execute(
        &format!(
            "{BELOW} UPDATE tag_nodes SET archived_at = CASE
                 WHEN id IN (SELECT value FROM json_each(?2)) THEN coalesce(archived_at, ?3) END
             WHERE id IN (SELECT id FROM below)"
        ),
        params![id, serde_json::to_string(archived)?, clock::now()],
    )?;
    record(conn, id, before, actor)
}

fn record(conn: &Connection, id: i64, before: Vec<i64>, actor: &str) -> Result<()> {
    let after = archived_below(conn, id)?;
    let action = if after.contains(&id) {
        "archive"
    } else {
        "unarchive"
    };
    let images = Images::of(
        Image::TagArchived { archived: before },
        Image::TagArchived { archived: after },
    );
    audit::record_edit(conn, actor, action, "tag_node", Some(id), &(), Some(images))
}

/// The nodes of `id`'s subtree (itself included) that are archived, in id order.
fn archived_below(conn: &Connection, id: i64) -> Result<Vec<i64>> {
    let ids = conn
        .prepare_cached(&format!(
            "{BELOW} SELECT n.id FROM tag_nodes n JOIN below b ON b.id = n.id
             WHERE n.archived_at IS NOT NULL ORDER BY n.id"
        ))?
        .query_map([id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(ids)
}

/// Archives every node of `ids` with what is beneath it, as one operation of the history (the
/// health page's "archive these 37 unused tags"): the images list every node of the subtrees
/// and which of them were archived before, so one undo brings back exactly that state.
/// Returns how many nodes it archived that were not archived already.
pub fn archive_many(conn: &mut Connection, ids: &[i64], actor: &str) -> Result<i64> {
    if ids.is_empty() {
        return Err(Error::invalid("ids", Problem::ArchiveNeedsNodes));
    }
    for id in ids {
        node(conn, *id)?;
    }
    let tx = conn.transaction()?;
    let nodes = subtrees(&tx, ids)?;
    let before = archived_among(&tx, &nodes)?;
    tx.execute(
        "UPDATE tag_nodes SET archived_at = coalesce(archived_at, ?2)
         WHERE id IN (SELECT value FROM json_each(?1))",
        params![serde_json::to_string(&nodes)?, clock::now()],
    )?;
    let newly = (nodes.len() - before.len()) as i64;
    record_many(&tx, &nodes, before, actor)?;
    tx.commit()?;
    Ok(newly)
}

/// Brings the nodes `nodes` back to exactly `archived` being archived (an undo of
/// [`archive_many`], or of that undo).
pub(crate) fn restore_archived_among(
    conn: &Connection,
    nodes: &[i64],
    archived: &[i64],
    actor: &str,
) -> Result<()> {
    let before = archived_among(conn, nodes)?;
    conn.execute(
        "UPDATE tag_nodes SET archived_at = CASE
             WHEN id IN (SELECT value FROM json_each(?2)) THEN coalesce(archived_at, ?3) END
         WHERE id IN (SELECT value FROM json_each(?1))",
        params![
            serde_json::to_string(nodes)?,
            serde_json::to_string(archived)?,
            clock::now()
        ],
    )?;
    record_many(conn, nodes, before, actor)
}

/// One edit naming every node it may have changed (`ids`), so the history finds later edits
/// in its way and the team exchange sends each node's new state.
fn record_many(conn: &Connection, nodes: &[i64], before: Vec<i64>, actor: &str) -> Result<()> {
    let after = archived_among(conn, nodes)?;
    let action = if after.len() >= before.len() {
        "archive"
    } else {
        "unarchive"
    };
    let images = Images {
        before: Image::TagArchived { archived: before },
        after: Image::TagArchived { archived: after },
        ids: Some(nodes.to_vec()),
    };
    let detail = serde_json::json!({ "nodes": nodes });
    audit::record_edit(conn, actor, action, "tag_node", None, &detail, Some(images))
}

/// Every node of the subtrees of `ids` (themselves included), in id order.
fn subtrees(conn: &Connection, ids: &[i64]) -> Result<Vec<i64>> {
    let nodes = conn
        .prepare_cached(
            "WITH RECURSIVE below(id) AS (SELECT value FROM json_each(?1) UNION
                 SELECT n.id FROM tag_nodes n JOIN below b ON n.parent_id = b.id)
             SELECT id FROM below ORDER BY id",
        )?
        .query_map([serde_json::to_string(ids)?], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(nodes)
}

/// Which of `nodes` are archived, in id order.
fn archived_among(conn: &Connection, nodes: &[i64]) -> Result<Vec<i64>> {
    let ids = conn
        .prepare_cached(
            "SELECT id FROM tag_nodes WHERE id IN (SELECT value FROM json_each(?1))
             AND archived_at IS NOT NULL ORDER BY id",
        )?
        .query_map([serde_json::to_string(nodes)?], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(ids)
}
