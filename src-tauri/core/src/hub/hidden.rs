//! Business-line groups kept from the people who may not see them (docs/HUB.md, "Private
//! groups"). The hub leaves their changes out of what it sends such a member and gives them a
//! join copy without them; this removes them from a copy before it is uploaded, and from the
//! laptop of a member who had them before they became private. What is removed leaves no trace
//! that names them: the nodes, their assignments and history, the operations wholly about them,
//! and their changes in the operations kept for passing on.

use crate::error::Result;
use rusqlite::functions::FunctionFlags;
use rusqlite::Connection;
use serde_json::Value;
use std::collections::HashSet;

/// Whether group owner row `o` is a business line kept from this laptop's person (`h`, the
/// laptop's link to the hub, with the role and department the hub last reported), as the hub
/// decides it (hub migration 0004, `hidden_groups`).
const HIDDEN_FROM_ME: &str = "o.private AND coalesce(h.role, 'viewer') NOT IN ('owner', 'admin')
     AND o.department IS NOT h.department";

/// How many groups this laptop removed (kept from its person then) that the hub now lets its
/// person see: only downloading the team's data again brings their earlier tags back.
pub(crate) fn regained(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row(
        &format!(
            "SELECT count(*) FROM hub_forgotten_groups f
             JOIN team_hub h ON h.id = 1
             WHERE NOT EXISTS (SELECT 1 FROM tag_nodes n WHERE n.uid = f.group_uid)
               AND NOT EXISTS (SELECT 1 FROM hub_group_owners o
                               WHERE o.group_uid = f.group_uid AND {HIDDEN_FROM_ME})"
        ),
        [],
        |r| r.get(0),
    )?)
}

/// The groups hidden from this person, as the hub last said, that this copy still holds.
pub(crate) fn held_here(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT o.group_uid FROM hub_group_owners o
         JOIN tag_nodes n ON n.uid = o.group_uid
         JOIN team_hub h ON h.id = 1
         WHERE {HIDDEN_FROM_ME}
         ORDER BY o.group_uid"
    ))?;
    let uids = stmt.query_map([], |r| r.get(0))?;
    Ok(uids.collect::<rusqlite::Result<_>>()?)
}

/// Whose operations about the forgotten nodes stay (their changes in them taken out).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Keep {
    /// A laptop keeps its own: others may still need them from it.
    OwnOperations,
    /// A copy for a joiner keeps none: its device's own become the joiner's received ones.
    Nothing,
}

/// Removes groups `group_uids` and every node beneath them, within the caller's transaction;
/// returns how many nodes went.
pub(crate) fn forget(conn: &Connection, group_uids: &[String], keep: Keep) -> Result<usize> {
    if group_uids.is_empty() {
        return Ok(0);
    }
    let nodes = mark(conn, group_uids)?;
    if nodes.is_empty() {
        return Ok(0);
    }
    forget_operations(conn, keep)?;
    strip_payloads(conn, nodes.iter().cloned().collect())?;
    forget_rows(conn)?;
    if keep == Keep::OwnOperations {
        // Remembered so that the Team page can offer them back once the person may see them.
        conn.execute(
            "INSERT OR REPLACE INTO hub_forgotten_groups(group_uid, forgotten_at)
             SELECT value, ?2 FROM json_each(?1)",
            rusqlite::params![serde_json::to_string(group_uids)?, crate::clock::now()],
        )?;
    }
    Ok(nodes.len())
}

/// Fills `temp.forgotten` with the groups, the nodes beneath them and the tags merged into any
/// of these; returns their uids.
fn mark(conn: &Connection, group_uids: &[String]) -> Result<Vec<String>> {
    conn.execute_batch(
        "CREATE TEMP TABLE IF NOT EXISTS forgotten(id INTEGER PRIMARY KEY, uid TEXT);
         DELETE FROM temp.forgotten;",
    )?;
    conn.execute(
        "WITH RECURSIVE below(id, depth) AS (
             SELECT id, 0 FROM tag_nodes
             WHERE kind = 'group' AND uid IN (SELECT value FROM json_each(?1))
             UNION ALL
             SELECT n.id, b.depth + 1 FROM tag_nodes n JOIN below b ON n.parent_id = b.id
             WHERE b.depth < 64)
         INSERT OR IGNORE INTO temp.forgotten
         SELECT n.id, n.uid FROM below b JOIN tag_nodes n ON n.id = b.id",
        [serde_json::to_string(group_uids)?],
    )?;
    conn.execute(
        "INSERT OR IGNORE INTO temp.forgotten
         SELECT id, uid FROM tag_nodes WHERE merged_into IN (SELECT id FROM temp.forgotten)",
        [],
    )?;
    let mut stmt = conn.prepare("SELECT uid FROM temp.forgotten WHERE uid IS NOT NULL")?;
    let uids = stmt.query_map([], |r| r.get(0))?;
    Ok(uids.collect::<rusqlite::Result<_>>()?)
}

