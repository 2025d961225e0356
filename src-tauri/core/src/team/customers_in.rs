//! Applying a received `Customer` change (docs/TEAM.md §4): each field and whether the
//! customer exists are last-writer-wins keys ordered by (clock, device), remembered in
//! `team_cell_clocks` for own and received changes alike. A deleted customer stays deleted
//! when an edit made elsewhere arrives (the edit is kept and goes to the inbox with
//! "restore"); the same person created on two laptops (same phone, email or external id) is
//! one customer, under the earlier creation's global id.

use super::cells::{self, Cells};
use super::clocks::{self, Clock, Record, ALIVE};
use super::ids;
use super::inbox::{self, Case};
use super::touched;
use super::wire::{Change, WireOperation};
use crate::customers;
use crate::error::Result;
use rusqlite::{params, Connection, OptionalExtension};

/// One received `Customer` change, inside the received operation `op`.
pub(super) fn apply(
    tx: &Connection,
    op: &WireOperation,
    uid: &str,
    alive: Option<bool>,
    cells: &Cells,
    merge: bool,
) -> Result<()> {
    let clock = op.clock();
    let mut target = ids::customer_id(tx, uid)?;
    if target.is_none() && alive == Some(true) && merge {
        target = same_person(tx, uid, cells, clock)?;
    }
    let id = match target {
        Some(id) => id,
        None if alive == Some(true) => return create(tx, op, uid, cells, merge),
        None => {
            let case = Case::UnknownCustomer {
                customer: uid.to_string(),
                cells: cells.clone(),
            };
            return inbox::record(tx, &op.uid, &case, op.at);
        }
    };
    touched::add(tx, id)?;
    if let Some(alive) = alive {
        if clocks::later(tx, Record::Customer, id, ALIVE, clock)? {
            set_alive(tx, id, alive)?;
            clocks::remember(tx, Record::Customer, id, ALIVE, clock)?;
        }
    }
    let winning: Cells = cells
        .iter()
        .filter_map(
            |(k, v)| match clocks::later(tx, Record::Customer, id, k, clock) {
                Ok(true) => Some(Ok((k.clone(), v.clone()))),
                Ok(false) => None,
                Err(e) => Some(Err(e)),
            },
        )
        .collect::<Result<_>>()?;
    write(tx, op, id, uid, &winning)?;
    for key in winning.keys() {
        clocks::remember(tx, Record::Customer, id, key, clock)?;
    }
    // An edit that arrives for a customer deleted here stays an edit of a deleted customer.
    if alive.is_none() && !cells.is_empty() && is_deleted(tx, id)? {
        let case = Case::EditOfDeleted {
            customer: uid.to_string(),
        };
        inbox::record(tx, &op.uid, &case, op.at)?;
    }
    Ok(())
}

/// Notes what an own operation's `Customer` change wrote, when its wire form is first worked
/// out: the clocks of its fields and, for a creation that may be merged, its identity keys.
pub(super) fn note_own(
    conn: &Connection,
    op: &WireOperation,
    uid: &str,
    alive: Option<bool>,
    cells: &Cells,
    merge: bool,
) -> Result<()> {
    let Some(id) = ids::customer_id(conn, uid)? else {
        return Ok(());
    };
    let clock = op.clock();
    let fields = clocks::written(alive, cells.keys());
    clocks::note(conn, Record::Customer, id, fields, clock)?;
    if alive == Some(true) && merge {
        for key in cells::identity(cells) {
            claim_if_free(conn, &key, uid, clock)?;
        }
    }
    Ok(())
}

/// Makes received operation `id` read in the history as the edit of customers it was on its
/// laptop (which customer, created / deleted / changed), so a value that lost to a later one
/// stays visible there.
pub(super) fn describe(tx: &Connection, id: i64, changes: &[Change]) -> Result<()> {
    let customers: Vec<(&String, Option<bool>)> = changes
        .iter()
        .filter_map(|c| match c {
            Change::Customer {
                customer, alive, ..
            } => Some((customer, *alive)),
            _ => None,
        })
        .collect();
    let Some((first, alive)) = customers.first() else {
        return Ok(());
    };
    let action = match alive {
        Some(true) => "create",
        Some(false) => "delete",
        None => "update",
    };
    let entity_id = if customers.len() == 1 {
        ids::customer_id(tx, first)?
    } else {
        None
    };
    tx.prepare_cached(
        "UPDATE operations SET entity = 'customer', entity_id = ?2, customers = max(customers, ?3),
             detail = json_set(detail, '$.action', ?4) WHERE id = ?1",
    )?
    .execute(params![id, entity_id, customers.len() as i64, action])?;
    Ok(())
}

