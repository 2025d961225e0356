//! Applying received tag tree changes (docs/TEAM.md §4): each field of a node (name, colour,
//! dictionary fields, archived, place) and whether it exists are last-writer-wins keys; a move
//! that would put a node under itself is skipped and listed; a deleted node keeps a tombstone
//! (a tag given to it offline goes to the inbox); a merge is for good, so a later change that
//! names the merged tag lands on the one it went into.

use super::clocks::{self, Clock, Record, ALIVE};
use super::ids;
use super::inbox::{self, Case};
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
    let Some(id) = ids::tag_id(tx, uid)? else {
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
        if field == "kind" || !clocks::later(tx, Record::TagNode, id, field, clock)? {
            continue;
        }
        if write(tx, op, id, uid, (field, value), cells)? {
            clocks::remember(tx, Record::TagNode, id, field, clock)?;
        }
    }
    Ok(())
}

/// Notes the clocks of what an own `TagNode` change wrote, when it first travels.
pub(super) fn note_own(
    conn: &Connection,
    op: &WireOperation,
    uid: &str,
    alive: Option<bool>,
    cells: &NodeCells,
) -> Result<()> {
    let Some(id) = ids::tag_id(conn, uid)? else {
        return Ok(());
    };
    if alive.is_some() {
        clocks::note(conn, Record::TagNode, id, ALIVE, op.clock())?;
    }
    for field in cells.keys() {
        clocks::note(conn, Record::TagNode, id, field, op.clock())?;
    }
    remember_before(conn, id, cells.get(PLACE_BEFORE))?;
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
    alias(tx, from, to)?;
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

/// Keeps that tag `from` went into `to`, for changes naming `from` that arrive later.
pub(super) fn alias(conn: &Connection, from: &str, to: &str) -> Result<()> {
    conn.prepare_cached("UPDATE uid_aliases SET to_uid = ?2 WHERE entity = 'tag' AND to_uid = ?1")?
        .execute(params![from, to])?;
    conn.prepare_cached(
        "INSERT OR REPLACE INTO uid_aliases(entity, from_uid, to_uid) VALUES ('tag', ?1, ?2)",
    )?
    .execute(params![from, to])?;
    Ok(())
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
    for (field, value) in cells {
        if matches!(field.as_str(), "kind" | "name" | "place" | "select_mode")
            || write(tx, op, id, uid, (field, value), cells)?
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
    uid: &str,
    (field, value): (&str, &Value),
    all: &NodeCells,
) -> Result<bool> {
    let cells_before = all.get(PLACE_BEFORE);
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
        "place" => {
            let (parent, position) = place_of(tx, Some(value))?;
            if let Some(parent) = parent.filter(|p| under(tx, *p, id).unwrap_or(true)) {
                // Moves are replayed in clock order and the one that closes a cycle is skipped:
                // a later move on the way up from the new parent is undone here, else this one.
                let skipped = match later_move_between(tx, parent, id, op.clock())? {
                    Some((node, before)) => {
                        let (p, pos) = place_of(tx, Some(&before))?;
                        set_place(tx, node, p, pos)?;
                        node_uid(tx, node)?
                    }
                    None => uid.to_string(),
                };
                inbox::record(
                    tx,
                    &op.uid,
                    &Case::MoveSkipped {
                        node: skipped.clone(),
                    },
                    op.at,
                )?;
                if skipped == uid || under(tx, parent, id)? {
                    return Ok(true);
                }
            }
            remember_before(tx, id, cells_before)?;
            set_place(tx, id, parent, position)?;
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
            tx.prepare_cached(
                "UPDATE tag_nodes SET deleted_at = NULL, name = ?2, name_key = ?3 WHERE id = ?1",
            )?
            .execute(params![id, name, tags::name_key(&name)])?;
        }
        _ => {}
    }
    Ok(())
}

/// The name a received node created as `wanted` gets. Two laptops that created the same name
/// under one parent keep both nodes (a merge can join them): the earlier creation keeps the
/// name and the later one is numbered, `行业 (2)`, on every laptop alike.
fn name_for_creation(
    tx: &Connection,
    parent: Option<i64>,
    wanted: &str,
    clock: super::clocks::Clock,
) -> Result<String> {
    let sibling: Option<i64> = tx
        .prepare_cached(
            "SELECT id FROM tag_nodes WHERE ifnull(parent_id, 0) = ifnull(?1, 0) AND name_key = ?2",
        )?
        .query_row(params![parent, tags::name_key(wanted)], |r| r.get(0))
        .optional()?;
    let Some(sibling) = sibling else {
        return Ok(wanted.to_string());
    };
    if clocks::later(tx, Record::TagNode, sibling, ALIVE, clock)? {
        // The node here is the earlier creation (or older than the team).
        return numbered(tx, parent, wanted, None);
    }
    let renamed = numbered(tx, parent, wanted, Some(sibling))?;
    tx.prepare_cached("UPDATE tag_nodes SET name = ?2, name_key = ?3 WHERE id = ?1")?
        .execute(params![sibling, renamed, tags::name_key(&renamed)])?;
    Ok(wanted.to_string())
}

/// `name (2)`, `name (3)` …: the first no sibling but `except` has.
fn numbered(
    tx: &Connection,
    parent: Option<i64>,
    name: &str,
    except: Option<i64>,
) -> Result<String> {
    let mut n = 2;
    loop {
        let candidate = format!("{name} ({n})");
        if free_name(tx, parent, &candidate, except)? == candidate {
            return Ok(candidate);
        }
        n += 1;
    }
}

/// `name`, or `name (2)`, `name (3)` … when a live sibling here already has it.
fn free_name(
    tx: &Connection,
    parent: Option<i64>,
    name: &str,
    except: Option<i64>,
) -> Result<String> {
    let taken =
        |candidate: &str| -> Result<bool> {
            Ok(tx
            .prepare_cached(
                "SELECT EXISTS (SELECT 1 FROM tag_nodes WHERE ifnull(parent_id, 0) = ifnull(?1, 0)
                     AND name_key = ?2 AND id <> ifnull(?3, -1))",
            )?
            .query_row(params![parent, tags::name_key(candidate), except], |r| r.get(0))?)
        };
    let mut candidate = name.to_string();
    let mut n = 2;
    while taken(&candidate)? {
        candidate = format!("{name} ({n})");
        n += 1;
    }
    Ok(candidate)
}

