use super::*;
use crate::customers::{self, CustomerInput};
use crate::db;
use crate::error::Error;
use crate::tagging::bulk::{self, Changes};
use crate::tagging::{self, TagSource, TagTarget};
use crate::tags::{self, NewNode, NodeKind};
use roaring::RoaringBitmap;
use rusqlite::Connection;

struct World {
    conn: Connection,
    customers: Vec<i64>,
    vip: i64,
    hot: i64,
}

fn world() -> World {
    let conn = db::open_in_memory().unwrap();
    let cat = tags::create_node(&conn, &NewNode::new(None, NodeKind::Category, "价值")).unwrap();
    let group =
        tags::create_node(&conn, &NewNode::new(Some(cat), NodeKind::Group, "等级")).unwrap();
    let vip = tags::create_node(&conn, &NewNode::new(Some(group), NodeKind::Tag, "VIP")).unwrap();
    let hot = tags::create_node(&conn, &NewNode::new(Some(group), NodeKind::Tag, "高活")).unwrap();
    let customers = (0..4)
        .map(|i| {
            let input = CustomerInput {
                name: format!("客户{i}"),
                ..Default::default()
            };
            customers::create(&conn, &input, "system").unwrap()
        })
        .collect();
    World {
        conn,
        customers,
        vip,
        hot,
    }
}

impl World {
    /// Gives `tag` by hand to the first `n` customers.
    fn add(&mut self, n: usize, tag: i64, author: &str) -> tagging::BatchReport {
        let target = TagTarget::Customers {
            ids: self.customers[..n].to_vec(),
        };
        tagging::add(&mut self.conn, &target, tag, TagSource::Manual, author).unwrap()
    }

    /// Takes `tag` by hand off the first `n` customers.
    fn remove(&mut self, n: usize, tag: i64, author: &str) -> tagging::BatchReport {
        let target = TagTarget::Customers {
            ids: self.customers[..n].to_vec(),
        };
        tagging::remove(&mut self.conn, &target, tag, TagSource::Manual, author).unwrap()
    }
}

