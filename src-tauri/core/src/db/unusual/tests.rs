use super::super::{create, meta_get, meta_set, open};
use super::*;
use crate::error::ErrorCode;
use std::time::{Duration, Instant};
use tempfile::TempDir;

fn database() -> (TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shop.sqlite");
    let conn = create(&path).unwrap();
    meta_set(&conn, "marker", "kept").unwrap();
    drop(conn);
    (dir, path)
}

#[cfg(unix)]
fn mark_read_only(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o444)).unwrap();
}

#[test]
fn a_zero_byte_file_is_reported_empty_and_left_as_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("blank.sqlite");
    std::fs::write(&path, b"").unwrap();
    let err = open(&path).unwrap_err();
    assert_eq!(err.code(), ErrorCode::DatabaseEmpty, "{err}");
    assert_eq!(
        std::fs::metadata(&path).unwrap().len(),
        0,
        "nothing was written"
    );
}

#[test]
fn a_new_database_can_be_started_in_an_empty_file_when_asked() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("blank.sqlite");
    std::fs::write(&path, b"").unwrap();
    drop(start_in_empty(&path).unwrap());
    let conn = open(&path).unwrap();
    let v: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(v, SCHEMA_VERSION);
}

#[test]
fn starting_in_an_empty_file_refuses_a_file_with_content() {
    let (_dir, path) = database();
    let err = start_in_empty(&path).unwrap_err();
    assert_eq!(err.code(), ErrorCode::AlreadyExists, "{err}");
    let conn = open(&path).unwrap();
    assert_eq!(meta_get(&conn, "marker").unwrap().as_deref(), Some("kept"));
}

#[cfg(unix)]
#[test]
fn a_read_only_file_opens_read_only_and_refuses_changes() {
    let (_dir, path) = database();
    mark_read_only(&path);
    let before = std::fs::read(&path).unwrap();
    let conn = open(&path).expect("a read-only file opens");
    assert!(conn.is_readonly(rusqlite::MAIN_DB).unwrap());
    assert_eq!(meta_get(&conn, "marker").unwrap().as_deref(), Some("kept"));
    let err = meta_set(&conn, "marker", "changed").unwrap_err();
    assert_eq!(err.code(), ErrorCode::ReadOnly, "{err}");
    drop(conn);
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "the file is unchanged"
    );
}

#[cfg(unix)]
#[test]
fn a_read_only_file_that_needs_updating_says_so() {
    let (_dir, path) = database();
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.pragma_update(None, "user_version", SCHEMA_VERSION - 1)
        .unwrap();
    drop(conn);
    mark_read_only(&path);
    let err = open(&path).unwrap_err();
    assert_eq!(err.code(), ErrorCode::ReadOnlyOutdated, "{err}");
}

#[test]
fn a_file_another_program_is_writing_is_named_as_busy() {
    let (_dir, path) = database();
    let other = rusqlite::Connection::open(&path).unwrap();
    other.execute_batch("BEGIN EXCLUSIVE").unwrap();
    let started = Instant::now();
    let err = open(&path).unwrap_err();
    assert_eq!(err.code(), ErrorCode::DatabaseBusy, "{err}");
    assert!(started.elapsed() < Duration::from_secs(10));
    other.execute_batch("ROLLBACK").unwrap();
    assert!(
        open(&path).is_ok(),
        "once the other program is done, it opens"
    );
}

#[test]
fn a_change_while_another_program_writes_is_refused_as_busy() {
    let (_dir, path) = database();
    let conn = open(&path).unwrap();
    let other = rusqlite::Connection::open(&path).unwrap();
    other.execute_batch("BEGIN EXCLUSIVE").unwrap();
    let err = meta_set(&conn, "marker", "changed").unwrap_err();
    assert_eq!(err.code(), ErrorCode::DatabaseBusy, "{err}");
    let ipc = crate::error::IpcError::from(err);
    assert!(ipc.message.contains("another program"), "{}", ipc.message);
}
