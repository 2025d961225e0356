//! Undoing and redoing edits of customers and tag nodes from the history.

use super::*;
use crate::custom_fields::{self, CustomFieldInput, CustomValue, FieldKind};
use crate::customers::{self, CustomerInput};
use crate::db;
use crate::error::Error;
use crate::tags::{self, NewNode, NodeKind, TagNodeEdit};
use rusqlite::Connection;

fn latest(conn: &Connection) -> i64 {
    conn.query_row("SELECT max(id) FROM operations", [], |r| r.get(0))
        .unwrap()
}

/// Undoes the newest operation.
fn undo_latest(conn: &mut Connection) -> UndoReport {
    let id = latest(conn);
    undo(conn, &[id], "李娜").unwrap()
}

fn customer(conn: &Connection, name: &str, phone: &str, custom: Vec<CustomValue>) -> i64 {
    let input = CustomerInput {
        name: name.into(),
        phone: Some(phone.into()),
        custom,
        ..Default::default()
    };
    customers::create(conn, &input, "system").unwrap()
}

fn edit_customer(conn: &Connection, id: i64, name: &str, phone: &str, custom: Vec<CustomValue>) {
    let input = CustomerInput {
        name: name.into(),
        phone: Some(phone.into()),
        custom,
        ..Default::default()
    };
    customers::update(conn, id, &input, "李娜").unwrap();
}

fn text_field(conn: &Connection, label: &str) -> i64 {
    let input = CustomFieldInput {
        label: label.into(),
        kind: FieldKind::Text,
        options: vec![],
    };
    custom_fields::create(conn, &input, "system").unwrap()
}

fn value(field: i64, value: &str) -> CustomValue {
    CustomValue {
        field_id: field,
        value: value.into(),
    }
}

#[test]
fn undoing_a_customer_edit_restores_it_exactly_and_redo_applies_it_again() {
    let mut conn = db::open_in_memory().unwrap();
    let wechat = text_field(&conn, "微信");
    let hobby = text_field(&conn, "爱好");
    let id = customer(&conn, "张三", "13800000001", vec![value(wechat, "zs")]);
    let before = customers::get(&conn, id).unwrap().input;
    edit_customer(
        &conn,
        id,
        "张三丰",
        "13900000002",
        vec![value(wechat, "zsf"), value(hobby, "太极")],
    );
    let after = customers::get(&conn, id).unwrap().input;
    let edit = latest(&conn);
    assert!(get(&conn, edit).unwrap().operation.can_undo);

    let undone = undo(&mut conn, &[edit], "李娜").unwrap();
    let restored = customers::get(&conn, id).unwrap().input;
    undo(&mut conn, &undone.undo_operations, "李娜").unwrap();
    let redone = customers::get(&conn, id).unwrap().input;

    assert_eq!(
        restored, before,
        "the undo brings back name, phone and custom values"
    );
    assert_eq!(redone, after, "undoing the undo applies the edit again");
    undo_latest(&mut conn);
    let found = |text: &str| {
        let query = customers::CustomerQuery {
            search: Some(text.into()),
            limit: 10,
            ..Default::default()
        };
        customers::count(&conn, &query).unwrap()
    };
    assert_eq!(
        (found("13800000001"), found("13900000002")),
        (1, 0),
        "search finds the restored phone, not the edited one"
    );
}

#[test]
fn undoing_a_customer_edit_is_blocked_by_a_later_edit_of_the_same_customer() {
    let mut conn = db::open_in_memory().unwrap();
    let id = customer(&conn, "张三", "13800000001", vec![]);
    let other = customer(&conn, "李四", "13800000003", vec![]);
    edit_customer(&conn, id, "张三丰", "13800000001", vec![]);
    let first = latest(&conn);
    edit_customer(&conn, other, "李四光", "13800000003", vec![]);
    edit_customer(&conn, id, "张三", "13900000009", vec![]);
    let second = latest(&conn);

    let err = undo(&mut conn, &[first], "李娜").unwrap_err();
    let in_the_way: Vec<i64> = blockers(&conn, &[first])
        .unwrap()
        .iter()
        .map(|o| o.id)
        .collect();

    assert!(
        matches!(&err, Error::UndoBlocked { id, later } if *id == first && later == &vec![second]),
        "{err:?}"
    );
    assert_eq!(
        in_the_way,
        vec![second],
        "only the edit of the same customer is in the way"
    );
    undo(&mut conn, &[first, second], "李娜").unwrap();
    assert_eq!(customers::get(&conn, id).unwrap().input.name, "张三");
}

