//! Reading and growing the tag tree.

use super::{names, NodeKind, SelectMode, TagNode, TagOrigin, TagTree};
use crate::clock;
use crate::error::{Error, Result};
use crate::problem::{Problem, Thing};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use ts_rs::TS;

const NEUTRAL_COLOR: &str = "#8c8c8c";

/// What it takes to add a node to the tree.
#[derive(Debug, Clone)]
pub struct NewNode<'a> {
    pub parent_id: Option<i64>,
    pub kind: NodeKind,
    pub name: &'a str,
    pub select_mode: Option<SelectMode>,
    pub color: Option<&'a str>,
    pub meaning: Option<&'a str>,
    pub update_frequency: Option<&'a str>,
    pub origin: TagOrigin,
    pub weight: f64,
}

impl<'a> NewNode<'a> {
    pub fn new(parent_id: Option<i64>, kind: NodeKind, name: &'a str) -> Self {
        NewNode {
            parent_id,
            kind,
            name,
            select_mode: (kind == NodeKind::Group).then_some(SelectMode::Multi),
            color: None,
            meaning: None,
            update_frequency: None,
            origin: TagOrigin::Manual,
            weight: 0.0,
        }
    }
}

/// A node as the UI asks for it.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export_to = "TagNodeNew.ts")]
pub struct TagNodeNew {
    pub parent_id: Option<i64>,
    pub kind: NodeKind,
    pub name: String,
    pub select_mode: Option<SelectMode>,
    pub color: Option<String>,
}

impl TagNodeNew {
    pub fn as_new(&self) -> NewNode<'_> {
        NewNode {
            select_mode: self.select_mode,
            color: self.color.as_deref(),
            ..NewNode::new(self.parent_id, self.kind, &self.name)
        }
    }
}

/// Adds a node by hand (the tag page): [`create_node`], recorded as the person's operation.
/// A new group without a colour of its own takes the next unused colour of the palette.
pub fn create(conn: &Connection, node: &NewNode, actor: &str) -> Result<i64> {
    let color = match (node.kind, node.color) {
        (NodeKind::Group, None) => Some(super::palette::next_group_color(conn)?),
        (_, own) => own,
    };
    let id = create_node(
        conn,
        &NewNode {
            color,
            ..node.clone()
        },
    )?;
    super::undo::record_create(conn, id, actor)?;
    Ok(id)
}

/// Adds a node under its parent, after its last sibling.
pub fn create_node(conn: &Connection, node: &NewNode) -> Result<i64> {
    let name = names::clean(node.name)?;
    if let Some(parent) = node.parent_id {
        let parent_kind: String = conn
            .query_row("SELECT kind FROM tag_nodes WHERE id = ?1", [parent], |r| {
                r.get(0)
            })
            .map_err(|_| Error::NotFound {
                what: Thing::Tag,
                id: parent.to_string(),
            })?;
        if parent_kind == "tag" {
            return Err(Error::invalid("parent", Problem::TagHoldsNothing));
        }
        if parent_kind == "group" && node.kind != NodeKind::Tag {
            return Err(Error::invalid("parent", Problem::GroupHoldsOnlyTags));
        }
    }
    super::edit::ensure_unique(conn, node.parent_id, &name, None)?;
    let select_mode = match node.kind {
        NodeKind::Group => Some(node.select_mode.unwrap_or(SelectMode::Multi)),
        _ => None,
    };
    let now = clock::now();
    conn.execute(
        "INSERT INTO tag_nodes(parent_id, kind, name, name_key, select_mode, color, meaning,
                               update_frequency, origin, weight, position, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10,
                 (SELECT ifnull(max(position) + 1, 0) FROM tag_nodes WHERE ifnull(parent_id, 0) = ifnull(?1, 0)),
                 ?11, ?11)",
        params![
            node.parent_id,
            kind_str(node.kind),
            name,
            names::key(&name),
            select_mode.map(select_str),
            node.color,
            node.meaning,
            node.update_frequency,
            origin_str(node.origin),
            node.weight,
            now,
        ],
    )?;
    Ok(conn.last_insert_rowid())
}

/// The whole tree with colours resolved and customer counts.
pub fn tree(conn: &Connection) -> Result<TagTree> {
    let mut nodes = load_nodes(conn)?;
    nodes.retain(|n| !n.deleted);
    fill_counts(conn, &mut nodes)?;
    let total_customers = crate::db::live_customers(conn)?;
    Ok(TagTree {
        nodes,
        total_customers,
    })
}

