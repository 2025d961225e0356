//! Events: declared kinds, events added by hand and imported, the condition index seeing them,
//! and the rules that run for the customers they touch.

mod duplicates;
mod imports;

use crate::{add_customer, demo_db, empty_db};
use rusqlite::Connection;
use std::collections::BTreeMap;
use std::path::Path;
use tagdesk_core::conditions::{Cmp, Condition, EventMeasure};
use tagdesk_core::customers::CustomerInput;
use tagdesk_core::demo::DemoSpec;
use tagdesk_core::desk::Desk;
use tagdesk_core::events::{self, EventInput, EventKindInput};
use tagdesk_core::rules::{self, RuleAction, RuleInput};
use tagdesk_core::tags::{self, NewNode, NodeKind};
use tagdesk_core::{clock, segments, Error};

const DAY: i64 = 86_400;

fn kind(name: &str, properties: &[&str], is_order: bool) -> EventKindInput {
    EventKindInput {
        name: name.into(),
        description: String::new(),
        properties: properties.iter().map(|p| p.to_string()).collect(),
        is_order,
    }
}

fn event(customer_id: i64, kind: &str, at: i64, amount: Option<f64>) -> EventInput {
    EventInput {
        customer_id,
        kind: kind.into(),
        occurred_at: at,
        amount,
        properties: BTreeMap::new(),
    }
}

fn orders_within_30_days() -> Condition {
    Condition::Event {
        kind: "下单".into(),
        property: None,
        within_days: Some(30),
        measure: EventMeasure::Count,
        cmp: Cmp::Ge,
        value: 1.0,
        value2: None,
    }
}

/// A multi-select tag 事件测试 / 近期下单 for rules to give.
fn fresh_tag(conn: &Connection) -> i64 {
    let cat = tags::create_node(conn, &NewNode::new(None, NodeKind::Category, "事件测试")).unwrap();
    tags::create_node(conn, &NewNode::new(Some(cat), NodeKind::Tag, "近期下单")).unwrap()
}

fn count(conn: &Connection, sql: &str) -> i64 {
    conn.query_row(sql, [], |r| r.get(0)).unwrap()
}

#[test]
fn a_new_database_declares_the_starter_kinds_with_orders_marked() {
    let conn = empty_db();
    let kinds = events::list_kinds(&conn).unwrap();
    let names: Vec<&str> = kinds.iter().map(|k| k.name.as_str()).collect();
    for starter in ["浏览定价页", "下载报告", "下单", "登录", "打开邮件"] {
        assert!(names.contains(&starter), "{starter} in {names:?}");
    }
    assert_eq!(events::order_kind(&conn).unwrap().as_deref(), Some("下单"));
}

#[test]
fn kind_names_clash_ignoring_case_and_full_width_forms() {
    let conn = empty_db();
    events::create_kind(&conn, &kind("Webinar", &[], false), "t").unwrap();
    let err = events::create_kind(&conn, &kind("ｗｅｂｉｎａｒ", &[], false), "t").unwrap_err();
    assert!(
        matches!(err, Error::Invalid { ref field, .. } if field == "name"),
        "{err}"
    );
    assert!(events::create_kind(&conn, &kind("  ", &[], false), "t").is_err());
}

#[test]
fn the_demo_declares_every_kind_its_events_use() {
    let conn = demo_db(50);
    let undeclared = count(
        &conn,
        "SELECT count(DISTINCT kind) FROM events WHERE kind NOT IN (SELECT name FROM event_kinds)",
    );
    assert_eq!(undeclared, 0);
    let order = events::find_kind(&conn, "下单").unwrap().unwrap();
    assert!(order.is_order);
    assert_eq!(order.properties, vec!["product".to_string()]);
}

