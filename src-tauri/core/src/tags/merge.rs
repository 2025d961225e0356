//! Merging tags that mean the same (高活 / 高活跃, VIP / ＶＩＰ) into one.

use super::edit::{node, retire};
use super::NodeKind;
use crate::audit;
use crate::clock;
use crate::error::{Error, Result};
use rusqlite::{params, Connection, Transaction};
use serde::Serialize;
use std::collections::HashMap;
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export_to = "MergeReport.ts")]
pub struct MergeReport {
    /// Assignments carried over to the surviving tag.
    pub moved: i64,
    /// Assignments dropped because the customer already had the surviving tag.
    pub collapsed: i64,
    /// Segments and rules whose conditions were rewritten.
    pub rewritten: i64,
}

/// Moves every assignment of `sources` to `target`, records it in each customer's history,
/// rewrites segments and rules that named the sources, and retires the sources (they stay
/// only so that old history can still name them, marked as merged into `target`).
pub fn merge(
    conn: &mut Connection,
    sources: &[i64],
    target: i64,
    actor: &str,
) -> Result<MergeReport> {
    let tx = conn.transaction()?;
    let survivor = node(&tx, target)?;
    if survivor.kind != NodeKind::Tag {
        return Err(Error::invalid(
            "target",
            "tags can only be merged into a tag",
        ));
    }
    let mut sources: Vec<i64> = sources.iter().copied().filter(|s| *s != target).collect();
    sources.sort_unstable();
    sources.dedup();
    if sources.is_empty() {
        return Err(Error::invalid(
            "sources",
            "choose at least one other tag to merge",
        ));
    }
    for s in &sources {
        if node(&tx, *s)?.kind != NodeKind::Tag {
            return Err(Error::invalid(
                "sources",
                "only tags can be merged, not groups or categories",
            ));
        }
    }
    ensure_exclusive_after(&tx, &sources, target)?;
    let now = clock::now();
    let note = format!("merged_into:{}", survivor.name);
    let mut report = MergeReport {
        moved: 0,
        collapsed: 0,
        rewritten: 0,
    };
    for source in &sources {
        tx.execute(
            "INSERT INTO tag_history(customer_id, tag_id, action, source, source_ref, actor, at, note)
             SELECT customer_id, tag_id, 'remove', source, source_ref, ?2, ?3, ?4
             FROM assignments WHERE tag_id = ?1",
            params![source, actor, now, note],
        )?;
        let moved = tx.execute(
            "INSERT INTO tag_history(customer_id, tag_id, action, source, source_ref, actor, at, note)
             SELECT a.customer_id, ?2, 'add', a.source, a.source_ref, ?3, ?4, ?5
             FROM assignments a WHERE a.tag_id = ?1 AND NOT EXISTS
               (SELECT 1 FROM assignments b WHERE b.tag_id = ?2 AND b.customer_id = a.customer_id)",
            params![source, target, actor, now, format!("merged_from:{}", node(&tx, *source)?.name)],
        )? as i64;
        tx.execute(
            "INSERT OR IGNORE INTO assignments(tag_id, customer_id, source, source_ref, actor, at)
             SELECT ?2, customer_id, source, source_ref, actor, at FROM assignments WHERE tag_id = ?1",
            params![source, target],
        )?;
        let all = tx.execute("DELETE FROM assignments WHERE tag_id = ?1", [source])? as i64;
        report.moved += moved;
        report.collapsed += all - moved;
        tx.execute(
            "UPDATE tag_nodes SET merged_into = ?2 WHERE id = ?1",
            params![source, target],
        )?;
        retire(&tx, *source, now)?;
    }
    let mut touched = sources.clone();
    touched.push(target);
    super::stats::recount(&tx, &touched)?;
    let map: HashMap<i64, i64> = sources.iter().map(|s| (*s, target)).collect();
    report.rewritten = rewrite_conditions(&tx, &map)?;
    audit::record(
        &tx,
        actor,
        "merge",
        "tag_node",
        Some(target),
        &(&sources, &report),
    )?;
    tx.commit()?;
    Ok(report)
}