fn create(
    tx: &Connection,
    op: &WireOperation,
    uid: &str,
    cells: &Cells,
    merge: bool,
) -> Result<()> {
    let mut input = customers::CustomerInput::default();
    let refused = cells::write_into(tx, &mut input, cells)?;
    if input.name.trim().is_empty() {
        input.name = uid.chars().take(8).collect();
    }
    let refused: Vec<String> = refused
        .into_iter()
        .chain(take_clashing_id(tx, None, &mut input)?)
        .collect();
    let id = customers::insert_received(tx, uid, &input, op.at)?;
    touched::add(tx, id)?;
    let clock = op.clock();
    clocks::remember(tx, Record::Customer, id, ALIVE, clock)?;
    for key in cells.keys() {
        clocks::remember(tx, Record::Customer, id, key, clock)?;
    }
    if merge {
        for key in cells::identity(cells) {
            claim_if_free(tx, &key, uid, clock)?;
        }
    }
    note_refused(tx, op, uid, refused)
}

/// Writes the cells that won over the customer's record.
fn write(tx: &Connection, op: &WireOperation, id: i64, uid: &str, cells: &Cells) -> Result<()> {
    if cells.is_empty() {
        return Ok(());
    }
    let before = customers::get(tx, id)?.input;
    let mut input = before.clone();
    let refused = cells::write_into(tx, &mut input, cells)?;
    let refused: Vec<String> = refused
        .into_iter()
        .chain(take_clashing_id(tx, Some(id), &mut input)?)
        .collect();
    customers::save_received(tx, id, &before, &input, op.at)?;
    note_refused(tx, op, uid, refused)
}

/// An external id is unique among customers: one another customer here holds is not written
/// (it goes to the inbox with the rest of what could not be written).
fn take_clashing_id(
    tx: &Connection,
    id: Option<i64>,
    input: &mut customers::CustomerInput,
) -> Result<Option<String>> {
    let Some(external) = input.external_id.clone() else {
        return Ok(None);
    };
    let holder: Option<i64> = tx
        .prepare_cached("SELECT id FROM customers WHERE external_id = ?1")?
        .query_row([&external], |r| r.get(0))
        .optional()?;
    match holder {
        Some(other) if Some(other) != id => {
            input.external_id = None;
            Ok(Some("external_id".to_string()))
        }
        _ => Ok(None),
    }
}

fn note_refused(tx: &Connection, op: &WireOperation, uid: &str, fields: Vec<String>) -> Result<()> {
    if fields.is_empty() {
        return Ok(());
    }
    let case = Case::FieldsNotWritten {
        customer: uid.to_string(),
        fields,
    };
    inbox::record(tx, &op.uid, &case, op.at)
}

/// The customer a received creation is the same person as: the creation holding one of its
/// identity keys made on another laptop. The earlier of the two creations keeps its global id
/// and the other becomes its alias, on every laptop alike.
fn same_person(tx: &Connection, uid: &str, cells: &Cells, clock: Clock) -> Result<Option<i64>> {
    for key in cells::identity(cells) {
        let Some((held_by, at, device)) = claim_of(tx, &key)? else {
            continue;
        };
        if held_by == uid || device == clock.1 {
            continue;
        }
        let Some(row) = ids::customer_id(tx, &held_by)? else {
            continue;
        };
        if (at, device.as_str()) < clock {
            ids::alias(tx, "customer", uid, &held_by)?;
        } else {
            // The received creation is the earlier one: the customer here takes its id.
            tx.prepare_cached("UPDATE customers SET uid = ?2 WHERE id = ?1")?
                .execute(params![row, uid])?;
            ids::alias(tx, "customer", &held_by, uid)?;
            tx.prepare_cached(
                "UPDATE team_identity SET uid = ?2, hlc = ?3, device = ?4 WHERE uid = ?1",
            )?
            .execute(params![held_by, uid, clock.0, clock.1])?;
        }
        return Ok(Some(row));
    }
    Ok(None)
}

fn claim_of(conn: &Connection, key: &str) -> Result<Option<(String, i64, String)>> {
    Ok(conn
        .prepare_cached("SELECT uid, hlc, device FROM team_identity WHERE key = ?1")?
        .query_row([key], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?)
}

fn claim_if_free(conn: &Connection, key: &str, uid: &str, clock: Clock) -> Result<()> {
    conn.prepare_cached(
        "INSERT OR IGNORE INTO team_identity(key, uid, hlc, device) VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![key, uid, clock.0, clock.1])?;
    Ok(())
}

fn set_alive(tx: &Connection, id: i64, alive: bool) -> Result<()> {
    tx.prepare_cached(
        "UPDATE customers SET deleted_at = CASE WHEN ?2 THEN NULL ELSE coalesce(deleted_at, ?3) END
         WHERE id = ?1",
    )?
    .execute(params![id, alive, crate::clock::now()])?;
    Ok(())
}

fn is_deleted(conn: &Connection, id: i64) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT deleted_at IS NOT NULL FROM customers WHERE id = ?1")?
        .query_row([id], |r| r.get(0))?)
}