#[test]
fn undoing_a_soft_delete_restores_the_customers_it_deleted() {
    let mut conn = db::open_in_memory().unwrap();
    let a = customer(&conn, "张三", "13800000001", vec![]);
    let b = customer(&conn, "李四", "13800000002", vec![]);
    let gone = customer(&conn, "王五", "13800000003", vec![]);
    customers::soft_delete(&mut conn, &[gone], "李娜").unwrap();
    customers::soft_delete(&mut conn, &[a, b, gone], "李娜").unwrap();
    let delete = latest(&conn);

    let report = undo(&mut conn, &[delete], "李娜").unwrap();
    let deleted = |id| customers::get(&conn, id).unwrap().deleted_at.is_some();

    assert_eq!((deleted(a), deleted(b)), (false, false));
    assert!(deleted(gone), "a customer deleted before stays deleted");
    assert_eq!(
        get(&conn, report.undo_operations[0])
            .unwrap()
            .operation
            .customers,
        2
    );
}

#[test]
fn a_later_delete_of_the_customer_blocks_undoing_its_edit_but_not_anothers() {
    let mut conn = db::open_in_memory().unwrap();
    let id = customer(&conn, "张三", "13800000001", vec![]);
    let other = customer(&conn, "李四", "13800000002", vec![]);
    edit_customer(&conn, id, "张三丰", "13800000001", vec![]);
    let edit = latest(&conn);
    edit_customer(&conn, other, "李四光", "13800000002", vec![]);
    let other_edit = latest(&conn);
    customers::soft_delete(&mut conn, &[id], "李娜").unwrap();
    let delete = latest(&conn);

    let in_the_way =
        |ids: &[i64]| -> Vec<i64> { blockers(&conn, ids).unwrap().iter().map(|o| o.id).collect() };

    assert_eq!(in_the_way(&[edit]), vec![delete]);
    assert!(in_the_way(&[other_edit]).is_empty());
}

fn tree(conn: &Connection) -> (i64, i64, i64) {
    let cat = tags::create_node(conn, &NewNode::new(None, NodeKind::Category, "价值")).unwrap();
    let group = tags::create_node(conn, &NewNode::new(Some(cat), NodeKind::Group, "等级")).unwrap();
    let other = tags::create_node(conn, &NewNode::new(Some(cat), NodeKind::Group, "活跃")).unwrap();
    (cat, group, other)
}

#[test]
fn undoing_a_tag_rename_restores_its_name_and_dictionary_fields() {
    let mut conn = db::open_in_memory().unwrap();
    let (_, group, _) = tree(&conn);
    let vip = tags::create_node(&conn, &NewNode::new(Some(group), NodeKind::Tag, "VIP")).unwrap();
    let rename = TagNodeEdit {
        name: "超级VIP".into(),
        meaning: Some("年消费十万以上".into()),
        color: Some("#ff0000".into()),
        weight: 2.0,
        ..TagNodeEdit::default()
    };
    tags::update(&conn, vip, &rename, "李娜").unwrap();

    undo_latest(&mut conn);
    let node = tags::tree(&conn)
        .unwrap()
        .nodes
        .into_iter()
        .find(|n| n.id == vip)
        .unwrap();

    assert_eq!(
        (node.name.as_str(), node.meaning, node.color, node.weight),
        ("VIP", None, None, 0.0)
    );
}

#[test]
fn undoing_a_move_puts_the_node_back_where_it_was() {
    let mut conn = db::open_in_memory().unwrap();
    let (_, group, other) = tree(&conn);
    let names = ["A", "B", "C"];
    let ids: Vec<i64> = names
        .iter()
        .map(|n| tags::create_node(&conn, &NewNode::new(Some(group), NodeKind::Tag, n)).unwrap())
        .collect();
    tags::move_node(&mut conn, ids[1], Some(other), 0, "李娜").unwrap();

    undo_latest(&mut conn);
    let nodes = tags::tree(&conn).unwrap().nodes;
    let mut under_group: Vec<(i64, &str)> = nodes
        .iter()
        .filter(|n| n.parent_id == Some(group))
        .map(|n| (n.position, n.name.as_str()))
        .collect();
    under_group.sort();

    assert_eq!(
        under_group.iter().map(|n| n.1).collect::<Vec<_>>(),
        names.to_vec(),
        "B is back between A and C"
    );
}

#[test]
fn undoing_an_archive_unarchives_all_but_what_was_archived_before() {
    let mut conn = db::open_in_memory().unwrap();
    let (_, group, _) = tree(&conn);
    let tag = |conn: &Connection, name| {
        tags::create_node(conn, &NewNode::new(Some(group), NodeKind::Tag, name)).unwrap()
    };
    let (vip, old) = (tag(&conn, "VIP"), tag(&conn, "旧等级"));
    tags::set_archived(&conn, old, true, "李娜").unwrap();
    tags::set_archived(&conn, group, true, "李娜").unwrap();

    undo_latest(&mut conn);
    let nodes = tags::tree(&conn).unwrap().nodes;
    let archived = |id| nodes.iter().find(|n| n.id == id).unwrap().archived;

    assert_eq!(
        (archived(group), archived(vip), archived(old)),
        (false, false, true),
        "the tag archived on its own before stays archived"
    );
}
