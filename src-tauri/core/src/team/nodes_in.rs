//! Applying received tag tree changes (docs/TEAM.md §4): each field of a node (name, colour,
//! dictionary fields, archived, core, place) and whether it exists are last-writer-wins keys; a move
//! that would put a node under itself is skipped and listed; a deleted node keeps a tombstone
//! (a tag given to it offline goes to the inbox); a merge is for good, so a later change that
//! names the merged tag lands on the one it went into.

use super::clocks::{self, Record, ALIVE};
use super::ids;
use super::inbox::{self, Case};
use super::node_names::{free_name, name_for_creation};
use super::node_places::{self, place_of, Move};
use super::nodes_out::{NodeCells, PLACE_BEFORE};
use super::wire::WireOperation;
use crate::error::{Error, Result};
use crate::tags;
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde_json::Value;

/// Dictionary and display fields written as they come, by column (a fixed list: never input).
const COLUMNS: [&str; 9] = [
    "select_mode",
    "color",
    "meaning",
    "value_range",
    "update_frequency",
    "owner",
    "scope",
    "weight",
    "origin",
];

/// One received `TagNode` change, inside the received operation `op`.
pub(super) fn apply(
    tx: &Connection,
    op: &WireOperation,
    uid: &str,
    alive: Option<bool>,
    cells: &NodeCells,
) -> Result<()> {
    let clock = op.clock();
    let Some(id) = ids::node_id(tx, uid)? else {
        // Merged into another tag before this copy had it: a laptop that had it holds it
        // retired, whatever the change says.
        if ids::merged_away(tx, uid)? {
            return Ok(());
        }
        if alive == Some(true) {
            return create(tx, op, uid, cells);
        }
        let case = Case::UnknownNode {
            node: uid.to_string(),
        };
        return inbox::record(tx, &op.uid, &case, op.at);
    };
    if let Some(alive) = alive {
        if clocks::later(tx, Record::TagNode, id, ALIVE, clock)? {
            set_alive(tx, op, id, alive)?;
            clocks::remember(tx, Record::TagNode, id, ALIVE, clock)?;
        }
    }
    for (field, value) in cells {
        if field == "place" {
            keep_move(tx, op, id, value)?;
            continue;
        }
        if field == "kind"
            || field == PLACE_BEFORE
            || !clocks::later(tx, Record::TagNode, id, field, clock)?
        {
            continue;
        }
        if write(tx, op, id, (field, value))? {
            clocks::remember(tx, Record::TagNode, id, field, clock)?;
        }
    }
    Ok(())
}

/// Keeps a received move for the replay at the end of the exchange (see `node_places`): not
/// written here, since a later move may already be.
fn keep_move(tx: &Connection, op: &WireOperation, id: i64, place: &Value) -> Result<()> {
    if node_places::keep(tx, &move_of(op, id, place), None)? {
        node_places::owe_replay(tx)?;
    }
    Ok(())
}

/// Operation `op`'s move of node `id` to `place`.
fn move_of<'a>(op: &'a WireOperation, id: i64, place: &'a Value) -> Move<'a> {
    Move {
        id,
        place,
        clock: op.clock(),
        operation_uid: &op.uid,
        at: op.at,
    }
}

/// Notes the clocks of what an own `TagNode` change wrote, when it first travels.
pub(super) fn note_own(
    conn: &Connection,
    op: &WireOperation,
    uid: &str,
    alive: Option<bool>,
    cells: &NodeCells,
) -> Result<()> {
    let Some(id) = ids::node_id(conn, uid)? else {
        return Ok(());
    };
    let fields = clocks::written(alive, cells.keys());
    clocks::note(conn, Record::TagNode, id, fields, op.clock())?;
    if alive == Some(true) {
        forget_merge(conn, uid)?;
    }
    if let Some(place) = cells.get("place") {
        node_places::keep(conn, &move_of(op, id, place), cells.get(PLACE_BEFORE))?;
    }
    Ok(())
}

