//! Issue 19, acting on the health page: bulk archiving unused tags as one operation that one
//! undo brings back, and the tags a selection of customers suggests.

use crate::health::{give, world};
use tagdesk_core::conditions::{Condition, Index, SetMode};
use tagdesk_core::health::{self, Selection, SuggestionQuery};
use tagdesk_core::operations;
use tagdesk_core::tagging::TagSource;
use tagdesk_core::tags::{self, NewNode, NodeKind};

fn archived(conn: &rusqlite::Connection) -> Vec<i64> {
    conn.prepare("SELECT id FROM tag_nodes WHERE archived_at IS NOT NULL ORDER BY id")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
}

#[test]
fn archiving_unused_tags_is_one_operation_that_one_undo_restores() {
    let mut w = world(3);
    let other = tags::create(&w.conn, &NewNode::new(None, NodeKind::Group, "旧标签"), "t").unwrap();
    let old = tags::create(
        &w.conn,
        &NewNode::new(Some(other), NodeKind::Tag, "旧活动"),
        "t",
    )
    .unwrap();
    tags::set_archived(&w.conn, w.low, true, "t").unwrap();
    let count = |conn: &rusqlite::Connection| -> i64 {
        conn.query_row("SELECT count(*) FROM operations", [], |r| r.get(0))
            .unwrap()
    };
    let before = count(&w.conn);

    let newly = tags::archive_many(&mut w.conn, &[w.silent, w.low, other], "t").unwrap();
    assert_eq!(
        newly, 3,
        "沉默, the group 旧标签 and its tag; 低活 was archived already"
    );
    assert_eq!(archived(&w.conn), {
        let mut ids = vec![w.low, w.silent, other, old];
        ids.sort();
        ids
    });
    assert_eq!(count(&w.conn), before + 1, "one operation");

    let op = operations::own_latest(&w.conn, "t", None).unwrap().unwrap();
    assert!(op.can_undo);
    operations::undo(&mut w.conn, &[op.id], "t").unwrap();
    assert_eq!(
        archived(&w.conn),
        vec![w.low],
        "低活 stays archived, as before"
    );
    assert!(tags::archive_many(&mut w.conn, &[], "t").is_err());
}

#[test]
fn a_selection_suggests_tags_it_holds_far_more_often_than_everyone() {
    let mut w = world(100);
    let c = w.customers.clone();
    // The selection is everyone with 高活; most of them are 低活 too, few others are.
    give(&mut w.conn, w.high, &c[0..10], TagSource::Manual);
    give(&mut w.conn, w.low, &c[0..8], TagSource::Manual);
    give(&mut w.conn, w.low, &c[50..52], TagSource::Manual);
    give(&mut w.conn, w.silent, &c[10..90], TagSource::Manual);
    let index = Index::build(&w.conn).unwrap();
    let selection = Selection::Condition {
        condition: Condition::Tags {
            tag_ids: vec![w.high],
            mode: SetMode::All,
        },
    };
    let list =
        health::suggestions(&w.conn, &index, &selection, &SuggestionQuery::default()).unwrap();
    assert_eq!(list.selected, 10);
    assert_eq!(list.thresholds.min_lift, 1.5);
    let ids: Vec<i64> = list.suggestions.iter().map(|s| s.tag_id).collect();
    assert_eq!(
        ids,
        vec![w.low],
        "高活 is held by all, 沉默 by none of them"
    );
    let low = &list.suggestions[0];
    assert_eq!((low.holders, low.would_get), (8, 2));
    assert!((low.support - 0.8).abs() < 1e-9);
    assert!((low.lift - 8.0).abs() < 1e-9, "0.8 / 0.1");

    let preview = health::suggestion_preview(&w.conn, &index, &selection, w.low, 5).unwrap();
    assert_eq!(preview.customer_ids, vec![c[8], c[9]]);
    assert_eq!(preview.sample.len(), 2);

    let strict = health::suggestions(
        &w.conn,
        &index,
        &Selection::Customers {
            ids: c[0..10].to_vec(),
        },
        &SuggestionQuery {
            min_support: Some(0.9),
            ..Default::default()
        },
    )
    .unwrap();
    assert!(strict.suggestions.is_empty(), "0.8 is under 0.9");
}

#[test]
fn a_bulk_archive_and_its_undo_reach_the_colleagues() {
    let dir = tempfile::tempdir().unwrap();
    let mut team = crate::team_exchange::team_of(2, dir.path());
    let group = tags::create(
        &team[0],
        &NewNode::new(None, NodeKind::Group, "旧活动"),
        "t",
    )
    .unwrap();
    let tag = |name| {
        tags::create(
            &team[0],
            &NewNode::new(Some(group), NodeKind::Tag, name),
            "t",
        )
        .unwrap()
    };
    let (a, b) = (tag("双十一"), tag("618"));
    crate::team_exchange::send(&mut team, 0, 1);
    let archived_there = |team: &[rusqlite::Connection]| -> Vec<String> {
        team[1]
            .prepare(
                "SELECT name FROM tag_nodes WHERE archived_at IS NOT NULL
                 AND name IN ('双十一', '618') ORDER BY name",
            )
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap()
    };

    tags::archive_many(&mut team[0], &[a, b], "t").unwrap();
    crate::team_exchange::send(&mut team, 0, 1);
    assert_eq!(archived_there(&team), vec!["618", "双十一"]);

    let op = operations::own_latest(&team[0], "t", None)
        .unwrap()
        .unwrap();
    operations::undo(&mut team[0], &[op.id], "t").unwrap();
    crate::team_exchange::send(&mut team, 0, 1);
    assert!(archived_there(&team).is_empty(), "the undo travels too");
}
