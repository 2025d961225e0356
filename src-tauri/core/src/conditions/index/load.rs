//! Reading the index's contents out of SQLite, whole or for the customers marked dirty.

use super::events::EventRow;
use super::{
    add_score, Column, Events, FreeTextColumn, Index, MultiColumn, NumberColumn, TextColumn,
};
use crate::attributes::ATTRIBUTES;
use crate::conditions::fields::{self, parse_day, ValueKind};
use crate::error::Result;
use roaring::RoaringBitmap;
use rusqlite::Connection;
use std::collections::HashMap;

const DIRTY: &str = "SELECT customer_id FROM temp.index_dirty";

/// One empty column per field the conditions know.
pub fn empty_columns(conn: &Connection) -> Result<HashMap<String, (ValueKind, Column)>> {
    // Text whose values are mostly unique is packed, not dictionary-encoded.
    let free_text = |key: &str| {
        key.starts_with("custom:") || ATTRIBUTES.iter().any(|a| a.key == key && a.free_text)
    };
    Ok(fields::list(conn)?
        .into_iter()
        .map(|f| {
            let column = match f.kind {
                ValueKind::Text if free_text(&f.key) => Column::FreeText(FreeTextColumn::default()),
                ValueKind::Text | ValueKind::Choice => Column::Text(TextColumn::new()),
                ValueKind::MultiChoice => Column::Multi(MultiColumn::default()),
                ValueKind::Number | ValueKind::Date | ValueKind::Timestamp => {
                    Column::Number(NumberColumn::default())
                }
            };
            (f.key, (f.kind, column))
        })
        .collect())
}

/// Built-in attributes and liveness of every customer, or of the dirty ones.
pub fn customers(conn: &Connection, index: &mut Index, dirty_only: bool) -> Result<()> {
    let columns: Vec<&str> = ATTRIBUTES.iter().map(|a| a.key).collect();
    let sql = format!(
        "SELECT id, deleted_at IS NULL, {} FROM customers{}",
        columns.join(", "),
        if dirty_only {
            format!(" WHERE id IN ({DIRTY})")
        } else {
            String::new()
        }
    );
    let mut stmt = conn.prepare(&sql)?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let id = u32::try_from(r.get::<_, i64>(0)?).unwrap_or(u32::MAX);
        if r.get::<_, bool>(1)? {
            index.universe.insert(id);
        } else {
            index.universe.remove(id);
        }
        for (i, attribute) in ATTRIBUTES.iter().enumerate() {
            let Some((_, column)) = index.columns.get_mut(attribute.key) else {
                continue;
            };
            match (attribute.kind, column) {
                (ValueKind::Timestamp, Column::Number(c)) => {
                    c.set(id, r.get::<_, Option<i64>>(i + 2)?.map(|v| v as f64))
                }
                (ValueKind::Date, Column::Number(c)) => c.set(
                    id,
                    r.get::<_, Option<String>>(i + 2)?
                        .and_then(|d| parse_day(&d))
                        .map(|d| d as f64),
                ),
                (_, Column::Text(c)) => c.set(
                    id,
                    r.get_ref(i + 2)?
                        .as_str_or_null()
                        .map_err(rusqlite::Error::from)?,
                ),
                (_, Column::FreeText(c)) => c.set(
                    id,
                    r.get_ref(i + 2)?
                        .as_str_or_null()
                        .map_err(rusqlite::Error::from)?,
                ),
                _ => {}
            }
        }
    }
    Ok(())
}

/// Custom field values of every customer, or of the dirty ones (cleared first).
pub fn custom_values(conn: &Connection, index: &mut Index, dirty_only: bool) -> Result<()> {
    let mut sql = "SELECT customer_id, field_id, value FROM custom_values".to_string();
    if dirty_only {
        let dirty = dirty_ids(conn)?;
        for (key, (_, column)) in index.columns.iter_mut() {
            if !key.starts_with("custom:") {
                continue;
            }
            match column {
                Column::Text(c) => dirty.iter().for_each(|id| c.clear(id)),
                Column::FreeText(c) => dirty.iter().for_each(|id| c.clear(id)),
                Column::Number(c) => dirty.iter().for_each(|id| c.clear(id)),
                Column::Multi(c) => c.clear(&dirty),
            }
        }
        sql.push_str(&format!(" WHERE customer_id IN ({DIRTY})"));
    }
    let mut stmt = conn.prepare(&sql)?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let id = r.get::<_, i64>(0)? as u32;
        let key = fields::custom_key(r.get(1)?);
        let value: String = r.get(2)?;
        let Some((kind, column)) = index.columns.get_mut(&key) else {
            continue;
        };
        match (kind, column) {
            (ValueKind::Number, Column::Number(c)) => c.set(id, value.trim().parse().ok()),
            (ValueKind::Date, Column::Number(c)) => c.set(id, parse_day(&value).map(|d| d as f64)),
            (_, Column::Text(c)) => c.set(id, Some(&value)),
            (_, Column::FreeText(c)) => c.set(id, Some(&value)),
            (_, Column::Multi(c)) => {
                for choice in serde_json::from_str::<Vec<String>>(&value).unwrap_or_default() {
                    c.add(id, &choice);
                }
            }
            _ => {}
        }
    }
    Ok(())
}

