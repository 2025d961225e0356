//! Removing a custom field and bringing it back. A field's values are the customers' data, so
//! removing the field moves them aside (`removed_custom_values`) instead of dropping them, and
//! bringing the field back (undoing the removal, or redoing its creation) gives it its id and
//! every value again. The history keeps the field's definition as its image.

use super::{clean, get, CustomFieldInput, FieldKind};
use crate::audit;
use crate::error::{Error, Result};
use crate::operations::{Image, Images};
use crate::problem::Problem;
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};

/// A field's definition as the history keeps it: enough to make it again as it was.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct FieldImage {
    /// Stable across copies of the database, unlike the id.
    pub key: String,
    pub label: String,
    pub kind: FieldKind,
    pub options: Vec<String>,
    pub position: i64,
    pub archived: bool,
}

impl FieldImage {
    pub(crate) fn input(&self) -> CustomFieldInput {
        CustomFieldInput {
            label: self.label.clone(),
            kind: self.kind,
            options: self.options.clone(),
        }
    }
}

pub(crate) fn image(conn: &Connection, id: i64) -> Result<FieldImage> {
    let field = get(conn, id)?;
    let key = conn.query_row("SELECT key FROM custom_fields WHERE id = ?1", [id], |r| {
        r.get(0)
    })?;
    Ok(FieldImage {
        key,
        label: field.label,
        kind: field.kind,
        options: field.options,
        position: field.position,
        archived: field.archived,
    })
}

/// Deletes a field. Its values leave the customers with it and come back if the deletion is
/// undone. A field a segment or rule compares is refused, naming them. Returns how many
/// customers held a value.
pub fn delete(conn: &Connection, id: i64, actor: &str) -> Result<i64> {
    let tx = conn.unchecked_transaction()?;
    let held = delete_within(&tx, id, actor)?;
    tx.commit()?;
    Ok(held)
}

/// [`delete`] inside the caller's transaction (an undo of the field's creation).
pub(crate) fn delete_within(conn: &Connection, id: i64, actor: &str) -> Result<i64> {
    let before = image(conn, id)?;
    let users = users(conn, id)?;
    if !users.is_empty() {
        return Err(Error::invalid(
            "field",
            Problem::FieldInUse {
                name: before.label,
                users,
            },
        ));
    }
    let held = conn.execute(
        "INSERT OR REPLACE INTO removed_custom_values(field_id, customer_id, value)
         SELECT field_id, customer_id, value FROM custom_values WHERE field_id = ?1",
        [id],
    )? as i64;
    conn.execute("DELETE FROM custom_values WHERE field_id = ?1", [id])?;
    conn.execute("DELETE FROM custom_fields WHERE id = ?1", [id])?;
    let images = Images::of(
        Image::CustomField {
            field: Some(before.clone()),
        },
        Image::CustomField { field: None },
    );
    let detail = serde_json::json!({ "label": before.label, "values": held });
    audit::record_edit(
        conn,
        actor,
        "delete",
        "custom_field",
        Some(id),
        &detail,
        Some(images),
    )?;
    Ok(held)
}

/// Brings a removed field back with its id, definition and the values it held when removed,
/// inside the caller's transaction. The label is checked against today's fields.
pub(crate) fn restore(conn: &Connection, id: i64, image: &FieldImage, actor: &str) -> Result<()> {
    let (label, options) = clean(conn, &image.input(), Some(id))?;
    conn.execute(
        "INSERT INTO custom_fields(id, key, label, kind, options, position, archived, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            id,
            image.key,
            label,
            image.kind.as_str(),
            serde_json::to_string(&options)?,
            image.position,
            image.archived,
            crate::clock::now()
        ],
    )?;
    conn.execute(
        "INSERT INTO custom_values(customer_id, field_id, value)
         SELECT customer_id, field_id, value FROM removed_custom_values WHERE field_id = ?1",
        [id],
    )?;
    let held = conn.execute(
        "DELETE FROM removed_custom_values WHERE field_id = ?1",
        [id],
    )?;
    let detail = serde_json::json!({ "label": label, "values": held });
    audit::record(conn, actor, "restore", "custom_field", Some(id), &detail)
}

/// The segments and rules whose conditions compare field `id`, by name.
fn users(conn: &Connection, id: i64) -> Result<Vec<String>> {
    // Conditions name a custom field "custom:<id>" as a whole JSON string.
    let needle = format!("%\"custom:{id}\"%");
    Ok(conn
        .prepare(
            "SELECT name FROM segments WHERE condition LIKE ?1
             UNION ALL SELECT name FROM rules WHERE condition LIKE ?1",
        )?
        .query_map([needle], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?)
}
