//! What merging tags would do, before anything is written: the same counts the merge itself
//! reports (assignments moved, and dropped because the customer already holds the target),
//! the segments and rules it would rewrite, and whether it would be refused because customers
//! would end with two tags of a single-select group.

use super::nodes::kind_of;
use super::where_used::{names_tags, UsedBy};
use crate::error::{Error, Result};
use crate::problem::Problem;
use crate::tags::{self, NodeKind};
use rusqlite::{params, Connection};
use serde::Serialize;
use ts_rs::TS;

/// One tag that would be merged away.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "MergeSourcePreview.ts")]
pub struct MergeSourcePreview {
    pub tag_id: i64,
    pub name: String,
    /// Its assignments (deleted customers' included, as the merge moves those too).
    pub assignments: i64,
    /// Of them, customers who already hold the target.
    pub holding_target: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "MergePreview.ts")]
pub struct MergePreview {
    pub target: i64,
    pub target_name: String,
    pub sources: Vec<MergeSourcePreview>,
    /// Assignments the target would gain (`MergeReport::moved`).
    pub moved: i64,
    /// Source assignments dropped because the customer holds the target already, or another
    /// source earlier in the merge (`MergeReport::collapsed`).
    pub collapsed: i64,
    /// Customers who already hold the target and at least one source.
    pub already_holding: i64,
    /// The target's assignments before and after.
    pub target_before: i64,
    pub target_after: i64,
    /// Segments and rules whose trees would be pointed at the target.
    pub segments: Vec<UsedBy>,
    pub rules: Vec<UsedBy>,
    /// Customers who would hold two tags of the target's single-select group: the merge is
    /// refused while this is not 0.
    pub single_select_clashes: i64,
}

/// What merging `sources` into `target` would do; writes nothing.
pub fn merge_preview(conn: &Connection, sources: &[i64], target: i64) -> Result<MergePreview> {
    if kind_of(conn, target)? != NodeKind::Tag {
        return Err(Error::invalid("target", Problem::MergeIntoTagOnly));
    }
    let mut ids: Vec<i64> = sources.iter().copied().filter(|s| *s != target).collect();
    ids.sort_unstable();
    ids.dedup();
    if ids.is_empty() {
        return Err(Error::invalid("sources", Problem::MergeNeedsSources));
    }
    let mut previews = Vec::new();
    for &id in &ids {
        if kind_of(conn, id)? != NodeKind::Tag {
            return Err(Error::invalid("sources", Problem::MergeOnlyTags));
        }
        let (name, assignments, holding_target) = conn.query_row(
            "SELECT n.name,
                    (SELECT count(*) FROM assignments a WHERE a.tag_id = n.id),
                    (SELECT count(*) FROM assignments a WHERE a.tag_id = n.id AND EXISTS
                        (SELECT 1 FROM assignments b WHERE b.tag_id = ?2 AND b.customer_id = a.customer_id))
             FROM tag_nodes n WHERE n.id = ?1",
            params![id, target],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?;
        previews.push(MergeSourcePreview {
            tag_id: id,
            name,
            assignments,
            holding_target,
        });
    }
    let json = serde_json::to_string(&ids)?;
    let (moved, already_holding): (i64, i64) = conn.query_row(
        "WITH held AS (SELECT DISTINCT customer_id FROM assignments
                       WHERE tag_id IN (SELECT value FROM json_each(?1)))
         SELECT sum(NOT on_target), sum(on_target) FROM (
             SELECT EXISTS (SELECT 1 FROM assignments b
                            WHERE b.tag_id = ?2 AND b.customer_id = held.customer_id) AS on_target
             FROM held)",
        params![json, target],
        |r| {
            Ok((
                r.get::<_, Option<i64>>(0)?.unwrap_or(0),
                r.get::<_, Option<i64>>(1)?.unwrap_or(0),
            ))
        },
    )?;
    let (target_name, target_before): (String, i64) = conn.query_row(
        "SELECT name, (SELECT count(*) FROM assignments WHERE tag_id = ?1) FROM tag_nodes WHERE id = ?1",
        [target],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let all: i64 = previews.iter().map(|p| p.assignments).sum();
    let (segments, rules) = rewritten(conn, &ids)?;
    Ok(MergePreview {
        target,
        target_name,
        moved,
        collapsed: all - moved,
        already_holding,
        target_before,
        target_after: target_before + moved,
        segments,
        rules,
        single_select_clashes: tags::single_select_clashes(conn, &ids, target)?,
        sources: previews,
    })
}

/// The segments and rules whose conditions the merge's rewrite would change (it points
/// conditions at the target; a rule's action is left as it is).
fn rewritten(conn: &Connection, sources: &[i64]) -> Result<(Vec<UsedBy>, Vec<UsedBy>)> {
    let named: std::collections::HashSet<i64> = sources.iter().copied().collect();
    let mut found = [Vec::new(), Vec::new()];
    for (list, table) in found.iter_mut().zip(["segments", "rules"]) {
        let rows = conn
            .prepare_cached(&format!(
                "SELECT id, name, condition FROM {table} ORDER BY id"
            ))?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get::<_, String>(2)?)))?
            .collect::<rusqlite::Result<Vec<(i64, String, String)>>>()?;
        for (id, name, condition) in rows {
            let tree = serde_json::from_str(&condition).unwrap_or(serde_json::Value::Null);
            if names_tags(&tree, &named) {
                list.push(UsedBy { id, name });
            }
        }
    }
    let [segments, rules] = found;
    Ok((segments, rules))
}
