//! The tag tree's changes an own operation made, as `TagNode` and `TagMerged` changes
//! (docs/TEAM.md §1), read from what the operation keeps for undo: a rename or dictionary edit
//! sends the fields that changed, a move its new place, archiving each node's new state, a
//! creation its nodes whole, a deletion their tombstones, a merge the merge. An undo keeps
//! swapped images, so it sends what it wrote back the same way.

use super::wire::Change;
use crate::error::Result;
use crate::operations::{self, EditView, Image};
use crate::provenance::ChangeSource;
use crate::tags::member_sets;
use crate::tags::NodeSnapshot;
use rusqlite::Connection;
use serde_json::{json, Value};
use std::collections::BTreeMap;

pub(super) type NodeCells = BTreeMap<String, Value>;

/// Beside a move's `place`, where the node stood before it (not a field: what a laptop goes
/// back to if the move has to be skipped, see `nodes_in`).
pub(super) const PLACE_BEFORE: &str = "place_before";

/// The tag tree changes of own operation `operation`.
pub(super) fn changes(conn: &Connection, operation: i64) -> Result<Vec<Change>> {
    let Some(edit) = operations::edit_view(conn, operation)?.filter(|e| e.entity == "tag_node")
    else {
        return Ok(Vec::new());
    };
    let mut out = Vec::new();
    match (&edit.before, &edit.after) {
        (Image::TagNode { edit: before }, Image::TagNode { edit: after }) => {
            let (before, after) = (serde_json::to_value(before)?, serde_json::to_value(after)?);
            let cells: NodeCells = after
                .as_object()
                .into_iter()
                .flatten()
                .filter(|(k, v)| before.get(k.as_str()) != Some(v))
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect();
            for &id in &edit.ids {
                if !cells.is_empty() {
                    out.push(node_change(conn, id, None, cells.clone())?);
                }
            }
        }
        (before, Image::TagPlace { parent, position }) => {
            for &id in &edit.ids {
                let mut cells =
                    NodeCells::from([("place".into(), place(conn, *parent, *position)?)]);
                if let Image::TagPlace { parent, position } = before {
                    cells.insert(PLACE_BEFORE.into(), place(conn, *parent, *position)?);
                }
                out.push(node_change(conn, id, None, cells)?);
            }
        }
        (_, Image::TagCore { core }) => {
            for &id in &edit.ids {
                let cells = NodeCells::from([("core".into(), json!(core))]);
                out.push(node_change(conn, id, None, cells)?);
            }
        }
        (Image::TagArchived { archived: before }, Image::TagArchived { archived: after }) => {
            let mut ids: Vec<i64> = before.iter().chain(after).copied().collect();
            ids.sort_unstable();
            ids.dedup();
            for id in ids {
                let cells = NodeCells::from([("archived".into(), json!(after.contains(&id)))]);
                out.push(node_change(conn, id, None, cells)?);
            }
        }
        (_, Image::TagNodes { nodes }) if !nodes.is_empty() => {
            for node in nodes {
                out.push(creation(conn, node)?);
            }
            if edit.undoes.is_some() {
                out.extend(given_back(conn, operation)?);
            }
        }
        (Image::TagNodes { nodes }, Image::TagNodesGone { .. }) => {
            for node in nodes {
                out.push(Change::TagNode {
                    node: snapshot_uid(conn, node)?,
                    alive: Some(false),
                    cells: NodeCells::new(),
                });
            }
        }
        (Image::TagNodes { nodes }, Image::TagsMerged { sources, target }) => {
            for &source in sources {
                out.push(Change::TagMerged {
                    from: uid(conn, source)?,
                    to: uid(conn, *target)?,
                });
            }
            for node in nodes.iter().filter(|n| !sources.contains(&n.id)) {
                out.push(Change::TagNode {
                    node: snapshot_uid(conn, node)?,
                    alive: Some(false),
                    cells: NodeCells::new(),
                });
            }
        }
        _ => out.extend(restored(conn, operation, &edit)?),
    }
    Ok(out)
}

