//! The events an own operation added or removed, as `Events` / `EventsRemoved` changes
//! (docs/TEAM.md §1), worked out from what the operation keeps for undo: an event added or
//! deleted by hand (its images), an import's events and the undo of one (its records). Added
//! events are read from the rows as they are when the operation first travels; one removed
//! since travels with the removal, or not at all when it never had a uid (nobody else has it).

use super::wire::{Change, WireEvent};
use crate::error::Result;
use crate::events::given_uid_sql;
use crate::operations::{self, Image};
use roaring::RoaringTreemap;
use rusqlite::{params, Connection};
use std::collections::BTreeMap;

/// The event changes of own operation `operation`: added events by kind, then removals.
pub(super) fn changes(conn: &Connection, operation: i64) -> Result<Vec<Change>> {
    let mut added = RoaringTreemap::new();
    let mut removed: Vec<String> = Vec::new();
    let edit = operations::edit_view(conn, operation)?.filter(|e| e.entity == "event");
    if let Some(edit) = edit {
        match (&edit.before, &edit.after) {
            (_, Image::Event { event: Some(_) }) => {
                added.extend(edit.ids.iter().map(|&id| id as u64));
            }
            (
                Image::Event {
                    event: Some(before),
                },
                Image::Event { event: None },
            ) => {
                removed.extend(before.uid.clone());
            }
            _ => {}
        }
    }
    if let Some(records) = operations::records_of(conn, operation)? {
        added |= &records.events_added;
        if !records.events_removed.is_empty() {
            removed.extend(kept_aside(conn, operation)?);
        }
    }
    let mut out: Vec<Change> = added_by_kind(conn, &added)?
        .into_iter()
        .map(|(kind, events)| Change::Events { kind, events })
        .collect();
    if !removed.is_empty() {
        out.push(Change::EventsRemoved { events: removed });
    }
    Ok(out)
}

/// Gives every event without a global id one: a team starts from every event there is, and
/// its snapshot carries them to the colleagues who join. An imported one gets the id made
/// from its key, as if imported in the team. One statement, in the caller's transaction.
pub(super) fn give_uids(conn: &Connection) -> Result<()> {
    conn.execute(
        &format!(
            "UPDATE events SET uid = {} WHERE uid IS NULL",
            given_uid_sql()
        ),
        [],
    )?;
    Ok(())
}

/// The events among `ids` that are still here, with a uid each (given now to one imported
/// before this copy joined a team, or outside one), grouped by their kind's uid.
fn added_by_kind(
    conn: &Connection,
    ids: &RoaringTreemap,
) -> Result<BTreeMap<String, Vec<WireEvent>>> {
    let mut by_kind: BTreeMap<String, Vec<WireEvent>> = BTreeMap::new();
    if ids.is_empty() {
        return Ok(by_kind);
    }
    let mut give = conn.prepare_cached(&format!(
        "UPDATE events SET uid = {} WHERE id BETWEEN ?1 AND ?2 AND uid IS NULL",
        given_uid_sql()
    ))?;
    let mut read = conn.prepare_cached(
        "SELECT k.uid, e.uid, c.uid, e.occurred_at, e.amount, e.properties, e.source_key
         FROM events e JOIN customers c ON c.id = e.customer_id
         JOIN event_kinds k ON k.name = e.kind
         WHERE e.id BETWEEN ?1 AND ?2 ORDER BY e.id",
    )?;
    for (first, last) in operations::runs(ids) {
        give.execute(params![first, last])?;
        let mut rows = read.query(params![first, last])?;
        while let Some(row) = rows.next()? {
            let properties: String = row.get(5)?;
            let props = match serde_json::from_str(&properties)? {
                serde_json::Value::Object(map) => map,
                _ => serde_json::Map::new(),
            };
            by_kind.entry(row.get(0)?).or_default().push(WireEvent {
                uid: row.get(1)?,
                customer: row.get(2)?,
                at: row.get(3)?,
                amount: row.get(4)?,
                props,
                source_key: row.get(6)?,
            });
        }
    }
    Ok(by_kind)
}

/// The uids of the events operation `operation` (an undo of an events import) removed and
/// keeps aside. Gone from there once a redo put them back: the redo then adds them again.
fn kept_aside(conn: &Connection, operation: i64) -> Result<Vec<String>> {
    let uids = conn
        .prepare_cached(
            "SELECT uid FROM operation_removed_events
             WHERE operation_id = ?1 AND uid IS NOT NULL ORDER BY id",
        )?
        .query_map([operation], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<String>>>()?;
    Ok(uids)
}