fn holders(conn: &Connection, tag: i64) -> Vec<i64> {
    conn.prepare("SELECT customer_id FROM assignments WHERE tag_id = ?1 ORDER BY 1")
        .unwrap()
        .query_map([tag], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
}

/// A rules run as `rules::run` writes it: one operation over several batches.
fn rules_run(conn: &mut Connection, tag: i64, who: &[i64]) -> i64 {
    let tx = conn.transaction().unwrap();
    let open = begin(
        &tx,
        OperationKind::RulesRun,
        crate::provenance::ChangeSource::Rule,
        "规则",
        serde_json::json!({}),
    )
    .unwrap();
    let ids: RoaringBitmap = who.iter().map(|&i| i as u32).collect();
    for source in [TagSource::Rule(1), TagSource::Rule(2)] {
        let changes = Changes {
            remove: vec![],
            add: vec![(tag, ids.clone())],
        };
        bulk::write(
            &tx,
            crate::provenance::BatchAction::Add,
            tag,
            source,
            "规则",
            0,
            &changes,
        )
        .unwrap();
    }
    let id = open.finish(&tx).unwrap();
    tx.commit().unwrap();
    id
}

#[test]
fn undoing_a_named_operation_after_a_later_rules_run_undoes_exactly_that_operation() {
    let mut w = world();
    let mine = w.add(2, w.vip, "李娜");
    let others = [w.customers[2], w.customers[3]];
    rules_run(&mut w.conn, w.hot, &others);

    undo(&mut w.conn, &[mine.operation_id], "李娜").unwrap();

    assert!(
        holders(&w.conn, w.vip).is_empty(),
        "the bulk tag is taken back"
    );
    assert_eq!(
        holders(&w.conn, w.hot),
        others.to_vec(),
        "the rules' tags stay"
    );
}

#[test]
fn an_undo_blocked_by_a_later_overlapping_operation_names_it_and_they_undo_together() {
    let mut w = world();
    let first = w.add(2, w.vip, "李娜");
    let later = w.remove(1, w.vip, "王强");

    let refused = undo(&mut w.conn, &[first.operation_id], "李娜").unwrap_err();
    let named: Vec<i64> = blockers(&w.conn, &[first.operation_id])
        .unwrap()
        .iter()
        .map(|o| o.id)
        .collect();
    let together = undo(
        &mut w.conn,
        &[first.operation_id, later.operation_id],
        "李娜",
    )
    .unwrap();

    assert!(matches!(refused, Error::UndoBlocked { ref later, .. } if later == &named));
    assert_eq!(named, vec![later.operation_id]);
    assert_eq!(
        together.undone,
        vec![later.operation_id, first.operation_id]
    );
    assert!(holders(&w.conn, w.vip).is_empty());
}

#[test]
fn a_rules_run_is_one_operation_however_many_rules_wrote() {
    let mut w = world();
    let who = [w.customers[0], w.customers[1], w.customers[2]];
    let run = rules_run(&mut w.conn, w.hot, &who);

    let page = list(
        &w.conn,
        &OperationQuery {
            kind: Some(OperationKind::RulesRun),
            limit: 10,
            ..Default::default()
        },
    )
    .unwrap();

    assert_eq!(page.items.len(), 1);
    let op = &page.items[0];
    assert_eq!(
        (op.id, op.customers, op.tags, op.can_undo),
        (run, 3, 1, true)
    );
    assert_eq!(get(&w.conn, run).unwrap().total_changes, 3);
}

#[test]
fn an_undone_operation_cannot_be_undone_twice_but_its_undo_can_be_redone() {
    let mut w = world();
    let op = w.add(3, w.vip, "李娜");
    let undone = undo(&mut w.conn, &[op.operation_id], "李娜").unwrap();

    let again = undo(&mut w.conn, &[op.operation_id], "李娜").unwrap_err();
    undo(&mut w.conn, &undone.undo_operations, "李娜").unwrap();

    assert!(matches!(again, Error::NothingToUndo(id) if id == op.operation_id));
    assert_eq!(
        holders(&w.conn, w.vip),
        w.customers[..3].to_vec(),
        "redo gives the tags back"
    );
}

#[test]
fn edits_are_operations_and_the_history_filters_by_author_and_kind() {
    let mut w = world();
    w.add(1, w.vip, "李娜");
    tags::update(
        &w.conn,
        w.hot,
        &tags::TagNodeEdit {
            name: "高活跃".into(),
            ..tags::TagNodeEdit::default()
        },
        "王强",
    )
    .unwrap();

    let by = |author: &str| OperationQuery {
        author: Some(author.into()),
        limit: 10,
        ..Default::default()
    };
    let li = list(&w.conn, &by("李娜")).unwrap();
    let wang = list(&w.conn, &by("王强")).unwrap();

    assert_eq!(
        li.items.iter().map(|o| o.kind).collect::<Vec<_>>(),
        vec![OperationKind::TagAdd]
    );
    assert_eq!(li.items[0].tag_name.as_deref(), Some("VIP"));
    assert_eq!(wang.items.len(), 1);
    assert_eq!(wang.items[0].kind, OperationKind::Edit);
    assert_eq!(wang.items[0].entity, Some(super::EditedEntity::TagNode));
    assert!(wang.items[0].can_undo, "a rename can be undone");
    assert!(li.authors.contains(&"王强".to_string()) && li.authors.contains(&"system".to_string()));
}

#[test]
fn ctrl_z_finds_the_users_own_latest_operation_not_a_later_rules_run() {
    let mut w = world();
    let mine = w.add(1, w.vip, "李娜");
    let who = [w.customers[3]];
    rules_run(&mut w.conn, w.hot, &who);

    let latest = own_latest(&w.conn, "李娜", None).unwrap().unwrap();

    assert_eq!(latest.id, mine.operation_id);
}
