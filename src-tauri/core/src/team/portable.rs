//! Records as they travel (docs/TEAM.md §1): the local ids inside a record's image become
//! uids on the way out and this copy's ids on the way in — tags and groups in conditions and
//! rule actions, segments a condition uses, custom fields compared as `custom:<id>`, and a
//! static segment's frozen members. A uid this copy lacks is named, so the record waits in
//! the inbox instead of naming the wrong thing.

use super::ids;
use crate::error::Result;
use rusqlite::{Connection, OptionalExtension};
use serde_json::Value;

/// What a key of a condition or rule action names, by the key (the domain's own field names).
#[derive(Clone, Copy)]
enum Names {
    /// A tag node: `tag_id`, `group_id`.
    Node,
    /// Several tag nodes: `tag_ids`.
    Nodes,
    /// A saved segment: `segment_id`.
    Segment,
    /// An attribute by key, or a custom field as `custom:<id>`: `field`.
    Field,
}

fn names(key: &str) -> Option<Names> {
    match key {
        "tag_id" | "group_id" => Some(Names::Node),
        "tag_ids" => Some(Names::Nodes),
        "segment_id" => Some(Names::Segment),
        "field" => Some(Names::Field),
        _ => None,
    }
}

const CUSTOM: &str = "custom:";

/// `value` with every local id it names replaced by its uid.
pub(super) fn to_uids(conn: &Connection, value: &mut Value) -> Result<()> {
    walk(value, &mut |kind, v| {
        match (kind, &*v) {
            (Names::Node, Value::Number(n)) => *v = or_keep(node_uid(conn, n.as_i64())?, v),
            (Names::Nodes, Value::Array(items)) => {
                let mut out = Vec::with_capacity(items.len());
                for item in items {
                    out.push(or_keep(node_uid(conn, item.as_i64())?, item));
                }
                *v = Value::Array(out);
            }
            (Names::Segment, Value::Number(n)) => {
                *v = or_keep(record_uid(conn, "segment", n.as_i64())?, v)
            }
            (Names::Field, Value::String(f)) => {
                if let Some(id) = f.strip_prefix(CUSTOM).and_then(|id| id.parse().ok()) {
                    if let Some(uid) = record_uid(conn, "custom_field", Some(id))? {
                        *v = Value::String(format!("{CUSTOM}{uid}"));
                    }
                }
            }
            _ => {}
        }
        Ok(())
    })
}

/// `value` with every uid it names replaced by this copy's id; returns the uids this copy
/// does not have (the value is then not to be written).
pub(super) fn to_local(conn: &Connection, value: &mut Value) -> Result<Vec<String>> {
    let mut missing = Vec::new();
    walk(value, &mut |kind, v| {
        match (kind, &*v) {
            (Names::Node, Value::String(uid)) => match ids::tag_id(conn, uid)? {
                Some(id) => *v = id.into(),
                None => missing.push(uid.clone()),
            },
            (Names::Nodes, Value::Array(items)) => {
                let mut out = Vec::with_capacity(items.len());
                for item in items {
                    match item.as_str() {
                        Some(uid) => match ids::tag_id(conn, uid)? {
                            Some(id) => out.push(id.into()),
                            None => missing.push(uid.to_string()),
                        },
                        None => missing.push(item.to_string()),
                    }
                }
                *v = Value::Array(out);
            }
            (Names::Segment, Value::String(uid)) => match record_id(conn, "segment", uid)? {
                Some(id) => *v = id.into(),
                None => missing.push(uid.clone()),
            },
            // An id the sender could not name by uid: never read as one of this copy's.
            (Names::Node | Names::Segment, Value::Number(n)) => missing.push(n.to_string()),
            (Names::Field, Value::String(f)) => {
                if let Some(uid) = f.strip_prefix(CUSTOM).filter(|u| u.parse::<i64>().is_err()) {
                    match record_id(conn, "custom_field", uid)? {
                        Some(id) => *v = Value::String(format!("{CUSTOM}{id}")),
                        None => missing.push(uid.to_string()),
                    }
                }
            }
            _ => {}
        }
        Ok(())
    })?;
    Ok(missing)
}

