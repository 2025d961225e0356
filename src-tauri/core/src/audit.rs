//! The audit log: who changed what, kept for the team lead and for sync.

use crate::clock;
use crate::error::Result;
use crate::operations::Images;
use rusqlite::{params, Connection};
use serde::Serialize;

pub fn record(
    conn: &Connection,
    actor: &str,
    action: &str,
    entity: &str,
    entity_id: Option<i64>,
    detail: &impl Serialize,
) -> Result<()> {
    record_edit(conn, actor, action, entity, entity_id, detail, None)
}

/// [`record`] for an edit the history can undo: `images` are the record before and after.
pub(crate) fn record_edit(
    conn: &Connection,
    actor: &str,
    action: &str,
    entity: &str,
    entity_id: Option<i64>,
    detail: &impl Serialize,
    images: Option<Images>,
) -> Result<()> {
    record_operation(conn, actor, action, entity, entity_id, detail, images).map(|_| ())
}

/// [`record_edit`] returning the operation the edit belongs to, for an edit that keeps more
/// of what it changed under that operation (a tag merge's assignments).
pub(crate) fn record_operation(
    conn: &Connection,
    actor: &str,
    action: &str,
    entity: &str,
    entity_id: Option<i64>,
    detail: &impl Serialize,
    images: Option<Images>,
) -> Result<i64> {
    conn.prepare_cached(
        "INSERT INTO audit_log(at, actor, action, entity, entity_id, detail) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![
        clock::now(),
        actor,
        action,
        entity,
        entity_id,
        serde_json::to_string(detail)?
    ])?;
    // Every audited change is in the history too: part of the operation under way, or one.
    crate::operations::for_change(conn, actor, entity, action, entity_id, images)
}
