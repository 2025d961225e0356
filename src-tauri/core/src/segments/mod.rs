//! Saved segments: a named condition tree, either dynamic (evaluated whenever it is opened)
//! or static (the members frozen when it was saved), optionally pinned to the dashboard.

mod dashboard;
mod images;
mod members;

pub use dashboard::{dashboard, snapshot_pinned, PinnedSegment};
pub(crate) use images::{put, runs, SegmentImage};
pub use members::{
    count, export_members, member_ids, members, page, tag_members, ConditionCount, MemberQuery,
    MemberSource,
};

use crate::audit;
use crate::clock;
pub use crate::conditions::frozen_members;
use crate::conditions::{self, Condition, Ctx, Index};
use crate::error::{Error, Result};
use crate::operations::{Image, Images};
use crate::problem::{Problem, Thing};
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export_to = "SegmentKind.ts")]
pub enum SegmentKind {
    Dynamic,
    Static,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export_to = "Segment.ts")]
pub struct Segment {
    pub id: i64,
    pub name: String,
    pub kind: SegmentKind,
    pub condition: Condition,
    pub pinned: bool,
    /// When a static segment's members were frozen.
    pub frozen_at: Option<i64>,
    pub created_at: i64,
    pub updated_at: i64,
}

/// What the builder saves.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export_to = "SegmentInput.ts")]
pub struct SegmentInput {
    pub name: String,
    pub kind: SegmentKind,
    pub condition: Condition,
    pub pinned: bool,
}

const COLUMNS: &str = "id, name, kind, condition, pinned, frozen_at, created_at, updated_at";

fn from_row(r: &Row) -> rusqlite::Result<Segment> {
    Ok(Segment {
        id: r.get(0)?,
        name: r.get(1)?,
        kind: if r.get::<_, String>(2)? == "static" {
            SegmentKind::Static
        } else {
            SegmentKind::Dynamic
        },
        condition: conditions::stored_tree(r, 3)?,
        pinned: r.get(4)?,
        frozen_at: r.get(5)?,
        created_at: r.get(6)?,
        updated_at: r.get(7)?,
    })
}

