//! The index saved beside a database: read back at opening only when the database proves it
//! matches; any change behind it (another connection, a crash before the save, a damaged or
//! foreign file) makes the opening rebuild it, so a count is never stale.

use rusqlite::Connection;
use std::path::{Path, PathBuf};
use tagdesk_core::conditions::index::saved_file_of;
use tagdesk_core::conditions::{Cmp, Condition, EventMeasure, FieldOp, Index};
use tagdesk_core::db;
use tagdesk_core::demo::{self, DemoSpec};
use tagdesk_core::desk::Desk;
use tagdesk_core::segments;

fn demo_file(dir: &Path) -> PathBuf {
    let path = dir.join("saved.sqlite");
    let mut conn = db::create(&path).unwrap();
    demo::generate(
        &mut conn,
        &DemoSpec {
            customers: 400,
            now: 1_763_000_000,
            ..DemoSpec::small()
        },
    )
    .unwrap();
    path
}

/// Counts of every live tag, a field and two event windows.
fn counts(conn: &Connection, index: &Index) -> Vec<u64> {
    let tags: Vec<i64> = conn
        .prepare("SELECT id FROM tag_nodes WHERE kind = 'tag' AND deleted_at IS NULL ORDER BY id")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    let mut conditions: Vec<Condition> = tags
        .into_iter()
        .map(|tag_id| Condition::Tag { tag_id })
        .collect();
    conditions.push(Condition::Field {
        field: "city".into(),
        op: FieldOp::In,
        values: vec!["上海".into(), "北京".into()],
    });
    for (kind, measure) in [
        ("下单", EventMeasure::SumAmount),
        ("登录", EventMeasure::Count),
    ] {
        conditions.push(Condition::Event {
            kind: kind.into(),
            property: None,
            within_days: None,
            measure,
            cmp: Cmp::Ge,
            value: 1.0,
            value2: None,
        });
    }
    conditions
        .iter()
        .map(|c| segments::count(conn, index, c).unwrap().total)
        .collect()
}

/// Opens the database as the app does and answers the first segment command: whether the
/// index was read from the saved file, and whether its counts are a fresh build's.
fn open_and_count(path: &Path) -> (bool, Vec<u64>) {
    let mut desk = Desk::on_file(path).unwrap();
    let (conn, index, _) = desk.indexed().unwrap();
    let got = (index.restored(), counts(conn, index));
    let fresh = Index::build(conn).unwrap();
    assert_eq!(got.1, counts(conn, &fresh), "counts equal a fresh build's");
    got
}

#[test]
fn a_build_reading_the_events_on_a_second_connection_counts_as_one_reading_them_in_turn() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_file(dir.path());
    let conn = db::open(&path).unwrap();
    let read_by =
        |index: &Index| -> Vec<&str> { index.build_times.iter().map(|(part, _)| *part).collect() };
    let alongside = Index::build(&conn).unwrap();
    assert!(
        read_by(&alongside).contains(&"events (read alongside)"),
        "a file's events are read on a second connection: {:?}",
        read_by(&alongside)
    );
    let mut conditions = Vec::new();
    for (kind, measure, value) in [
        ("下单", EventMeasure::SumAmount, 500.0),
        ("下单", EventMeasure::Count, 2.0),
        ("登录", EventMeasure::Count, 3.0),
    ] {
        for within_days in [None, Some(30)] {
            conditions.push(Condition::Event {
                kind: kind.into(),
                property: None,
                within_days,
                measure,
                cmp: Cmp::Ge,
                value,
                value2: None,
            });
        }
    }
    let windows = |conn: &Connection, index: &Index| -> Vec<u64> {
        let mut all = counts(conn, index);
        all.extend(
            conditions
                .iter()
                .map(|c| segments::count(conn, index, c).unwrap().total),
        );
        all
    };
    let expected = windows(&conn, &alongside);
    // Inside a transaction a second connection would miss its changes: read in turn.
    let tx = conn.unchecked_transaction().unwrap();
    let in_turn = Index::build(&tx).unwrap();
    assert!(
        read_by(&in_turn).contains(&"events"),
        "{:?}",
        read_by(&in_turn)
    );
    assert_eq!(windows(&tx, &in_turn), expected);
    assert!(expected.iter().any(|n| *n > 0), "the demo has events");
}

#[test]
fn the_second_opening_reads_the_saved_index_and_counts_as_a_fresh_build() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_file(dir.path());
    let (restored, first) = open_and_count(&path);
    assert!(!restored, "nothing was saved before the first opening");
    assert!(saved_file_of(&path).exists(), "the built index is saved");
    let (restored, second) = open_and_count(&path);
    assert!(restored, "the second opening reads the saved index");
    assert_eq!(first, second);
}

#[test]
fn closing_saves_what_changed_while_open() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_file(dir.path());
    let (_, before) = open_and_count(&path);
    {
        let mut desk = Desk::on_file(&path).unwrap();
        desk.indexed().unwrap();
        desk.conn()
            .unwrap()
            .execute(
                "DELETE FROM assignments WHERE tag_id = (SELECT min(tag_id) FROM assignments)",
                [],
            )
            .unwrap();
        desk.indexed().unwrap();
    }
    let (restored, after) = open_and_count(&path);
    assert!(restored, "closing saved the index with the change");
    assert_ne!(before, after, "the change shows in the counts");
}