/// Where new tags go unless the user picks a node: the first top-level category or group
/// in tree order that is not archived, as the import wizard offers it first. None when the
/// tree has no such node.
pub fn default_parent(conn: &Connection) -> Result<Option<i64>> {
    Ok(conn
        .query_row(
            "SELECT id FROM tag_nodes
             WHERE parent_id IS NULL AND kind <> 'tag'
               AND archived_at IS NULL AND deleted_at IS NULL
             ORDER BY position, id LIMIT 1",
            [],
            |r| r.get(0),
        )
        .optional()?)
}

/// All nodes with colours resolved, without the (costlier) counts.
pub(crate) fn load_nodes(conn: &Connection) -> Result<Vec<TagNode>> {
    let mut stmt = conn.prepare(
        "SELECT id, parent_id, kind, name, select_mode, color, meaning, value_range,
                update_frequency, owner, scope, weight, origin, position, archived_at IS NOT NULL,
                deleted_at IS NOT NULL
         FROM tag_nodes ORDER BY ifnull(parent_id, 0), position, id",
    )?;
    let mut nodes = stmt
        .query_map([], |r| {
            Ok(TagNode {
                id: r.get(0)?,
                parent_id: r.get(1)?,
                kind: parse_kind(&r.get::<_, String>(2)?),
                name: r.get(3)?,
                select_mode: r.get::<_, Option<String>>(4)?.map(|s| parse_select(&s)),
                color: r.get(5)?,
                effective_color: String::new(),
                meaning: r.get(6)?,
                value_range: r.get(7)?,
                update_frequency: r.get(8)?,
                owner: r.get(9)?,
                scope: r.get(10)?,
                weight: r.get(11)?,
                origin: parse_origin(&r.get::<_, String>(12)?),
                position: r.get(13)?,
                archived: r.get(14)?,
                deleted: r.get(15)?,
                customer_count: None,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    resolve_colors(&mut nodes);
    Ok(nodes)
}

/// Own colour, else the nearest ancestor's, else neutral.
fn resolve_colors(nodes: &mut [TagNode]) {
    let by_id: HashMap<i64, (Option<i64>, Option<String>)> = nodes
        .iter()
        .map(|n| (n.id, (n.parent_id, n.color.clone())))
        .collect();
    for node in nodes.iter_mut() {
        let mut cursor = Some(node.id);
        let mut color = None;
        // Bounded by the node count: the CHECK forbids self-parents and moves refuse cycles.
        for _ in 0..=by_id.len() {
            let Some((parent, own)) = cursor.and_then(|id| by_id.get(&id)) else {
                break;
            };
            if own.is_some() {
                color = own.clone();
                break;
            }
            cursor = *parent;
        }
        node.effective_color = color.unwrap_or_else(|| NEUTRAL_COLOR.to_string());
    }
}

fn fill_counts(conn: &Connection, nodes: &mut [TagNode]) -> Result<()> {
    let per_tag: HashMap<i64, i64> = conn
        .prepare("SELECT tag_id, customers FROM tag_stats")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    // Exclusivity makes a single-select group's coverage the sum of its tags.
    let mut children: HashMap<i64, i64> = HashMap::new();
    for n in nodes.iter().filter(|n| n.kind == NodeKind::Tag) {
        if let Some(p) = n.parent_id {
            *children.entry(p).or_default() += per_tag.get(&n.id).copied().unwrap_or(0);
        }
    }
    for node in nodes.iter_mut() {
        node.customer_count = match (node.kind, node.select_mode) {
            (NodeKind::Tag, _) => Some(per_tag.get(&node.id).copied().unwrap_or(0)),
            (NodeKind::Group, Some(SelectMode::Single)) => {
                Some(children.get(&node.id).copied().unwrap_or(0))
            }
            _ => None,
        };
    }
    Ok(())
}

pub(crate) fn kind_str(kind: NodeKind) -> &'static str {
    match kind {
        NodeKind::Category => "category",
        NodeKind::Group => "group",
        NodeKind::Tag => "tag",
    }
}

fn parse_kind(s: &str) -> NodeKind {
    match s {
        "category" => NodeKind::Category,
        "group" => NodeKind::Group,
        _ => NodeKind::Tag,
    }
}

fn select_str(mode: SelectMode) -> &'static str {
    match mode {
        SelectMode::Single => "single",
        SelectMode::Multi => "multi",
    }
}

fn parse_select(s: &str) -> SelectMode {
    if s == "single" {
        SelectMode::Single
    } else {
        SelectMode::Multi
    }
}

fn origin_str(origin: TagOrigin) -> &'static str {
    match origin {
        TagOrigin::Manual => "manual",
        TagOrigin::Automatic => "automatic",
    }
}

fn parse_origin(s: &str) -> TagOrigin {
    if s == "automatic" {
        TagOrigin::Automatic
    } else {
        TagOrigin::Manual
    }
}