/// Removes the operations that were only about the forgotten nodes (their history rows name
/// them), keeping any that did more, and this device's own as `keep` says.
fn forget_operations(conn: &Connection, keep: Keep) -> Result<()> {
    let own = match keep {
        Keep::OwnOperations => {
            "DELETE FROM temp.forgotten_ops WHERE id IN
                                    (SELECT operation_id FROM team_outbox);"
        }
        Keep::Nothing => "",
    };
    conn.execute_batch(&format!(
        "CREATE TEMP TABLE IF NOT EXISTS forgotten_ops(id INTEGER PRIMARY KEY);
         DELETE FROM temp.forgotten_ops;
         INSERT OR IGNORE INTO temp.forgotten_ops
             SELECT operation_id FROM tag_batches
             WHERE tag_id IN (SELECT id FROM temp.forgotten) AND operation_id IS NOT NULL
             UNION SELECT operation_id FROM operation_tag_sets
             WHERE tag_id IN (SELECT id FROM temp.forgotten)
             UNION SELECT id FROM operations
             WHERE entity = 'tag_node' AND entity_id IN (SELECT id FROM temp.forgotten);
         DELETE FROM tag_batch_members WHERE batch_id IN
             (SELECT id FROM tag_batches WHERE tag_id IN (SELECT id FROM temp.forgotten));
         DELETE FROM tag_batch_removed WHERE batch_id IN
             (SELECT id FROM tag_batches WHERE tag_id IN (SELECT id FROM temp.forgotten));
         UPDATE tag_batches SET undoes = NULL WHERE undoes IN
             (SELECT id FROM tag_batches WHERE tag_id IN (SELECT id FROM temp.forgotten));
         UPDATE tag_batches SET undone_by = NULL WHERE undone_by IN
             (SELECT id FROM tag_batches WHERE tag_id IN (SELECT id FROM temp.forgotten));
         DELETE FROM tag_history WHERE tag_id IN (SELECT id FROM temp.forgotten);
         DELETE FROM tag_batches WHERE tag_id IN (SELECT id FROM temp.forgotten);
         DELETE FROM operation_tag_sets WHERE tag_id IN (SELECT id FROM temp.forgotten);
         DELETE FROM temp.forgotten_ops WHERE id IN (
             SELECT operation_id FROM tag_batches WHERE operation_id IS NOT NULL
             UNION SELECT operation_id FROM operation_tag_sets
             UNION SELECT operation_id FROM operation_records
             UNION SELECT operation_id FROM operation_customer_images
             UNION SELECT operation_id FROM operation_conditions
             UNION SELECT operation_id FROM operation_removed_events);
         {own}
         UPDATE operations SET undoes = NULL WHERE undoes IN (SELECT id FROM temp.forgotten_ops);
         DELETE FROM team_outbox WHERE operation_id IN (SELECT id FROM temp.forgotten_ops);
         UPDATE operations SET undone_by = NULL
             WHERE undone_by IN (SELECT id FROM temp.forgotten_ops);
         UPDATE received_operations SET operation_id = NULL
             WHERE operation_id IN (SELECT id FROM temp.forgotten_ops);
         DELETE FROM team_wire WHERE operation_id IN (SELECT id FROM temp.forgotten_ops);
         DELETE FROM operations WHERE id IN (SELECT id FROM temp.forgotten_ops);"
    ))?;
    Ok(())
}

