//! Issue 19, tag health: each detector of the report on a small database built to hold its
//! case (coverage, empty, stale and unused tags, where used, dictionary and core pool,
//! provenance, trend); last uses are in health_usage.

use crate::*;
use tagdesk_core::conditions::{Condition, Index, SetMode};
use tagdesk_core::health::{self, DictionaryField, HealthQuery, TrendBucket};
use tagdesk_core::import::{templates, ColumnTarget, ImportTemplateInput};
use tagdesk_core::provenance::ChangeSource;
use tagdesk_core::rules::{self, RuleAction, RuleInput};
use tagdesk_core::segments::{self, SegmentInput, SegmentKind};
use tagdesk_core::tagging::{self, TagSource, TagTarget};
use tagdesk_core::tags::{self, NewNode, NodeKind};
use tagdesk_core::{clock, operations};

const DAY: i64 = 86_400;

/// A group 活跃度 (高活, 低活, 沉默) and `n` customers, returned by id in creation order.
pub struct World {
    pub conn: rusqlite::Connection,
    pub group: i64,
    pub high: i64,
    pub low: i64,
    pub silent: i64,
    pub customers: Vec<i64>,
}

pub fn world(n: usize) -> World {
    let conn = empty_db();
    let group = tags::create(&conn, &NewNode::new(None, NodeKind::Group, "活跃度"), "t").unwrap();
    let tag =
        |name| tags::create(&conn, &NewNode::new(Some(group), NodeKind::Tag, name), "t").unwrap();
    let (high, low, silent) = (tag("高活"), tag("低活"), tag("沉默"));
    let customers = (0..n)
        .map(|i| add_customer(&conn, &format!("客户{i}"), None, None))
        .collect();
    World {
        conn,
        group,
        high,
        low,
        silent,
        customers,
    }
}

pub fn give(conn: &mut rusqlite::Connection, tag: i64, ids: &[i64], source: TagSource) {
    tagging::add(
        conn,
        &TagTarget::Customers { ids: ids.to_vec() },
        tag,
        source,
        "t",
    )
    .unwrap();
}

fn report(conn: &rusqlite::Connection) -> health::HealthReport {
    let index = Index::build(conn).unwrap();
    health::report(conn, &index, &HealthQuery::default(), clock::now()).unwrap()
}

#[test]
fn coverage_counts_each_group_and_tag_and_lists_the_customers_without_any() {
    let mut w = world(10);
    let c = w.customers.clone();
    give(&mut w.conn, w.high, &c[0..4], TagSource::Manual);
    give(&mut w.conn, w.low, &c[3..6], TagSource::Manual);
    let r = report(&w.conn);
    assert_eq!(r.total_customers, 10);
    let group = r.groups.iter().find(|g| g.id == w.group).unwrap();
    assert_eq!(
        (group.covered, group.uncovered),
        (6, 4),
        "高活 ∪ 低活 = 6 customers"
    );
    assert!((group.share - 0.6).abs() < 1e-9);
    let high = r.tags.iter().find(|t| t.id == w.high).unwrap();
    assert_eq!(high.customers, 4);
    assert!((high.share - 0.4).abs() < 1e-9);

    let index = Index::build(&w.conn).unwrap();
    let gaps = health::group_gaps(&w.conn, &index, w.group, 0, 3).unwrap();
    assert_eq!(gaps.total, 4);
    let ids: Vec<i64> = gaps.items.iter().map(|r| r.id).collect();
    assert_eq!(ids, vec![c[9], c[8], c[7]], "newest first, one page");
}

