//! Segments and rules name tags by id in their conditions (fields `tag_id` / `tag_ids`, at any
//! depth). A merge points them at the surviving tag; the history keeps each condition before
//! and after so that undoing the merge points them back, and undoing a tag's creation can tell
//! which segments or rules came to use it.

use crate::error::Result;
use rusqlite::{params, Connection};
use std::collections::HashMap;

/// A condition an operation rewrote.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Rewrite {
    /// "segment" or "rule".
    pub entity: &'static str,
    pub id: i64,
    pub before: String,
    pub after: String,
}

const TABLES: [(&str, &str); 2] = [("segment", "segments"), ("rule", "rules")];

fn table_of(entity: &str) -> Option<&'static str> {
    TABLES.iter().find(|(e, _)| *e == entity).map(|(_, t)| *t)
}

/// Points every segment and rule condition naming a key of `map` at its value.
pub(crate) fn rewrite(conn: &Connection, map: &HashMap<i64, i64>) -> Result<Vec<Rewrite>> {
    let mut rewritten = Vec::new();
    for (entity, table) in TABLES {
        let rows: Vec<(i64, String)> = conn
            .prepare(&format!("SELECT id, condition FROM {table}"))?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        for (id, before) in rows {
            let mut json: serde_json::Value = serde_json::from_str(&before)?;
            if remap(&mut json, map) {
                let after = json.to_string();
                conn.execute(
                    &format!("UPDATE {table} SET condition = ?2 WHERE id = ?1"),
                    params![id, after],
                )?;
                rewritten.push(Rewrite {
                    entity,
                    id,
                    before,
                    after,
                });
            }
        }
    }
    Ok(rewritten)
}

/// The segments and rules whose condition (or, for a rule, action) names one of `tags`.
pub(crate) fn naming(conn: &Connection, tags: &[i64]) -> Result<Vec<(&'static str, i64)>> {
    let wanted: HashMap<i64, i64> = tags.iter().map(|t| (*t, *t)).collect();
    let mut found = Vec::new();
    for (entity, table) in TABLES {
        let extra = if entity == "rule" {
            ", action"
        } else {
            ", '{}'"
        };
        let rows: Vec<(i64, String, String)> = conn
            .prepare(&format!("SELECT id, condition{extra} FROM {table}"))?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<_>>()?;
        for (id, condition, action) in rows {
            for text in [condition, action] {
                let mut json: serde_json::Value = serde_json::from_str(&text)?;
                if remap(&mut json, &wanted) {
                    found.push((entity, id));
                    break;
                }
            }
        }
    }
    Ok(found)
}

pub(crate) fn store(conn: &Connection, operation: i64, rewrites: &[Rewrite]) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        "INSERT INTO operation_conditions(operation_id, entity, entity_id, before, after)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for r in rewrites {
        stmt.execute(params![operation, r.entity, r.id, r.before, r.after])?;
    }
    Ok(())
}

pub(crate) fn load(conn: &Connection, operation: i64) -> Result<Vec<Rewrite>> {
    let rows = conn
        .prepare_cached(
            "SELECT entity, entity_id, before, after FROM operation_conditions
             WHERE operation_id = ?1 ORDER BY entity, entity_id",
        )?
        .query_map([operation], |r| {
            Ok((r.get::<_, String>(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })?
        .collect::<rusqlite::Result<Vec<(String, i64, String, String)>>>()?;
    Ok(rows
        .into_iter()
        .filter_map(|(entity, id, before, after)| {
            let entity = TABLES.iter().find(|(e, _)| *e == entity)?.0;
            Some(Rewrite {
                entity,
                id,
                before,
                after,
            })
        })
        .collect())
}

/// Writes the conditions `rewrites` replaced back, where the segment or rule still holds what
/// the rewrite wrote; returns what it wrote back, as rewrites in turn.
pub(crate) fn reverse(conn: &Connection, rewrites: &[Rewrite]) -> Result<Vec<Rewrite>> {
    let mut done = Vec::new();
    for r in rewrites {
        let Some(table) = table_of(r.entity) else {
            continue;
        };
        let changed = conn.execute(
            &format!("UPDATE {table} SET condition = ?2 WHERE id = ?1 AND condition = ?3"),
            params![r.id, r.before, r.after],
        )?;
        if changed > 0 {
            done.push(Rewrite {
                entity: r.entity,
                id: r.id,
                before: r.after.clone(),
                after: r.before.clone(),
            });
        }
    }
    Ok(done)
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