#[test]
fn renaming_a_kind_moves_its_events_conditions_and_rfm_setting_in_one_go() {
    let mut conn = demo_db(30);
    let orders = count(&conn, "SELECT count(*) FROM events WHERE kind = '下单'");
    assert!(orders > 0);
    let tag = fresh_tag(&conn);
    rules::create(
        &mut conn,
        &RuleInput {
            name: "近期下单".into(),
            owner: None,
            priority: 1,
            enabled: true,
            condition: orders_within_30_days(),
            action: RuleAction::AddTag { tag_id: tag },
        },
        "t",
    )
    .unwrap();
    let mut rfm = tagdesk_core::rfm::settings(&conn).unwrap();
    rfm.window_days = 200;
    tagdesk_core::rfm::save_settings(&conn, &rfm, "t").unwrap();
    let id = events::find_kind(&conn, "下单").unwrap().unwrap().id;
    events::update_kind(&conn, id, &kind("购买", &["product"], true), "t").unwrap();

    assert_eq!(
        count(&conn, "SELECT count(*) FROM events WHERE kind = '下单'"),
        0
    );
    assert_eq!(
        count(&conn, "SELECT count(*) FROM events WHERE kind = '购买'"),
        orders
    );
    let rule = &rules::list(&conn).unwrap()[0];
    assert!(
        matches!(&rule.condition, Condition::Event { kind, .. } if kind == "购买"),
        "the rule's condition follows the rename: {:?}",
        rule.condition
    );
    assert_eq!(
        tagdesk_core::rfm::settings(&conn).unwrap().order_kind,
        "购买"
    );
}

#[test]
fn a_kind_in_use_is_deleted_only_when_confirmed_and_takes_its_events() {
    let conn = demo_db(30);
    let id = events::find_kind(&conn, "登录").unwrap().unwrap().id;
    let used = count(&conn, "SELECT count(*) FROM events WHERE kind = '登录'");
    assert!(used > 0);
    assert!(events::delete_kind(&conn, id, false, "t").is_err());
    assert_eq!(events::delete_kind(&conn, id, true, "t").unwrap(), used);
    assert_eq!(
        count(&conn, "SELECT count(*) FROM events WHERE kind = '登录'"),
        0
    );
    let unused = events::create_kind(&conn, &kind("试用", &[], false), "t").unwrap();
    assert_eq!(events::delete_kind(&conn, unused, false, "t").unwrap(), 0);
}

