//! A customer's record as cells, the shape in which customers travel (docs/TEAM.md §1): one
//! cell per attribute (by its key, as `CustomerInput` names it) and per custom value (by
//! `custom:<field uid>`), so each is its own last-writer-wins key.

use crate::custom_fields::CustomValue;
use crate::customers::CustomerInput;
use crate::error::Result;
use rusqlite::{Connection, OptionalExtension};
use std::collections::BTreeMap;

pub(super) type Cells = BTreeMap<String, Option<String>>;

const CUSTOM: &str = "custom:";

/// The identity keys of a record (the team merges creations that share one), in the order
/// they are tried.
pub(super) const IDENTITY: [&str; 3] = ["phone", "email", "external_id"];

/// Every cell of `input`: each attribute, set or not, and each custom value it holds.
pub(super) fn of(conn: &Connection, input: &CustomerInput) -> Result<Cells> {
    let mut cells = Cells::new();
    if let serde_json::Value::Object(map) = serde_json::to_value(input)? {
        for (key, value) in map {
            if key != "custom" {
                cells.insert(key, value.as_str().map(str::to_string));
            }
        }
    }
    for value in &input.custom {
        if let Some(uid) = field_uid(conn, value.field_id)? {
            cells.insert(format!("{CUSTOM}{uid}"), Some(value.value.clone()));
        }
    }
    Ok(cells)
}

/// The cells that differ from `before` to `after`: what an edit set.
pub(super) fn changed(before: &Cells, after: &Cells) -> Cells {
    let keys: std::collections::BTreeSet<&String> = before.keys().chain(after.keys()).collect();
    keys.into_iter()
        .filter_map(|key| {
            let (b, a) = (
                before.get(key).cloned().flatten(),
                after.get(key).cloned().flatten(),
            );
            (b != a).then(|| (key.clone(), a))
        })
        .collect()
}

/// Writes `cells` into `input`: attributes by key, custom values as a value to save (an empty
/// one clears the field). A custom field this copy does not know is returned, not written.
pub(super) fn write_into(
    conn: &Connection,
    input: &mut CustomerInput,
    cells: &Cells,
) -> Result<Vec<String>> {
    let mut record = serde_json::to_value(&*input)?;
    let mut unknown = Vec::new();
    let mut custom = Vec::new();
    for (key, value) in cells {
        if let Some(uid) = key.strip_prefix(CUSTOM) {
            match field_id(conn, uid)? {
                Some(field_id) => custom.push(CustomValue {
                    field_id,
                    value: value.clone().unwrap_or_default(),
                }),
                None => unknown.push(key.clone()),
            }
        } else if key == "name" {
            // A name is never empty; a change that clears it is older than this app's rule.
            if let Some(name) = value {
                record[key] = serde_json::Value::from(name.as_str());
            }
        } else if record.get(key).is_some() {
            record[key] = value
                .as_deref()
                .map_or(serde_json::Value::Null, serde_json::Value::from);
        } else {
            unknown.push(key.clone());
        }
    }
    *input = serde_json::from_value(record)?;
    input.custom = custom;
    Ok(unknown)
}

/// The identity keys `cells` carries, as `phone:…`.
pub(super) fn identity(cells: &Cells) -> Vec<String> {
    IDENTITY
        .iter()
        .filter_map(|key| {
            let value = cells.get(*key)?.as_deref()?.trim();
            (!value.is_empty()).then(|| format!("{key}:{value}"))
        })
        .collect()
}

fn field_uid(conn: &Connection, id: i64) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT uid FROM custom_fields WHERE id = ?1")?
        .query_row([id], |r| r.get(0))
        .optional()?)
}

fn field_id(conn: &Connection, uid: &str) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached("SELECT id FROM custom_fields WHERE uid = ?1")?
        .query_row([uid], |r| r.get(0))
        .optional()?)
}
