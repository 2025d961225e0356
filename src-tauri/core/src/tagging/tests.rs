//! The exclusivity invariant under random operation sequences.

use super::*;
use crate::customers::{self, CustomerInput};
use crate::db;
use crate::tags::{self, NewNode, NodeKind, SelectMode};
use proptest::prelude::*;
use rusqlite::Connection;

struct World {
    conn: Connection,
    customers: Vec<i64>,
    /// Tags of one single-select group, then tags of one multi-select group.
    single: Vec<i64>,
    multi: Vec<i64>,
}

fn world() -> World {
    let conn = db::open_in_memory().unwrap();
    let cat = tags::create_node(&conn, &NewNode::new(None, NodeKind::Category, "状态")).unwrap();
    let group = |name, mode| {
        tags::create_node(
            &conn,
            &NewNode {
                select_mode: Some(mode),
                ..NewNode::new(Some(cat), NodeKind::Group, name)
            },
        )
        .unwrap()
    };
    let life = group("生命周期", SelectMode::Single);
    let hobby = group("兴趣", SelectMode::Multi);
    let tag = |parent, name| {
        tags::create_node(&conn, &NewNode::new(Some(parent), NodeKind::Tag, name)).unwrap()
    };
    let single = ["潜客", "新客", "活跃", "沉默"]
        .map(|n| tag(life, n))
        .to_vec();
    let multi = ["母婴", "数码", "美妆"].map(|n| tag(hobby, n)).to_vec();
    let customers = (0..6)
        .map(|i| {
            customers::create(
                &conn,
                &CustomerInput {
                    name: format!("客户{i}"),
                    ..Default::default()
                },
                "test",
            )
            .unwrap()
        })
        .collect();
    World {
        conn,
        customers,
        single,
        multi,
    }
}

#[derive(Debug, Clone)]
enum Op {
    Add { tag: usize, who: Vec<usize> },
    Remove { tag: usize, who: Vec<usize> },
    Undo,
}

fn op() -> impl Strategy<Value = Op> {
    let who = prop::collection::vec(0usize..6, 1..6);
    prop_oneof![
        4 => (0usize..7, who.clone()).prop_map(|(tag, who)| Op::Add { tag, who }),
        2 => (0usize..7, who).prop_map(|(tag, who)| Op::Remove { tag, who }),
        1 => Just(Op::Undo),
    ]
}

fn assigned(conn: &Connection) -> Vec<(i64, i64)> {
    conn.prepare("SELECT customer_id, tag_id FROM assignments ORDER BY 1, 2")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn single_select_groups_stay_exclusive_and_counts_and_history_agree(ops in prop::collection::vec(op(), 1..25)) {
        let mut w = world();
        let all: Vec<i64> = w.single.iter().chain(&w.multi).copied().collect();
        // Operations not undone yet, newest last, with the state before each.
        let mut done: Vec<(i64, Vec<(i64, i64)>)> = Vec::new();
        for op in ops {
            let snapshot = assigned(&w.conn);
            match op {
                Op::Add { tag, who } => {
                    let ids = who.iter().map(|i| w.customers[*i]).collect();
                    let r = add(&mut w.conn, &TagTarget::Customers { ids }, all[tag], TagSource::Manual, "t").unwrap();
                    done.push((r.operation_id, snapshot));
                }
                Op::Remove { tag, who } => {
                    let ids = who.iter().map(|i| w.customers[*i]).collect();
                    let r = remove(&mut w.conn, &TagTarget::Customers { ids }, all[tag], TagSource::Manual, "t").unwrap();
                    done.push((r.operation_id, snapshot));
                }
                Op::Undo => {
                    let latest = crate::operations::own_latest(&w.conn, "t", None).unwrap();
                    match done.pop() {
                        Some((id, expected)) => {
                            prop_assert_eq!(latest.map(|o| o.id), Some(id));
                            crate::operations::undo(&mut w.conn, &[id], "t").unwrap();
                            prop_assert_eq!(assigned(&w.conn), expected, "undo restores the state before the operation");
                        }
                        None => prop_assert!(latest.is_none(), "nothing to undo"),
                    }
                }
            }
            // Invariant 1: at most one tag of the single-select group per customer.
            let worst: i64 = w.conn.query_row(
                "SELECT ifnull(max(n), 0) FROM (SELECT count(*) n FROM assignments a
                 JOIN tag_nodes t ON t.id = a.tag_id
                 JOIN tag_nodes g ON g.id = t.parent_id AND g.select_mode = 'single'
                 GROUP BY a.customer_id)", [], |r| r.get(0)).unwrap();
            prop_assert!(worst <= 1, "a customer holds {} tags of a single-select group", worst);
            // Invariant 2: maintained counts equal real counts.
            let drift: i64 = w.conn.query_row(
                "SELECT count(*) FROM tag_nodes n LEFT JOIN tag_stats s ON s.tag_id = n.id
                 WHERE n.kind = 'tag' AND ifnull(s.customers, 0) <>
                   (SELECT count(*) FROM assignments a WHERE a.tag_id = n.id)", [], |r| r.get(0)).unwrap();
            prop_assert_eq!(drift, 0);
            // Invariant 3: replaying the history gives the current assignments.
            // Replay every change in order: single changes, then batches by id (all in this
            // world go through batches).
            let mut state = std::collections::BTreeSet::new();
            let mut stmt = w.conn.prepare(
                "SELECT customer_id, tag_id, action FROM tag_batch_members ORDER BY batch_id, action DESC").unwrap();
            let rows = stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?, r.get::<_, String>(2)?))).unwrap();
            for row in rows {
                let (c, t, action) = row.unwrap();
                if action == "add" { state.insert((c, t)); } else { state.remove(&(c, t)); }
            }
            let replay: Vec<(i64, i64)> = state.into_iter().collect();
            prop_assert_eq!(replay, assigned(&w.conn));
        }
    }
}

