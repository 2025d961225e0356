//! A segment as the history keeps it, and writing one back: undoing a segment's creation,
//! change or deletion puts it back exactly as it was, with its id (rules and segments name
//! segments by id) and, for a static segment, the members it had frozen then rather than
//! whoever its condition matches today.

use super::{checked_name, get, kind_text, SegmentInput, SegmentKind};
use crate::audit;
use crate::clock;
use crate::conditions;
use crate::error::Result;
use crate::operations::Image;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

/// What the builder saved, and a static segment's frozen members as runs of consecutive
/// customer ids (`[first, count]`): a segment of 200,000 customers imported together is a
/// handful of runs.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct SegmentImage {
    pub input: SegmentInput,
    pub frozen_at: Option<i64>,
    pub members: Vec<[i64; 2]>,
}

/// Segment `id` as its image.
pub(crate) fn image(conn: &Connection, id: i64) -> Result<Image> {
    let s = get(conn, id)?;
    let ids = conn
        .prepare_cached(
            "SELECT customer_id FROM segment_members WHERE segment_id = ?1 ORDER BY customer_id",
        )?
        .query_map([id], |r| r.get::<_, i64>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let members = runs(ids);
    Ok(Image::Segment {
        segment: Some(SegmentImage {
            input: SegmentInput {
                name: s.name,
                kind: s.kind,
                condition: s.condition,
                pinned: s.pinned,
            },
            frozen_at: s.frozen_at,
            members,
        }),
    })
}

/// Ascending customer ids as the runs a segment image keeps them in: [first id, count].
pub(crate) fn runs(ascending: impl IntoIterator<Item = i64>) -> Vec<[i64; 2]> {
    let mut runs: Vec<[i64; 2]> = Vec::new();
    for customer in ascending {
        match runs.last_mut() {
            Some([first, count]) if *first + *count == customer => *count += 1,
            _ => runs.push([customer, 1]),
        }
    }
    runs
}

/// Writes segment `id` back as `image` says, inside the caller's transaction: its row (made
/// again with the same id if it was deleted) and its frozen members. The name and condition
/// are checked as the builder's are.
pub(crate) fn put(conn: &Connection, id: i64, image: &SegmentImage, actor: &str) -> Result<()> {
    let input = &image.input;
    let name = checked_name(input)?;
    conditions::validate(conn, &input.condition, Some(id))?;
    let now = clock::now();
    let exists: Option<i64> = conn
        .query_row("SELECT id FROM segments WHERE id = ?1", [id], |r| r.get(0))
        .optional()?;
    if exists.is_none() {
        conn.execute(
            "INSERT INTO segments(id, name, kind, condition, pinned, created_at, updated_at)
             VALUES (?1, '', 'dynamic', '{}', 0, ?2, ?2)",
            params![id, now],
        )?;
    }
    conn.execute(
        "UPDATE segments SET name = ?2, kind = ?3, condition = ?4, pinned = ?5, frozen_at = ?6,
                updated_at = ?7
         WHERE id = ?1",
        params![
            id,
            name,
            kind_text(input.kind),
            serde_json::to_string(&input.condition)?,
            input.pinned,
            image
                .frozen_at
                .filter(|_| input.kind == SegmentKind::Static),
            now
        ],
    )?;
    conn.execute("DELETE FROM segment_members WHERE segment_id = ?1", [id])?;
    let mut insert = conn.prepare_cached(
        "WITH RECURSIVE run(customer) AS (
             SELECT ?2 UNION ALL SELECT customer + 1 FROM run WHERE customer < ?3)
         INSERT INTO segment_members(segment_id, customer_id)
         SELECT ?1, customer FROM run
         WHERE EXISTS (SELECT 1 FROM customers WHERE id = customer)",
    )?;
    for [first, count] in &image.members {
        insert.execute(params![id, first, first + count - 1])?;
    }
    let action = if exists.is_some() {
        "update"
    } else {
        "restore"
    };
    audit::record(
        conn,
        actor,
        action,
        "segment",
        Some(id),
        &serde_json::json!({ "name": name }),
    )
}
