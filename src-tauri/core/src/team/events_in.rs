//! Applying received events (docs/TEAM.md §4). Whether an event is there is one
//! last-writer-wins key per event uid, ordered by (clock, device): an event is added once
//! whatever number of times it arrives, a removal keeps its clock (`team_event_clocks`) so an
//! earlier add arriving after it adds nothing, and a later add (an undone removal) brings it
//! back under the same uid. Events whose kind or customer this copy lacks wait in the inbox;
//! those of a kind removed here are kept aside with the kind's own, to come back with it.

use super::clocks::Clock;
use super::inbox::{self, Case};
use super::wire::{Change, WireEvent, WireOperation};
use super::{ids, portable, touched};
use crate::error::Result;
use rusqlite::{params, Connection, OptionalExtension};
use std::collections::{BTreeSet, HashMap};

/// One received `Events` change: events of kind `kind` (a uid) added on another laptop.
pub(super) fn added(
    tx: &Connection,
    op: &WireOperation,
    kind: &str,
    events: &[WireEvent],
) -> Result<()> {
    let Some(here) = kind_here(tx, kind)? else {
        let case = Case::EventsOfUnknownKind {
            event_kind: kind.to_string(),
            events: events.iter().map(|e| e.uid.clone()).collect(),
        };
        return inbox::record(tx, &op.uid, &case, op.at);
    };
    let clock = op.clock();
    let mut next_id = fresh_id(tx)?;
    let mut customers: HashMap<&str, Option<i64>> = HashMap::new();
    let (mut unknown, mut skipped) = (BTreeSet::new(), Vec::new());
    for event in events {
        if !newer(tx, &event.uid, clock)? {
            continue;
        }
        let customer = match customers.get(event.customer.as_str()) {
            Some(id) => *id,
            None => {
                let id = ids::customer_id(tx, &event.customer)?;
                *customers.entry(&event.customer).or_insert(id)
            }
        };
        // Its clock stays unkept until it can land (see `waiting`).
        let Some(customer) = customer else {
            unknown.insert(event.customer.clone());
            skipped.push(event.uid.clone());
            continue;
        };
        if !wins(tx, &event.uid, true, clock)? || is_here(tx, &event.uid)? {
            continue;
        }
        match &here {
            KindHere::Declared(name) => {
                insert(tx, customer, name, event, &mut next_id)?;
                touched::add(tx, customer)?;
            }
            KindHere::Removed(kind_id) => keep_aside(tx, *kind_id, customer, event, &mut next_id)?,
        }
    }
    if skipped.is_empty() {
        return Ok(());
    }
    let case = Case::EventsOfUnknownCustomers {
        event_kind: kind.to_string(),
        customers: unknown.into_iter().collect(),
        events: skipped,
    };
    inbox::record(tx, &op.uid, &case, op.at)
}

