//! Where received tag nodes stand: a `place` names the parent by uid, and a move that would put
//! a node beneath itself is found here, with the later move on the way to undo instead.

use super::clocks::Clock;
use super::ids;
use crate::error::Result;
use rusqlite::{params, Connection, OptionalExtension};
use serde_json::Value;

/// The local parent and position a `place` names; a parent this copy lacks puts the node at
/// the top level.
pub(super) fn place_of(tx: &Connection, place: Option<&Value>) -> Result<(Option<i64>, i64)> {
    let Some(Value::Array(place)) = place else {
        return Ok((None, 0));
    };
    let parent = match place.first().and_then(Value::as_str) {
        Some(uid) => ids::tag_id(tx, uid)?,
        None => None,
    };
    Ok((parent, place.get(1).and_then(Value::as_i64).unwrap_or(0)))
}

/// Whether `node` is `root` or lies beneath it.
pub(super) fn under(tx: &Connection, node: i64, root: i64) -> Result<bool> {
    Ok(tx
        .prepare_cached(
            "WITH RECURSIVE up(id) AS (SELECT ?1 UNION SELECT t.parent_id FROM tag_nodes t
                 JOIN up ON t.id = up.id WHERE t.parent_id IS NOT NULL)
             SELECT EXISTS (SELECT 1 FROM up WHERE id = ?2)",
        )?
        .query_row(params![node, root], |r| r.get(0))?)
}

pub(super) fn set_place(
    tx: &Connection,
    id: i64,
    parent: Option<i64>,
    position: i64,
) -> Result<()> {
    tx.prepare_cached("UPDATE tag_nodes SET parent_id = ?2, position = ?3 WHERE id = ?1")?
        .execute(params![id, parent, position])?;
    Ok(())
}

/// Keeps where node `id` stood before the move being written (see `team_node_moves`).
pub(super) fn remember_before(conn: &Connection, id: i64, before: Option<&Value>) -> Result<()> {
    if let Some(before) = before {
        conn.prepare_cached(
            "INSERT OR REPLACE INTO team_node_moves(node_id, before) VALUES (?1, ?2)",
        )?
        .execute(params![id, before.to_string()])?;
    }
    Ok(())
}

/// On the way up from `from` to `to`, the node whose latest move is later than `clock` (the
/// latest of them), with where it stood before that move.
pub(super) fn later_move_between(
    tx: &Connection,
    from: i64,
    to: i64,
    clock: Clock,
) -> Result<Option<(i64, Value)>> {
    let mut latest: Option<(i64, String, i64, Value)> = None;
    let mut node = Some(from);
    while let Some(n) = node.filter(|n| *n != to) {
        let moved: Option<(i64, String, String)> = tx
            .prepare_cached(
                "SELECT c.hlc, c.device, m.before FROM team_node_clocks c
                 JOIN team_node_moves m ON m.node_id = c.node_id
                 WHERE c.node_id = ?1 AND c.field = 'place'",
            )?
            .query_row([n], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .optional()?;
        if let Some((hlc, device, before)) = moved {
            let later_than_latest = latest
                .as_ref()
                .is_none_or(|(h, d, _, _)| (hlc, device.as_str()) > (*h, d.as_str()));
            if (hlc, device.as_str()) > clock && later_than_latest {
                latest = Some((hlc, device, n, serde_json::from_str(&before)?));
            }
        }
        node = tx.query_row("SELECT parent_id FROM tag_nodes WHERE id = ?1", [n], |r| {
            r.get(0)
        })?;
    }
    Ok(latest.map(|(_, _, n, before)| (n, before)))
}
