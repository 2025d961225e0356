//! Undoing and redoing edits of custom fields, event kinds, events, segments, rules, new
//! customers and the RFM and lifecycle settings from the history.

use crate::conditions::{Condition, FieldOp, Index};
use crate::custom_fields::{self, CustomFieldInput, CustomValue, FieldKind};
use crate::customers::{self, CustomerInput};
use crate::db;
use crate::error::Error;
use crate::events::{self, EventInput, EventKindInput};
use crate::operations::{begin, get, undo, OperationKind};
use crate::rules::{self, RuleAction, RuleInput};
use crate::segments::{self, SegmentInput, SegmentKind};
use crate::tags::{self, NewNode, NodeKind};
use crate::{lifecycle, rfm};
use rusqlite::Connection;

const ME: &str = "李娜";

fn latest(conn: &Connection) -> i64 {
    conn.query_row("SELECT max(id) FROM operations", [], |r| r.get(0))
        .unwrap()
}

/// Undoes operation `id`; returns the undo operation.
fn undo_op(conn: &mut Connection, id: i64) -> i64 {
    undo(conn, &[id], ME).unwrap().undo_operations[0]
}

/// Undoes the newest operation and then that undo: runs `check` after each.
fn undo_then_redo(
    conn: &mut Connection,
    mut undone: impl FnMut(&Connection),
    mut redone: impl FnMut(&Connection),
) {
    let edit = latest(conn);
    assert!(
        get(conn, edit).unwrap().operation.can_undo,
        "the edit is undoable"
    );
    let undo_id = undo_op(conn, edit);
    undone(conn);
    undo_op(conn, undo_id);
    redone(conn);
}

fn blocked_by(conn: &mut Connection, id: i64) -> Vec<i64> {
    match undo(conn, &[id], ME).unwrap_err() {
        Error::UndoBlocked { later, .. } => later,
        other => panic!("expected the undo to be blocked, got {other:?}"),
    }
}

fn customer(conn: &Connection, name: &str, city: &str) -> i64 {
    let input = CustomerInput {
        name: name.into(),
        city: Some(city.into()),
        ..Default::default()
    };
    customers::create(conn, &input, "system").unwrap()
}

fn field_input(label: &str, options: &[&str]) -> CustomFieldInput {
    CustomFieldInput {
        label: label.into(),
        kind: if options.is_empty() {
            FieldKind::Text
        } else {
            FieldKind::SingleChoice
        },
        options: options.iter().map(|o| o.to_string()).collect(),
    }
}

fn fields(conn: &Connection) -> Vec<custom_fields::CustomField> {
    custom_fields::list(conn).unwrap()
}

