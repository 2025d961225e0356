//! Customers as a team exchange writes them: under the global id they came with, and without
//! an audit of their own (the received operation is their history).

use super::record::{insert_row, searchable};
use super::search;
use crate::attributes::{entered, Attribute};

use super::CustomerInput;
use crate::error::Result;
use rusqlite::{params, Connection, ToSql};

/// Creates a customer a team exchange received, under its global id: cleaned on the laptop
/// that made it and recorded in the history as the received operation, so no audit here.
pub(crate) fn insert_received(
    conn: &Connection,
    uid: &str,
    c: &CustomerInput,
    now: i64,
) -> Result<i64> {
    let id = insert_row(conn, c, now)?;
    conn.prepare_cached("UPDATE customers SET uid = ?2 WHERE id = ?1")?
        .execute(params![id, uid])?;
    Ok(id)
}

/// Saves a customer's record as a team exchange received it (see [`insert_received`]), `before`
/// being the record as it was here; custom values not named in `after` stay as they are. Only
/// the attributes that changed are written, and the search entries only when a searchable one
/// did: a received edit is mostly one field (a note, a city), and writing every column rewrote
/// every index of the customer (a fifth of applying a week of a team's work).
pub(crate) fn save_received(
    conn: &Connection,
    id: i64,
    before: &CustomerInput,
    after: &CustomerInput,
    now: i64,
) -> Result<()> {
    let changed: Vec<(Attribute, Option<&str>)> = entered()
        .map(|(a, _)| a)
        .filter(|a| value_of(before, *a) != value_of(after, *a))
        .map(|a| (a, value_of(after, a)))
        .collect();
    // Column names come from the attribute table, never from the input.
    let sets: String = changed
        .iter()
        .enumerate()
        .map(|(i, (a, _))| format!(", {} = ?{}", a.column(), i + 3))
        .collect();
    let mut values: Vec<&dyn ToSql> = vec![&id, &now];
    values.extend(changed.iter().map(|(_, v)| v as &dyn ToSql));
    conn.prepare_cached(&format!(
        "UPDATE customers SET updated_at = ?2{sets} WHERE id = ?1"
    ))?
    .execute(values.as_slice())?;
    if changed.iter().any(|(a, _)| a.def().searchable) {
        search::index(conn, id, &searchable(after))?;
    }
    Ok(())
}

/// The value `c` holds for attribute `a`.
fn value_of(c: &CustomerInput, a: Attribute) -> Option<&str> {
    let v = match a {
        Attribute::Name => return Some(c.name.as_str()),
        Attribute::Phone => &c.phone,
        Attribute::Email => &c.email,
        Attribute::Company => &c.company,
        Attribute::JobTitle => &c.job_title,
        Attribute::Industry => &c.industry,
        Attribute::Province => &c.province,
        Attribute::City => &c.city,
        Attribute::Source => &c.source,
        Attribute::CustomerType => &c.customer_type,
        Attribute::Level => &c.level,
        Attribute::Gender => &c.gender,
        Attribute::Birthday => &c.birthday,
        Attribute::Notes => &c.notes,
        Attribute::ExternalId => &c.external_id,
    };
    v.as_deref()
}
