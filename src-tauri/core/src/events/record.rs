//! Adding one event by hand and deleting one, both checked and audited. Imports use
//! [`check`] too, so a row of a file and a form on a profile obey the same rules.

use super::{find_kind, EventKind, Properties};
use crate::error::{Error, Result};
use crate::operations::{Image, Images};
use crate::problem::{Problem, Thing};
use crate::{audit, tags};
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub const MAX_PROPERTY_CHARS: usize = 500;
/// 1900-01-01 and 2100-01-01: a time outside is a typo or a unit mix-up (milliseconds).
const EARLIEST: i64 = -2_208_988_800;
const LATEST: i64 = 4_102_444_800;

/// One event as the profile form sends it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export_to = "EventInput.ts")]
pub struct EventInput {
    pub customer_id: i64,
    /// A declared kind, compared ignoring case and full-width forms.
    pub kind: String,
    /// Unix seconds.
    pub occurred_at: i64,
    pub amount: Option<f64>,
    /// Values by key; only the kind's declared keys are accepted, empty values are dropped.
    pub properties: Properties,
}

/// The time, amount and properties of an event of `kind`, checked; the properties as the JSON
/// stored. Errors name the field at fault.
pub(crate) fn check(
    kind: &EventKind,
    occurred_at: i64,
    amount: Option<f64>,
    properties: &Properties,
) -> Result<String> {
    if !(EARLIEST..LATEST).contains(&occurred_at) {
        return Err(Error::invalid("occurred_at", Problem::TimeOutOfRange));
    }
    if let Some(a) = amount {
        if !a.is_finite() || a < 0.0 {
            return Err(Error::invalid("amount", Problem::AmountInvalid));
        }
    }
    let mut stored = serde_json::Map::new();
    for (key, value) in properties {
        let value = value.trim();
        if value.is_empty() {
            continue;
        }
        let Some(declared) = kind
            .properties
            .iter()
            .find(|d| tags::name_key(d) == tags::name_key(key))
        else {
            return Err(Error::invalid(
                "properties",
                Problem::NotAProperty {
                    key: key.to_string(),
                    kind: kind.name.clone(),
                },
            ));
        };
        if value.chars().count() > MAX_PROPERTY_CHARS {
            return Err(Error::invalid(
                "properties",
                Problem::PropertyValueTooLong {
                    limit: MAX_PROPERTY_CHARS as u32,
                },
            ));
        }
        stored.insert(declared.clone(), serde_json::Value::from(value));
    }
    Ok(serde_json::Value::Object(stored).to_string())
}

/// The declared kind called `name`, or an error saying to declare it.
pub(crate) fn declared(conn: &Connection, name: &str) -> Result<EventKind> {
    find_kind(conn, name)?.ok_or_else(|| {
        Error::invalid(
            "kind",
            Problem::UndeclaredEventKind {
                name: name.trim().to_string(),
            },
        )
    })
}

/// Adds one event to a live customer; returns its id.
pub fn add(conn: &Connection, input: &EventInput, actor: &str) -> Result<i64> {
    let tx = conn.unchecked_transaction()?;
    let id = add_within(&tx, input, actor)?;
    tx.commit()?;
    Ok(id)
}

/// [`add`] inside the caller's transaction: the desk records the rules the customer owes in
/// the same one (see [`crate::follow_up`]).
pub fn add_within(tx: &Transaction, input: &EventInput, actor: &str) -> Result<i64> {
    let live: Option<bool> = tx
        .query_row(
            "SELECT deleted_at IS NULL FROM customers WHERE id = ?1",
            [input.customer_id],
            |r| r.get(0),
        )
        .optional()?;
    if live != Some(true) {
        return Err(Error::NotFound {
            what: Thing::Customer,
            id: input.customer_id.to_string(),
        });
    }
    let kind = declared(tx, &input.kind)?;
    let properties = check(&kind, input.occurred_at, input.amount, &input.properties)?;
    // The uid is given now rather than when a team first needs it: the images the history
    // keeps (for undo and redo) then carry it, and a deletion travels under it.
    let uid: String = tx.query_row(&format!("SELECT {NEW_UID}"), [], |r| r.get(0))?;
    let event = EventImage {
        customer_id: input.customer_id,
        kind: kind.name,
        occurred_at: input.occurred_at,
        amount: input.amount,
        properties,
        uid: Some(uid),
    };
    let id = insert(tx, None, &event)?;
    let images = Images::of(
        Image::Event { event: None },
        Image::Event {
            event: Some(event.clone()),
        },
    );
    audit::record_edit(tx, actor, "create", "event", Some(id), &event, Some(images))?;
    Ok(id)
}

/// One event as the history keeps it: the row as stored, its properties as their JSON.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct EventImage {
    pub customer_id: i64,
    pub kind: String,
    pub occurred_at: i64,
    pub amount: Option<f64>,
    pub properties: String,
    /// Its global id (docs/TEAM.md §2); None in images kept before events had one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uid: Option<String>,
}

/// A new global id, as SQL: 128 random bits in hex.
pub(crate) const NEW_UID: &str = "lower(hex(randomblob(16)))";

