//! A tag node's row as it was, kept in the history by creations, merges and deletions so that
//! undoing them (or redoing a creation) brings the node back with the same id and every field:
//! name, place, dictionary fields, colour, archiving.

use super::edit::ensure_unique;
use super::names;
use crate::clock;
use crate::error::{Error, Result};
use crate::problem::Problem;
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

/// One node's stored fields.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct NodeSnapshot {
    pub id: i64,
    pub parent_id: Option<i64>,
    pub kind: String,
    pub name: String,
    pub select_mode: Option<String>,
    pub color: Option<String>,
    pub meaning: Option<String>,
    pub value_range: Option<String>,
    pub update_frequency: Option<String>,
    pub owner: Option<String>,
    pub scope: Option<String>,
    pub weight: f64,
    pub origin: String,
    pub position: i64,
    pub archived_at: Option<i64>,
    pub created_at: i64,
    /// Its global id (migration 0017; absent from images kept before it), so the node comes
    /// back as the same node for the team too.
    #[serde(default)]
    pub uid: Option<String>,
}

const COLUMNS: &str = "n.id, n.parent_id, n.kind, n.name, n.select_mode, n.color, n.meaning,
    n.value_range, n.update_frequency, n.owner, n.scope, n.weight, n.origin, n.position,
    n.archived_at, n.created_at, n.uid";

fn snapshot(r: &Row) -> rusqlite::Result<NodeSnapshot> {
    Ok(NodeSnapshot {
        id: r.get(0)?,
        parent_id: r.get(1)?,
        kind: r.get(2)?,
        name: r.get(3)?,
        select_mode: r.get(4)?,
        color: r.get(5)?,
        meaning: r.get(6)?,
        value_range: r.get(7)?,
        update_frequency: r.get(8)?,
        owner: r.get(9)?,
        scope: r.get(10)?,
        weight: r.get(11)?,
        origin: r.get(12)?,
        position: r.get(13)?,
        archived_at: r.get(14)?,
        created_at: r.get(15)?,
        uid: r.get(16)?,
    })
}

/// The live nodes of `root`'s subtree (itself included), parents before their children.
pub(crate) fn capture(conn: &Connection, root: i64) -> Result<Vec<NodeSnapshot>> {
    let nodes = conn
        .prepare_cached(&format!(
            "WITH RECURSIVE below(id, depth) AS (SELECT ?1, 0 UNION ALL
                 SELECT n.id, b.depth + 1 FROM tag_nodes n JOIN below b ON n.parent_id = b.id)
             SELECT {COLUMNS} FROM below b JOIN tag_nodes n ON n.id = b.id
             WHERE n.deleted_at IS NULL ORDER BY b.depth, n.position, n.id"
        ))?
        .query_map([root], snapshot)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(nodes)
}

/// Brings `nodes` (parents first) back as they were, with their ids: a node still stored
/// (retired by a deletion or merge) is written over, one removed is inserted again. Refused
/// when a parent outside `nodes` is gone or a sibling took the name meanwhile.
pub(crate) fn restore(conn: &Connection, nodes: &[NodeSnapshot]) -> Result<()> {
    for node in nodes {
        let inside = |id: i64| nodes.iter().any(|n| n.id == id);
        if let Some(parent) = node.parent_id.filter(|p| !inside(*p)) {
            let live: Option<bool> = conn
                .query_row(
                    "SELECT deleted_at IS NULL FROM tag_nodes WHERE id = ?1",
                    [parent],
                    |r| r.get(0),
                )
                .optional()?;
            if live != Some(true) {
                return Err(Error::invalid(
                    "parent",
                    Problem::PlaceGone {
                        name: node.name.clone(),
                    },
                ));
            }
        }
        ensure_unique(conn, node.parent_id, &node.name, Some(node.id))?;
        let values = params![
            node.id,
            node.parent_id,
            node.kind,
            node.name,
            names::key(&node.name),
            node.select_mode,
            node.color,
            node.meaning,
            node.value_range,
            node.update_frequency,
            node.owner,
            node.scope,
            node.weight,
            node.origin,
            node.position,
            node.archived_at,
            node.created_at,
            clock::now(),
            node.uid,
        ];
        let written = conn.execute(
            "UPDATE tag_nodes SET parent_id = ?2, kind = ?3, name = ?4, name_key = ?5,
                 select_mode = ?6, color = ?7, meaning = ?8, value_range = ?9,
                 update_frequency = ?10, owner = ?11, scope = ?12, weight = ?13, origin = ?14,
                 position = ?15, archived_at = ?16, created_at = ?17, updated_at = ?18,
                 deleted_at = NULL, merged_into = NULL, uid = coalesce(?19, uid)
             WHERE id = ?1",
            values,
        )?;
        if written == 0 {
            conn.execute(
                "INSERT INTO tag_nodes(id, parent_id, kind, name, name_key, select_mode, color,
                     meaning, value_range, update_frequency, owner, scope, weight, origin,
                     position, archived_at, created_at, updated_at, uid)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16,
                         ?17, ?18, ?19)",
                values,
            )?;
        }
    }
    Ok(())
}
