//! What an import wrote besides tags — the customers it created, the customers it changed
//! with each one's record before, the events it added — kept with its operation so that
//! undoing the import takes all of it back (see [`super::imports_undo`]), and so that a later
//! operation that changed one of those records is in the way of that undo. Ids are kept as
//! roaring bitmaps (a file's new rows are runs of consecutive ids), records before only for
//! customers actually changed: recording adds next to nothing to a 100,000-row import.

use crate::customers::CustomerInput;
use crate::error::Result;
use roaring::RoaringTreemap;
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::Serialize;
use ts_rs::TS;

/// How many records an operation wrote, as the history shows them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, TS)]
#[ts(export_to = "RecordCounts.ts")]
pub struct RecordCounts {
    /// Customers it created (an undo of an undo: brought back).
    pub customers_added: i64,
    /// Customers it deleted (an undo of an import: the customers the import created).
    pub customers_removed: i64,
    /// Customers whose attributes or custom values it changed.
    pub customers_changed: i64,
    pub events_added: i64,
    /// Events it removed (an undo of an events import: the events the import added).
    pub events_removed: i64,
}

/// The ids an operation wrote, by what it did to them.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Records {
    pub customers_added: RoaringTreemap,
    pub customers_removed: RoaringTreemap,
    pub customers_changed: RoaringTreemap,
    pub events_added: RoaringTreemap,
    pub events_removed: RoaringTreemap,
}

impl Records {
    pub(crate) fn customers_added(&mut self, ids: &[i64]) {
        self.customers_added.extend(ids.iter().map(|id| *id as u64));
    }

    pub(crate) fn event_added(&mut self, id: i64) {
        self.events_added.insert(id as u64);
    }

    /// Keeps customer `id`'s record as it is before operation `operation` changes it: what
    /// undoing the operation writes back.
    pub(crate) fn keep_before(
        &mut self,
        tx: &Transaction,
        operation: i64,
        id: i64,
        before: &CustomerInput,
    ) -> Result<()> {
        tx.prepare_cached(
            "INSERT OR REPLACE INTO operation_customer_images(operation_id, customer_id, record)
             VALUES (?1, ?2, ?3)",
        )?
        .execute(params![operation, id, serde_json::to_string(before)?])?;
        self.customers_changed.insert(id as u64);
        Ok(())
    }

    fn is_empty(&self) -> bool {
        self.customers().is_empty() && self.events().is_empty()
    }

    /// Every customer it wrote.
    pub(crate) fn customers(&self) -> RoaringTreemap {
        &(&self.customers_added | &self.customers_removed) | &self.customers_changed
    }

    /// Every event it wrote.
    pub(crate) fn events(&self) -> RoaringTreemap {
        &self.events_added | &self.events_removed
    }

    pub(crate) fn counts(&self) -> RecordCounts {
        RecordCounts {
            customers_added: self.customers_added.len() as i64,
            customers_removed: self.customers_removed.len() as i64,
            customers_changed: self.customers_changed.len() as i64,
            events_added: self.events_added.len() as i64,
            events_removed: self.events_removed.len() as i64,
        }
    }

    /// Stores them with operation `operation`; an operation that wrote nothing stores nothing.
    pub(crate) fn save(&self, tx: &Transaction, operation: i64) -> Result<()> {
        if self.is_empty() {
            return Ok(());
        }
        tx.prepare_cached(
            "INSERT INTO operation_records(operation_id, customers_added, customers_removed,
                 customers_changed, events_added, events_removed)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?
        .execute(params![
            operation,
            blob(&self.customers_added)?,
            blob(&self.customers_removed)?,
            blob(&self.customers_changed)?,
            blob(&self.events_added)?,
            blob(&self.events_removed)?,
        ])?;
        Ok(())
    }
}

/// The records operation `id` wrote; None when it wrote none (or only tags).
pub(crate) fn load(conn: &Connection, id: i64) -> Result<Option<Records>> {
    type Blobs = [Option<Vec<u8>>; 5];
    let row: Option<Blobs> = conn
        .prepare_cached(
            "SELECT customers_added, customers_removed, customers_changed, events_added,
                    events_removed
             FROM operation_records WHERE operation_id = ?1",
        )?
        .query_row([id], |r| {
            Ok([r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?])
        })
        .optional()?;
    row.map(|[a, b, c, d, e]| {
        Ok(Records {
            customers_added: bitmap(a)?,
            customers_removed: bitmap(b)?,
            customers_changed: bitmap(c)?,
            events_added: bitmap(d)?,
            events_removed: bitmap(e)?,
        })
    })
    .transpose()
}

