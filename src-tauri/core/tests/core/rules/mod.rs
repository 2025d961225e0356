//! Rules: what a run gives and takes back, priorities and conflicts, previews, partial runs.

mod after_import;
mod examples;
mod one;
mod owed;
mod props;

use crate::{add_customer, empty_db};
use rusqlite::{params, Connection};
use std::sync::atomic::AtomicBool;
use tagdesk_core::conditions::{Condition, Index};
use tagdesk_core::rules::{self, RuleAction, RuleInput, RuleRun, RunScope, RunTrigger};
use tagdesk_core::tags::{self, NewNode, NodeKind, SelectMode};

pub const NOW: i64 = 1_763_000_000;

/// A small tree: multi-select 兴趣 (A, B, C) and single-select 等级 (S1, S2, S3).
pub struct World {
    pub conn: Connection,
    pub multi: [i64; 3],
    pub group: i64,
    pub single: [i64; 3],
    pub customers: Vec<i64>,
}

pub fn world(n: usize) -> World {
    let conn = empty_db();
    let cat = tags::create_node(&conn, &NewNode::new(None, NodeKind::Category, "测试")).unwrap();
    let interests = tags::create_node(
        &conn,
        &NewNode {
            select_mode: Some(SelectMode::Multi),
            ..NewNode::new(Some(cat), NodeKind::Group, "兴趣")
        },
    )
    .unwrap();
    let group = tags::create_node(
        &conn,
        &NewNode {
            select_mode: Some(SelectMode::Single),
            ..NewNode::new(Some(cat), NodeKind::Group, "等级")
        },
    )
    .unwrap();
    let mk = |parent, name| {
        tags::create_node(&conn, &NewNode::new(Some(parent), NodeKind::Tag, name)).unwrap()
    };
    let multi = [mk(interests, "A"), mk(interests, "B"), mk(interests, "C")];
    let single = [mk(group, "S1"), mk(group, "S2"), mk(group, "S3")];
    let customers = (0..n)
        .map(|i| add_customer(&conn, &format!("客户{i}"), None, None))
        .collect();
    World {
        conn,
        multi,
        group,
        single,
        customers,
    }
}

/// Writes an assignment directly (with its source), keeping tag_stats right.
pub fn assign(conn: &Connection, tag: i64, customer: i64, source: &str, source_ref: Option<i64>) {
    conn.execute(
        "INSERT INTO assignments(tag_id, customer_id, source, source_ref, actor, at)
         VALUES (?1, ?2, ?3, ?4, 'test', 0)",
        params![tag, customer, source, source_ref],
    )
    .unwrap();
    conn.execute(
        "INSERT INTO tag_stats(tag_id, customers) VALUES (?1, 1)
         ON CONFLICT(tag_id) DO UPDATE SET customers = customers + 1",
        [tag],
    )
    .unwrap();
}

/// Takes an assignment away directly, keeping tag_stats right.
pub fn unassign(conn: &Connection, tag: i64, customer: i64) {
    conn.execute(
        "DELETE FROM assignments WHERE tag_id = ?1 AND customer_id = ?2",
        [tag, customer],
    )
    .unwrap();
    conn.execute(
        "UPDATE tag_stats SET customers = customers - 1 WHERE tag_id = ?1",
        [tag],
    )
    .unwrap();
}

/// (tag, customer, source, source_ref) of every assignment, sorted.
pub fn state(conn: &Connection) -> Vec<(i64, i64, String, Option<i64>)> {
    conn.prepare("SELECT tag_id, customer_id, source, source_ref FROM assignments ORDER BY 1, 2")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
}

/// Whether tag_stats agrees with a fresh count of the assignments.
pub fn stats_agree(conn: &Connection) -> bool {
    let off: i64 = conn
        .query_row(
            "SELECT count(*) FROM (
               SELECT n.id, ifnull(s.customers, 0) kept,
                      (SELECT count(*) FROM assignments a JOIN customers c ON c.id = a.customer_id
                       WHERE a.tag_id = n.id AND c.deleted_at IS NULL) counted
               FROM tag_nodes n LEFT JOIN tag_stats s ON s.tag_id = n.id WHERE n.kind = 'tag')
             WHERE kept <> counted",
            [],
            |r| r.get(0),
        )
        .unwrap();
    off == 0
}

pub fn rule(name: &str, priority: i64, condition: Condition, action: RuleAction) -> RuleInput {
    RuleInput {
        name: name.into(),
        owner: None,
        priority,
        enabled: true,
        condition,
        action,
    }
}

pub fn has(tag: i64) -> Condition {
    Condition::Tag { tag_id: tag }
}

pub fn not(c: Condition) -> Condition {
    Condition::Not { child: Box::new(c) }
}

/// Runs every enabled rule (or the given customers only) with a fresh index.
pub fn run_all(conn: &mut Connection, customers: Option<Vec<i64>>) -> RuleRun {
    let index = Index::build(conn).unwrap();
    rules::run(
        conn,
        &index,
        &RunScope {
            rule_id: None,
            customer_ids: customers,
            trigger: RunTrigger::Manual,
        },
        NOW,
        "测试",
        &|_, _| {},
        &AtomicBool::new(false),
    )
    .unwrap()
}