/// In a single-select group, a customer holding a source and a sibling of the target would
/// end with two tags of the group.
fn ensure_exclusive_after(tx: &Transaction, sources: &[i64], target: i64) -> Result<()> {
    let ids = serde_json::to_string(sources)?;
    let clashes: i64 = tx.query_row(
        "SELECT count(DISTINCT a.customer_id) FROM assignments a
         WHERE a.tag_id IN (SELECT value FROM json_each(?1))
           AND EXISTS (SELECT 1 FROM tag_nodes g JOIN tag_nodes t ON t.id = ?2
                       WHERE g.id = t.parent_id AND g.kind = 'group' AND g.select_mode = 'single')
           AND EXISTS (SELECT 1 FROM assignments b JOIN tag_nodes s ON s.id = b.tag_id
                       WHERE b.customer_id = a.customer_id AND b.tag_id <> ?2
                         AND b.tag_id NOT IN (SELECT value FROM json_each(?1))
                         AND s.parent_id = (SELECT parent_id FROM tag_nodes WHERE id = ?2))",
        params![ids, target],
        |r| r.get(0),
    )?;
    if clashes > 0 {
        return Err(Error::invalid(
            "target",
            format!(
                "{clashes} customers would hold two tags of a single-select group after this merge"
            ),
        ));
    }
    Ok(())
}

/// Segments and rules refer to tags by id in fields named `tag_id` / `tag_ids`; point them at
/// the surviving tag.
fn rewrite_conditions(tx: &Transaction, map: &HashMap<i64, i64>) -> Result<i64> {
    let mut rewritten = 0;
    for table in ["segments", "rules"] {
        let rows: Vec<(i64, String)> = tx
            .prepare(&format!("SELECT id, condition FROM {table}"))?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        for (id, text) in rows {
            let mut json: serde_json::Value = serde_json::from_str(&text)?;
            if remap(&mut json, map) {
                tx.execute(
                    &format!("UPDATE {table} SET condition = ?2 WHERE id = ?1"),
                    params![id, json.to_string()],
                )?;
                rewritten += 1;
            }
        }
    }
    Ok(rewritten)
}

fn remap(value: &mut serde_json::Value, map: &HashMap<i64, i64>) -> bool {
    use serde_json::Value;
    let swap = |v: &mut Value| match v.as_i64().and_then(|id| map.get(&id)) {
        Some(to) => {
            *v = Value::from(*to);
            true
        }
        None => false,
    };
    let mut changed = false;
    match value {
        Value::Object(fields) => {
            for (key, v) in fields.iter_mut() {
                changed |= match (key.as_str(), v) {
                    ("tag_id", v) => swap(v),
                    ("tag_ids", Value::Array(items)) => {
                        let mut any = false;
                        for item in items.iter_mut() {
                            any |= swap(item);
                        }
                        let mut seen = std::collections::HashSet::new();
                        items.retain(|i| seen.insert(i.to_string()));
                        any
                    }
                    (_, v) => remap(v, map),
                };
            }
        }
        Value::Array(items) => {
            for item in items.iter_mut() {
                changed |= remap(item, map);
            }
        }
        _ => {}
    }
    changed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remap_rewrites_tag_references_at_any_depth_and_dedupes() {
        let mut v = serde_json::json!({
            "op": "and",
            "children": [
                {"has_tag": {"tag_id": 5}},
                {"any_tag": {"tag_ids": [5, 9, 7]}},
                {"attr": {"field": "tag_id_like", "value": 5}}
            ]
        });
        let map = HashMap::from([(5, 9)]);
        assert!(remap(&mut v, &map));
        assert_eq!(v["children"][0]["has_tag"]["tag_id"], 9);
        assert_eq!(
            v["children"][1]["any_tag"]["tag_ids"],
            serde_json::json!([9, 7])
        );
        assert_eq!(
            v["children"][2]["attr"]["value"], 5,
            "other numbers are left alone"
        );
    }
}
