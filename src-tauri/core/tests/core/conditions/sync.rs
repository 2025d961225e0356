//! Writes that the index must follow through `refresh`, each shown once by example.

use crate::empty_db;
use rusqlite::{params, Connection};
use tagdesk_core::conditions::{Condition, Ctx, Index};
use tagdesk_core::tagging::{self, TagSource, TagTarget};
use tagdesk_core::tags::{self, NewNode, NodeKind};

const NOW: i64 = 1_763_000_000;

/// `n` customers (ids 1..=n) and one tag, whose id is returned.
fn with_customers(n: i64) -> (Connection, i64) {
    let conn = empty_db();
    let tag = tags::create_node(&conn, &NewNode::new(None, NodeKind::Tag, "回访")).unwrap();
    for i in 1..=n {
        conn.execute(
            "INSERT INTO customers(name, created_at, updated_at) VALUES (?1, ?2, ?2)",
            params![format!("c{i}"), NOW],
        )
        .unwrap();
    }
    (conn, tag)
}

fn members(conn: &Connection, index: &Index, c: &Condition) -> Vec<u32> {
    Ctx::new(conn, index, NOW).eval(c).unwrap().iter().collect()
}

#[test]
fn undoing_a_removal_puts_the_tag_back_in_a_refreshed_index() {
    let (mut conn, tag) = with_customers(3);
    conn.execute(
        "INSERT INTO assignments(tag_id, customer_id, source, actor, at)
         VALUES (?1, 2, 'manual', 't', 1)",
        [tag],
    )
    .unwrap();
    let mut index = Index::build(&conn).unwrap();
    let target = TagTarget::Customers { ids: vec![2] };
    let removal = tagging::remove(&mut conn, &target, tag, TagSource::Manual, "t").unwrap();
    // Undo re-inserts with INSERT OR IGNORE, whose conflict policy reaches into triggers.
    tagdesk_core::operations::undo(&mut conn, &[removal.operation_id], "t").unwrap();
    index.refresh(&conn).unwrap();
    assert_eq!(
        members(&conn, &index, &Condition::Tag { tag_id: tag }),
        vec![2],
        "the removal and its undo cancel out"
    );
}

/// A member list: two new customers tagged, one existing customer (c1, by phone) tagged.
fn member_list(dir: &std::path::Path) -> std::path::PathBuf {
    let path = dir.join("members.csv");
    std::fs::write(
        &path,
        "姓名,手机号,标签\n新甲,13900000001,回访\n新乙,13900000002,\nc1,13900000009,回访\n",
    )
    .unwrap();
    path
}

#[test]
fn an_import_written_in_bulk_is_followed_by_the_index_and_a_cancel_keeps_tracking_on() {
    use std::sync::atomic::AtomicBool;
    use tagdesk_core::import::{self, ImportSpec};
    let dir = tempfile::tempdir().unwrap();
    let (mut conn, tag) = with_customers(3);
    conn.execute(
        "UPDATE customers SET phone = '13900000009' WHERE id = 1",
        [],
    )
    .unwrap();
    let mut index = Index::build(&conn).unwrap();
    let spec = ImportSpec::customers(&member_list(dir.path()));

    // Cancelled once its new rows are being written: nothing changes, tracking stays on.
    let cancel = AtomicBool::new(false);
    let cancel_when_writing = |done: usize, _| {
        if done > 0 {
            cancel.store(true, std::sync::atomic::Ordering::Relaxed);
        }
    };
    let cancelled = import::run(&mut conn, &spec, "t", &cancel_when_writing, &cancel);
    assert!(cancelled.is_err());
    let target = TagTarget::Customers { ids: vec![3] };
    tagging::add(&mut conn, &target, tag, TagSource::Manual, "t").unwrap();
    index.refresh(&conn).unwrap();
    assert_eq!(
        members(&conn, &index, &Condition::Tag { tag_id: tag }),
        vec![3]
    );

    let report = import::run(&mut conn, &spec, "t", &|_, _| {}, &AtomicBool::new(false)).unwrap();
    assert_eq!((report.summary.new, report.summary.updated), (2, 1));
    index.refresh(&conn).unwrap();
    let everyone = Condition::And { children: vec![] };
    assert_eq!(members(&conn, &index, &everyone), vec![1, 2, 3, 4, 5]);
    assert_eq!(
        members(&conn, &index, &Condition::Tag { tag_id: tag }),
        vec![1, 3, 4],
        "the updated customer's tag (tracked) and the new one's (recorded in bulk)"
    );
}