/// A received `TagMerged`: merges `from` into `to` here as it was merged there (its customers
/// move over, segments and rules that named it are rewritten), and keeps the alias.
pub(super) fn merged(tx: &Transaction, op: &WireOperation, from: &str, to: &str) -> Result<()> {
    let source: Option<(i64, bool)> = tx
        .prepare_cached("SELECT id, deleted_at IS NULL FROM tag_nodes WHERE uid = ?1")?
        .query_row([from], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let target = ids::tag_id(tx, to)?;
    ids::alias(tx, "tag", from, to)?;
    let (Some((source, true)), Some(target)) = (source, target) else {
        return Ok(());
    };
    match tags::merge_within(tx, &[source], target, &op.author) {
        Ok(_) => Ok(()),
        // The tree here does not allow it (the target is no longer a tag, a single-select
        // group would hold two tags): listed, not applied.
        Err(Error::Invalid { .. }) => {
            let case = Case::MergeSkipped {
                from: from.to_string(),
                to: to.to_string(),
            };
            inbox::record(tx, &op.uid, &case, op.at)
        }
        Err(e) => Err(e),
    }
}

fn create(tx: &Connection, op: &WireOperation, uid: &str, cells: &NodeCells) -> Result<()> {
    let text = |k: &str| cells.get(k).and_then(Value::as_str).map(str::to_string);
    let kind = text("kind").unwrap_or_else(|| "tag".into());
    let (parent, position) = place_of(tx, cells.get("place"))?;
    let wanted = text("name").unwrap_or_else(|| uid.chars().take(8).collect());
    let name = name_for_creation(tx, parent, &wanted, op.clock())?;
    let select_mode = match (kind.as_str(), text("select_mode")) {
        ("group", None) => Some("multi".to_string()),
        ("group", mode) => mode,
        _ => None,
    };
    tx.prepare_cached(
        "INSERT INTO tag_nodes(uid, parent_id, kind, name, name_key, select_mode, position,
             created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
    )?
    .execute(params![
        uid,
        parent,
        kind,
        name,
        tags::name_key(&name),
        select_mode,
        position,
        op.at
    ])?;
    let id = tx.last_insert_rowid();
    let clock = op.clock();
    clocks::remember(tx, Record::TagNode, id, ALIVE, clock)?;
    if let Some(place) = cells.get("place") {
        keep_move(tx, op, id, place)?;
    }
    // A move kept before this node arrived put its child at the top level.
    if node_places::named_as_parent(tx, uid)? {
        node_places::owe_replay(tx)?;
    }
    for (field, value) in cells {
        if matches!(field.as_str(), "kind" | "name" | "place" | "select_mode")
            || write(tx, op, id, (field, value))?
        {
            clocks::remember(tx, Record::TagNode, id, field, clock)?;
        }
    }
    Ok(())
}

/// Writes one field of node `id`; false when it could not be (a move that would make a cycle).
fn write(
    tx: &Connection,
    op: &WireOperation,
    id: i64,
    (field, value): (&str, &Value),
) -> Result<bool> {
    match field {
        "name" => {
            let Some(name) = value.as_str() else {
                return Ok(false);
            };
            let parent: Option<i64> =
                tx.query_row("SELECT parent_id FROM tag_nodes WHERE id = ?1", [id], |r| {
                    r.get(0)
                })?;
            let name = free_name(tx, parent, name, Some(id))?;
            tx.prepare_cached("UPDATE tag_nodes SET name = ?2, name_key = ?3 WHERE id = ?1")?
                .execute(params![id, name, tags::name_key(&name)])?;
        }
        "core" => {
            tx.prepare_cached("UPDATE tag_nodes SET core = ?2 WHERE id = ?1 AND kind = 'tag'")?
                .execute(params![id, value.as_bool().unwrap_or(false)])?;
        }
        "archived" => {
            tx.prepare_cached(
                "UPDATE tag_nodes SET archived_at = CASE WHEN ?2 THEN coalesce(archived_at, ?3) END
                 WHERE id = ?1",
            )?
            .execute(params![id, value.as_bool().unwrap_or(false), op.at])?;
        }
        column if COLUMNS.contains(&column) => {
            let value = match value {
                Value::Null => rusqlite::types::Value::Null,
                Value::Number(n) => rusqlite::types::Value::Real(n.as_f64().unwrap_or(0.0)),
                Value::String(s) => rusqlite::types::Value::Text(s.clone()),
                other => rusqlite::types::Value::Text(other.to_string()),
            };
            // A group's select mode never clears, and only groups have one.
            if column == "select_mode" && value == rusqlite::types::Value::Null {
                return Ok(false);
            }
            tx.prepare_cached(&format!("UPDATE tag_nodes SET {column} = ?2 WHERE id = ?1 AND (?3 <> 'select_mode' OR kind = 'group')"))?
                .execute(params![id, value, column])?;
        }
        _ => return Ok(false),
    }
    Ok(true)
}

fn set_alive(tx: &Connection, op: &WireOperation, id: i64, alive: bool) -> Result<()> {
    let deleted: bool = tx.query_row(
        "SELECT deleted_at IS NOT NULL FROM tag_nodes WHERE id = ?1",
        [id],
        |r| r.get(0),
    )?;
    match (alive, deleted) {
        (false, false) => {
            tags::delete_within(tx, id, true, &op.author)?;
        }
        (true, true) => {
            let (parent, name): (Option<i64>, String) = tx.query_row(
                "SELECT parent_id, name FROM tag_nodes WHERE id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?;
            let name = free_name(tx, parent, &name, Some(id))?;
            // A merge undone brings its source back as a tag of its own: changes naming it
            // no longer go to the tag it was merged into.
            tx.prepare_cached(
                "UPDATE tag_nodes SET deleted_at = NULL, merged_into = NULL, name = ?2,
                     name_key = ?3
                 WHERE id = ?1",
            )?
            .execute(params![id, name, tags::name_key(&name)])?;
            let uid: String =
                tx.query_row("SELECT uid FROM tag_nodes WHERE id = ?1", [id], |r| {
                    r.get(0)
                })?;
            forget_merge(tx, &uid)?;
        }
        _ => {}
    }
    Ok(())
}

/// A tag brought back (an undone merge) is a tag of its own again: changes naming it no longer
/// go to the tag it was merged into.
fn forget_merge(conn: &Connection, uid: &str) -> Result<()> {
    conn.prepare_cached("DELETE FROM uid_aliases WHERE entity = 'tag' AND from_uid = ?1")?
        .execute([uid])?;
    Ok(())
}