#[test]
fn empty_and_stale_tags_are_listed_with_their_last_change() {
    let mut w = world(5);
    let c = w.customers.clone();
    give(&mut w.conn, w.high, &c[0..2], TagSource::Manual);
    give(&mut w.conn, w.low, &c[2..4], TagSource::Manual);
    let now = clock::now();
    let long_ago = now - 200 * DAY;
    // 低活 last changed 200 days ago; every tag was created long ago.
    w.conn
        .execute(
            "UPDATE tag_batches SET at = ?2 WHERE tag_id = ?1",
            [w.low, long_ago],
        )
        .unwrap();
    w.conn
        .execute("UPDATE tag_nodes SET created_at = ?1", [now - 400 * DAY])
        .unwrap();
    let r = report(&w.conn);
    assert_eq!(r.empty, vec![w.silent], "沉默 has no customers");
    let low = r.tags.iter().find(|t| t.id == w.low).unwrap();
    assert_eq!(low.last_changed_at, Some(long_ago));
    assert!(
        r.stale.contains(&w.low),
        "unchanged for 200 days: {:?}",
        r.stale
    );
    assert!(
        r.stale.contains(&w.silent),
        "never changed since created 400 days ago"
    );
    assert!(!r.stale.contains(&w.high), "changed today");

    let fresh = health::report(
        &w.conn,
        &Index::build(&w.conn).unwrap(),
        &HealthQuery {
            stale_months: Some(12),
            ..Default::default()
        },
        now,
    )
    .unwrap();
    assert!(
        !fresh.stale.contains(&w.low),
        "200 days is within 12 months"
    );
    assert_eq!(fresh.thresholds.stale_months, 12);
}

#[test]
fn where_used_names_segments_boards_rules_templates_and_weights() {
    let mut w = world(3);
    let index = Index::build(&w.conn).unwrap();
    let pinned = segments::create(
        &mut w.conn,
        &index,
        &SegmentInput {
            name: "活跃客户".into(),
            kind: SegmentKind::Dynamic,
            condition: Condition::Tags {
                tag_ids: vec![w.low, w.high],
                mode: SetMode::Any,
            },
            pinned: true,
        },
        "t",
    )
    .unwrap();
    let by_group = segments::create(
        &mut w.conn,
        &index,
        &SegmentInput {
            name: "有活跃度".into(),
            kind: SegmentKind::Dynamic,
            condition: Condition::Group {
                group_id: w.group,
                mode: SetMode::Any,
            },
            pinned: false,
        },
        "t",
    )
    .unwrap();
    let rule = rules::create(
        &mut w.conn,
        &RuleInput {
            name: "沉默变低活".into(),
            owner: None,
            priority: 0,
            enabled: false,
            condition: Condition::Tag { tag_id: w.silent },
            action: RuleAction::AddTag { tag_id: w.high },
        },
        "t",
    )
    .unwrap();
    let template = templates::save(
        &w.conn,
        &ImportTemplateInput {
            name: "会员月报".into(),
            headers: vec!["活跃度".into()],
            columns: vec![ColumnTarget::Group { group_id: w.group }],
        },
    )
    .unwrap();
    w.conn
        .execute("UPDATE tag_nodes SET weight = 5 WHERE id = ?1", [w.high])
        .unwrap();

    let used = health::where_used(&w.conn, w.high).unwrap();
    let ids = |v: &[health::UsedBy]| v.iter().map(|u| u.id).collect::<Vec<_>>();
    assert_eq!(
        ids(&used.segments),
        vec![by_group, pinned],
        "by name (code point order): 有活跃度, 活跃客户"
    );
    assert_eq!(ids(&used.boards), vec![pinned]);
    assert_eq!(ids(&used.rules), vec![rule], "the rule gives 高活");
    assert_eq!(ids(&used.import_templates), vec![template]);
    assert_eq!(used.weights.len(), 1);
    assert_eq!(used.weights[0].weight, 5.0);

    let silent = health::where_used(&w.conn, w.silent).unwrap();
    assert_eq!(
        ids(&silent.segments),
        vec![by_group],
        "only through its group"
    );
    assert_eq!(ids(&silent.rules), vec![rule]);
    let group = health::where_used(&w.conn, w.group).unwrap();
    assert_eq!(group.segments.len(), 2, "a group counts its tags' uses");
}

