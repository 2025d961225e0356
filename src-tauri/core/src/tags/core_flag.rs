//! The core tag pool: the 10–20 tags a team marks as core, reviewed first on the health page
//! and kept with a full dictionary. Marking is an edit of the history like a rename, so it can
//! be undone.

use super::edit::node;
use super::NodeKind;
use crate::audit;
use crate::clock;
use crate::error::{Error, Result};
use crate::operations::{Image, Images};
use crate::problem::Problem;
use rusqlite::{params, Connection};

/// Puts tag `id` in the core pool or takes it out; nothing is recorded when it already is so.
pub fn set_core(conn: &Connection, id: i64, core: bool, actor: &str) -> Result<()> {
    if node(conn, id)?.kind != NodeKind::Tag {
        return Err(Error::invalid("id", Problem::CoreOnlyTags));
    }
    let before: bool = conn.query_row("SELECT core FROM tag_nodes WHERE id = ?1", [id], |r| {
        r.get(0)
    })?;
    if before == core {
        return Ok(());
    }
    conn.execute(
        "UPDATE tag_nodes SET core = ?2, updated_at = ?3 WHERE id = ?1",
        params![id, core, clock::now()],
    )?;
    let images = Images::of(Image::TagCore { core: before }, Image::TagCore { core });
    audit::record_edit(
        conn,
        actor,
        "update",
        "tag_node",
        Some(id),
        &serde_json::json!({ "core": core }),
        Some(images),
    )
}
