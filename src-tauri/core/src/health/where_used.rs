//! Where a tag or group is used, shown before it is deleted, archived or merged: the segments
//! (and which of them are pinned boards) and rules whose trees or actions name it, the import
//! templates with a column of its group, and the follow-up weights its tags carry. A tag's
//! group counts as naming it: "any tag of 活跃度" uses 高活.

use super::nodes::kind_of;
use crate::error::Result;
use crate::tags::NodeKind;
use rusqlite::Connection;
use serde::Serialize;
use serde_json::Value;
use std::collections::HashSet;
use ts_rs::TS;

/// A record that refers to the node.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export_to = "UsedBy.ts")]
pub struct UsedBy {
    pub id: i64,
    pub name: String,
}

/// A tag whose weight counts in the follow-up score.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "WeightUse.ts")]
pub struct WeightUse {
    pub tag_id: i64,
    pub name: String,
    pub weight: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "WhereUsed.ts")]
pub struct WhereUsed {
    pub node_id: i64,
    /// Saved segments naming it (pinned ones too).
    pub segments: Vec<UsedBy>,
    /// The pinned segments among them: the dashboard's boards.
    pub boards: Vec<UsedBy>,
    /// Rules testing it in their condition or giving or taking it.
    pub rules: Vec<UsedBy>,
    /// Import templates with a column of its group.
    pub import_templates: Vec<UsedBy>,
    /// Its tags (itself, for a tag) that carry a follow-up weight.
    pub weights: Vec<WeightUse>,
}

/// Everything that refers to node `id` (a tag, group or category: its whole subtree).
pub fn where_used(conn: &Connection, id: i64) -> Result<WhereUsed> {
    let kind = kind_of(conn, id)?;
    let below = subtree(conn, id)?;
    let mut named = below.clone();
    if kind == NodeKind::Tag {
        named.extend(group_of(conn, id)?);
    }
    let mut used = WhereUsed {
        node_id: id,
        segments: Vec::new(),
        boards: Vec::new(),
        rules: Vec::new(),
        import_templates: Vec::new(),
        weights: weights(conn, &below)?,
    };
    for (seg_id, name, pinned, condition) in rows4(
        conn,
        "SELECT id, name, pinned, condition FROM segments ORDER BY name, id",
    )? {
        if names_any(&parse(&condition), &named) {
            let by = UsedBy { id: seg_id, name };
            if pinned {
                used.boards.push(by.clone());
            }
            used.segments.push(by);
        }
    }
    for (rule_id, name, condition, action) in rows_rules(conn)? {
        if names_any(&parse(&condition), &named) || names_any(&parse(&action), &named) {
            used.rules.push(UsedBy { id: rule_id, name });
        }
    }
    let mut stmt =
        conn.prepare_cached("SELECT id, name, columns FROM import_templates ORDER BY name")?;
    let templates = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get::<_, String>(2)?)))?
        .collect::<rusqlite::Result<Vec<(i64, String, String)>>>()?;
    for (template_id, name, columns) in templates {
        if names_any(&parse(&columns), &named) {
            used.import_templates.push(UsedBy {
                id: template_id,
                name,
            });
        }
    }
    Ok(used)
}

fn rows4(conn: &Connection, sql: &str) -> Result<Vec<(i64, String, bool, String)>> {
    let rows = conn
        .prepare_cached(sql)?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

fn rows_rules(conn: &Connection) -> Result<Vec<(i64, String, String, String)>> {
    let rows = conn
        .prepare_cached("SELECT id, name, condition, action FROM rules ORDER BY priority DESC, id")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// A stored JSON text; one that does not parse names nothing.
fn parse(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or(Value::Null)
}

/// Node `id` and every live node beneath it.
fn subtree(conn: &Connection, id: i64) -> Result<HashSet<i64>> {
    let ids = conn
        .prepare_cached(
            "WITH RECURSIVE below(id) AS (SELECT ?1 UNION
                 SELECT n.id FROM tag_nodes n JOIN below b ON n.parent_id = b.id
                 WHERE n.deleted_at IS NULL)
             SELECT id FROM below",
        )?
        .query_map([id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(ids)
}

/// The group tag `id` is in, if its parent is one.
fn group_of(conn: &Connection, id: i64) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached(
            "SELECT p.id FROM tag_nodes t JOIN tag_nodes p ON p.id = t.parent_id
             WHERE t.id = ?1 AND p.kind = 'group'",
        )?
        .query_map([id], |r| r.get(0))?
        .next()
        .transpose()?)
}

fn weights(conn: &Connection, nodes: &HashSet<i64>) -> Result<Vec<WeightUse>> {
    let ids = serde_json::to_string(&nodes.iter().collect::<Vec<_>>())?;
    let rows = conn
        .prepare_cached(
            "SELECT id, name, weight FROM tag_nodes
             WHERE id IN (SELECT value FROM json_each(?1)) AND kind = 'tag' AND weight <> 0
               AND deleted_at IS NULL
             ORDER BY position, id",
        )?
        .query_map([ids], |r| {
            Ok(WeightUse {
                tag_id: r.get(0)?,
                name: r.get(1)?,
                weight: r.get(2)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// Whether `value` names one of the tags `tags` as `tag_id` or inside `tag_ids`, at any depth
/// (what a merge rewrites).
pub(super) fn names_tags(value: &Value, tags: &HashSet<i64>) -> bool {
    names_by(value, tags, &["tag_id"])
}

/// Whether `value` names one of `nodes` as `tag_id`, `group_id` or inside `tag_ids`, at any
/// depth (the shapes conditions, rule actions and template columns use).
fn names_any(value: &Value, nodes: &HashSet<i64>) -> bool {
    names_by(value, nodes, &["tag_id", "group_id"])
}

/// Whether `value` names one of `nodes` under one of the single-id `keys` or inside `tag_ids`,
/// at any depth.
fn names_by(value: &Value, nodes: &HashSet<i64>, keys: &[&str]) -> bool {
    let hit = |v: &Value| v.as_i64().is_some_and(|id| nodes.contains(&id));
    match value {
        Value::Object(fields) => fields.iter().any(|(key, v)| match (key.as_str(), v) {
            (key, v) if keys.contains(&key) && v.is_number() => hit(v),
            ("tag_ids", Value::Array(items)) => items.iter().any(hit),
            (_, v) => names_by(v, nodes, keys),
        }),
        Value::Array(items) => items.iter().any(|v| names_by(v, nodes, keys)),
        _ => false,
    }
}
