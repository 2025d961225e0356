//! This device's operations as they leave it: each operation of the history that this device
//! made, with its changes worked out from what it recorded for undo (docs/TEAM.md §2), so
//! every write path that can be undone is also exchanged without a second bookkeeping.

use super::wire::{Change, WireOperation};
use super::{
    customers_in, customers_out, ids, nodes_in, nodes_out, records_in, records_out, tag_pairs,
};
use crate::error::Result;
use crate::operations::{self, OperationKind};
use crate::provenance::ChangeSource;
use rusqlite::{params, Connection, OptionalExtension, Transaction, TransactionBehavior};
use std::collections::BTreeMap;

/// Batch sources whose tags travel. Rule, RFM and lifecycle tags do not: every device
/// recomputes them from the exchanged rules, settings and data.
pub(crate) const TRAVELLING_SOURCES: &str = "('manual', 'import')";

/// This device's operations after local operation `after`, oldest first, at most `limit`,
/// each with its local id (the sequence number other devices keep as their cursor).
pub fn own_after(conn: &Connection, after: i64, limit: usize) -> Result<Vec<(i64, WireOperation)>> {
    let device = operations::device_id(conn)?;
    let ids = conn
        .prepare_cached(
            "SELECT id FROM operations WHERE device = ?1 AND id > ?2 ORDER BY id LIMIT ?3",
        )?
        .query_map(params![device, after, limit as i64], |r| r.get::<_, i64>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    ids.into_iter()
        .map(|id| Ok((id, wire_of(conn, id)?)))
        .collect()
}

/// The tags an operation gave and took, per tag and direction, from its batches' exact pairs:
/// batch by batch, within one by tag, additions before removals, customers by id.
///
/// Each batch's members are read in their own order (batch, customer) and grouped here: read
/// in the order above, joined to their tag row by row, a 200,000-customer bulk tag's took
/// 93 ms, in the members' own order 29.
fn tag_changes(conn: &Connection, operation: i64) -> Result<Vec<Change>> {
    let batches = conn
        .prepare_cached(&format!(
            "SELECT id, source FROM tag_batches
             WHERE operation_id = ?1 AND source IN {TRAVELLING_SOURCES} ORDER BY id"
        ))?
        .query_map([operation], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, ChangeSource>(1)?))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut changes: Vec<Change> = Vec::new();
    for (batch, source) in batches {
        for ((tag, removed), customers) in batch_pairs(conn, batch)? {
            // A tag since removed for good (nothing else named it) has no pairs to send.
            let Some(tag) = ids::node_uid(conn, tag)? else {
                continue;
            };
            let present = !removed;
            match changes.last_mut() {
                Some(Change::Tags {
                    tag: t,
                    present: p,
                    source: s,
                    customers: c,
                }) if *t == tag && *p == present && *s == source => c.extend(customers),
                _ => changes.push(Change::Tags {
                    tag,
                    present,
                    source,
                    customers,
                }),
            }
        }
    }
    Ok(changes)
}

/// One batch's members as customer uids by (tag, removed), each list in customer id order.
fn batch_pairs(conn: &Connection, batch: i64) -> Result<BTreeMap<(i64, bool), Vec<String>>> {
    let mut stmt = conn.prepare_cached(
        "SELECT m.tag_id, m.action = 'remove', c.uid FROM tag_batch_members m
         JOIN customers c ON c.id = m.customer_id
         WHERE m.batch_id = ?1 ORDER BY m.customer_id",
    )?;
    let mut rows = stmt.query([batch])?;
    let mut pairs: BTreeMap<(i64, bool), Vec<String>> = BTreeMap::new();
    while let Some(row) = rows.next()? {
        pairs
            .entry((row.get(0)?, row.get(1)?))
            .or_default()
            .push(row.get(2)?);
    }
    Ok(pairs)
}

/// This device's operation `id` as it travels: worked out the first time it is asked for and
/// kept (`team_wire`), so every exchange, pack and snapshot carries the same changes. The
/// first time also notes the clocks of the customer fields and tag pairs it wrote, against
/// which received changes are then ordered.
pub(crate) fn wire_of(conn: &Connection, id: i64) -> Result<WireOperation> {
    let kept: Option<String> = conn
        .prepare_cached("SELECT payload FROM team_wire WHERE operation_id = ?1")?
        .query_row([id], |r| r.get(0))
        .optional()?;
    if let Some(payload) = kept {
        return Ok(serde_json::from_str(&payload)?);
    }
    // Sending works operations out outside any transaction: each clock and claim it notes
    // was a commit of its own (an own import of 100,000 customers: 300,000 commits, 5 s).
    // Within one, the notes and the kept wire also land together or not at all.
    if conn.is_autocommit() {
        let tx = Transaction::new_unchecked(conn, TransactionBehavior::Immediate)?;
        let op = work_out_and_note(&tx, id)?;
        tx.commit()?;
        return Ok(op);
    }
    work_out_and_note(conn, id)
}