/// One received `EventsRemoved` change. An event this copy never had keeps the removal's
/// clock all the same, for when its adding arrives.
pub(super) fn removed(tx: &Connection, op: &WireOperation, uids: &[String]) -> Result<()> {
    let clock = op.clock();
    for uid in uids {
        if !wins(tx, uid, false, clock)? {
            continue;
        }
        let row: Option<(i64, i64)> = tx
            .prepare_cached("SELECT id, customer_id FROM events WHERE uid = ?1")?
            .query_row([uid], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        if let Some((id, customer)) = row {
            tx.prepare_cached("DELETE FROM events WHERE id = ?1")?
                .execute([id])?;
            touched::add(tx, customer)?;
        }
        // Kept aside with its kind removed here: it does not come back with the kind.
        tx.prepare_cached("DELETE FROM removed_events WHERE uid = ?1")?
            .execute([uid])?;
    }
    Ok(())
}

/// Makes received operation `id` count, in the history, the customers whose events it added
/// (as the import or the event added by hand counted them on its laptop).
pub(super) fn describe(tx: &Connection, id: i64, changes: &[Change]) -> Result<()> {
    let customers: BTreeSet<&str> = changes
        .iter()
        .flat_map(|c| match c {
            Change::Events { events, .. } => events.as_slice(),
            _ => &[],
        })
        .map(|e| e.customer.as_str())
        .collect();
    if !customers.is_empty() {
        tx.prepare_cached("UPDATE operations SET customers = max(customers, ?2) WHERE id = ?1")?
            .execute(params![id, customers.len() as i64])?;
    }
    Ok(())
}

/// Notes the clocks of an own operation's event changes when it first travels, so received
/// changes of the same events are ordered against them.
pub(super) fn note_own(conn: &Connection, op: &WireOperation) -> Result<()> {
    // One write for an import's events: a folder or hub send works its operations out outside
    // a transaction, where each clock would be a commit of its own (100,000 took 2.5 s).
    conn.execute_batch("SAVEPOINT own_event_clocks")?;
    let noted = note_own_changes(conn, op);
    match noted {
        Ok(()) => conn.execute_batch("RELEASE own_event_clocks")?,
        Err(_) => conn.execute_batch("ROLLBACK TO own_event_clocks; RELEASE own_event_clocks")?,
    }
    noted
}

fn note_own_changes(conn: &Connection, op: &WireOperation) -> Result<()> {
    for change in &op.changes {
        match change {
            Change::EventsRemoved { events } => {
                for uid in events {
                    wins(conn, uid, false, op.clock())?;
                }
            }
            // An event added by hand has a uid of its own: only one removed before has a clock
            // that an own add (an undone removal) must move on, as an own first add is earlier
            // than any removal of it. An imported one's uid is made from its row, so a
            // colleague may add or remove the same event without having seen this add: it
            // keeps its clock, and the later of the two wins on every laptop.
            Change::Events { events, .. } => {
                let any = any_clock(conn)?;
                for event in events {
                    if shared_uid(event) {
                        added_here(conn, &event.uid, op.clock())?;
                    } else if any && clocked(conn, &event.uid)? {
                        wins(conn, &event.uid, true, op.clock())?;
                    }
                }
            }
            _ => {}
        }
    }
    Ok(())
}

/// Whether a change at `clock` making event `uid` there (`alive`) or not is later than the
/// last one kept; if so it is kept. A received add keeps its clock too: an undone removal
/// re-adds the event later than the removal, and the removal may arrive after it (passed on
/// by a colleague) or find the event here already.
fn wins(conn: &Connection, uid: &str, alive: bool, clock: Clock) -> Result<bool> {
    if !newer(conn, uid, clock)? {
        return Ok(false);
    }
    conn.prepare_cached(
        "INSERT OR REPLACE INTO team_event_clocks(uid, alive, hlc, device)
         VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![uid, alive, clock.0, clock.1])?;
    Ok(true)
}

/// Keeps the clock of an own add of event `uid` unless a later change of it is kept: one
/// statement, as an import adds every event of a file.
fn added_here(conn: &Connection, uid: &str, clock: Clock) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO team_event_clocks(uid, alive, hlc, device) VALUES (?1, 1, ?2, ?3)
         ON CONFLICT (uid) DO UPDATE SET alive = 1, hlc = excluded.hlc, device = excluded.device
         WHERE (excluded.hlc, excluded.device) > (team_event_clocks.hlc, team_event_clocks.device)",
    )?
    .execute(params![uid, clock.0, clock.1])?;
    Ok(())
}

/// Whether a change at `clock` of event `uid` is later than the last one kept.
fn newer(conn: &Connection, uid: &str, clock: Clock) -> Result<bool> {
    let stored: Option<(i64, String)> = conn
        .prepare_cached("SELECT hlc, device FROM team_event_clocks WHERE uid = ?1")?
        .query_row([uid], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    Ok(stored.is_none_or(|(hlc, device)| clock > (hlc, device.as_str())))
}

/// Whether `event`'s uid is made from its import row (see [`crate::events::imported_uid`]),
/// so that another laptop importing the same row gives it too.
fn shared_uid(event: &WireEvent) -> bool {
    event
        .source_key
        .is_some_and(|key| crate::events::imported_uid(key) == event.uid)
}

fn clocked(conn: &Connection, uid: &str) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM team_event_clocks WHERE uid = ?1)")?
        .query_row([uid], |r| r.get(0))?)
}

fn any_clock(conn: &Connection) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM team_event_clocks)")?
        .query_row([], |r| r.get(0))?)
}

