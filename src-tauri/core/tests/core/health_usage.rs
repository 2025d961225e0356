//! Issue 19, last use: segments, rules, boards and exports record when they used a tag, and
//! the report lists the tags nothing used for months.

use crate::health::{give, world};
use tagdesk_core::clock;
use tagdesk_core::conditions::{Condition, Index};
use tagdesk_core::health::{self, HealthQuery};
use tagdesk_core::rules::{self, RuleAction, RuleInput};
use tagdesk_core::segments::{self, SegmentInput, SegmentKind};
use tagdesk_core::tag_usage::UsageKind;
use tagdesk_core::tagging::TagSource;

const DAY: i64 = 86_400;

fn report(conn: &rusqlite::Connection) -> health::HealthReport {
    let index = Index::build(conn).unwrap();
    health::report(conn, &index, &HealthQuery::default(), clock::now()).unwrap()
}

#[test]
fn a_segment_or_rule_using_a_tag_records_its_last_use() {
    let mut w = world(4);
    let c = w.customers.clone();
    give(&mut w.conn, w.high, &c[0..2], TagSource::Manual);
    let now = clock::now();
    w.conn
        .execute("UPDATE tag_nodes SET created_at = ?1", [now - 400 * DAY])
        .unwrap();
    w.conn
        .execute(
            "UPDATE meta SET value = ?1 WHERE key = 'tag_usage_since'",
            [(now - 300 * DAY).to_string()],
        )
        .unwrap();
    let index = Index::build(&w.conn).unwrap();
    segments::count(&w.conn, &index, &Condition::Tag { tag_id: w.high }).unwrap();
    let rule = rules::create(
        &mut w.conn,
        &RuleInput {
            name: "活跃即低活".into(),
            owner: None,
            priority: 0,
            enabled: true,
            condition: Condition::Tag { tag_id: w.high },
            action: RuleAction::AddTag { tag_id: w.low },
        },
        "t",
    )
    .unwrap();
    let scope = rules::RunScope {
        rule_id: Some(rule),
        customer_ids: None,
        trigger: rules::RunTrigger::Manual,
    };
    let never = std::sync::atomic::AtomicBool::new(false);
    rules::run(&mut w.conn, &index, &scope, now, "t", &|_, _| {}, &never).unwrap();

    let r = report(&w.conn);
    let high = r.tags.iter().find(|t| t.id == w.high).unwrap();
    assert!(high.last_used_at.is_some_and(|at| at >= now));
    let low = r.tags.iter().find(|t| t.id == w.low).unwrap();
    assert_eq!(
        low.last_used_by,
        Some(UsageKind::Rule),
        "the rule gives 低活"
    );
    assert_eq!(
        r.not_used,
        vec![w.silent],
        "only 沉默 was used by nothing in 6 months"
    );
}

#[test]
fn boards_templates_and_exports_record_their_uses_too() {
    let mut w = world(4);
    let c = w.customers.clone();
    give(&mut w.conn, w.silent, &c[0..2], TagSource::Manual);
    let index = Index::build(&w.conn).unwrap();
    segments::create(
        &mut w.conn,
        &index,
        &SegmentInput {
            name: "沉默客户".into(),
            kind: SegmentKind::Dynamic,
            condition: Condition::Tag { tag_id: w.silent },
            pinned: true,
        },
        "t",
    )
    .unwrap();
    // Saving the segment counted it; the dashboard is the later use.
    w.conn.execute("DELETE FROM tag_usage", []).unwrap();
    segments::dashboard(&w.conn, &index).unwrap();
    let dir = tempfile::tempdir().unwrap();
    tagdesk_core::export::export_customers(
        &w.conn,
        &tagdesk_core::export::ExportSpec {
            scope: tagdesk_core::export::ExportScope::Matching {
                query: tagdesk_core::customers::CustomerQuery {
                    tag_ids: vec![w.low],
                    ..Default::default()
                },
            },
            columns: vec![],
            format: tagdesk_core::export::ExportFormat::Csv,
            tags: tagdesk_core::export::TagsLayout::None,
            path: dir.path().join("低活.csv").display().to_string(),
            language: Default::default(),
        },
    )
    .unwrap();
    let kinds: Vec<(i64, String)> = w
        .conn
        .prepare("SELECT node_id, kind FROM tag_usage ORDER BY node_id")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    assert_eq!(
        kinds,
        vec![
            (w.low, "export".to_string()),
            (w.silent, "board".to_string())
        ]
    );
}
