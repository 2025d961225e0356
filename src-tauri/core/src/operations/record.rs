//! Writing operations. An operation made of several steps (a rules run's rules, an import's
//! tags and records) is begun inside its transaction, and every batch or edit written until it
//! finishes joins it; a batch or edit written outside one is an operation of its own. Which
//! operation is open lives in a temporary table of the connection, so it is rolled back with
//! the transaction that opened it and never reaches another connection.

use super::edits::Images;
use super::{clock, EditAction, EditedEntity, OperationKind};
use crate::error::Result;
use crate::provenance::ChangeSource;
use rusqlite::{params, Connection, OptionalExtension, Transaction};

/// An operation begun in a transaction; [`Open::finish`] it before the transaction commits.
#[must_use = "finish the operation inside its transaction"]
pub struct Open {
    id: i64,
}

/// Begins an operation that the following batches and edits of this transaction join.
pub fn begin(
    tx: &Transaction,
    kind: OperationKind,
    source: ChangeSource,
    author: &str,
    detail: serde_json::Value,
) -> Result<Open> {
    let id = insert(tx, kind, source, author, &detail, None)?;
    make_current(tx, id)
}

impl Open {
    pub fn id(&self) -> i64 {
        self.id
    }

    /// Records how many customers the operation wrote records of (an import's new and updated
    /// rows); customers whose tags it changed are counted by `finish`.
    pub fn set_customers(&self, tx: &Transaction, customers: i64) -> Result<()> {
        tx.prepare_cached("UPDATE operations SET customers = ?2 WHERE id = ?1")?
            .execute(params![self.id, customers])?;
        Ok(())
    }

    /// Counts what the operation touched and closes it to later writes; returns its id.
    pub fn finish(self, tx: &Transaction) -> Result<i64> {
        tx.prepare_cached("DELETE FROM temp.op_current")?
            .execute([])?;
        tx.prepare_cached(
            "UPDATE operations SET
                 customers = max(customers, (SELECT count(DISTINCT m.customer_id)
                     FROM tag_batches b JOIN tag_batch_members m ON m.batch_id = b.id
                     WHERE b.operation_id = ?1)),
                 tags = (SELECT count(DISTINCT m.tag_id)
                     FROM tag_batches b JOIN tag_batch_members m ON m.batch_id = b.id
                     WHERE b.operation_id = ?1)
             WHERE id = ?1",
        )?
        .execute([self.id])?;
        Ok(self.id)
    }
}

impl Open {
    /// Closes the operation with counts the caller already knows (an undo takes its target's),
    /// sparing `finish`'s count over every pair it changed (200,000 for a large bulk tag).
    pub fn finish_counted(self, tx: &Transaction, customers: i64, tags: i64) -> Result<i64> {
        tx.prepare_cached("DELETE FROM temp.op_current")?
            .execute([])?;
        tx.prepare_cached("UPDATE operations SET customers = ?2, tags = ?3 WHERE id = ?1")?
            .execute(params![self.id, customers, tags])?;
        Ok(self.id)
    }

    /// Like [`Open::finish`], but an operation that changed no tags is not kept: a rules run
    /// with nothing to do (they run on every window focus) is not a step of the history.
    pub fn finish_unless_idle(self, tx: &Transaction) -> Result<Option<i64>> {
        let id = self.finish(tx)?;
        let idle: bool = tx
            .prepare_cached(
                "SELECT NOT EXISTS (SELECT 1 FROM tag_batches WHERE operation_id = ?1)",
            )?
            .query_row([id], |r| r.get(0))?;
        if idle {
            tx.prepare_cached("DELETE FROM operations WHERE id = ?1")?
                .execute([id])?;
            return Ok(None);
        }
        Ok(Some(id))
    }
}

/// The operation a new batch belongs to: the one open in this transaction, or a new one of
/// its own (whose counts the batch sets when it closes, see [`batch_closed`]).
pub(crate) fn for_batch(
    tx: &Transaction,
    kind: OperationKind,
    source: ChangeSource,
    author: &str,
    detail: serde_json::Value,
) -> Result<i64> {
    match current(tx)? {
        Some(id) => Ok(id),
        None => insert(tx, kind, source, author, &detail, None),
    }
}

/// A batch of `operation` changed `changed` customers: an operation of its own takes that as
/// its counts; an open one counts when it finishes.
pub(crate) fn batch_closed(tx: &Transaction, operation: i64, changed: i64) -> Result<()> {
    if current(tx)? == Some(operation) {
        return Ok(());
    }
    tx.prepare_cached(
        "UPDATE operations SET customers = ?2, tags = CASE WHEN ?2 > 0 THEN 1 ELSE 0 END
         WHERE id = ?1",
    )?
    .execute(params![operation, changed])?;
    Ok(())
}

/// Records an edit of a record (from the audit log's writer): part of the open operation, or
/// an operation of its own; returns that operation. An edit given its `images` can be undone:
/// they go into the operation's detail (see [`super::edits`]).
pub(crate) fn for_change(
    conn: &Connection,
    author: &str,
    entity: &str,
    action: &str,
    entity_id: Option<i64>,
    images: Option<Images>,
) -> Result<i64> {
    if let Some(open) = current(conn)? {
        return Ok(open);
    }
    // The history reads these back as `EditedEntity` and `EditAction`: a word they lack would
    // show as an unnamed change.
    debug_assert!(
        EditedEntity::parse(entity).is_some() && EditAction::parse(action).is_some(),
        "an edit of “{entity}” by “{action}” has no word in the history"
    );
    let mut detail = serde_json::json!({ "action": action });
    let mut records = 1;
    if let Some(images) = images {
        detail["before"] = serde_json::to_value(images.before)?;
        detail["after"] = serde_json::to_value(images.after)?;
        if let Some(ids) = images.ids {
            records = ids.len() as i64;
            detail["ids"] = serde_json::to_value(ids)?;
        }
    }
    let id = insert(
        conn,
        OperationKind::Edit,
        ChangeSource::Manual,
        author,
        &detail,
        Some((entity, entity_id)),
    )?;
    if entity == "customer" {
        conn.prepare_cached("UPDATE operations SET customers = ?2 WHERE id = ?1")?
            .execute(params![id, records])?;
    }
    Ok(id)
}