/// Later operations still in effect that changed a customer or event operation `id` wrote: an
/// edit of the same customer or event or of its event kind, or an operation that wrote records
/// of one of them (an import that updated it). For an edit of a customer, the later operations
/// whose records name the customer. As elsewhere, an undone operation and the undo of an
/// operation earlier than `id` cancel out.
pub(super) fn overlapping_later(conn: &Connection, id: i64) -> Result<Vec<i64>> {
    let (customers, events) = touched(conn, id)?;
    if customers.is_empty() && events.is_empty() {
        return Ok(Vec::new());
    }
    let mut later: Vec<i64> = Vec::new();
    let edits: Vec<(i64, String, Option<i64>, Option<String>)> = conn
        .prepare_cached(
            "SELECT id, entity, entity_id, json_extract(detail, '$.ids') FROM operations
             WHERE id > ?1 AND undone_by IS NULL AND (undoes IS NULL OR undoes < ?1)
               AND entity IN ('customer', 'event', 'event_kind')",
        )?
        .query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut kinds: Option<RoaringTreemap> = None;
    for (other, entity, entity_id, ids) in edits {
        let mine = match entity.as_str() {
            "customer" => &customers,
            "event" => &events,
            _ if events.is_empty() => continue,
            _ => {
                if kinds.is_none() {
                    kinds = Some(kinds_of(conn, id, &events)?);
                }
                kinds.as_ref().expect("read just now")
            }
        };
        let mut theirs: Vec<i64> = entity_id.into_iter().collect();
        if let Some(ids) = ids {
            theirs.extend(serde_json::from_str::<Vec<i64>>(&ids).unwrap_or_default());
        }
        if theirs.iter().any(|t| mine.contains(*t as u64)) {
            later.push(other);
        }
    }
    let written: Vec<i64> = conn
        .prepare_cached(
            "SELECT r.operation_id FROM operation_records r
             JOIN operations o ON o.id = r.operation_id
             WHERE r.operation_id > ?1 AND o.undone_by IS NULL
               AND (o.undoes IS NULL OR o.undoes < ?1)",
        )?
        .query_map([id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for other in written {
        let Some(theirs) = load(conn, other)? else {
            continue;
        };
        if !theirs.customers().is_disjoint(&customers) || !theirs.events().is_disjoint(&events) {
            later.push(other);
        }
    }
    later.sort_unstable();
    later.dedup();
    Ok(later)
}

/// The kinds of `events` (ids of event_kinds): of those in `events`, of those a kind's removal
/// keeps, and of those the undo `id` keeps. A later rename or removal of one of these kinds is
/// in the way of taking the events back or putting them back (a redo would bring back events
/// of a name no kind has, and a kind brought back would bring back events of an undone import).
fn kinds_of(conn: &Connection, id: i64, events: &RoaringTreemap) -> Result<RoaringTreemap> {
    let mut kinds = RoaringTreemap::new();
    let mut add = |sql: &str, args: &[i64]| -> Result<()> {
        let ids: Vec<i64> = conn
            .prepare_cached(sql)?
            .query_map(rusqlite::params_from_iter(args), |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        kinds.extend(ids.into_iter().map(|k| k as u64));
        Ok(())
    };
    for (first, last) in runs(events) {
        add(
            "SELECT id FROM event_kinds WHERE name IN
                 (SELECT DISTINCT kind FROM events WHERE id BETWEEN ?1 AND ?2)",
            &[first, last],
        )?;
        add(
            "SELECT DISTINCT kind_id FROM removed_events WHERE id BETWEEN ?1 AND ?2",
            &[first, last],
        )?;
    }
    add(
        "SELECT id FROM event_kinds WHERE name IN
             (SELECT DISTINCT kind FROM operation_removed_events WHERE operation_id = ?1)",
        &[id],
    )?;
    Ok(kinds)
}

/// The customers and events operation `id` wrote: its records, or the customer (or event) an
/// edit changed.
fn touched(conn: &Connection, id: i64) -> Result<(RoaringTreemap, RoaringTreemap)> {
    if let Some(records) = load(conn, id)? {
        return Ok((records.customers(), records.events()));
    }
    let edit: Option<(Option<String>, Option<i64>, Option<String>)> = conn
        .query_row(
            "SELECT entity, entity_id, json_extract(detail, '$.ids') FROM operations
             WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    let (mut customers, mut events) = (RoaringTreemap::new(), RoaringTreemap::new());
    if let Some((Some(entity), entity_id, ids)) = edit {
        let mut all: Vec<i64> = entity_id.into_iter().collect();
        if let Some(ids) = ids {
            all.extend(serde_json::from_str::<Vec<i64>>(&ids).unwrap_or_default());
        }
        match entity.as_str() {
            "customer" => customers.extend(all.into_iter().map(|i| i as u64)),
            "event" => events.extend(all.into_iter().map(|i| i as u64)),
            _ => {}
        }
    }
    Ok((customers, events))
}

/// The counts of what operation `id` wrote, for its details.
pub(super) fn counts(conn: &Connection, id: i64) -> Result<Option<RecordCounts>> {
    Ok(load(conn, id)?.map(|r| r.counts()))
}

/// Consecutive ids as inclusive ranges: what a statement walks by primary key.
pub(crate) fn runs(ids: &RoaringTreemap) -> Vec<(i64, i64)> {
    let mut runs: Vec<(i64, i64)> = Vec::new();
    for id in ids.iter().map(|id| id as i64) {
        match runs.last_mut() {
            Some((_, last)) if *last + 1 == id => *last = id,
            _ => runs.push((id, id)),
        }
    }
    runs
}

pub(super) fn ids(map: &RoaringTreemap) -> Vec<i64> {
    map.iter().map(|id| id as i64).collect()
}

fn blob(ids: &RoaringTreemap) -> Result<Option<Vec<u8>>> {
    if ids.is_empty() {
        return Ok(None);
    }
    let mut out = Vec::with_capacity(ids.serialized_size());
    ids.serialize_into(&mut out)?;
    Ok(Some(out))
}

fn bitmap(blob: Option<Vec<u8>>) -> Result<RoaringTreemap> {
    Ok(match blob {
        Some(bytes) => RoaringTreemap::deserialize_from(bytes.as_slice())?,
        None => RoaringTreemap::new(),
    })
}
