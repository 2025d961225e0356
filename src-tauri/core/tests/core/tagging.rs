use crate::*;
use tagdesk_core::customers::CustomerQuery;
use tagdesk_core::customers::HistoryNote;
use tagdesk_core::operations;
use tagdesk_core::provenance::TagAction;
use tagdesk_core::tagging::{add, remove, TagSource, TagTarget};

#[test]
fn bulk_tagging_a_filtered_list_changes_exactly_the_matches_and_undo_restores() {
    let mut conn = demo_db(300);
    let vip = tag(&conn, "VIP");
    let seed = tag(&conn, "种子用户");
    let query = CustomerQuery {
        tag_ids: vec![vip],
        ..Default::default()
    };
    let vips = scalar(
        &conn,
        "SELECT count(*) FROM assignments WHERE tag_id = ?1",
        vip,
    );
    let already = scalar(
        &conn,
        "SELECT count(*) FROM assignments a WHERE a.tag_id = ?1 AND EXISTS
           (SELECT 1 FROM assignments b WHERE b.customer_id = a.customer_id AND b.tag_id = (SELECT id FROM tag_nodes WHERE name = 'VIP'))",
        seed,
    );
    let before = scalar(
        &conn,
        "SELECT count(*) FROM assignments WHERE tag_id = ?1",
        seed,
    );
    let report = add(
        &mut conn,
        &TagTarget::Matching { query },
        seed,
        TagSource::Manual,
        "李娜",
    )
    .unwrap();
    assert_eq!(
        report.changed,
        vips - already,
        "only VIPs lacking the tag changed"
    );
    let after = scalar(
        &conn,
        "SELECT count(*) FROM assignments WHERE tag_id = ?1",
        seed,
    );
    assert_eq!(after, before + report.changed);
    let logged = scalar(
        &conn,
        "SELECT count(*) FROM tag_batch_members WHERE batch_id = ?1",
        report.batch_id,
    );
    assert_eq!(logged, report.changed, "one history row per change");

    operations::undo(&mut conn, &[report.operation_id], "李娜").unwrap();
    assert_eq!(
        scalar(
            &conn,
            "SELECT count(*) FROM assignments WHERE tag_id = ?1",
            seed
        ),
        before
    );
}

