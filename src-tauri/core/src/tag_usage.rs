//! When each tag was last used by a segment, rule, pinned board, import template or export,
//! recorded from migration 0026 on. Each use is one statement that moves the rows of the nodes
//! it names forward (never a statement per customer), and only when the row is an hour old or
//! more, so a segment counted on every keystroke writes once an hour, not on every count.

use crate::conditions::Condition;
use crate::error::Result;
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use ts_rs::TS;

/// What used a tag.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export_to = "UsageKind.ts")]
pub enum UsageKind {
    /// A segment (saved or being built) was counted, listed, tagged or exported.
    Segment,
    /// A rule ran.
    Rule,
    /// A pinned segment was counted for the dashboard, or pinned.
    Board,
    /// An import template naming the tag's group was saved or applied.
    ImportTemplate,
    /// An export filtered by the tag.
    Export,
}

crate::provenance::stored_as_text!(UsageKind {
    Segment => "segment",
    Rule => "rule",
    Board => "board",
    ImportTemplate => "import_template",
    Export => "export",
});

/// A row is moved forward only when this much older than the use: the answer is in months.
const GRANULARITY_SECS: i64 = 3_600;

/// Whether the `json_tree` row `j` is a node named as `tag_id`, `group_id` or inside `tag_ids`,
/// at any depth (conditions, rule actions, template columns).
const NAMES_NODE: &str =
    "j.type = 'integer' AND (j.key IN ('tag_id', 'group_id') OR j.path LIKE '%.tag_ids')";

/// The nodes the JSON document `?1` names: `json_tree` walks it inside the statement.
fn named_in_json() -> String {
    format!("SELECT DISTINCT j.value AS node FROM json_tree(?1) j WHERE {NAMES_NODE}")
}

fn upsert(select: &str) -> String {
    format!(
        "INSERT INTO tag_usage(node_id, kind, last_used_at) SELECT node, ?2, ?3 FROM ({select}) WHERE true
         ON CONFLICT(node_id, kind) DO UPDATE SET last_used_at = excluded.last_used_at
         WHERE excluded.last_used_at >= tag_usage.last_used_at + {GRANULARITY_SECS}"
    )
}

/// Records that `kind` used the nodes named in `json` (a condition, an action, columns).
pub fn note_json(conn: &Connection, kind: UsageKind, json: &str, now: i64) -> Result<()> {
    conn.prepare_cached(&upsert(&named_in_json()))?
        .execute(params![json, kind, now])?;
    Ok(())
}

/// Records that `kind` used the tags and groups `condition` names.
pub fn note_condition(
    conn: &Connection,
    kind: UsageKind,
    condition: &Condition,
    now: i64,
) -> Result<()> {
    note_json(conn, kind, &serde_json::to_string(condition)?, now)
}

/// Records that `kind` used the nodes `ids`.
pub fn note_nodes(conn: &Connection, kind: UsageKind, ids: &[i64], now: i64) -> Result<()> {
    if ids.is_empty() {
        return Ok(());
    }
    conn.prepare_cached(&upsert("SELECT DISTINCT value AS node FROM json_each(?1)"))?
        .execute(params![serde_json::to_string(ids)?, kind, now])?;
    Ok(())
}

/// Records that `kind` used what the saved segments `ids` name (their stored trees).
pub fn note_segments(conn: &Connection, kind: UsageKind, ids: &[i64], now: i64) -> Result<()> {
    if ids.is_empty() {
        return Ok(());
    }
    let named = format!(
        "SELECT DISTINCT j.value AS node FROM segments s, json_each(?1) w, json_tree(s.condition) j
         WHERE s.id = w.value AND {NAMES_NODE}"
    );
    conn.prepare_cached(&upsert(&named))?.execute(params![
        serde_json::to_string(ids)?,
        kind,
        now
    ])?;
    Ok(())
}

/// Records that the rules `ids` ran: the tags their conditions test and their actions give.
pub fn note_rules(conn: &Connection, ids: &[i64], now: i64) -> Result<()> {
    if ids.is_empty() {
        return Ok(());
    }
    let named = format!(
        "SELECT DISTINCT j.value AS node FROM rules r, json_each(?1) w,
             json_tree(json_array(json(r.condition), json(r.action))) j
         WHERE r.id = w.value AND {NAMES_NODE}"
    );
    conn.prepare_cached(&upsert(&named))?.execute(params![
        serde_json::to_string(ids)?,
        UsageKind::Rule,
        now
    ])?;
    Ok(())
}

/// Each node's last use of any kind, and by which kind.
pub(crate) fn last_used(conn: &Connection) -> Result<HashMap<i64, (i64, UsageKind)>> {
    let mut out: HashMap<i64, (i64, UsageKind)> = HashMap::new();
    let mut stmt = conn.prepare_cached("SELECT node_id, kind, last_used_at FROM tag_usage")?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let (node, kind, at): (i64, UsageKind, i64) = (r.get(0)?, r.get(1)?, r.get(2)?);
        let entry = out.entry(node).or_insert((at, kind));
        if at > entry.0 {
            *entry = (at, kind);
        }
    }
    Ok(out)
}

/// Since when uses are recorded (the upgrade to migration 0026, or the database's creation).
pub fn recorded_since(conn: &Connection) -> Result<Option<i64>> {
    use rusqlite::OptionalExtension;
    let text: Option<String> = conn
        .query_row(
            "SELECT value FROM meta WHERE key = 'tag_usage_since'",
            [],
            |r| r.get(0),
        )
        .optional()?;
    Ok(text.and_then(|t| t.parse().ok()))
}