#[test]
fn dictionary_gaps_and_the_core_pool_with_its_coverage_and_undo() {
    let mut w = world(10);
    let c = w.customers.clone();
    give(&mut w.conn, w.high, &c[0..3], TagSource::Manual);
    give(&mut w.conn, w.low, &c[5..7], TagSource::Manual);
    w.conn
        .execute(
            "UPDATE tag_nodes SET meaning = '近 30 天登录 10 次以上', owner = '运营',
                 update_frequency = '每日' WHERE id = ?1",
            [w.high],
        )
        .unwrap();
    tags::set_core(&w.conn, w.high, true, "t").unwrap();
    tags::set_core(&w.conn, w.low, true, "t").unwrap();
    assert!(
        tags::set_core(&w.conn, w.group, true, "t").is_err(),
        "groups are never core"
    );

    let r = report(&w.conn);
    let high = r.tags.iter().find(|t| t.id == w.high).unwrap();
    assert_eq!(high.missing, vec![DictionaryField::ValueRange]);
    assert!(
        !r.incomplete_tags.contains(&w.high),
        "value range is not required"
    );
    assert!(r.incomplete_tags.contains(&w.low));
    assert!(r.incomplete_groups.contains(&w.group));
    assert_eq!(r.core_pool.tags, vec![w.high, w.low]);
    assert_eq!(r.core_pool.covered, 5);
    assert_eq!(r.core_pool.incomplete, vec![w.low]);

    let last = operations::own_latest(&w.conn, "t", None).unwrap().unwrap();
    operations::undo(&mut w.conn, &[last.id], "t").unwrap();
    let after = report(&w.conn);
    assert_eq!(
        after.core_pool.tags,
        vec![w.high],
        "undo takes 低活 out of the pool"
    );
}

#[test]
fn provenance_shares_each_groups_assignments_by_source() {
    let mut w = world(10);
    let c = w.customers.clone();
    give(&mut w.conn, w.high, &c[0..6], TagSource::Manual);
    give(&mut w.conn, w.low, &c[6..8], TagSource::Import);
    let r = report(&w.conn);
    let group = r.groups.iter().find(|g| g.id == w.group).unwrap();
    let shares: Vec<(ChangeSource, i64)> = group
        .provenance
        .iter()
        .map(|s| (s.source, s.assignments))
        .collect();
    assert_eq!(
        shares,
        vec![(ChangeSource::Manual, 6), (ChangeSource::Import, 2)]
    );
    assert!((group.provenance[0].share - 0.75).abs() < 1e-9);
}

#[test]
fn trend_counts_adds_and_removes_per_day_and_week() {
    let mut w = world(6);
    let c = w.customers.clone();
    give(&mut w.conn, w.high, &c[0..5], TagSource::Manual);
    tagging::remove(
        &mut w.conn,
        &TagTarget::Customers {
            ids: c[0..2].to_vec(),
        },
        w.high,
        TagSource::Manual,
        "t",
    )
    .unwrap();
    let now = clock::now();
    // The adding happened three days ago at the same time of day.
    w.conn
        .execute(
            "UPDATE tag_batches SET at = at - 3 * 86400 WHERE id = (SELECT min(id) FROM tag_batches)",
            [],
        )
        .unwrap();
    let days = health::trend(&w.conn, w.high, now - 6 * DAY, now, TrendBucket::Day).unwrap();
    assert_eq!(days.points.len(), 7);
    let added: i64 = days.points.iter().map(|p| p.added).sum();
    assert_eq!(days.points[3].added, 5, "three days before today: {days:?}");
    assert_eq!(added, 5);
    assert_eq!(days.points[6].removed, 2, "today");

    let weeks = health::trend(&w.conn, w.high, now - 30 * DAY, now, TrendBucket::Week).unwrap();
    assert_eq!(weeks.points.iter().map(|p| p.added).sum::<i64>(), 5);
    assert_eq!(weeks.points.iter().map(|p| p.removed).sum::<i64>(), 2);
    assert!(health::trend(&w.conn, w.high, now, now - DAY, TrendBucket::Day).is_err());
}