/// A static segment's frozen members (runs of ids, as its image keeps them) as customer uids.
pub(super) fn members_to_uids(conn: &Connection, runs: &Value) -> Result<Value> {
    let mut stmt = conn.prepare_cached(
        "SELECT uid FROM customers WHERE id BETWEEN ?1 AND ?2 AND uid IS NOT NULL ORDER BY id",
    )?;
    let mut uids = Vec::new();
    for run in runs.as_array().into_iter().flatten() {
        let (first, count) = (run[0].as_i64().unwrap_or(0), run[1].as_i64().unwrap_or(0));
        let found = stmt.query_map([first, first + count - 1], |r| r.get::<_, String>(0))?;
        for uid in found {
            uids.push(Value::String(uid?));
        }
    }
    Ok(Value::Array(uids))
}

/// Customer uids back as runs of this copy's ids; customers it lacks are left out (a frozen
/// list holds who was there: someone this copy never had cannot be in it).
pub(super) fn members_to_local(conn: &Connection, uids: &Value) -> Result<Value> {
    let mut ids_here = Vec::new();
    for uid in uids.as_array().into_iter().flatten() {
        if let Some(id) = ids::customer_id(conn, uid.as_str().unwrap_or_default())? {
            ids_here.push(id);
        }
    }
    ids_here.sort_unstable();
    ids_here.dedup();
    Ok(serde_json::to_value(crate::segments::runs(ids_here))?)
}

/// The uid record `id` of `entity` has, or had before it was deleted.
pub(super) fn record_uid(
    conn: &Connection,
    entity: &str,
    id: Option<i64>,
) -> Result<Option<String>> {
    let Some(id) = id else { return Ok(None) };
    Ok(conn
        .prepare_cached("SELECT uid FROM record_uids WHERE entity = ?1 AND id = ?2")?
        .query_row(rusqlite::params![entity, id], |r| r.get(0))
        .optional()?)
}

/// This copy's id for record `uid` of `entity` (it may be deleted here), if it ever had it.
/// Whether this copy has, or had, what `uid` names in a received record: a tag node, a
/// segment or a custom field (the names [`to_local`] finds missing).
pub(super) fn known(conn: &Connection, uid: &str) -> Result<bool> {
    Ok(ids::tag_id(conn, uid)?.is_some()
        || record_id(conn, "segment", uid)?.is_some()
        || record_id(conn, "custom_field", uid)?.is_some())
}

pub(super) fn record_id(conn: &Connection, entity: &str, uid: &str) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached("SELECT id FROM record_uids WHERE entity = ?1 AND uid = ?2")?
        .query_row([entity, uid], |r| r.get(0))
        .optional()?)
}

fn node_uid(conn: &Connection, id: Option<i64>) -> Result<Option<String>> {
    let Some(id) = id else { return Ok(None) };
    super::ids::node_uid(conn, id)
}

/// The uid found, or the value as it was (an id this copy no longer knows stays a number, and
/// the receiver lists it as missing).
fn or_keep(uid: Option<String>, was: &Value) -> Value {
    uid.map(Value::String).unwrap_or_else(|| was.clone())
}

/// Calls `f` on every value under a key that names something, depth first.
fn walk(value: &mut Value, f: &mut impl FnMut(Names, &mut Value) -> Result<()>) -> Result<()> {
    match value {
        Value::Object(map) => {
            for (key, v) in map.iter_mut() {
                match names(key) {
                    Some(kind) => f(kind, v)?,
                    None => walk(v, f)?,
                }
            }
        }
        Value::Array(items) => {
            for v in items {
                walk(v, f)?;
            }
        }
        _ => {}
    }
    Ok(())
}