/// The local parent and position a `place` names; a parent this copy lacks puts the node at
/// the top level.
fn place_of(tx: &Connection, place: Option<&Value>) -> Result<(Option<i64>, i64)> {
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
fn under(tx: &Connection, node: i64, root: i64) -> Result<bool> {
    Ok(tx
        .prepare_cached(
            "WITH RECURSIVE up(id) AS (SELECT ?1 UNION SELECT t.parent_id FROM tag_nodes t
                 JOIN up ON t.id = up.id WHERE t.parent_id IS NOT NULL)
             SELECT EXISTS (SELECT 1 FROM up WHERE id = ?2)",
        )?
        .query_row(params![node, root], |r| r.get(0))?)
}

fn set_place(tx: &Connection, id: i64, parent: Option<i64>, position: i64) -> Result<()> {
    tx.prepare_cached("UPDATE tag_nodes SET parent_id = ?2, position = ?3 WHERE id = ?1")?
        .execute(params![id, parent, position])?;
    Ok(())
}

/// Keeps where node `id` stood before the move being written (see `team_node_moves`).
fn remember_before(conn: &Connection, id: i64, before: Option<&Value>) -> Result<()> {
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
fn later_move_between(
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

fn node_uid(tx: &Connection, id: i64) -> Result<String> {
    Ok(
        tx.query_row("SELECT uid FROM tag_nodes WHERE id = ?1", [id], |r| {
            r.get(0)
        })?,
    )
}
