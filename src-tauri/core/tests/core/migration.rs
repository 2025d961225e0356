use rusqlite::Connection;
use tagdesk_core::db;

const V1: &str = include_str!("../../migrations/0001-init/up.sql");

/// A database exactly as schema v1 left it, with one customer and one assignment.
fn v1_file(path: &std::path::Path) {
    let conn = Connection::open(path).unwrap();
    conn.execute_batch(V1).unwrap();
    conn.execute_batch(
        "PRAGMA application_id = 1413564228; PRAGMA user_version = 1;
         INSERT INTO customers(name, phone, created_at, updated_at) VALUES ('王伟', '13812345678', 0, 0);
         INSERT INTO tag_nodes(kind, name, name_key, created_at, updated_at) VALUES ('tag', 'VIP', 'vip', 0, 0);
         INSERT INTO assignments(tag_id, customer_id, source, actor, at) VALUES (1, 1, 'manual', 't', 0);",
    )
    .unwrap();
}

#[test]
fn an_older_database_is_backed_up_then_migrated_with_its_data_indexed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.sqlite");
    v1_file(&path);
    let conn = db::open(&path).unwrap();
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, db::SCHEMA_VERSION);

    let backups = db::list_backups(&path).unwrap();
    assert_eq!(backups.len(), 1, "one backup before migrating");
    let backup = Connection::open(&backups[0].path).unwrap();
    let old_version: i64 = backup
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(old_version, 1, "the backup is the file as it was");

    let counted: i64 = conn
        .query_row(
            "SELECT customers FROM tag_stats WHERE tag_id = 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(counted, 1, "counts are filled for existing assignments");
    let page = tagdesk_core::customers::list(
        &conn,
        &tagdesk_core::customers::CustomerQuery {
            search: Some("王".into()),
            limit: 10,
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(
        page.total, 1,
        "existing customers are searchable after the migration"
    );
}

#[test]
fn kinds_already_used_by_events_are_declared_by_the_migration() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.sqlite");
    v1_file(&path);
    Connection::open(&path)
        .unwrap()
        .execute(
            "INSERT INTO events(customer_id, kind, occurred_at) VALUES (1, '参加展会', 0)",
            [],
        )
        .unwrap();
    let conn = db::open(&path).unwrap();
    let kinds: Vec<String> = tagdesk_core::events::list_kinds(&conn)
        .unwrap()
        .into_iter()
        .map(|k| k.name)
        .collect();
    assert!(kinds.contains(&"参加展会".to_string()), "{kinds:?}");
    assert!(
        kinds.contains(&"下单".to_string()),
        "the starter kinds too: {kinds:?}"
    );
}

/// Migration 0030 rewrites the tag tables' texts in place: on the connection that migrated
/// (and so on every later one) their keys are checked at commit, cascades still act at once,
/// and the file stays sound.
#[test]
fn the_tag_tables_keys_are_checked_at_commit_after_the_migration() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.sqlite");
    v1_file(&path);
    let mut conn = db::open(&path).unwrap();
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
    let text: String = conn
        .query_row(
            "SELECT sql FROM sqlite_schema WHERE name = 'assignments'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(text.matches("DEFERRABLE INITIALLY DEFERRED").count(), 2);

    let tx = conn.transaction().unwrap();
    tx.execute(
        "INSERT INTO assignments(tag_id, customer_id, source, actor, at)
         VALUES (1, 999, 'manual', 't', 0)",
        [],
    )
    .expect("the statement itself no longer checks the key");
    let refused = tx.commit().expect_err("the commit checks it");
    assert!(refused.to_string().contains("FOREIGN KEY"), "{refused}");
    let kept: i64 = conn
        .query_row("SELECT count(*) FROM assignments", [], |r| r.get(0))
        .unwrap();
    assert_eq!(kept, 1, "nothing of the refused transaction stays");

    conn.execute("DELETE FROM customers WHERE id = 1", [])
        .unwrap();
    let left: i64 = conn
        .query_row("SELECT count(*) FROM assignments", [], |r| r.get(0))
        .unwrap();
    assert_eq!(left, 0, "deleting a customer still takes its tags with it");
}