#[test]
fn bulk_remove_is_undone_with_original_provenance() {
    let mut conn = demo_db(200);
    let active = tag(&conn, "高活");
    let rows = |conn: &rusqlite::Connection| -> Vec<(i64, String, String, i64)> {
        conn.prepare(
            "SELECT customer_id, source, actor, at FROM assignments WHERE tag_id = ?1 ORDER BY 1",
        )
        .unwrap()
        .query_map([active], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
    };
    let before = rows(&conn);
    assert!(!before.is_empty());
    let everyone = TagTarget::Matching {
        query: CustomerQuery::default(),
    };
    let report = remove(&mut conn, &everyone, active, TagSource::Manual, "王强").unwrap();
    assert_eq!(report.changed as usize, before.len());
    assert!(rows(&conn).is_empty());
    operations::undo(&mut conn, &[report.operation_id], "王强").unwrap();
    assert_eq!(rows(&conn), before);
}

#[test]
fn the_tree_counts_follow_tagging_and_soft_deletes() {
    let mut conn = demo_db(100);
    let budget = tag(&conn, "预算充足");
    let count = |conn: &rusqlite::Connection| tree_count(conn, budget);
    let start = count(&conn);
    let id = add_customer(&conn, "新客户", None, None);
    add(
        &mut conn,
        &TagTarget::Customers { ids: vec![id] },
        budget,
        TagSource::Manual,
        "t",
    )
    .unwrap();
    assert_eq!(count(&conn), start + 1);
    tagdesk_core::customers::soft_delete(&mut conn, &[id], "t").unwrap();
    assert_eq!(count(&conn), start, "a deleted customer does not count");
    tagdesk_core::customers::restore(&mut conn, &[id], "t").unwrap();
    assert_eq!(count(&conn), start + 1, "restoring brings the count back");
}

#[test]
fn a_bulk_change_and_its_undo_appear_in_each_customers_history() {
    let mut conn = demo_db(60);
    let budget = tag(&conn, "预算充足");
    let c = add_customer(&conn, "历史客户", None, None);
    let report = add(
        &mut conn,
        &TagTarget::Matching {
            query: CustomerQuery::default(),
        },
        budget,
        TagSource::Manual,
        "李娜",
    )
    .unwrap();
    operations::undo(&mut conn, &[report.operation_id], "王强").unwrap();
    let history = tagdesk_core::customers::profile(&conn, c).unwrap().history;
    let mine: Vec<(TagAction, String, Option<HistoryNote>)> = history
        .iter()
        .filter(|h| h.tag_id == budget)
        .map(|h| (h.action, h.actor.clone(), h.note.clone()))
        .collect();
    assert_eq!(mine.len(), 2, "{mine:?}");
    assert!(mine.contains(&(TagAction::Add, "李娜".into(), None)));
    assert!(mine.iter().any(|(a, who, note)| *a == TagAction::Remove
        && who == "王强"
        && matches!(note, Some(HistoryNote::Undo { .. }))));
}

#[test]
fn tagging_all_matching_a_search_without_letters_is_refused_and_tags_no_one() {
    let mut conn = demo_db(50);
    let seed = tag(&conn, "种子用户");
    let before = scalar(
        &conn,
        "SELECT count(*) FROM assignments WHERE tag_id = ?1",
        seed,
    );
    for unsearchable in ["%", "-", "😀"] {
        let target = TagTarget::Matching {
            query: CustomerQuery {
                search: Some(unsearchable.into()),
                ..Default::default()
            },
        };
        let err = add(&mut conn, &target, seed, TagSource::Manual, "t")
            .expect_err("an unsearchable term is not everyone");
        assert_eq!(err.code(), tagdesk_core::ErrorCode::SearchWithoutLetters);
        let err =
            remove(&mut conn, &target, seed, TagSource::Manual, "t").expect_err("nor for removing");
        assert_eq!(err.code(), tagdesk_core::ErrorCode::SearchWithoutLetters);
    }
    assert_eq!(
        scalar(
            &conn,
            "SELECT count(*) FROM assignments WHERE tag_id = ?1",
            seed
        ),
        before,
        "no one was tagged"
    );
}

/// From 10,000 members a batch's counts are all its members less the deleted customers' when
/// those are few (`tags::stats`), else each member's customer is looked up: either way the
/// tree counts the live customers holding the tag.
#[test]
fn the_counts_of_a_large_batch_leave_deleted_customers_out_either_way() {
    let mut conn = demo_db(12_000);
    let budget = tag(&conn, "预算充足");
    let seed = tag(&conn, "种子用户");
    let live_holders = |conn: &rusqlite::Connection, tag: i64| {
        scalar(
            conn,
            "SELECT count(*) FROM assignments a JOIN customers c ON c.id = a.customer_id
             WHERE a.tag_id = ?1 AND c.deleted_at IS NULL",
            tag,
        )
    };
    let everyone = TagTarget::Matching {
        query: CustomerQuery::default(),
    };
    add(&mut conn, &everyone, budget, TagSource::Manual, "t").unwrap();
    let all = all_customers(&conn);
    let listed = TagTarget::Customers { ids: all.clone() };
    let check = |conn: &mut rusqlite::Connection, what: &str| {
        for tag in [budget, seed] {
            assert_eq!(tree_count(conn, tag), live_holders(conn, tag), "{what}");
        }
    };
    // Few deleted: 300 of 12,000, after the tag was taken from everyone. Undoing that gives
    // it back to the deleted ones too (a received bulk tag names deleted customers alike).
    let taken = remove(&mut conn, &listed, budget, TagSource::Manual, "t").unwrap();
    tagdesk_core::customers::soft_delete(&mut conn, &all[..300], "t").unwrap();
    check(&mut conn, "taken, then few deleted");
    operations::undo(&mut conn, &[taken.operation_id], "t").unwrap();
    check(&mut conn, "few deleted, given back");
    add(&mut conn, &listed, seed, TagSource::Manual, "t").unwrap();
    check(&mut conn, "few deleted, given");
    // Many deleted: 6,000.
    let taken = remove(&mut conn, &listed, budget, TagSource::Manual, "t").unwrap();
    tagdesk_core::customers::soft_delete(&mut conn, &all[300..6_000], "t").unwrap();
    operations::undo(&mut conn, &[taken.operation_id], "t").unwrap();
    check(&mut conn, "many deleted, given back");
}

/// How many customers the tag tree counts for `tag`.
fn tree_count(conn: &rusqlite::Connection, tag: i64) -> i64 {
    tagdesk_core::tags::tree(conn)
        .unwrap()
        .nodes
        .into_iter()
        .find(|n| n.id == tag)
        .unwrap()
        .customer_count
        .unwrap()
}