/// The operation the undo open in this transaction takes back, while it writes it back.
pub(crate) fn undoing(conn: &Connection) -> Result<Option<i64>> {
    let Some(open) = current(conn)? else {
        return Ok(None);
    };
    Ok(conn
        .prepare_cached("SELECT undoes FROM operations WHERE id = ?1")?
        .query_row([open], |r| r.get(0))?)
}

fn insert(
    conn: &Connection,
    kind: OperationKind,
    source: ChangeSource,
    author: &str,
    detail: &serde_json::Value,
    entity: Option<(&str, Option<i64>)>,
) -> Result<i64> {
    let device = clock::device(conn)?;
    let hlc = clock::next(conn, chrono::Utc::now().timestamp_millis())?;
    conn.prepare_cached(
        "INSERT INTO operations(uid, device, hlc, author, kind, source, at, entity, entity_id, detail)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?
    .execute(params![
        format!("{device}-{hlc:x}"),
        device,
        hlc,
        author,
        kind.as_str(),
        source,
        crate::clock::now(),
        entity.map(|e| e.0),
        entity.and_then(|e| e.1),
        detail.to_string(),
    ])?;
    Ok(conn.last_insert_rowid())
}

fn current(conn: &Connection) -> Result<Option<i64>> {
    current_table(conn)?;
    // Cached too: each received tag change asks twice (its batch opens and closes), and parsing
    // it every time cost more than the lookup.
    Ok(conn
        .prepare_cached("SELECT id FROM temp.op_current")?
        .query_row([], |r| r.get(0))
        .optional()?)
}

fn current_table(conn: &Connection) -> Result<()> {
    // Cached: an exchange opens 50,000 received operations, and preparing this each time cost
    // more than running it.
    conn.prepare_cached("CREATE TEMP TABLE IF NOT EXISTS op_current(id INTEGER NOT NULL)")?
        .execute([])?;
    Ok(())
}

/// Who made an operation on another device, and when by its clock.
pub struct Made<'a> {
    pub uid: &'a str,
    pub device: &'a str,
    pub hlc: i64,
    pub author: &'a str,
    pub at: i64,
}

/// Begins an operation another device made (received in an exchange), under its own uid,
/// device and clock, for the changes applied from it to join like a local operation's.
pub(crate) fn begin_received(
    tx: &Transaction,
    kind: OperationKind,
    source: ChangeSource,
    made: &Made,
) -> Result<Open> {
    let id = insert_received(tx, kind, source, made)?;
    make_current(tx, id)
}

/// The row of an operation another device made, not made current: a run of received tag
/// changes writes its batches afterwards, naming the operation itself (team/tag_runs.rs), and
/// closes it with [`close_received`].
pub(crate) fn insert_received(
    tx: &Transaction,
    kind: OperationKind,
    source: ChangeSource,
    made: &Made,
) -> Result<i64> {
    tx.prepare_cached(
        "INSERT INTO operations(uid, device, hlc, author, kind, source, at, detail)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, '{}')",
    )?
    .execute(params![
        made.uid,
        made.device,
        made.hlc,
        made.author,
        kind.as_str(),
        source,
        made.at
    ])?;
    Ok(tx.last_insert_rowid())
}

/// Closes the operations `ids` (a JSON array) as [`Open::finish`] closes one: counted from the
/// members of their batches, in one pass over them (an operation that changed no one keeps the
/// counts it was inserted with: none).
pub(crate) fn close_received(tx: &Transaction, ids: &str) -> Result<()> {
    tx.prepare_cached(
        "UPDATE operations SET customers = max(operations.customers, x.customers), tags = x.tags
         FROM (SELECT b.operation_id AS id, count(DISTINCT m.customer_id) AS customers,
                      count(DISTINCT m.tag_id) AS tags
               FROM json_each(?1) j CROSS JOIN tag_batches b ON b.operation_id = j.value
               CROSS JOIN tag_batch_members m ON m.batch_id = b.id
               GROUP BY b.operation_id) AS x
         WHERE operations.id = x.id",
    )?
    .execute([ids])?;
    Ok(())
}

/// Opens again received operation `id`, for a change of it that waited in the inbox for a
/// record not received then (team/waiting.rs): what it writes now joins the operation it came
/// with, so its history and undo see one operation.
pub(crate) fn reopen_received(tx: &Transaction, id: i64) -> Result<Open> {
    make_current(tx, id)
}

/// Makes operation `id` the one later batches and edits of this transaction join.
fn make_current(tx: &Transaction, id: i64) -> Result<Open> {
    current_table(tx)?;
    tx.prepare_cached("DELETE FROM temp.op_current")?
        .execute([])?;
    tx.prepare_cached("INSERT INTO temp.op_current(id) VALUES (?1)")?
        .execute([id])?;
    Ok(Open { id })
}

/// This copy's device id (made on first use).
pub fn device_id(conn: &Connection) -> Result<String> {
    clock::device(conn)
}
