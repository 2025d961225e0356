//! Where tag nodes stand in a team (docs/TEAM.md §4). Every move, own or received, is kept
//! with its clock (`team_node_places`); when a move arrives, the moved nodes are put back where
//! they stood before their first move and every move is replayed in clock order, a move that
//! would put a node beneath itself skipped (and listed). The tree then depends only on which
//! moves a laptop has seen, never on the order they came in.

use super::clocks::Clock;
use super::ids;
use super::inbox::{self, Case};
use crate::error::Result;
use rusqlite::{params, Connection};
use serde_json::Value;

/// The local parent and position a `place` names; a parent this copy lacks puts the node at
/// the top level.
pub(super) fn place_of(tx: &Connection, place: Option<&Value>) -> Result<(Option<i64>, i64)> {
    let (parent, position) = parts(place);
    let parent = match parent {
        Some(uid) => ids::tag_id(tx, &uid)?,
        None => None,
    };
    Ok((parent, position))
}

/// The parent uid and position a `place` holds.
fn parts(place: Option<&Value>) -> (Option<String>, i64) {
    let Some(Value::Array(place)) = place else {
        return (None, 0);
    };
    (
        place.first().and_then(Value::as_str).map(str::to_string),
        place.get(1).and_then(Value::as_i64).unwrap_or(0),
    )
}

/// A move of node `id` to `place` at `clock`, made by operation `operation_uid` at `at`.
pub(super) struct Move<'a> {
    pub id: i64,
    pub place: &'a Value,
    pub clock: Clock<'a>,
    pub operation_uid: &'a str,
    pub at: i64,
}

/// Keeps a move; `before` is where the node stood before it on the laptop that made it (an
/// own move, already written) or None (a received one, not written yet: the node stands where
/// it stood before). Returns whether it was new.
pub(super) fn keep(tx: &Connection, moved: &Move, before: Option<&Value>) -> Result<bool> {
    let origin = match before {
        Some(before) => place_of(tx, Some(before))?,
        None => tx.query_row(
            "SELECT parent_id, position FROM tag_nodes WHERE id = ?1",
            [moved.id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?,
    };
    tx.prepare_cached(
        "INSERT OR IGNORE INTO team_node_origins(node_id, parent_id, position) VALUES (?1, ?2, ?3)",
    )?
    .execute(params![moved.id, origin.0, origin.1])?;
    let (parent, position) = parts(Some(moved.place));
    let added = tx
        .prepare_cached(
            "INSERT OR IGNORE INTO team_node_places(node_id, hlc, device, parent_uid, position,
                 operation_uid, at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?
        .execute(params![
            moved.id,
            moved.clock.0,
            moved.clock.1,
            parent,
            position,
            moved.operation_uid,
            moved.at
        ])?;
    Ok(added > 0)
}

/// Notes that the tree must be replayed before the received operations' transaction ends: a
/// move was kept, or a node named as a parent by a kept move arrived.
pub(super) fn owe_replay(tx: &Connection) -> Result<()> {
    tx.execute_batch(
        "CREATE TEMP TABLE IF NOT EXISTS team_replay_owed(one INTEGER PRIMARY KEY);
         INSERT OR IGNORE INTO temp.team_replay_owed VALUES (1);",
    )?;
    Ok(())
}

/// Whether a kept move names node `uid` as its parent.
pub(super) fn named_as_parent(tx: &Connection, uid: &str) -> Result<bool> {
    Ok(tx
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM team_node_places WHERE parent_uid = ?1)")?
        .query_row([uid], |r| r.get(0))?)
}

/// Replays the tree when [`owe_replay`] was called in this transaction.
pub(super) fn replay_if_owed(tx: &Connection) -> Result<()> {
    tx.execute_batch("CREATE TEMP TABLE IF NOT EXISTS team_replay_owed(one INTEGER PRIMARY KEY)")?;
    let owed = tx.execute("DELETE FROM temp.team_replay_owed", [])? > 0;
    if owed {
        replay(tx)?;
    }
    Ok(())
}

/// Puts every moved node back where it stood before its first move and replays the moves in
/// clock order. A move that would put its node beneath itself is skipped and goes to the inbox
/// the first time it is; one skipped before that now fits is applied and its case closed.
fn replay(tx: &Connection) -> Result<()> {
    tx.execute(
        "UPDATE tag_nodes SET
             parent_id = (SELECT parent_id FROM team_node_origins o WHERE o.node_id = tag_nodes.id),
             position = (SELECT position FROM team_node_origins o WHERE o.node_id = tag_nodes.id)
         WHERE id IN (SELECT node_id FROM team_node_origins)",
        [],
    )?;
    let moves = tx
        .prepare_cached(
            "SELECT node_id, hlc, device, parent_uid, position, operation_uid, at, skipped
             FROM team_node_places ORDER BY hlc, device, node_id",
        )?
        .query_map([], |r| {
            Ok(Kept {
                node: r.get(0)?,
                hlc: r.get(1)?,
                device: r.get(2)?,
                parent_uid: r.get(3)?,
                position: r.get(4)?,
                operation_uid: r.get(5)?,
                at: r.get(6)?,
                skipped: r.get(7)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    for kept in moves {
        replay_one(tx, &kept)?;
    }
    Ok(())
}

/// A kept move, as [`replay`] reads it.
struct Kept {
    node: i64,
    hlc: i64,
    device: String,
    parent_uid: Option<String>,
    position: i64,
    operation_uid: String,
    at: i64,
    skipped: bool,
}

/// Applies one kept move unless it would put its node beneath itself; a move whose fate
/// changed goes to the inbox (skipped now) or leaves it (fits now).
fn replay_one(tx: &Connection, kept: &Kept) -> Result<()> {
    let parent = match &kept.parent_uid {
        Some(uid) => ids::tag_id(tx, uid)?,
        None => None,
    };
    let skip = match parent {
        Some(parent) => under(tx, parent, kept.node)?,
        None => false,
    };
    if !skip {
        tx.prepare_cached("UPDATE tag_nodes SET parent_id = ?2, position = ?3 WHERE id = ?1")?
            .execute(params![kept.node, parent, kept.position])?;
    }
    if skip == kept.skipped {
        return Ok(());
    }
    tx.prepare_cached(
        "UPDATE team_node_places SET skipped = ?4 WHERE hlc = ?1 AND device = ?2 AND node_id = ?3",
    )?
    .execute(params![kept.hlc, kept.device, kept.node, skip])?;
    let case = Case::MoveSkipped {
        node: node_uid(tx, kept.node)?,
    };
    if skip {
        inbox::record(tx, &kept.operation_uid, &case, kept.at)
    } else {
        inbox::close(tx, &kept.operation_uid, &case, "settled")
    }
}

/// Whether `node` is `root` or lies beneath it.
fn under(tx: &Connection, node: i64, root: i64) -> Result<bool> {
    Ok(tx
        .prepare_cached(
            "WITH RECURSIVE up(id) AS (SELECT ?1 UNION SELECT t.parent_id FROM tag_nodes t
                 JOIN up ON t.id = up.id WHERE t.parent_id IS NOT NULL)
             SELECT EXISTS (SELECT 1 FROM up WHERE id = ?2)",
        )?
        .query_row(params![node, root], |r| r.get(0))?)
}

fn node_uid(tx: &Connection, id: i64) -> Result<String> {
    Ok(super::ids::node_uid(tx, id)?.unwrap_or_default())
}
