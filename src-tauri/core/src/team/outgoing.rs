//! This device's operations as they leave it: each operation of the history that this device
//! made, with its changes worked out from what it recorded for undo (docs/TEAM.md §2), so
//! every write path that can be undone is also exchanged without a second bookkeeping.

use super::wire::{Change, WireOperation, FORMAT};
use crate::error::Result;
use crate::operations::{self, OperationKind};
use crate::provenance::ChangeSource;
use rusqlite::{params, Connection};

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

/// The tags an operation gave and took, per tag and direction, from its batches' exact pairs.
fn tag_changes(conn: &Connection, operation: i64) -> Result<Vec<Change>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT t.uid, m.action = 'add', b.source, c.uid
         FROM tag_batches b
         JOIN tag_batch_members m ON m.batch_id = b.id
         JOIN tag_nodes t ON t.id = m.tag_id
         JOIN customers c ON c.id = m.customer_id
         WHERE b.operation_id = ?1 AND b.source IN {TRAVELLING_SOURCES}
         ORDER BY b.id, m.tag_id, m.action, m.customer_id"
    ))?;
    let mut rows = stmt.query([operation])?;
    let mut changes: Vec<Change> = Vec::new();
    while let Some(row) = rows.next()? {
        let (tag, present, source, customer): (String, bool, ChangeSource, String) =
            (row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?);
        match changes.last_mut() {
            Some(Change::Tags {
                tag: t,
                present: p,
                source: s,
                customers,
            }) if *t == tag && *p == present && *s == source => customers.push(customer),
            _ => changes.push(Change::Tags {
                tag,
                present,
                source,
                customers: vec![customer],
            }),
        }
    }
    Ok(changes)
}

/// This device's operation `id` as it travels.
pub(crate) fn wire_of(conn: &Connection, id: i64) -> Result<WireOperation> {
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
    Ok(WireOperation {
        format: FORMAT,
        uid,
        device,
        hlc,
        author,
        kind: OperationKind::parse(&kind),
        source,
        at,
        changes: tag_changes(conn, id)?,
    })
}