fn values(conn: &Connection, field: i64) -> Vec<(i64, String)> {
    conn.prepare("SELECT customer_id, value FROM custom_values WHERE field_id = ?1 ORDER BY 1")
        .unwrap()
        .query_map([field], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
}

#[test]
fn undoing_a_custom_field_creation_removes_it_and_redo_brings_it_back_with_its_id() {
    let mut conn = db::open_in_memory().unwrap();
    let id = custom_fields::create(&conn, &field_input("渠道", &["线上", "门店"]), ME).unwrap();
    let created = fields(&conn);

    undo_then_redo(
        &mut conn,
        |c| assert!(fields(c).is_empty(), "the field is gone"),
        |c| assert_eq!(fields(c), created, "the same field, id {id} included"),
    );
}

#[test]
fn undoing_a_custom_field_change_or_archiving_restores_its_definition() {
    let mut conn = db::open_in_memory().unwrap();
    let id = custom_fields::create(&conn, &field_input("渠道", &["线上"]), ME).unwrap();
    let before = fields(&conn);
    custom_fields::update(&conn, id, &field_input("来源渠道", &["线上", "门店"]), ME).unwrap();
    let changed = fields(&conn);
    undo_then_redo(
        &mut conn,
        |c| assert_eq!(fields(c), before),
        |c| assert_eq!(fields(c), changed),
    );

    custom_fields::set_archived(&conn, id, true, ME).unwrap();
    undo_then_redo(
        &mut conn,
        |c| assert!(!fields(c)[0].archived),
        |c| assert!(fields(c)[0].archived),
    );
}

#[test]
fn a_later_change_of_the_same_field_blocks_undoing_an_earlier_one_and_is_named() {
    let mut conn = db::open_in_memory().unwrap();
    let id = custom_fields::create(&conn, &field_input("渠道", &[]), ME).unwrap();
    let other = custom_fields::create(&conn, &field_input("预算", &[]), ME).unwrap();
    custom_fields::update(&conn, id, &field_input("来源", &[]), ME).unwrap();
    let first = latest(&conn);
    custom_fields::update(&conn, other, &field_input("年预算", &[]), ME).unwrap();
    custom_fields::update(&conn, id, &field_input("来源渠道", &[]), ME).unwrap();
    let second = latest(&conn);

    assert_eq!(blocked_by(&mut conn, first), vec![second]);
    undo(&mut conn, &[first, second], ME).unwrap();
    assert_eq!(fields(&conn)[0].label, "渠道");
}

#[test]
fn a_deleted_custom_field_comes_back_with_every_value_its_1000_customers_held() {
    let mut conn = db::open_in_memory().unwrap();
    let field = custom_fields::create(&conn, &field_input("会员卡号", &[]), ME).unwrap();
    let tx = conn.transaction().unwrap();
    let open = begin(
        &tx,
        OperationKind::ImportCustomers,
        crate::provenance::ChangeSource::Import,
        ME,
        serde_json::json!({}),
    )
    .unwrap();
    for i in 0..1000 {
        let input = CustomerInput {
            name: format!("客户{i}"),
            custom: vec![CustomValue {
                field_id: field,
                value: format!("VIP-{i:04}"),
            }],
            ..Default::default()
        };
        customers::create_within(&tx, &input, ME).unwrap();
    }
    open.finish(&tx).unwrap();
    tx.commit().unwrap();
    let held = values(&conn, field);
    let definition = fields(&conn);

    assert_eq!(custom_fields::delete(&conn, field, ME).unwrap(), 1000);
    assert!(values(&conn, field).is_empty() && fields(&conn).is_empty());
    undo_then_redo(
        &mut conn,
        |c| {
            assert_eq!(fields(c), definition, "the field is back with its id");
            assert_eq!(values(c, field), held, "and every customer's value");
        },
        |c| assert!(values(c, field).is_empty() && fields(c).is_empty()),
    );
    let redo = latest(&conn);
    undo_op(&mut conn, redo);
    assert_eq!(
        values(&conn, field),
        held,
        "values survive a redo and its undo"
    );
}

fn kind_input(name: &str) -> EventKindInput {
    EventKindInput {
        name: name.into(),
        description: "到店体验".into(),
        properties: vec!["门店".into()],
        is_order: false,
    }
}

fn kinds(conn: &Connection) -> Vec<events::EventKind> {
    events::list_kinds(conn).unwrap()
}

fn event_input(customer: i64, kind: &str) -> EventInput {
    EventInput {
        customer_id: customer,
        kind: kind.into(),
        occurred_at: 1_700_000_000,
        amount: Some(99.5),
        properties: [("门店".to_string(), "静安".to_string())].into(),
    }
}

fn event_rows(conn: &Connection) -> Vec<(i64, i64, String, i64, String)> {
    conn.prepare("SELECT id, customer_id, kind, occurred_at, properties FROM events ORDER BY id")
        .unwrap()
        .query_map([], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
}

#[test]
fn event_kind_creation_renaming_and_deletion_are_undone_and_redone() {
    let mut conn = db::open_in_memory().unwrap();
    let start = kinds(&conn);
    let id = events::create_kind(&conn, &kind_input("试驾"), ME).unwrap();
    let created = kinds(&conn);
    undo_then_redo(
        &mut conn,
        |c| assert_eq!(kinds(c), start),
        |c| assert_eq!(kinds(c), created),
    );

    let who = customer(&conn, "张三", "上海");
    events::add(&conn, &event_input(who, "试驾"), ME).unwrap();
    events::update_kind(&conn, id, &kind_input("预约试驾"), ME).unwrap();
    let (renamed, renamed_events) = (kinds(&conn), event_rows(&conn));
    undo_then_redo(
        &mut conn,
        |c| {
            assert_eq!(
                event_rows(c)[0].2,
                "试驾",
                "the event follows the name back"
            )
        },
        |c| {
            assert_eq!(
                (kinds(c), event_rows(c)),
                (renamed.clone(), renamed_events.clone())
            )
        },
    );

    events::delete_kind(&conn, id, true, ME).unwrap();
    undo_then_redo(
        &mut conn,
        |c| {
            assert_eq!(kinds(c), renamed, "the kind is back with its id");
            assert_eq!(event_rows(c), renamed_events, "with its event, id and all");
        },
        |c| assert!(event_rows(c).is_empty()),
    );
}

#[test]
fn undoing_an_event_kind_creation_is_blocked_by_the_event_added_to_it_since() {
    let mut conn = db::open_in_memory().unwrap();
    let who = customer(&conn, "张三", "上海");
    events::create_kind(&conn, &kind_input("试驾"), ME).unwrap();
    let created = latest(&conn);
    let login = EventInput {
        properties: Default::default(),
        ..event_input(who, "登录")
    };
    events::add(&conn, &login, ME).unwrap();
    events::add(&conn, &event_input(who, "试驾"), ME).unwrap();
    let add_op = latest(&conn);

    assert_eq!(
        blocked_by(&mut conn, created),
        vec![add_op],
        "only the 试驾 event is in the way"
    );
    undo(&mut conn, &[created, add_op], ME).unwrap();
    assert!(events::find_kind(&conn, "试驾").unwrap().is_none());
}

#[test]
fn an_event_added_or_deleted_by_hand_is_undone_and_redone_with_its_id() {
    let mut conn = db::open_in_memory().unwrap();
    events::create_kind(&conn, &kind_input("试驾"), ME).unwrap();
    let who = customer(&conn, "张三", "上海");
    events::add(&conn, &event_input(who, "试驾"), ME).unwrap();
    let added = event_rows(&conn);
    undo_then_redo(
        &mut conn,
        |c| assert!(event_rows(c).is_empty()),
        |c| assert_eq!(event_rows(c), added),
    );

    events::delete(&conn, added[0].0, ME).unwrap();
    undo_then_redo(
        &mut conn,
        |c| assert_eq!(event_rows(c), added),
        |c| assert!(event_rows(c).is_empty()),
    );
}

fn in_city(city: &str) -> Condition {
    Condition::Field {
        field: "city".into(),
        op: FieldOp::Eq,
        values: vec![city.into()],
    }
}

fn segment_input(name: &str, kind: SegmentKind, condition: Condition) -> SegmentInput {
    SegmentInput {
        name: name.into(),
        kind,
        condition,
        pinned: false,
    }
}

/// Everything about a segment that a user sees, members included.
fn segment_state(conn: &Connection, id: i64) -> Option<(String, String, bool, Vec<u32>)> {
    let s = segments::get(conn, id).ok()?;
    let members = segments::frozen_members(conn, id).unwrap().iter().collect();
    Some((
        s.name,
        serde_json::to_string(&s.condition).unwrap(),
        s.kind == SegmentKind::Static,
        members,
    ))
}

#[test]
fn segment_creation_change_and_deletion_are_undone_and_redone_static_members_included() {
    let mut conn = db::open_in_memory().unwrap();
    let a = customer(&conn, "张三", "上海");
    customer(&conn, "李四", "北京");
    let index = Index::build(&conn).unwrap();
    let id = segments::create(
        &mut conn,
        &index,
        &segment_input("上海", SegmentKind::Static, in_city("上海")),
        ME,
    )
    .unwrap();
    let created = segment_state(&conn, id);
    assert_eq!(created.as_ref().unwrap().3, vec![a as u32]);
    undo_then_redo(
        &mut conn,
        |c| assert_eq!(segment_state(c, id), None),
        |c| assert_eq!(segment_state(c, id), created),
    );

    segments::update(
        &mut conn,
        &index,
        id,
        &segment_input("北京", SegmentKind::Static, in_city("北京")),
        ME,
    )
    .unwrap();
    let changed = segment_state(&conn, id);
    undo_then_redo(
        &mut conn,
        |c| {
            assert_eq!(
                segment_state(c, id),
                created,
                "the members frozen before are back"
            )
        },
        |c| assert_eq!(segment_state(c, id), changed),
    );

    segments::delete(&mut conn, id, ME).unwrap();
    undo_then_redo(
        &mut conn,
        |c| assert_eq!(segment_state(c, id), changed),
        |c| assert_eq!(segment_state(c, id), None),
    );
}

fn vip_tag(conn: &Connection) -> i64 {
    let cat = tags::create_node(conn, &NewNode::new(None, NodeKind::Category, "价值")).unwrap();
    tags::create_node(conn, &NewNode::new(Some(cat), NodeKind::Tag, "VIP")).unwrap()
}

fn rule_input(name: &str, condition: Condition, tag: i64, enabled: bool) -> RuleInput {
    RuleInput {
        name: name.into(),
        owner: None,
        priority: 0,
        enabled,
        condition,
        action: RuleAction::AddTag { tag_id: tag },
    }
}

#[test]
fn a_deleted_segment_a_rule_uses_comes_back_with_its_id_and_the_rule_matches_again() {
    let mut conn = db::open_in_memory().unwrap();
    let a = customer(&conn, "张三", "上海");
    let tag = vip_tag(&conn);
    let mut index = Index::build(&conn).unwrap();
    let seg = segments::create(
        &mut conn,
        &index,
        &segment_input("上海", SegmentKind::Dynamic, in_city("上海")),
        ME,
    )
    .unwrap();
    let uses = Condition::Segment { segment_id: seg };
    let rule = rules::create(
        &mut conn,
        &rule_input("上海VIP", uses.clone(), tag, true),
        ME,
    )
    .unwrap();
    segments::delete(&mut conn, seg, ME).unwrap();
    let delete = latest(&conn);
    assert!(
        crate::conditions::validate(&conn, &uses, None).is_err(),
        "the rule's segment is gone"
    );

    undo_op(&mut conn, delete);
    index.refresh(&conn).unwrap();
    let matched =
        segments::count(&conn, &index, &rules::get(&conn, rule).unwrap().condition).unwrap();

    assert_eq!(segments::get(&conn, seg).unwrap().name, "上海", "same id");
    assert_eq!(
        matched.total, 1,
        "the rule's condition matches 张三 ({a}) again"
    );
}

#[test]
fn undoing_a_segment_creation_is_blocked_by_a_later_rule_that_uses_it() {
    let mut conn = db::open_in_memory().unwrap();
    let tag = vip_tag(&conn);
    let index = Index::build(&conn).unwrap();
    let seg = segments::create(
        &mut conn,
        &index,
        &segment_input("上海", SegmentKind::Dynamic, in_city("上海")),
        ME,
    )
    .unwrap();
    let created = latest(&conn);
    rules::create(
        &mut conn,
        &rule_input("别的", in_city("北京"), tag, false),
        ME,
    )
    .unwrap();
    rules::create(
        &mut conn,
        &rule_input(
            "上海VIP",
            Condition::Segment { segment_id: seg },
            tag,
            false,
        ),
        ME,
    )
    .unwrap();
    let rule_op = latest(&conn);

    assert_eq!(blocked_by(&mut conn, created), vec![rule_op]);
}

#[test]
fn rule_creation_change_enabling_and_deletion_are_undone_and_redone() {
    let mut conn = db::open_in_memory().unwrap();
    let tag = vip_tag(&conn);
    let state = |c: &Connection, id| {
        rules::get(c, id)
            .ok()
            .map(|r| (r.name, r.enabled, r.condition, r.action))
    };
    let id = rules::create(
        &mut conn,
        &rule_input("上海VIP", in_city("上海"), tag, true),
        ME,
    )
    .unwrap();
    let created = state(&conn, id);
    undo_then_redo(
        &mut conn,
        |c| assert_eq!(state(c, id), None),
        |c| assert_eq!(state(c, id), created),
    );

    rules::update(
        &mut conn,
        id,
        &rule_input("北京VIP", in_city("北京"), tag, true),
        ME,
    )
    .unwrap();
    let changed = state(&conn, id);
    undo_then_redo(
        &mut conn,
        |c| assert_eq!(state(c, id), created),
        |c| assert_eq!(state(c, id), changed),
    );

    rules::update(
        &mut conn,
        id,
        &rule_input("北京VIP", in_city("北京"), tag, false),
        ME,
    )
    .unwrap();
    undo_then_redo(
        &mut conn,
        |c| assert_eq!(state(c, id), changed, "enabled again"),
        |c| assert!(!state(c, id).unwrap().1, "disabled again"),
    );

    let disabled = state(&conn, id);
    rules::delete(&mut conn, id, ME).unwrap();
    undo_then_redo(
        &mut conn,
        |c| assert_eq!(state(c, id), disabled, "back with its id"),
        |c| assert_eq!(state(c, id), None),
    );
}

#[test]
fn undoing_a_customer_creation_deletes_it_softly_and_redo_brings_it_back() {
    let mut conn = db::open_in_memory().unwrap();
    let id = customer(&conn, "张三", "上海");
    let deleted = |c: &Connection| customers::get(c, id).unwrap().deleted_at.is_some();
    undo_then_redo(&mut conn, |c| assert!(deleted(c)), |c| assert!(!deleted(c)));
}

#[test]
fn rfm_and_lifecycle_settings_changes_are_undone_and_redone_and_a_later_change_blocks() {
    let mut conn = db::open_in_memory().unwrap();
    let rfm_before = rfm::settings(&conn).unwrap();
    let rfm_after = rfm::RfmSettings {
        window_days: rfm_before.window_days + 30,
        ..rfm_before.clone()
    };
    rfm::save_settings(&conn, &rfm_after, ME).unwrap();
    undo_then_redo(
        &mut conn,
        |c| assert_eq!(rfm::settings(c).unwrap(), rfm_before),
        |c| assert_eq!(rfm::settings(c).unwrap(), rfm_after),
    );
    let rfm_redo = latest(&conn);

    let life_before = lifecycle::settings(&conn).unwrap();
    let life_after = lifecycle::LifecycleSettings {
        silent_days: life_before.silent_days + 10,
        ..life_before.clone()
    };
    lifecycle::save_settings(&conn, &life_after, ME).unwrap();
    undo_then_redo(
        &mut conn,
        |c| assert_eq!(lifecycle::settings(c).unwrap(), life_before),
        |c| assert_eq!(lifecycle::settings(c).unwrap(), life_after),
    );
    rfm::save_settings(&conn, &rfm_before, ME).unwrap();
    let later = latest(&conn);

    assert_eq!(
        blocked_by(&mut conn, rfm_redo),
        vec![later],
        "the later RFM change is in the way, the lifecycle changes are not"
    );
}

#[test]
fn the_history_names_the_record_an_edit_changed() {
    let mut conn = db::open_in_memory().unwrap();
    let subject = |c: &Connection| get(c, latest(c)).unwrap().operation.subject;
    let field = custom_fields::create(&conn, &field_input("渠道", &[]), ME).unwrap();
    assert_eq!(subject(&conn).as_deref(), Some("渠道"));
    custom_fields::delete(&conn, field, ME).unwrap();
    assert_eq!(
        subject(&conn).as_deref(),
        Some("渠道"),
        "named after its deletion too"
    );
    let tag = vip_tag(&conn);
    rules::create(
        &mut conn,
        &rule_input("上海VIP", in_city("上海"), tag, false),
        ME,
    )
    .unwrap();
    assert_eq!(subject(&conn).as_deref(), Some("上海VIP"));
    let created = latest(&conn);
    undo_op(&mut conn, created);
    assert_eq!(subject(&conn).as_deref(), Some("上海VIP"), "and its undo");
}