/// Which tags each group holds, and every tag's weight.
pub fn tree(conn: &Connection, index: &mut Index) -> Result<()> {
    index.groups.clear();
    index.weights.clear();
    let mut stmt = conn.prepare(
        "SELECT t.id, t.weight, p.id, p.kind FROM tag_nodes t
         LEFT JOIN tag_nodes p ON p.id = t.parent_id
         WHERE t.kind = 'tag' AND t.deleted_at IS NULL",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let tag: i64 = r.get(0)?;
        index.weights.insert(tag, r.get(1)?);
        if let (Some(parent), Some("group")) = (
            r.get::<_, Option<i64>>(2)?,
            r.get::<_, Option<String>>(3)?.as_deref(),
        ) {
            index.groups.entry(parent).or_default().push(tag);
        }
    }
    Ok(())
}

/// Every assignment, read in key order so each tag's bitmap is appended to in order.
pub fn assignments(conn: &Connection, index: &mut Index) -> Result<()> {
    index.tags.clear();
    let mut stmt = conn.prepare("SELECT tag_id, customer_id FROM assignments")?;
    let mut rows = stmt.query([])?;
    let mut current: Option<(i64, RoaringBitmap)> = None;
    while let Some(r) = rows.next()? {
        let (tag, id): (i64, i64) = (r.get(0)?, r.get(1)?);
        if current.as_ref().is_none_or(|(t, _)| *t != tag) {
            if let Some((t, set)) = current.take() {
                index.tags.insert(t, set);
            }
            current = Some((tag, index.tags.remove(&tag).unwrap_or_default()));
        }
        let set = &mut current.as_mut().expect("set above").1;
        if set.try_push(id as u32).is_err() {
            set.insert(id as u32);
        }
    }
    if let Some((t, set)) = current {
        index.tags.insert(t, set);
    }
    Ok(())
}

/// Replays the recorded assignment changes, oldest first: (tag, customer, present after it).
pub fn tag_deltas(conn: &Connection, index: &mut Index) -> Result<()> {
    let mut stmt =
        conn.prepare("SELECT tag_id, customer_id, present FROM temp.index_tag_log ORDER BY rowid")?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let (tag, id, present): (i64, i64, bool) = (r.get(0)?, r.get(1)?, r.get(2)?);
        let id = id as u32;
        let set = index.tags.entry(tag).or_default();
        let changed = if present {
            set.insert(id)
        } else {
            set.remove(id)
        };
        let w = index.weights.get(&tag).copied().unwrap_or(0.0);
        if changed && w != 0.0 {
            add_score(&mut index.scores, id, if present { w } else { -w });
        }
    }
    Ok(())
}

/// All events, grouped by kind and sorted by time, from one pass over the table in its own
/// order (sequential pages; an index's order would cost a page lookup per event).
pub fn events(conn: &Connection) -> Result<Events> {
    let mut events = Events::default();
    let mut stmt =
        conn.prepare("SELECT kind, occurred_at, customer_id, amount, properties FROM events")?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let text = |i: usize| -> Result<&str> {
            Ok(r.get_ref(i)?.as_str().map_err(rusqlite::Error::from)?)
        };
        events.push(
            text(0)?,
            r.get(1)?,
            r.get::<_, i64>(2)? as u32,
            r.get(3)?,
            text(4)?,
        );
    }
    events.seal();
    Ok(events)
}

/// A second read-only connection to `conn`'s file, to read the events on another core while
/// `conn` reads the rest; none for a database in memory, or while `conn` is inside a
/// transaction (another connection would not see its uncommitted changes).
pub fn second_reader(conn: &Connection) -> Option<Connection> {
    let path = conn.path().filter(|p| !p.is_empty())?;
    if !conn.is_autocommit() {
        return None;
    }
    let flags =
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let reader = crate::db::connect(std::path::Path::new(path), flags).ok()?;
    reader
        .busy_timeout(std::time::Duration::from_secs(30))
        .ok()?;
    Some(reader)
}

/// The current events of the customers whose events changed.
pub fn changed_events(conn: &Connection) -> Result<Vec<EventRow>> {
    let mut stmt = conn.prepare(
        "SELECT kind, occurred_at, customer_id, amount, properties FROM events
         WHERE customer_id IN (SELECT customer_id FROM temp.index_event_dirty)",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get(0)?,
            r.get(1)?,
            r.get::<_, i64>(2)? as u32,
            r.get(3)?,
            r.get(4)?,
        ))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn dirty_ids(conn: &Connection) -> Result<RoaringBitmap> {
    ids(conn, DIRTY)
}

pub fn event_dirty_ids(conn: &Connection) -> Result<RoaringBitmap> {
    ids(conn, "SELECT customer_id FROM temp.index_event_dirty")
}

fn ids(conn: &Connection, sql: &str) -> Result<RoaringBitmap> {
    let mut stmt = conn.prepare(sql)?;
    let rows = stmt.query_map([], |r| r.get::<_, i64>(0))?;
    let mut out = RoaringBitmap::new();
    for id in rows {
        out.insert(id? as u32);
    }
    Ok(out)
}
