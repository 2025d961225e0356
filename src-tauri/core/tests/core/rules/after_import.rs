//! The rules run over the customers an import creates or updates, through the desk as the app
//! calls it, and the profile names the rule that gave a tag.

use rusqlite::Connection;
use std::path::Path;
use tagdesk_core::conditions::{Condition, FieldOp};
use tagdesk_core::customers::{self, CustomerInput};
use tagdesk_core::demo::DemoSpec;
use tagdesk_core::desk::Desk;
use tagdesk_core::import::ImportSpec;
use tagdesk_core::jobs::Job;
use tagdesk_core::rules::{self, RuleAction, RunTrigger};
use tagdesk_core::tags::{self, NewNode, NodeKind};

fn in_city(city: &str) -> Condition {
    Condition::And {
        children: vec![Condition::Field {
            field: "city".into(),
            op: FieldOp::Eq,
            values: vec![city.into()],
        }],
    }
}

/// A desk on a fresh empty database, with a tag 杭州客户 and the rule giving it to 杭州.
fn desk_with_rule(dir: &Path, enabled: bool) -> (Desk, i64, i64) {
    let mut desk = Desk::start(
        dir.to_path_buf(),
        DemoSpec {
            customers: 20,
            ..DemoSpec::small()
        },
    );
    desk.create(None).unwrap();
    let (conn, actor) = desk.conn_as().unwrap();
    let cat = tags::create_node(conn, &NewNode::new(None, NodeKind::Category, "地区")).unwrap();
    let tag = tags::create_node(conn, &NewNode::new(Some(cat), NodeKind::Tag, "杭州客户")).unwrap();
    let mut input = super::rule(
        "杭州客户",
        0,
        in_city("杭州"),
        RuleAction::AddTag { tag_id: tag },
    );
    input.enabled = enabled;
    let rule = rules::create(conn, &input, &actor).unwrap();
    (desk, tag, rule)
}

fn csv_spec(dir: &Path, text: &str) -> ImportSpec {
    let path = dir.join("members.csv");
    std::fs::write(&path, text).unwrap();
    ImportSpec::customers(&path)
}

fn id_of(conn: &Connection, name: &str) -> i64 {
    conn.query_row("SELECT id FROM customers WHERE name = ?1", [name], |r| {
        r.get(0)
    })
    .unwrap_or_else(|_| panic!("customer {name} exists"))
}

/// (source, source_ref) of the customer's assignment of `tag`, if any.
fn given(conn: &Connection, tag: i64, customer: i64) -> Option<(String, Option<i64>)> {
    conn.query_row(
        "SELECT source, source_ref FROM assignments WHERE tag_id = ?1 AND customer_id = ?2",
        [tag, customer],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
    .ok()
}

#[test]
fn an_import_runs_the_enabled_rules_over_the_customers_it_created_or_updated() {
    let dir = tempfile::tempdir().unwrap();
    let (mut desk, tag, rule) = desk_with_rule(dir.path(), true);
    let (conn, _) = desk.conn_as().unwrap();
    let untouched = customers::create(
        conn,
        &CustomerInput {
            name: "老杭州".into(),
            city: Some("杭州".into()),
            ..Default::default()
        },
        "test",
    )
    .unwrap();
    let moving = customers::create(
        conn,
        &CustomerInput {
            name: "待补城市".into(),
            phone: Some("13800003333".into()),
            ..Default::default()
        },
        "test",
    )
    .unwrap();

    let spec = csv_spec(
        dir.path(),
        "姓名,手机号,城市\n新杭州,13800001111,杭州\n新上海,13800002222,上海\n待补城市,13800003333,杭州\n",
    );
    let report = desk.import(&spec, &Job::default()).unwrap();
    assert_eq!((report.summary.new, report.summary.updated), (2, 1));
    let ran = report
        .rules
        .as_ref()
        .expect("the report says what the rules did");
    assert_eq!((ran.scanned, ran.added, ran.removed), (3, 2, 0));
    assert_eq!(ran.rules.len(), 1);
    assert_eq!(
        (ran.rules[0].name.as_str(), ran.rules[0].added),
        ("杭州客户", 2)
    );

    let conn = desk.conn().unwrap();
    let by_rule = Some(("rule".to_string(), Some(rule)));
    assert_eq!(
        given(conn, tag, id_of(conn, "新杭州")),
        by_rule,
        "a new customer in 杭州"
    );
    assert_eq!(
        given(conn, tag, moving),
        by_rule,
        "an updated customer now in 杭州"
    );
    assert_eq!(given(conn, tag, id_of(conn, "新上海")), None);
    assert_eq!(
        given(conn, tag, untouched),
        None,
        "only the customers the import touched are considered"
    );
    let log = rules::log(conn, 10).unwrap();
    assert_eq!(log.len(), 1);
    assert_eq!(log[0].trigger, RunTrigger::Import);
    assert_eq!((log[0].scanned, log[0].added), (3, 2));

    let profile = customers::profile(conn, moving).unwrap();
    let chip = profile
        .tag_groups
        .iter()
        .flat_map(|g| &g.tags)
        .find(|t| t.id == tag)
        .expect("the profile shows the tag");
    assert_eq!(chip.rule_name.as_deref(), Some("杭州客户"));
    let entry = profile
        .history
        .iter()
        .find(|h| h.tag_id == tag)
        .expect("the history shows the rule's change");
    assert_eq!(entry.rule_name.as_deref(), Some("杭州客户"));
}

#[test]
fn an_import_with_no_enabled_rule_logs_no_rule_run() {
    let dir = tempfile::tempdir().unwrap();
    let (mut desk, tag, _) = desk_with_rule(dir.path(), false);
    let spec = csv_spec(dir.path(), "姓名,手机号,城市\n新杭州,13800001111,杭州\n");
    let report = desk.import(&spec, &Job::default()).unwrap();
    assert!(report.rules.is_none());
    let conn = desk.conn().unwrap();
    assert_eq!(
        given(conn, tag, id_of(conn, "新杭州")),
        None,
        "a disabled rule gives nothing"
    );
    assert!(rules::log(conn, 10).unwrap().is_empty());
}
