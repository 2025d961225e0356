//! Declaring event kinds: names unique ignoring case and full-width forms (like tag names),
//! renames that carry events and conditions along, deletes that refuse a kind still in use.

use super::{EventKind, EventKindInput};
use crate::db::json_column_or;
use crate::error::{Error, Result};
use crate::operations::{Image, Images};
use crate::problem::{Problem, Thing};
use crate::{audit, clock, db, tags};
use rusqlite::{params, Connection, OptionalExtension, Transaction};

pub const MAX_NAME_CHARS: usize = 100;
const MAX_PROPERTIES: usize = 50;

pub fn list_kinds(conn: &Connection) -> Result<Vec<EventKind>> {
    let mut stmt = conn.prepare(
        "SELECT k.id, k.name, k.description, k.properties, k.is_order,
                (SELECT count(*) FROM events e WHERE e.kind = k.name)
         FROM event_kinds k ORDER BY k.id",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(EventKind {
            id: r.get(0)?,
            name: r.get(1)?,
            description: r.get(2)?,
            properties: json_column_or(r, 3, Vec::new)?,
            is_order: r.get(4)?,
            events: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn get(conn: &Connection, id: i64) -> Result<EventKind> {
    list_kinds(conn)?
        .into_iter()
        .find(|k| k.id == id)
        .ok_or(Error::NotFound {
            what: Thing::EventKind,
            id: id.to_string(),
        })
}

/// The declared kind called `name` (compared folded), if any.
pub fn find_kind(conn: &Connection, name: &str) -> Result<Option<EventKind>> {
    let id: Option<i64> = conn
        .prepare_cached("SELECT id FROM event_kinds WHERE name_key = ?1")?
        .query_row([tags::name_key(name)], |r| r.get(0))
        .optional()?;
    id.map(|id| get(conn, id)).transpose()
}

/// The first kind declared as an order, for the RFM and lifecycle defaults.
pub fn order_kind(conn: &Connection) -> Result<Option<String>> {
    Ok(conn
        .query_row(
            "SELECT name FROM event_kinds WHERE is_order = 1 ORDER BY id LIMIT 1",
            [],
            |r| r.get(0),
        )
        .optional()?)
}

struct Clean {
    name: String,
    key: String,
    description: String,
    properties: String,
}

fn clean(conn: &Connection, input: &EventKindInput, id: Option<i64>) -> Result<Clean> {
    let name = input.name.trim().to_string();
    if name.is_empty() {
        return Err(Error::invalid("name", Problem::NameRequired));
    }
    if name.chars().count() > MAX_NAME_CHARS {
        return Err(Error::invalid(
            "name",
            Problem::NameTooLong {
                limit: MAX_NAME_CHARS as u32,
            },
        ));
    }
    let key = tags::name_key(&name);
    let clash: Option<(i64, String)> = conn
        .query_row(
            "SELECT id, name FROM event_kinds WHERE name_key = ?1",
            [&key],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    if let Some((_, existing)) = clash.filter(|(other, _)| Some(*other) != id) {
        return Err(Error::invalid(
            "name",
            Problem::NameTaken {
                name: name.to_string(),
                existing: existing.to_string(),
            },
        ));
    }
    let mut properties: Vec<String> = Vec::new();
    for p in &input.properties {
        let p = p.trim();
        if p.is_empty() {
            continue;
        }
        if p.chars().count() > MAX_NAME_CHARS {
            return Err(Error::invalid("properties", Problem::PropertyKeyTooLong));
        }
        if properties
            .iter()
            .any(|q| tags::name_key(q) == tags::name_key(p))
        {
            return Err(Error::invalid(
                "properties",
                Problem::PropertyTwice {
                    name: p.to_string(),
                },
            ));
        }
        properties.push(p.to_string());
    }
    if properties.len() > MAX_PROPERTIES {
        return Err(Error::invalid(
            "properties",
            Problem::TooManyProperties {
                limit: MAX_PROPERTIES as u32,
            },
        ));
    }
    Ok(Clean {
        name,
        key,
        description: input.description.trim().to_string(),
        properties: serde_json::to_string(&properties)?,
    })
}

pub fn create_kind(conn: &Connection, input: &EventKindInput, actor: &str) -> Result<i64> {
    let tx = conn.unchecked_transaction()?;
    let id = insert(&tx, input, None)?;
    let images = Images::of(Image::EventKind { kind: None }, image(&tx, id)?);
    audit::record_edit(
        &tx,
        actor,
        "create",
        "event_kind",
        Some(id),
        input,
        Some(images),
    )?;
    tx.commit()?;
    Ok(id)
}

/// Inserts a kind with a new id, or with `id` when it comes back (see [`restore`]).
fn insert(conn: &Connection, input: &EventKindInput, id: Option<i64>) -> Result<i64> {
    let c = clean(conn, input, None)?;
    let now = clock::now();
    // A removed kind's id is not given again: its events wait under it.
    let id = match id {
        Some(id) => id,
        None => crate::operations::fresh_id(conn, "event_kinds", "event_kind")?,
    };
    conn.execute(
        "INSERT INTO event_kinds(id, name, name_key, description, properties, is_order, created_at, updated_at)
         VALUES (?7, ?1, ?2, ?3, ?4, ?5, ?6, ?6)",
        params![c.name, c.key, c.description, c.properties, input.is_order, now, id],
    )?;
    Ok(id)
}

/// A kind as the history keeps it: what the settings page would save to make it again.
fn image(conn: &Connection, id: i64) -> Result<Image> {
    let k = get(conn, id)?;
    Ok(Image::EventKind {
        kind: Some(EventKindInput {
            name: k.name,
            description: k.description,
            properties: k.properties,
            is_order: k.is_order,
        }),
    })
}

/// Brings a removed kind back with its id and the events it had when removed, inside the
/// caller's transaction.
pub(crate) fn restore(
    conn: &Connection,
    id: i64,
    input: &EventKindInput,
    actor: &str,
) -> Result<()> {
    insert(conn, input, Some(id))?;
    let name = get(conn, id)?.name;
    let back = conn.execute(
        "INSERT INTO events(id, customer_id, kind, occurred_at, amount, properties, source_key,
             uid)
         SELECT id, customer_id, ?2, occurred_at, amount, properties, source_key, uid
         FROM removed_events r WHERE kind_id = ?1
           AND NOT EXISTS (SELECT 1 FROM events e WHERE e.uid = r.uid)",
        params![id, name],
    )?;
    conn.execute("DELETE FROM removed_events WHERE kind_id = ?1", [id])?;
    audit::record(
        conn,
        actor,
        "restore",
        "event_kind",
        Some(id),
        &(&name, back),
    )
}

/// Makes sure kind `name` is declared with at least `properties`, inside the caller's
/// transaction (demo data, imports that create kinds or bring new property columns).
/// Returns the declared name, which may be spelled differently from `name`.
pub fn declare(
    tx: &Transaction,
    name: &str,
    properties: &[String],
    is_order: bool,
) -> Result<String> {
    match find_kind(tx, name)? {
        None => {
            let input = EventKindInput {
                name: name.to_string(),
                description: String::new(),
                properties: properties.to_vec(),
                is_order,
            };
            insert(tx, &input, None)?;
            Ok(input.name.trim().to_string())
        }
        Some(kind) => {
            let mut declared = kind.properties.clone();
            for p in properties {
                if !declared
                    .iter()
                    .any(|d| tags::name_key(d) == tags::name_key(p))
                {
                    declared.push(p.trim().to_string());
                }
            }
            if declared != kind.properties {
                tx.execute(
                    "UPDATE event_kinds SET properties = ?2, updated_at = ?3 WHERE id = ?1",
                    params![kind.id, serde_json::to_string(&declared)?, clock::now()],
                )?;
            }
            Ok(kind.name)
        }
    }
}

/// Saves a kind. A new name is carried, in one transaction, to its events, to the segment and
/// rule conditions that name it, and to the RFM and lifecycle settings.
pub fn update_kind(conn: &Connection, id: i64, input: &EventKindInput, actor: &str) -> Result<()> {
    let tx = conn.unchecked_transaction()?;
    update_within(&tx, id, input, actor)?;
    tx.commit()?;
    Ok(())
}

/// [`update_kind`] inside the caller's transaction (an undo writing a kind back).
pub(crate) fn update_within(
    conn: &Connection,
    id: i64,
    input: &EventKindInput,
    actor: &str,
) -> Result<()> {
    let before = get(conn, id)?;
    let before_image = image(conn, id)?;
    let c = clean(conn, input, Some(id))?;
    conn.execute(
        "UPDATE event_kinds SET name = ?2, name_key = ?3, description = ?4, properties = ?5,
                is_order = ?6, updated_at = ?7 WHERE id = ?1",
        params![
            id,
            c.name,
            c.key,
            c.description,
            c.properties,
            input.is_order,
            clock::now()
        ],
    )?;
    if c.name != before.name {
        conn.execute(
            "UPDATE events SET kind = ?2 WHERE kind = ?1",
            params![before.name, c.name],
        )?;
        rename_in_conditions(conn, &before.name, &c.name)?;
        for key in ["rfm_settings", "lifecycle_settings"] {
            rename_in_settings(conn, key, &before.name, &c.name)?;
        }
    }
    let images = Images::of(before_image, image(conn, id)?);
    audit::record_edit(
        conn,
        actor,
        "update",
        "event_kind",
        Some(id),
        &(&before.name, input),
        Some(images),
    )
}

fn rename_in_conditions(conn: &Connection, from: &str, to: &str) -> Result<()> {
    for table in ["segments", "rules"] {
        let rows: Vec<(i64, String)> = conn
            .prepare(&format!("SELECT id, condition FROM {table}"))?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        for (id, text) in rows {
            let mut json: serde_json::Value = serde_json::from_str(&text)?;
            if rename_kind(&mut json, from, to) {
                conn.execute(
                    &format!("UPDATE {table} SET condition = ?2 WHERE id = ?1"),
                    params![id, json.to_string()],
                )?;
            }
        }
    }
    Ok(())
}

/// Points every event condition naming kind `from` at `to`, at any depth.
fn rename_kind(value: &mut serde_json::Value, from: &str, to: &str) -> bool {
    use serde_json::Value;
    match value {
        Value::Object(fields) => {
            let is_event = fields.get("type").and_then(Value::as_str) == Some("event");
            let mut changed = false;
            if is_event && fields.get("kind").and_then(Value::as_str) == Some(from) {
                fields.insert("kind".into(), Value::from(to));
                changed = true;
            }
            for v in fields.values_mut() {
                changed |= rename_kind(v, from, to);
            }
            changed
        }
        Value::Array(items) => items
            .iter_mut()
            .fold(false, |acc, item| rename_kind(item, from, to) | acc),
        _ => false,
    }
}

fn rename_in_settings(conn: &Connection, key: &str, from: &str, to: &str) -> Result<()> {
    let Some(text) = db::meta_get(conn, key)? else {
        return Ok(());
    };
    let mut json: serde_json::Value = serde_json::from_str(&text)?;
    if json.get("order_kind").and_then(|v| v.as_str()) == Some(from) {
        json["order_kind"] = serde_json::Value::from(to);
        db::meta_set(conn, key, &json.to_string())?;
    }
    Ok(())
}

/// Deletes a kind. One that events, segments or rules use needs `force`, and then its events
/// go with it (conditions naming it then match no one); they are kept aside so that undoing
/// the deletion brings them back. Returns how many events went.
pub fn delete_kind(conn: &Connection, id: i64, force: bool, actor: &str) -> Result<i64> {
    let tx = conn.unchecked_transaction()?;
    let removed = delete_within(&tx, id, force, actor)?;
    tx.commit()?;
    Ok(removed)
}

/// [`delete_kind`] inside the caller's transaction (an undo of the kind's creation).
pub(crate) fn delete_within(conn: &Connection, id: i64, force: bool, actor: &str) -> Result<i64> {
    let kind = get(conn, id)?;
    let before = image(conn, id)?;
    let referenced = references(conn, &kind.name)?;
    if (kind.events > 0 || referenced > 0) && !force {
        return Err(Error::invalid(
            "kind",
            Problem::EventKindInUse {
                name: kind.name,
                events: kind.events,
                references: referenced,
            },
        ));
    }
    conn.execute(
        "INSERT INTO removed_events(id, kind_id, customer_id, kind, occurred_at, amount, properties,
             source_key, uid)
         SELECT id, ?1, customer_id, kind, occurred_at, amount, properties, source_key, uid
         FROM events WHERE kind = ?2",
        params![id, kind.name],
    )?;
    let removed = conn.execute("DELETE FROM events WHERE kind = ?1", [&kind.name])? as i64;
    conn.execute("DELETE FROM event_kinds WHERE id = ?1", [id])?;
    let images = Images::of(before, Image::EventKind { kind: None });
    audit::record_edit(
        conn,
        actor,
        "delete",
        "event_kind",
        Some(id),
        &(&kind.name, removed),
        Some(images),
    )?;
    Ok(removed)
}

fn references(conn: &Connection, name: &str) -> Result<i64> {
    let mut n = 0;
    for table in ["segments", "rules"] {
        let rows: Vec<String> = conn
            .prepare(&format!("SELECT condition FROM {table}"))?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        for text in rows {
            let mut json: serde_json::Value = serde_json::from_str(&text)?;
            // Renaming to itself reports whether the kind is named, and changes nothing kept.
            if rename_kind(&mut json, name, name) {
                n += 1;
            }
        }
    }
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn rename_kind_reaches_nested_event_conditions_only() {
        let mut tree = json!({"type": "and", "children": [
            {"type": "event", "kind": "下单", "measure": "count"},
            {"type": "not", "child": {"type": "event", "kind": "下单"}},
            {"type": "field", "field": "kind", "values": ["下单"]},
            {"type": "event", "kind": "登录"}
        ]});
        assert!(rename_kind(&mut tree, "下单", "购买"));
        assert_eq!(tree["children"][0]["kind"], "购买");
        assert_eq!(tree["children"][1]["child"]["kind"], "购买");
        assert_eq!(
            tree["children"][2]["values"][0], "下单",
            "a field value is not a kind"
        );
        assert_eq!(tree["children"][3]["kind"], "登录");
    }
}