#[test]
fn any_change_by_another_connection_after_the_save_makes_the_opening_rebuild() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_file(dir.path());
    open_and_count(&path);
    let other = Connection::open(&path).unwrap();
    other
        .execute_batch(
            "INSERT INTO custom_fields(key, label, kind, options, created_at)
             VALUES ('budget', '预算', 'number', '[]', 0)",
        )
        .unwrap_or_else(|e| panic!("a custom field is added: {e}"));
    let (restored, _) = open_and_count(&path);
    assert!(!restored, "a new custom field");
    for (what, sql) in [
        ("a customer's city", "UPDATE customers SET city = '拉萨' WHERE id = (SELECT min(id) FROM customers)"),
        ("a new customer", "INSERT INTO customers(name, city, created_at, updated_at) VALUES ('新客', '拉萨', 0, 0)"),
        ("a custom value", "INSERT INTO custom_values(customer_id, field_id, value) SELECT min(id), (SELECT max(id) FROM custom_fields), '5' FROM customers"),
        ("an assignment taken off", "DELETE FROM assignments WHERE (tag_id, customer_id) = (SELECT tag_id, customer_id FROM assignments LIMIT 1)"),
        ("a tag's weight", "UPDATE tag_nodes SET weight = weight + 5 WHERE id = (SELECT min(id) FROM tag_nodes WHERE kind = 'tag')"),
        ("a tag archived", "UPDATE tag_nodes SET deleted_at = 1 WHERE id = (SELECT max(id) FROM tag_nodes WHERE kind = 'tag' AND deleted_at IS NULL)"),
        ("an event removed", "DELETE FROM events WHERE id = (SELECT min(id) FROM events)"),
        ("an event moved in time", "UPDATE events SET occurred_at = occurred_at - 86400 WHERE id = (SELECT max(id) FROM events)"),
    ] {
        assert_eq!(other.execute(sql, []).unwrap(), 1, "{what}: one row written");
        let (restored, _) = open_and_count(&path);
        assert!(!restored, "{what}: the saved index is not used");
        let (restored, _) = open_and_count(&path);
        assert!(restored, "{what}: the rebuilt index was saved again");
    }
}

#[test]
fn a_write_the_save_never_followed_makes_the_opening_rebuild() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_file(dir.path());
    open_and_count(&path);
    // The process "crashes" after a committed write: the index is dropped without a save.
    let conn = db::open(&path).unwrap();
    let index = Index::restore(&conn, &path)
        .unwrap()
        .expect("saved at the close");
    conn.execute("UPDATE customers SET city = '拉萨' WHERE city = '上海'", [])
        .unwrap();
    drop(index);
    drop(conn);
    let conn = db::open(&path).unwrap();
    assert!(
        Index::restore(&conn, &path).unwrap().is_none(),
        "the database says the saved index is stale"
    );
    drop(conn);
    let (restored, _) = open_and_count(&path);
    assert!(!restored);
}

#[test]
fn a_commit_by_another_connection_while_the_saved_index_loads_makes_it_rebuild() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_file(dir.path());
    open_and_count(&path);
    let conn = db::open(&path).unwrap();
    let pending = Index::build_in_background(&conn, &path).unwrap();
    let other = Connection::open(&path).unwrap();
    other
        .execute("UPDATE customers SET city = '拉萨' WHERE city = '北京'", [])
        .unwrap();
    let index = pending.finish(&conn).unwrap();
    assert!(
        !index.restored(),
        "rebuilt: the loaded file may predate the commit"
    );
    assert_eq!(
        counts(&conn, &index),
        counts(&conn, &Index::build(&conn).unwrap())
    );
}

#[test]
fn a_damaged_or_foreign_saved_index_is_ignored_and_rebuilt() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_file(dir.path());
    open_and_count(&path);
    let saved = saved_file_of(&path);
    let good = std::fs::read(&saved).unwrap();
    let flip = |at: usize| {
        let mut b = good.clone();
        b[at] ^= 0x5a;
        b
    };
    let mut other_format = good.clone();
    other_format[8] = other_format[8].wrapping_add(1);
    let damaged: [(&str, Vec<u8>); 6] = [
        ("cut in half", good[..good.len() / 2].to_vec()),
        ("cut by one byte", good[..good.len() - 1].to_vec()),
        ("a byte changed in the middle", flip(good.len() / 2)),
        ("a byte changed near the end", flip(good.len() - 10)),
        ("another format version", other_format),
        (
            "not an index at all",
            b"hello, this is not an index".to_vec(),
        ),
    ];
    for (what, bytes) in damaged {
        std::fs::write(&saved, &bytes).unwrap();
        let (restored, _) = open_and_count(&path);
        assert!(!restored, "{what}: rebuilt");
        assert_ne!(std::fs::read(&saved).unwrap(), bytes, "{what}: replaced");
    }
    // Another database's saved index (another stamp) in its place.
    let other_dir = tempfile::tempdir().unwrap();
    let other = demo_file(other_dir.path());
    open_and_count(&other);
    std::fs::copy(saved_file_of(&other), &saved).unwrap();
    let (restored, _) = open_and_count(&path);
    assert!(!restored, "another database's index: rebuilt");
}
