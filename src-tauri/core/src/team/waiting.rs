//! Changes that waited for a record this copy had not received yet (docs/TEAM.md §4): a
//! colleague's tag on a customer another colleague created, read before that colleague's files
//! reached this laptop. When the record arrives, the change is applied as it came, under its
//! own operation and clock, so this laptop ends where one that read the files in order does;
//! the inbox case closes, and what still waits is listed again.
//!
//! A change named a record "not received" only when this copy never had it: a tag deleted
//! here keeps its row, and a tag given to it stays in the inbox (see [`ready`]).

use super::inbox::Case;
use super::wire::{Change, WireOperation};
use super::{customers_in, events_in, ids, nodes_in, portable, records_in, tag_pairs};
use crate::error::Result;
use crate::operations;
use rusqlite::{params, Transaction};
use std::collections::HashSet;

/// Passes over the waiting cases: a change applied late can bring what another one waits for
/// (a tag node, then a tag given to it); more passes than this would mean a loop.
const MOST_PASSES: usize = 4;

/// The inbox kinds a later exchange can settle by bringing what they miss.
const WAITING_KINDS: &str = "('unknown_tag', 'unknown_customers', 'unknown_customer',
    'unknown_node', 'record_skipped', 'events_of_unknown_kind', 'events_of_unknown_customers')";

/// Applies every waiting change whose record is here now, oldest clock first; returns whether
/// events were among them (RFM and lifecycle are then recomputed).
pub(super) fn apply_arrived(tx: &Transaction) -> Result<bool> {
    let mut events = false;
    for _ in 0..MOST_PASSES {
        let mut progressed = false;
        for waiting in waiting(tx)? {
            if ready(tx, &waiting)? {
                settle(tx, &waiting)?;
                events |= matches!(
                    waiting.case,
                    Case::EventsOfUnknownKind { .. } | Case::EventsOfUnknownCustomers { .. }
                );
                progressed = true;
            }
        }
        if !progressed {
            break;
        }
    }
    Ok(events)
}

/// An open case that waits, with the received operation it came from (its text is read only
/// when the case is ready: a bulk tag's runs to megabytes).
struct Waiting {
    case_id: i64,
    case: Case,
    operation_uid: String,
    operation_id: i64,
    hlc: i64,
    device: String,
}

fn waiting(tx: &Transaction) -> Result<Vec<Waiting>> {
    let rows = tx
        .prepare_cached(&format!(
            "SELECT i.id, i.detail, i.operation_uid, o.id, o.hlc, o.device
             FROM team_inbox i JOIN operations o ON o.uid = i.operation_uid
             WHERE i.resolved_at IS NULL AND i.kind IN {WAITING_KINDS}
             ORDER BY o.hlc, o.device, i.id"
        ))?
        .query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, i64>(3)?,
                r.get::<_, i64>(4)?,
                r.get::<_, String>(5)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    rows.into_iter()
        .map(
            |(case_id, detail, operation_uid, operation_id, hlc, device)| {
                Ok(Waiting {
                    case_id,
                    case: serde_json::from_str(&detail)?,
                    operation_uid,
                    operation_id,
                    hlc,
                    device,
                })
            },
        )
        .collect()
}

/// Whether what the case waits for is here now (a tag: as `tag_pairs` would have taken it).
fn ready(tx: &Transaction, waiting: &Waiting) -> Result<bool> {
    Ok(match &waiting.case {
        Case::UnknownTag { tag, .. } => {
            tag_pairs::live_since(tx, tag, (waiting.hlc, &waiting.device))?.is_some()
        }
        Case::UnknownCustomers { customers, .. } => ids::any_customer(tx, customers)?,
        Case::EventsOfUnknownCustomers { customers, .. } => ids::any_customer(tx, customers)?,
        Case::UnknownCustomer { customer, .. } => ids::customer_id(tx, customer)?.is_some(),
        Case::UnknownNode { node } => {
            ids::node_id(tx, node)?.is_some() || ids::merged_away(tx, node)?
        }
        Case::EventsOfUnknownKind { event_kind, .. } => events_in::kind_known(tx, event_kind)?,
        // A refusal (a name taken here) is for a person to settle, not an exchange.
        Case::RecordSkipped {
            missing, problem, ..
        } => {
            problem.is_none()
                && !missing.is_empty()
                && missing
                    .iter()
                    .map(|uid| portable::known(tx, uid))
                    .collect::<Result<Vec<_>>>()?
                    .into_iter()
                    .all(|known| known)
        }
        _ => false,
    })
}

/// Closes the case and applies the change it kept, inside its operation.
fn settle(tx: &Transaction, waiting: &Waiting) -> Result<()> {
    tx.prepare_cached(
        "UPDATE team_inbox SET resolved_at = ?2, resolution = 'arrived' WHERE id = ?1",
    )?
    .execute(params![waiting.case_id, crate::clock::now()])?;
    let payload: String = tx
        .prepare_cached("SELECT payload FROM received_operations WHERE uid = ?1")?
        .query_row([&waiting.operation_uid], |r| r.get(0))?;
    let op: WireOperation = serde_json::from_str(&payload)?;
    let open = operations::reopen_received(tx, waiting.operation_id)?;
    for change in &op.changes {
        apply_kept(tx, &op, &waiting.case, change)?;
    }
    open.finish(tx)?;
    Ok(())
}

/// Applies `change` of `op` as far as the case kept it (the customers or events that waited).
fn apply_kept(tx: &Transaction, op: &WireOperation, case: &Case, change: &Change) -> Result<()> {
    match (case, change) {
        (
            Case::UnknownTag {
                tag,
                present,
                customers,
            }
            | Case::UnknownCustomers {
                tag,
                present,
                customers,
            },
            Change::Tags {
                tag: changed,
                present: given,
                source,
                ..
            },
        ) if changed == tag && given == present => {
            // `finish` counts the operation's members again after this.
            tag_pairs::apply(tx, op, tag, *present, *source, customers).map(|_| ())
        }
        (
            Case::UnknownCustomer { customer, .. },
            Change::Customer {
                customer: changed,
                alive,
                cells,
                merge,
            },
        ) if changed == customer => customers_in::apply(tx, op, customer, *alive, cells, *merge),
        (
            Case::UnknownNode { node },
            Change::TagNode {
                node: changed,
                alive,
                cells,
            },
        ) if changed == node => nodes_in::apply(tx, op, node, *alive, cells),
        (
            Case::RecordSkipped { entity, record, .. },
            Change::Record {
                entity: changed_entity,
                record: changed,
                image,
            },
        ) if changed == record && changed_entity == entity => {
            records_in::apply(tx, op, *entity, record, image.as_ref())
        }
        (
            Case::EventsOfUnknownKind { event_kind, events }
            | Case::EventsOfUnknownCustomers {
                event_kind, events, ..
            },
            Change::Events {
                kind,
                events: added,
            },
        ) if kind == event_kind => {
            let waited: HashSet<&String> = events.iter().collect();
            let kept: Vec<_> = added
                .iter()
                .filter(|e| waited.contains(&e.uid))
                .cloned()
                .collect();
            events_in::added(tx, op, kind, &kept)
        }
        _ => Ok(()),
    }
}