pub fn list(conn: &Connection) -> Result<Vec<Segment>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM segments ORDER BY pinned DESC, name COLLATE NOCASE, id"
    ))?;
    let rows = stmt.query_map([], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn get(conn: &Connection, id: i64) -> Result<Segment> {
    conn.query_row(
        &format!("SELECT {COLUMNS} FROM segments WHERE id = ?1"),
        [id],
        from_row,
    )
    .optional()?
    .ok_or(Error::NotFound {
        what: Thing::Segment,
        id: id.to_string(),
    })
}

/// Saves a new segment; a static one freezes its members now.
pub fn create(
    conn: &mut Connection,
    index: &Index,
    input: &SegmentInput,
    actor: &str,
) -> Result<i64> {
    let name = checked_name(input)?;
    conditions::validate(conn, &input.condition, None)?;
    let tx = conn.transaction()?;
    let now = clock::now();
    // A deleted segment's id is not given again: undoing the deletion brings it back by id.
    let id = crate::operations::fresh_id(&tx, "segments", "segment")?;
    tx.execute(
        "INSERT INTO segments(id, name, kind, condition, pinned, created_at, updated_at)
         VALUES (?6, ?1, ?2, ?3, ?4, ?5, ?5)",
        params![
            name,
            kind_text(input.kind),
            serde_json::to_string(&input.condition)?,
            input.pinned,
            now,
            id
        ],
    )?;
    if input.kind == SegmentKind::Static {
        freeze(&tx, index, id, &input.condition, now)?;
    }
    let images = Images::of(Image::Segment { segment: None }, images::image(&tx, id)?);
    audit::record_edit(
        &tx,
        actor,
        "create",
        "segment",
        Some(id),
        &serde_json::json!({ "name": name }),
        Some(images),
    )?;
    tx.commit()?;
    Ok(id)
}

/// Renames a segment, changes its tree, kind or pin. A static segment is frozen again.
pub fn update(
    conn: &mut Connection,
    index: &Index,
    id: i64,
    input: &SegmentInput,
    actor: &str,
) -> Result<Segment> {
    let name = checked_name(input)?;
    get(conn, id)?;
    conditions::validate(conn, &input.condition, Some(id))?;
    let tx = conn.transaction()?;
    let before = images::image(&tx, id)?;
    let now = clock::now();
    tx.execute(
        "UPDATE segments SET name = ?2, kind = ?3, condition = ?4, pinned = ?5, updated_at = ?6
         WHERE id = ?1",
        params![
            id,
            name,
            kind_text(input.kind),
            serde_json::to_string(&input.condition)?,
            input.pinned,
            now
        ],
    )?;
    tx.execute("DELETE FROM segment_members WHERE segment_id = ?1", [id])?;
    if input.kind == SegmentKind::Static {
        freeze(&tx, index, id, &input.condition, now)?;
    } else {
        tx.execute("UPDATE segments SET frozen_at = NULL WHERE id = ?1", [id])?;
    }
    let images = Images::of(before, images::image(&tx, id)?);
    audit::record_edit(
        &tx,
        actor,
        "update",
        "segment",
        Some(id),
        &serde_json::json!({ "name": name }),
        Some(images),
    )?;
    tx.commit()?;
    get(conn, id)
}

/// Copies a segment under a free name ("name (2)"); returns the copy's id.
pub fn duplicate(conn: &mut Connection, index: &Index, id: i64, actor: &str) -> Result<i64> {
    let original = get(conn, id)?;
    let taken: Vec<String> = list(conn)?.into_iter().map(|s| s.name).collect();
    let name = (2..)
        .map(|n| format!("{} ({n})", original.name))
        .find(|n| !taken.contains(n))
        .expect("a free name exists");
    let input = SegmentInput {
        name,
        kind: original.kind,
        condition: original.condition,
        pinned: false,
    };
    create(conn, index, &input, actor)
}

pub fn delete(conn: &mut Connection, id: i64, actor: &str) -> Result<()> {
    let tx = conn.transaction()?;
    delete_within(&tx, id, actor)?;
    tx.commit()?;
    Ok(())
}

/// [`delete`] inside the caller's transaction (an undo of the segment's creation). The
/// history keeps the segment whole, frozen members too, to bring it back with its id.
pub(crate) fn delete_within(conn: &Connection, id: i64, actor: &str) -> Result<()> {
    let segment = get(conn, id)?;
    let users: Vec<String> = list(conn)?
        .into_iter()
        .filter(|s| {
            s.id != id && s.kind == SegmentKind::Dynamic && s.condition.segment_ids().contains(&id)
        })
        .map(|s| s.name)
        .collect();
    if !users.is_empty() {
        return Err(Error::invalid(
            "segment",
            Problem::SegmentInUse {
                name: segment.name,
                users,
            },
        ));
    }
    let before = images::image(conn, id)?;
    conn.execute("DELETE FROM segments WHERE id = ?1", [id])?;
    audit::record_edit(
        conn,
        actor,
        "delete",
        "segment",
        Some(id),
        &serde_json::json!({ "name": segment.name }),
        Some(Images::of(before, Image::Segment { segment: None })),
    )
}

pub fn set_pinned(conn: &Connection, id: i64, pinned: bool) -> Result<()> {
    let n = conn.execute(
        "UPDATE segments SET pinned = ?2 WHERE id = ?1",
        params![id, pinned],
    )?;
    if n == 0 {
        return Err(Error::NotFound {
            what: Thing::Segment,
            id: id.to_string(),
        });
    }
    if pinned {
        crate::tag_usage::note_segments(
            conn,
            crate::tag_usage::UsageKind::Board,
            &[id],
            crate::clock::now(),
        )?;
    }
    Ok(())
}

fn freeze(
    tx: &rusqlite::Transaction,
    index: &Index,
    id: i64,
    condition: &Condition,
    now: i64,
) -> Result<()> {
    let members = Ctx::new(tx, index, now).eval(condition)?;
    let mut insert =
        tx.prepare("INSERT INTO segment_members(segment_id, customer_id) VALUES (?1, ?2)")?;
    for customer in &members {
        insert.execute(params![id, customer as i64])?;
    }
    tx.execute(
        "UPDATE segments SET frozen_at = ?2 WHERE id = ?1",
        params![id, now],
    )?;
    Ok(())
}

fn checked_name(input: &SegmentInput) -> Result<String> {
    let name = input.name.trim();
    if name.is_empty() {
        return Err(Error::invalid("name", Problem::NameRequired));
    }
    if name.chars().count() > 100 {
        return Err(Error::invalid("name", Problem::NameTooLong { limit: 100 }));
    }
    Ok(name.to_string())
}

fn kind_text(kind: SegmentKind) -> &'static str {
    match kind {
        SegmentKind::Dynamic => "dynamic",
        SegmentKind::Static => "static",
    }
}
