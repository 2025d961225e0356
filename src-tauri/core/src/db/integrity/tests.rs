use super::*;
use crate::db::{create, meta_set};
use crate::error::{Error, ErrorCode};
use std::path::Path;
use std::time::Duration;

/// A database with enough customers to span many pages, checkpointed into the file.
fn database(dir: &Path) -> PathBuf {
    let path = dir.join("big.sqlite");
    let conn = create(&path).unwrap();
    let tx = conn.unchecked_transaction().unwrap();
    for i in 0..5000 {
        tx.execute(
            "INSERT INTO customers(name, created_at, updated_at) VALUES (?1, 0, 0)",
            [format!(
                "customer {i} with a name long enough to fill pages"
            )],
        )
        .unwrap();
    }
    tx.commit().unwrap();
    conn.pragma_update(None, "wal_checkpoint", "TRUNCATE")
        .unwrap();
    path
}

/// Writes garbage over the customers table's root page, which a change to `meta` never reads.
fn damage_customers(path: &Path) {
    let conn = Connection::open(path).unwrap();
    let (page, size): (i64, i64) = conn
        .query_row(
            "SELECT rootpage, (SELECT page_size FROM pragma_page_size) FROM sqlite_master
             WHERE name = 'customers'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    drop(conn);
    let mut bytes = std::fs::read(path).unwrap();
    let start = ((page - 1) * size) as usize;
    bytes[start..start + size as usize].fill(0x5A);
    std::fs::write(path, bytes).unwrap();
}

/// The file opened without the check on open, as a file above the size limit is.
fn open_unchecked(path: &Path) -> Connection {
    let conn = Connection::open(path).unwrap();
    conn.busy_timeout(Duration::from_secs(5)).unwrap();
    conn
}

#[test]
fn a_change_to_a_damaged_large_file_is_refused_though_it_comes_before_the_check_ends() {
    let dir = tempfile::tempdir().unwrap();
    let path = database(dir.path());
    damage_customers(&path);
    let conn = open_unchecked(&path);
    let check = IntegrityCheck::start_above(path.clone(), 0);
    check.guard(&conn).unwrap();

    let err = meta_set(&conn, "marker", "written").unwrap_err();
    assert_eq!(err.code(), ErrorCode::DatabaseCorrupt, "{err}");
    assert!(check.damage().is_some(), "the damage is reported");
    let kept: Option<String> = conn
        .query_row("SELECT value FROM meta WHERE key = 'marker'", [], |r| {
            r.get(0)
        })
        .ok();
    assert_eq!(kept, None, "the change was rolled back");
}

#[test]
fn a_change_to_a_sound_large_file_goes_through_once_checked() {
    let dir = tempfile::tempdir().unwrap();
    let path = database(dir.path());
    let conn = open_unchecked(&path);
    let check = IntegrityCheck::start_above(path.clone(), 0);
    check.guard(&conn).unwrap();
    meta_set(&conn, "marker", "written").unwrap();
    assert!(check.damage().is_none());
}

#[test]
fn temporary_tables_are_written_while_the_check_runs() {
    let dir = tempfile::tempdir().unwrap();
    let path = database(dir.path());
    let (done, finished) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let conn = open_unchecked(&path);
        // Never started: the check stays running for as long as this test.
        let check = IntegrityCheck::default();
        check.guard(&conn).unwrap();
        conn.execute_batch("CREATE TEMP TABLE seen(x); INSERT INTO seen VALUES (1);")
            .unwrap();
        let _ = done.send(());
    });
    assert!(
        finished.recv_timeout(Duration::from_secs(10)).is_ok(),
        "a write of temporary tables only must not wait for the check"
    );
}

#[test]
fn a_refused_commit_is_an_error_of_the_damaged_file() {
    let engine = rusqlite::Error::SqliteFailure(
        rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_CONSTRAINT_COMMITHOOK),
        None,
    );
    assert_eq!(Error::Sqlite(engine).code(), ErrorCode::DatabaseCorrupt);
}