/// The global id of an imported event: made from its source key, not drawn at random, so that
/// the same row of the same file imported on two laptops is one event in the team, as it is
/// one event when the file is imported twice on one laptop (docs/TEAM.md, "Events"). The key
/// in hex, then its complement: 32 hex digits like a random uid.
pub fn imported_uid(source_key: i64) -> String {
    format!("{:016x}{:016x}", source_key as u64, !(source_key as u64))
}

/// [`imported_uid`] as SQL, of the SQL expression `key`.
pub(crate) fn imported_uid_sql(key: &str) -> String {
    format!("printf('%016x%016x', {key}, ~{key})")
}

/// [`imported_uid`] of bound parameter `key` while this copy belongs to a team, else NULL
/// (see migration 0024: outside a team the uid index is not paid for).
pub(crate) fn imported_uid_in_team(key: &str) -> String {
    format!(
        "CASE WHEN EXISTS (SELECT 1 FROM team) THEN {} END",
        imported_uid_sql(key)
    )
}

/// A global id for an `events` row without one, as SQL: [`imported_uid`] for an imported one,
/// unless an earlier row holds the same key or another event has that id already (a file
/// re-imported after its import was undone, outside a team, stores its key twice); else random.
pub(crate) fn given_uid_sql() -> String {
    let derived = imported_uid_sql("events.source_key");
    format!(
        "CASE WHEN events.source_key IS NOT NULL
              AND NOT EXISTS (SELECT 1 FROM events o
                              WHERE o.source_key = events.source_key AND o.id < events.id)
              AND NOT EXISTS (SELECT 1 FROM events o WHERE o.uid = {derived})
         THEN {derived} ELSE {NEW_UID} END"
    )
}

fn insert(conn: &Connection, id: Option<i64>, e: &EventImage) -> Result<i64> {
    conn.execute(
        &format!(
            "INSERT INTO events(id, customer_id, kind, occurred_at, amount, properties, uid)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, coalesce(?7, {NEW_UID}))"
        ),
        params![
            id,
            e.customer_id,
            e.kind,
            e.occurred_at,
            e.amount,
            e.properties,
            e.uid
        ],
    )?;
    Ok(conn.last_insert_rowid())
}

/// Puts a deleted event back with its id and uid (undoing its deletion, or redoing its adding), inside
/// the caller's transaction: its customer must still be there and its kind declared.
pub(crate) fn restore_within(
    conn: &Connection,
    id: i64,
    event: &EventImage,
    actor: &str,
) -> Result<()> {
    let live: Option<bool> = conn
        .query_row(
            "SELECT deleted_at IS NULL FROM customers WHERE id = ?1",
            [event.customer_id],
            |r| r.get(0),
        )
        .optional()?;
    if live != Some(true) {
        return Err(Error::NotFound {
            what: Thing::Customer,
            id: event.customer_id.to_string(),
        });
    }
    let kind = declared(conn, &event.kind)?;
    let event = EventImage {
        kind: kind.name,
        ..event.clone()
    };
    // A colleague may have brought it back already (it travelled under its uid).
    let here: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM events WHERE uid = ?1)",
        [&event.uid],
        |r| r.get(0),
    )?;
    if here {
        return Ok(());
    }
    insert(conn, Some(id), &event)?;
    audit::record(conn, actor, "restore", "event", Some(id), &event)
}

/// Deletes one event; returns the customer it belonged to.
pub fn delete(conn: &Connection, id: i64, actor: &str) -> Result<i64> {
    let tx = conn.unchecked_transaction()?;
    let customer = delete_within(&tx, id, actor)?;
    tx.commit()?;
    Ok(customer)
}

/// [`delete`] inside the caller's transaction (see [`add_within`]).
pub fn delete_within(tx: &Connection, id: i64, actor: &str) -> Result<i64> {
    let row: Option<EventImage> = tx
        .query_row(
            "SELECT customer_id, kind, occurred_at, amount, properties, uid FROM events
             WHERE id = ?1",
            [id],
            |r| {
                Ok(EventImage {
                    customer_id: r.get(0)?,
                    kind: r.get(1)?,
                    occurred_at: r.get(2)?,
                    amount: r.get(3)?,
                    properties: r.get(4)?,
                    uid: r.get(5)?,
                })
            },
        )
        .optional()?;
    let Some(event) = row else {
        return Err(Error::NotFound {
            what: Thing::Event,
            id: id.to_string(),
        });
    };
    tx.execute("DELETE FROM events WHERE id = ?1", [id])?;
    let images = Images::of(
        Image::Event {
            event: Some(event.clone()),
        },
        Image::Event { event: None },
    );
    audit::record_edit(tx, actor, "delete", "event", Some(id), &event, Some(images))?;
    Ok(event.customer_id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_imported_uid_is_the_same_made_in_rust_and_in_sql() {
        let conn = Connection::open_in_memory().unwrap();
        for key in [0, 1, -1, 42, i64::MIN, i64::MAX, -6_917_529_027_641_081_856] {
            let sql: String = conn
                .query_row(&format!("SELECT {}", imported_uid_sql("?1")), [key], |r| {
                    r.get(0)
                })
                .unwrap();
            assert_eq!(sql, imported_uid(key), "key {key}");
            assert_eq!(sql.len(), 32, "as long as a random uid");
        }
    }
}