/// Takes the changes naming a forgotten node out of the operations kept to pass on (received
/// ones, and this device's own as they went on the wire), as the hub does for what it sends.
fn strip_payloads(conn: &Connection, uids: HashSet<String>) -> Result<()> {
    conn.create_scalar_function(
        "tagdesk_without_nodes",
        1,
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC,
        move |ctx| {
            let text: String = ctx.get(0)?;
            Ok(match serde_json::from_str::<Value>(&text) {
                Ok(mut op) => {
                    without_nodes(&mut op, &uids);
                    op.to_string()
                }
                Err(_) => text,
            })
        },
    )?;
    conn.execute_batch(
        "UPDATE received_operations SET payload = tagdesk_without_nodes(payload)
             WHERE EXISTS (SELECT 1 FROM temp.forgotten f WHERE instr(payload, f.uid) > 0);
         UPDATE team_wire SET payload = tagdesk_without_nodes(payload)
             WHERE EXISTS (SELECT 1 FROM temp.forgotten f WHERE instr(payload, f.uid) > 0);",
    )?;
    conn.remove_function("tagdesk_without_nodes", 1)?;
    Ok(())
}

/// `op` without the changes that name one of `uids` (the hub's `touches`, the same rule).
fn without_nodes(op: &mut Value, uids: &HashSet<String>) {
    let Some(changes) = op.get_mut("changes").and_then(Value::as_array_mut) else {
        return;
    };
    changes.retain(|c| !touches(c, uids));
}

fn touches(change: &Value, uids: &HashSet<String>) -> bool {
    let named = |key: &str| {
        change
            .get(key)
            .and_then(Value::as_str)
            .is_some_and(|uid| uids.contains(uid))
    };
    match change.get("type").and_then(Value::as_str) {
        Some("tags") => named("tag"),
        Some("tag_node") => {
            named("node")
                || change
                    .pointer("/cells/place/0")
                    .and_then(Value::as_str)
                    .is_some_and(|uid| uids.contains(uid))
        }
        Some("tag_merged") => named("from") || named("to"),
        Some("record") => {
            let text = change.to_string();
            uids.iter().any(|uid| text.contains(uid.as_str()))
        }
        _ => false,
    }
}

/// The nodes themselves and every row that keeps something of them.
fn forget_rows(conn: &Connection) -> Result<()> {
    conn.execute_batch(
        "DELETE FROM assignments WHERE tag_id IN (SELECT id FROM temp.forgotten);
         DELETE FROM team_pair_clocks WHERE tag_id IN (SELECT id FROM temp.forgotten);
         DELETE FROM team_node_clocks WHERE node_id IN (SELECT id FROM temp.forgotten);
         DELETE FROM team_node_places WHERE node_id IN (SELECT id FROM temp.forgotten);
         DELETE FROM team_node_origins WHERE node_id IN (SELECT id FROM temp.forgotten);
         DELETE FROM tag_usage WHERE node_id IN (SELECT id FROM temp.forgotten);
         DELETE FROM tag_stats WHERE tag_id IN (SELECT id FROM temp.forgotten);
         DELETE FROM audit_log
             WHERE entity = 'tag_node' AND entity_id IN (SELECT id FROM temp.forgotten);
         DELETE FROM uid_aliases WHERE from_uid IN (SELECT uid FROM temp.forgotten)
             OR to_uid IN (SELECT uid FROM temp.forgotten);
         DELETE FROM team_inbox
             WHERE EXISTS (SELECT 1 FROM temp.forgotten f WHERE instr(detail, f.uid) > 0);
         UPDATE tag_nodes SET merged_into = NULL
             WHERE merged_into IN (SELECT id FROM temp.forgotten);
         DELETE FROM tag_nodes WHERE id IN (SELECT id FROM temp.forgotten);",
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn takes_out_the_changes_that_name_a_forgotten_node_as_the_hub_does() {
        let uids: HashSet<String> = ["g1".to_string(), "t1".to_string()].into();
        let mut op = json!({"kind": "x", "changes": [
            {"type": "tags", "tag": "t1", "present": true, "customers": ["c"]},
            {"type": "tags", "tag": "t2", "present": true, "customers": ["c"]},
            {"type": "tag_node", "node": "t3", "cells": {"place": ["g1", 0]}},
            {"type": "tag_node", "node": "t4", "cells": {"name": "x"}},
            {"type": "tag_merged", "from": "t2", "to": "t1"},
            {"type": "record", "entity": "segment", "record": "s", "image": {"tags": ["t1"]}},
            {"type": "customer", "customer": "c", "cells": {"city": "t1"}}
        ]});
        without_nodes(&mut op, &uids);
        let kept: Vec<&str> = op["changes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["type"].as_str().unwrap())
            .collect();
        assert_eq!(kept, ["tags", "tag_node", "customer"]);
        assert_eq!(op["changes"][0]["tag"], "t2");
    }
}
