//! The live tag tree as the health report reads it: every tag and group with its dictionary
//! fields, core flag, archiving and creation time, and the path that names it.

use crate::error::Result;
use crate::tags::NodeKind;
use rusqlite::Connection;
use std::collections::HashMap;

pub(super) struct Node {
    pub id: i64,
    pub parent_id: Option<i64>,
    pub kind: NodeKind,
    pub name: String,
    /// "基础属性 / 客户等级 / VIP".
    pub path: String,
    /// A single-select group.
    pub single_select: bool,
    /// A tag of a single-select group: it shares no customer with its siblings.
    pub in_single_select: bool,
    pub meaning: Option<String>,
    pub value_range: Option<String>,
    pub update_frequency: Option<String>,
    pub owner: Option<String>,
    pub weight: f64,
    pub core: bool,
    pub archived: bool,
    pub created_at: i64,
}

impl Node {
    /// The group a tag belongs to, when its parent is one.
    pub fn group<'a>(&self, by_id: &HashMap<i64, &'a Node>) -> Option<&'a Node> {
        self.parent_id
            .and_then(|p| by_id.get(&p).copied())
            .filter(|p| p.kind == NodeKind::Group)
    }
}

/// Every node not deleted or merged away, in tree order.
pub(super) fn load(conn: &Connection) -> Result<Vec<Node>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, parent_id, kind, name, select_mode, meaning, value_range, update_frequency,
                owner, weight, core, archived_at IS NOT NULL, created_at
         FROM tag_nodes WHERE deleted_at IS NULL ORDER BY ifnull(parent_id, 0), position, id",
    )?;
    let mut nodes = stmt
        .query_map([], |r| {
            let kind: String = r.get(2)?;
            Ok(Node {
                id: r.get(0)?,
                parent_id: r.get(1)?,
                kind: match kind.as_str() {
                    "category" => NodeKind::Category,
                    "group" => NodeKind::Group,
                    _ => NodeKind::Tag,
                },
                name: r.get(3)?,
                path: String::new(),
                single_select: r.get::<_, Option<String>>(4)?.as_deref() == Some("single"),
                in_single_select: false,
                meaning: filled(r.get(5)?),
                value_range: filled(r.get(6)?),
                update_frequency: filled(r.get(7)?),
                owner: filled(r.get(8)?),
                weight: r.get(9)?,
                core: r.get(10)?,
                archived: r.get(11)?,
                created_at: r.get(12)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<Node>>>()?;
    let names: HashMap<i64, (Option<i64>, String)> = nodes
        .iter()
        .map(|n| (n.id, (n.parent_id, n.name.clone())))
        .collect();
    let single: std::collections::HashSet<i64> = nodes
        .iter()
        .filter(|n| n.single_select)
        .map(|n| n.id)
        .collect();
    for node in &mut nodes {
        node.path = path(&names, node.id);
        node.in_single_select = node.parent_id.is_some_and(|p| single.contains(&p));
    }
    Ok(nodes)
}

/// A dictionary field counts as filled when it holds more than blanks.
fn filled(text: Option<String>) -> Option<String> {
    text.filter(|t| !t.trim().is_empty())
}

fn path(names: &HashMap<i64, (Option<i64>, String)>, id: i64) -> String {
    let mut parts = Vec::new();
    let mut cursor = Some(id);
    while let Some((parent, name)) = cursor.and_then(|c| names.get(&c)) {
        parts.push(name.as_str());
        cursor = *parent;
        if parts.len() > names.len() {
            break;
        }
    }
    parts.reverse();
    parts.join(" / ")
}

/// The nodes by id.
pub(super) fn by_id(nodes: &[Node]) -> HashMap<i64, &Node> {
    nodes.iter().map(|n| (n.id, n)).collect()
}

/// The kind of live node `id`; `NotFound` when there is none.
pub(super) fn kind_of(conn: &Connection, id: i64) -> Result<NodeKind> {
    use rusqlite::OptionalExtension;
    let kind: Option<String> = conn
        .query_row(
            "SELECT kind FROM tag_nodes WHERE id = ?1 AND deleted_at IS NULL",
            [id],
            |r| r.get(0),
        )
        .optional()?;
    match kind.as_deref() {
        Some("category") => Ok(NodeKind::Category),
        Some("group") => Ok(NodeKind::Group),
        Some(_) => Ok(NodeKind::Tag),
        None => Err(crate::error::Error::NotFound {
            what: crate::problem::Thing::Tag,
            id: id.to_string(),
        }),
    }
}