#[test]
fn an_event_by_hand_is_checked_stored_under_the_declared_name_and_audited() {
    let conn = empty_db();
    let c = add_customer(&conn, "王伟", Some("13812345678"), None);
    let at = 1_760_000_000;
    let mut input = event(c, "下单", at, Some(99.5));
    input.properties.insert("Product".into(), "企业版".into());
    let id = events::add(&conn, &input, "李娜").unwrap();
    let (kind, props): (String, String) = conn
        .query_row(
            "SELECT kind, properties FROM events WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(kind, "下单");
    assert_eq!(
        props, r#"{"product":"企业版"}"#,
        "the declared key's spelling is kept"
    );
    assert_eq!(
        count(
            &conn,
            "SELECT count(*) FROM audit_log WHERE entity = 'event' AND actor = '李娜'"
        ),
        1
    );

    let bad = |input: EventInput, field: &str| {
        let err = events::add(&conn, &input, "t").unwrap_err();
        assert!(
            matches!(&err, Error::Invalid { field: f, .. } if f == field),
            "{field}: {err}"
        );
    };
    bad(event(c, "跳舞", at, None), "kind");
    bad(event(c, "下单", at, Some(-1.0)), "amount");
    bad(event(c, "下单", at * 1000, None), "occurred_at");
    let mut undeclared = event(c, "登录", at, None);
    undeclared.properties.insert("设备".into(), "iPhone".into());
    bad(undeclared, "properties");
    assert!(events::add(&conn, &event(9999, "登录", at, None), "t").is_err());

    events::delete(&conn, id, "t").unwrap();
    assert_eq!(count(&conn, "SELECT count(*) FROM events"), 0);
}

/// A desk on a fresh database (starter tree and kinds, no customers) in `dir`.
fn desk(dir: &Path) -> Desk {
    let mut desk = Desk::start(
        dir.to_path_buf(),
        DemoSpec {
            customers: 0,
            ..DemoSpec::small()
        },
    );
    desk.open_demo().unwrap();
    desk
}

/// The rule "下单 ≥ 1 in 30 days ⇒ 高意向"; returns the tag.
fn order_rule(desk: &mut Desk) -> i64 {
    let conn = desk.conn().unwrap();
    let tag = fresh_tag(conn);
    rules::create(
        conn,
        &RuleInput {
            name: "30天内下单".into(),
            owner: None,
            priority: 1,
            enabled: true,
            condition: orders_within_30_days(),
            action: RuleAction::AddTag { tag_id: tag },
        },
        "t",
    )
    .unwrap();
    tag
}

fn rule_source(desk: &mut Desk, customer: i64, tag: i64) -> Option<String> {
    desk.conn()
        .unwrap()
        .query_row(
            "SELECT source FROM assignments WHERE customer_id = ?1 AND tag_id = ?2",
            [customer, tag],
            |r| r.get(0),
        )
        .ok()
}

#[test]
fn an_event_added_by_hand_reaches_segment_counts_and_runs_the_rules() {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = desk(dir.path());
    let tag = order_rule(&mut desk);
    let c = add_customer(desk.conn().unwrap(), "王伟", Some("13812345678"), None);
    {
        let (conn, index, _) = desk.indexed().unwrap();
        let n = segments::count(conn, index, &orders_within_30_days()).unwrap();
        assert_eq!(n.total, 0);
    }
    desk.add_event(&event(c, "下单", clock::now() - DAY, Some(10.0)))
        .unwrap();
    let (conn, index, _) = desk.indexed().unwrap();
    let n = segments::count(conn, index, &orders_within_30_days()).unwrap();
    assert_eq!(n.total, 1, "the index sees the new event");
    assert_eq!(rule_source(&mut desk, c, tag).as_deref(), Some("rule"));
}

#[test]
fn adding_or_editing_a_customer_runs_the_rules_for_them() {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = desk(dir.path());
    let conn = desk.conn().unwrap();
    let tag = fresh_tag(conn);
    rules::create(
        conn,
        &RuleInput {
            name: "北京客户".into(),
            owner: None,
            priority: 1,
            enabled: true,
            condition: Condition::Field {
                field: "city".into(),
                op: tagdesk_core::conditions::FieldOp::Eq,
                values: vec!["北京".into()],
            },
            action: RuleAction::AddTag { tag_id: tag },
        },
        "t",
    )
    .unwrap();
    let c = add_customer(conn, "王伟", None, None);
    let input = CustomerInput {
        name: "王伟".into(),
        city: Some("北京".into()),
        ..Default::default()
    };
    desk.update_customer(c, &input).unwrap();
    assert_eq!(rule_source(&mut desk, c, tag).as_deref(), Some("rule"));
    let added = desk
        .create_customer(&CustomerInput {
            name: "李娜".into(),
            ..input
        })
        .unwrap();
    assert_eq!(rule_source(&mut desk, added, tag).as_deref(), Some("rule"));
}

#[test]
fn the_condition_catalog_offers_declared_kinds_even_without_events() {
    let conn = empty_db();
    events::create_kind(&conn, &kind("参加展会", &["展会"], false), "t").unwrap();
    let index = tagdesk_core::conditions::Index::build(&conn).unwrap();
    let catalog = tagdesk_core::conditions::catalog(&conn, &index).unwrap();
    let fair = catalog
        .events
        .iter()
        .find(|e| e.kind == "参加展会")
        .expect("a declared kind is offered");
    assert_eq!(fair.properties, vec!["展会".to_string()]);
    assert!(catalog.events.iter().any(|e| e.kind == "下单"));
}