/// Works out own operation `id`, notes its clocks and keeps its wire.
fn work_out_and_note(conn: &Connection, id: i64) -> Result<WireOperation> {
    let op = work_out(conn, id)?;
    for change in &op.changes {
        if let Change::Customer {
            customer,
            alive,
            cells,
            merge,
        } = change
        {
            customers_in::note_own(conn, &op, customer, *alive, cells, *merge)?;
        } else if let Change::TagNode { node, alive, cells } = change {
            nodes_in::note_own(conn, &op, node, *alive, cells)?;
        } else if let Change::TagMerged { from, to } = change {
            ids::alias(conn, "tag", from, to)?;
        } else if let Change::Record { entity, record, .. } = change {
            records_in::note_own(conn, &op, *entity, record)?;
        }
    }
    if op.changes.iter().any(|c| matches!(c, Change::Tags { .. })) {
        tag_pairs::note_own(conn, id, op.hlc, &op.device)?;
    }
    super::events_in::note_own(conn, &op)?;
    conn.prepare_cached("INSERT INTO team_wire(operation_id, payload) VALUES (?1, ?2)")?
        .execute(params![id, serde_json::to_string(&op)?])?;
    Ok(op)
}

/// Works out every own operation since joining the team that has not travelled yet, so that received changes are
/// ordered against all of this copy's own changes.
///
/// An exchange applies each file it reads in a transaction of its own and asks again before
/// each; looking through the whole history each time cost a week's apply 40 ms. So the
/// operations looked through are remembered for this connection (`temp.wire_checked`), up to
/// the newest then, with its uid: while that operation is still there, every operation up to
/// it was looked through (ids only grow past the newest row), and the look starts after it. A
/// newest operation taken away since (an empty one, one a hub hides) may lend its id to a new
/// one: the uid then differs and the whole history is looked through again.
pub(crate) fn work_out_pending(conn: &Connection) -> Result<()> {
    let device = operations::device_id(conn)?;
    conn.prepare_cached(
        "CREATE TEMP TABLE IF NOT EXISTS wire_checked(
             one INTEGER PRIMARY KEY CHECK (one = 1), id INTEGER NOT NULL, uid TEXT NOT NULL)",
    )?
    .execute([])?;
    let ids = conn
        .prepare_cached(
            "SELECT id FROM operations o WHERE device = ?1
               AND id > max(coalesce((SELECT first_operation_id FROM team WHERE id = 1), 0),
                            coalesce((SELECT w.id FROM temp.wire_checked w JOIN operations c
                                      ON c.id = w.id AND c.uid = w.uid), 0))
               AND NOT EXISTS (SELECT 1 FROM team_wire w WHERE w.operation_id = o.id)
             ORDER BY id",
        )?
        .query_map([device], |r| r.get::<_, i64>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    for id in ids {
        wire_of(conn, id)?;
    }
    conn.prepare_cached(
        "INSERT OR REPLACE INTO temp.wire_checked(one, id, uid)
         SELECT 1, id, uid FROM operations ORDER BY id DESC LIMIT 1",
    )?
    .execute([])?;
    Ok(())
}

fn work_out(conn: &Connection, id: i64) -> Result<WireOperation> {
    let (uid, device, hlc, author, kind, source, at) = conn
        .prepare_cached(
            "SELECT uid, device, hlc, author, kind, source, at FROM operations WHERE id = ?1",
        )?
        .query_row([id], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, i64>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, ChangeSource>(5)?,
                r.get::<_, i64>(6)?,
            ))
        })?;
    // The tree first (a tag given in the same operation may be new), then customers.
    let mut changes = nodes_out::changes(conn, id)?;
    changes.extend(records_out::changes(conn, id)?);
    changes.extend(customers_out::changes(conn, id)?);
    changes.extend(super::events_out::changes(conn, id)?);
    changes.extend(tag_changes(conn, id)?);
    Ok(WireOperation {
        format: changes.iter().map(Change::format).max().unwrap_or(1),
        uid,
        device,
        hlc,
        author,
        kind: OperationKind::parse(&kind),
        source,
        at,
        changes,
    })
}
