//! Archiving a node and what is beneath it. Archived tags keep their assignments and history
//! but cannot be given any more. The history keeps which nodes of the subtree were archived
//! before and after, so undoing brings back exactly those (a tag archived on its own before
//! its group stays archived when the group's archiving is undone).

use super::edit::node;
use crate::audit;
use crate::clock;
use crate::error::Result;
use crate::operations::{Image, Images};
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