/// An undo of a deletion or merge writes its nodes back without keeping them in its own
/// images: they are the nodes the undone operation kept. The customers it gave back to them
/// (and, for a merge, took off the tag they went into) travel as tag changes of its own: the
/// other laptops' deletion or merge took them off too.
fn restored(conn: &Connection, operation: i64, edit: &EditView) -> Result<Vec<Change>> {
    let Some(undone) = edit.undoes else {
        return Ok(Vec::new());
    };
    let Some(undone) = operations::edit_view(conn, undone)? else {
        return Ok(Vec::new());
    };
    let Image::TagNodes { nodes } = undone.before else {
        return Ok(Vec::new());
    };
    let mut out = nodes
        .iter()
        .map(|n| creation(conn, n))
        .collect::<Result<Vec<_>>>()?;
    out.extend(given_back(conn, operation)?);
    Ok(out)
}

/// The hand-made and imported tags `operation` gave or took (its member sets); rule, RFM and
/// lifecycle tags are recomputed on each laptop.
fn given_back(conn: &Connection, operation: i64) -> Result<Vec<Change>> {
    let mut out = Vec::new();
    for set in member_sets::load(conn, operation)? {
        let source = match set.provenance.source.as_str() {
            "manual" => ChangeSource::Manual,
            "import" => ChangeSource::Import,
            _ => continue,
        };
        let ids: Vec<i64> = set.customers.iter().map(|c| c as i64).collect();
        super::tag_pairs::note_own_pairs(conn, operation, set.tag, set.added, &ids)?;
        let customers: Vec<String> = conn
            .prepare_cached(
                "SELECT c.uid FROM json_each(?1) j JOIN customers c ON c.id = j.value ORDER BY 1",
            )?
            .query_map([serde_json::to_string(&ids)?], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        out.push(Change::Tags {
            tag: uid(conn, set.tag)?,
            present: set.added,
            source,
            customers,
        });
    }
    Ok(out)
}

/// A node coming into existence (or back) with every field it has.
fn creation(conn: &Connection, node: &NodeSnapshot) -> Result<Change> {
    let mut cells = NodeCells::new();
    cells.insert("kind".into(), json!(node.kind));
    cells.insert("name".into(), json!(node.name));
    cells.insert("select_mode".into(), json!(node.select_mode));
    cells.insert("color".into(), json!(node.color));
    cells.insert("meaning".into(), json!(node.meaning));
    cells.insert("value_range".into(), json!(node.value_range));
    cells.insert("update_frequency".into(), json!(node.update_frequency));
    cells.insert("owner".into(), json!(node.owner));
    cells.insert("scope".into(), json!(node.scope));
    cells.insert("weight".into(), json!(node.weight));
    cells.insert("origin".into(), json!(node.origin));
    cells.insert("archived".into(), json!(node.archived_at.is_some()));
    cells.insert("place".into(), place(conn, node.parent_id, node.position)?);
    Ok(Change::TagNode {
        node: snapshot_uid(conn, node)?,
        alive: Some(true),
        cells,
    })
}

/// A node's uid as its image kept it (a deleted node's row is gone), else as stored.
fn snapshot_uid(conn: &Connection, node: &NodeSnapshot) -> Result<String> {
    match &node.uid {
        Some(uid) => Ok(uid.clone()),
        None => uid(conn, node.id),
    }
}

fn node_change(
    conn: &Connection,
    id: i64,
    alive: Option<bool>,
    cells: NodeCells,
) -> Result<Change> {
    Ok(Change::TagNode {
        node: uid(conn, id)?,
        alive,
        cells,
    })
}

fn place(conn: &Connection, parent: Option<i64>, position: i64) -> Result<Value> {
    let parent = parent.map(|p| uid(conn, p)).transpose()?;
    Ok(json!([parent, position]))
}

fn uid(conn: &Connection, id: i64) -> Result<String> {
    Ok(super::ids::node_uid(conn, id)?.unwrap_or_else(|| format!("missing-node-{id}")))
}
