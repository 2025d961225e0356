//! Undoing what an import wrote besides tags (see [`super::imports`]). The customers it created
//! are deleted as a person deletes them (softly, so a redo brings them back with their ids, tags
//! and values; a statement per run of ids), the customers it changed get their record before
//! back through the same save a person uses (so search entries and the condition index
//! follow), and the events it added are removed and kept whole. The undo operation keeps the
//! reverse as its own records, so undoing the undo is a redo. What changed owes the rules a
//! run, and after events RFM and lifecycle a refresh, recorded in the undo's transaction as an
//! import records its own (see [`crate::follow_up`]).

use super::edits::restorable;
use super::imports::{ids, load, runs, Records};
use crate::customers::{self, CustomerInput};
use crate::error::Result;
use crate::follow_up::{self, Owed};
use crate::rules::RunTrigger;
use crate::work::Work;
use roaring::RoaringTreemap;
use rusqlite::{params, Transaction};

/// What taking back an operation's records did.
pub(super) struct Undone {
    /// Customers whose record, or events, changed.
    pub customers: i64,
    /// The follow-up work the change owes.
    pub follow_up: Option<i64>,
}

/// Takes back the records operation `id` wrote, as undo operation `undo`, which keeps the
/// reverse; None when `id` wrote no records.
pub(super) fn undo(tx: &Transaction, id: i64, undo: i64, actor: &str) -> Result<Option<Undone>> {
    let Some(done) = load(tx, id)? else {
        return Ok(None);
    };
    let mut reverse = Records::default();
    let mut touched = done.customers();
    if !done.customers_added.is_empty() {
        customers::set_deleted_runs_within(tx, &runs(&done.customers_added), true, actor)?;
        reverse.customers_removed = done.customers_added.clone();
    }
    if !done.customers_removed.is_empty() {
        customers::set_deleted_runs_within(tx, &runs(&done.customers_removed), false, actor)?;
        reverse.customers_added = done.customers_removed.clone();
    }
    if !done.customers_changed.is_empty() {
        write_back(tx, id, undo, actor, &mut reverse)?;
    }
    if !done.events_added.is_empty() {
        touched |= remove_events(tx, &done.events_added, undo)?;
        reverse.events_removed = done.events_added.clone();
    }
    if !done.events_removed.is_empty() {
        touched |= put_back_events(tx, id)?;
        reverse.events_added = done.events_removed.clone();
    }
    reverse.save(tx, undo)?;
    let file: Option<String> = tx.query_row(
        "SELECT json_extract(detail, '$.file') FROM operations WHERE id = ?1",
        [id],
        |r| r.get(0),
    )?;
    let customers = ids(&touched);
    let owed = Owed {
        work: Work::ImportUndo {
            file: file.unwrap_or_default(),
        },
        actor,
        refresh_value: !done.events().is_empty(),
        trigger: RunTrigger::Edit,
        customers: &customers,
    };
    let follow_up = follow_up::record_within(tx, &owed)?;
    Ok(Some(Undone {
        customers: customers.len() as i64,
        follow_up,
    }))
}

/// Writes back the records before operation `id` changed them, keeping each record as it is
/// now under `undo` for its redo.
fn write_back(
    tx: &Transaction,
    id: i64,
    undo: i64,
    actor: &str,
    reverse: &mut Records,
) -> Result<()> {
    let images: Vec<(i64, String)> = tx
        .prepare_cached(
            "SELECT customer_id, record FROM operation_customer_images WHERE operation_id = ?1",
        )?
        .query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (customer, record) in images {
        let before: CustomerInput = serde_json::from_str(&record)?;
        let now = customers::get(tx, customer)?.input;
        reverse.keep_before(tx, undo, customer, &now)?;
        let input = restorable(tx, customer, &before)?;
        customers::update_within(tx, customer, &input, actor)?;
    }
    Ok(())
}

/// Removes `events`, kept whole under `undo`; returns their customers.
fn remove_events(tx: &Transaction, events: &RoaringTreemap, undo: i64) -> Result<RoaringTreemap> {
    let mut keep = tx.prepare_cached(
        "INSERT INTO operation_removed_events(operation_id, id, customer_id, kind, occurred_at,
             amount, properties, source_key, uid)
         SELECT ?1, id, customer_id, kind, occurred_at, amount, properties, source_key, uid
         FROM events WHERE id BETWEEN ?2 AND ?3",
    )?;
    let mut remove = tx.prepare_cached("DELETE FROM events WHERE id BETWEEN ?1 AND ?2")?;
    for (first, last) in runs(events) {
        keep.execute(params![undo, first, last])?;
        remove.execute(params![first, last])?;
    }
    customers_of_removed(tx, undo)
}

/// Puts back the events operation `id` removed, with their ids; returns their customers.
fn put_back_events(tx: &Transaction, id: i64) -> Result<RoaringTreemap> {
    let customers = customers_of_removed(tx, id)?;
    tx.execute(
        "INSERT INTO events(id, customer_id, kind, occurred_at, amount, properties, source_key,
             uid)
         SELECT id, customer_id, kind, occurred_at, amount, properties, source_key, uid
         FROM operation_removed_events r WHERE operation_id = ?1
           -- One a colleague brought back since is here already (see team::events_in).
           AND NOT EXISTS (SELECT 1 FROM events e WHERE e.uid = r.uid)",
        [id],
    )?;
    // Back in `events`, the redo's records name them; the copy has served.
    tx.execute(
        "DELETE FROM operation_removed_events WHERE operation_id = ?1",
        [id],
    )?;
    Ok(customers)
}

fn customers_of_removed(tx: &Transaction, operation: i64) -> Result<RoaringTreemap> {
    let customers: Vec<i64> = tx
        .prepare_cached(
            "SELECT DISTINCT customer_id FROM operation_removed_events WHERE operation_id = ?1",
        )?
        .query_map([operation], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(customers.into_iter().map(|c| c as u64).collect())
}
