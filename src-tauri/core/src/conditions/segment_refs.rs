//! The segments a tree uses ("in segment A"), read from their table here: the engine needs
//! only what a used segment stands for (a dynamic one's tree, a static one's frozen members),
//! and reading that itself keeps it below `segments`, which saves and counts segments with it.

use super::ast::Condition;
use crate::db::json_column_or;
use crate::error::{Error, Result};
use crate::problem::Thing;
use roaring::RoaringBitmap;
use rusqlite::{Connection, OptionalExtension, Row};

/// What a segment used in a tree stands for.
pub(crate) enum UsedSegment {
    /// A static segment: its frozen members ([`frozen_members`]); nothing expands.
    Frozen,
    /// A dynamic segment: its tree, expanded in place.
    Dynamic { name: String, condition: Condition },
}

/// The segment `id` as a tree using it sees it; `NotFound` when there is none.
pub(crate) fn used(conn: &Connection, id: i64) -> Result<UsedSegment> {
    conn.query_row(
        "SELECT kind, name, condition FROM segments WHERE id = ?1",
        [id],
        |r| {
            Ok(if r.get::<_, String>(0)? == "static" {
                UsedSegment::Frozen
            } else {
                UsedSegment::Dynamic {
                    name: r.get(1)?,
                    condition: stored_tree(r, 2)?,
                }
            })
        },
    )
    .optional()?
    .ok_or(Error::NotFound {
        what: Thing::Segment,
        id: id.to_string(),
    })
}

/// A segment's stored tree. One that no longer parses (written by a newer version) matches
/// no one rather than failing every list.
pub(crate) fn stored_tree(r: &Row, column: usize) -> rusqlite::Result<Condition> {
    json_column_or(r, column, || Condition::Or { children: vec![] })
}

/// The frozen members of a static segment.
pub fn frozen_members(conn: &Connection, id: i64) -> Result<RoaringBitmap> {
    let mut stmt =
        conn.prepare_cached("SELECT customer_id FROM segment_members WHERE segment_id = ?1")?;
    let rows = stmt.query_map([id], |r| r.get::<_, i64>(0))?;
    let mut out = RoaringBitmap::new();
    for id in rows {
        // Rows come in key order, so appending is the fast path.
        let id = id? as u32;
        if out.try_push(id).is_err() {
            out.insert(id);
        }
    }
    Ok(out)
}