#[test]
fn assigning_a_single_select_tag_replaces_its_sibling() {
    let mut w = world();
    let c = w.customers[0];
    let one = |ids: Vec<i64>| TagTarget::Customers { ids };
    add(
        &mut w.conn,
        &one(vec![c]),
        w.single[0],
        TagSource::Manual,
        "t",
    )
    .unwrap();
    let r = add(
        &mut w.conn,
        &one(vec![c]),
        w.single[2],
        TagSource::Manual,
        "t",
    )
    .unwrap();
    assert_eq!((r.changed, r.replaced), (1, 1));
    assert_eq!(assigned(&w.conn), vec![(c, w.single[2])]);
}

#[test]
fn undo_puts_back_replaced_tags_with_their_original_provenance_and_redo_reapplies() {
    let mut w = world();
    let c = w.customers[1];
    let one = TagTarget::Customers { ids: vec![c] };
    add(&mut w.conn, &one, w.single[1], TagSource::Rule(7), "规则").unwrap();
    let manual = add(&mut w.conn, &one, w.single[3], TagSource::Manual, "李娜").unwrap();
    let undo = crate::operations::undo(&mut w.conn, &[manual.operation_id], "李娜").unwrap();
    let held = |conn: &Connection| -> (i64, String, Option<i64>, String) {
        conn.query_row(
            "SELECT tag_id, source, source_ref, actor FROM assignments WHERE customer_id = ?1",
            [c],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .unwrap()
    };
    assert_eq!(
        held(&w.conn),
        (w.single[1], "rule".into(), Some(7), "规则".into())
    );

    crate::operations::undo(&mut w.conn, &undo.undo_operations, "李娜").unwrap();

    assert_eq!(
        held(&w.conn),
        (w.single[3], "manual".into(), None, "李娜".into()),
        "undoing the undo (redo) gives the manual choice back as it was"
    );
}

#[test]
fn groups_and_archived_tags_cannot_be_assigned() {
    let mut w = world();
    let group: i64 = w
        .conn
        .query_row(
            "SELECT parent_id FROM tag_nodes WHERE id = ?1",
            [w.single[0]],
            |r| r.get(0),
        )
        .unwrap();
    let target = TagTarget::Customers {
        ids: vec![w.customers[0]],
    };
    assert!(add(&mut w.conn, &target, group, TagSource::Manual, "t").is_err());
    tags::set_archived(&w.conn, w.multi[0], true, "t").unwrap();
    assert!(add(&mut w.conn, &target, w.multi[0], TagSource::Manual, "t").is_err());
}