/// Whether event `uid` is here: among the events, or kept aside with its kind removed here
/// (it comes back with the kind).
fn is_here(conn: &Connection, uid: &str) -> Result<bool> {
    Ok(conn
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM events WHERE uid = ?1)
                 OR EXISTS (SELECT 1 FROM removed_events WHERE uid = ?1)",
        )?
        .query_row([uid], |r| r.get(0))?)
}

/// What this copy has of an event kind.
enum KindHere {
    /// Declared, under this name.
    Declared(String),
    /// Removed here, with its events kept aside under its id until an undo brings it back.
    Removed(i64),
}

/// Whether this copy has, or had, event kind `uid`.
pub(super) fn kind_known(conn: &Connection, uid: &str) -> Result<bool> {
    Ok(kind_here(conn, uid)?.is_some())
}

/// What this copy has of event kind `uid`; None when it never had it.
fn kind_here(conn: &Connection, uid: &str) -> Result<Option<KindHere>> {
    let name: Option<String> = conn
        .prepare_cached("SELECT name FROM event_kinds WHERE uid = ?1")?
        .query_row([uid], |r| r.get(0))
        .optional()?;
    if let Some(name) = name {
        return Ok(Some(KindHere::Declared(name)));
    }
    Ok(portable::record_id(conn, "event_kind", uid)?.map(KindHere::Removed))
}

/// An id no event here has had that could come back: above the events, those kept aside
/// (a kind removed, an import undone) and those the history can put back (deleted by hand).
fn fresh_id(conn: &Connection) -> Result<i64> {
    Ok(conn
        .prepare_cached(
            "SELECT max(ifnull((SELECT max(id) FROM events), 0),
                        ifnull((SELECT max(id) FROM removed_events), 0),
                        ifnull((SELECT max(id) FROM operation_removed_events), 0),
                        ifnull((SELECT max(entity_id) FROM operations WHERE entity = 'event'), 0))
                    + 1",
        )?
        .query_row([], |r| r.get(0))?)
}

/// Keeps a received event of a kind removed here with that kind's events: it comes back
/// with them when the removal is undone, as it would have had it arrived before.
fn keep_aside(
    tx: &Connection,
    kind_id: i64,
    customer: i64,
    e: &WireEvent,
    next_id: &mut i64,
) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO removed_events(id, kind_id, customer_id, kind, occurred_at, amount,
             properties, source_key, uid)
         VALUES (?1, ?2, ?3, '', ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        *next_id,
        kind_id,
        customer,
        e.at,
        e.amount,
        serde_json::Value::Object(e.props.clone()).to_string(),
        e.source_key,
        e.uid
    ])?;
    *next_id += 1;
    Ok(())
}

/// Writes a received event. One an undo here keeps aside (this laptop undid the import that
/// added it, another brought it back since) returns under its id, so redoing that import does
/// not add it a second time.
fn insert(
    tx: &Connection,
    customer: i64,
    kind: &str,
    e: &WireEvent,
    next_id: &mut i64,
) -> Result<()> {
    let kept: Option<(i64, i64)> = tx
        .prepare_cached(
            "SELECT operation_id, id FROM operation_removed_events WHERE uid = ?1 LIMIT 1",
        )?
        .query_row([&e.uid], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    if let Some((operation, id)) = kept {
        tx.prepare_cached(
            "DELETE FROM operation_removed_events WHERE operation_id = ?1 AND id = ?2",
        )?
        .execute([operation, id])?;
    }
    let id = match kept {
        Some((_, id)) if !id_taken(tx, id)? => id,
        _ => {
            *next_id += 1;
            *next_id - 1
        }
    };
    let properties = serde_json::Value::Object(e.props.clone()).to_string();
    tx.prepare_cached(
        "INSERT INTO events(id, customer_id, kind, occurred_at, amount, properties, source_key, uid)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        id,
        customer,
        kind,
        e.at,
        e.amount,
        properties,
        e.source_key,
        e.uid
    ])?;
    Ok(())
}

fn id_taken(conn: &Connection, id: i64) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM events WHERE id = ?1)")?
        .query_row([id], |r| r.get(0))?)
}
