use super::*;
use tempfile::TempDir;

fn temp() -> TempDir {
    tempfile::tempdir().expect("temp dir")
}

#[test]
fn create_then_open_round_trips_and_sets_the_schema_version() {
    let dir = temp();
    let path = dir.path().join("a.sqlite");
    create(&path).unwrap();
    let conn = open(&path).unwrap();
    let v: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(v, SCHEMA_VERSION);
    let fk: i64 = conn
        .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
        .unwrap();
    assert_eq!(fk, 1, "foreign keys must be enforced");
    let mode: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
}

#[test]
fn create_refuses_an_existing_file() {
    let dir = temp();
    let path = dir.path().join("a.sqlite");
    std::fs::write(&path, b"precious").unwrap();
    assert!(matches!(create(&path), Err(Error::AlreadyExists(_))));
    assert_eq!(std::fs::read(&path).unwrap(), b"precious");
}

#[test]
fn opening_a_missing_file_says_so_and_creates_nothing() {
    let dir = temp();
    let path = dir.path().join("gone.sqlite");
    assert!(matches!(open(&path), Err(Error::DatabaseMissing(_))));
    assert!(!path.exists());
}

#[test]
fn opening_garbage_reports_corruption_and_leaves_the_file_untouched() {
    let dir = temp();
    let path = dir.path().join("junk.sqlite");
    let junk = b"this is not a database, it is a shopping list".repeat(200);
    std::fs::write(&path, &junk).unwrap();
    let err = open(&path).unwrap_err();
    assert!(matches!(err, Error::DatabaseCorrupt { .. }), "got {err:?}");
    assert_eq!(std::fs::read(&path).unwrap(), junk);
}

#[test]
fn opening_a_truncated_database_reports_corruption() {
    let dir = temp();
    let path = dir.path().join("t.sqlite");
    {
        let conn = create(&path).unwrap();
        let tx = conn.unchecked_transaction().unwrap();
        for i in 0..5000 {
            tx.execute(
                "INSERT INTO customers(name, created_at, updated_at) VALUES (?1, 0, 0)",
                [format!("customer {i}")],
            )
            .unwrap();
        }
        tx.commit().unwrap();
        conn.pragma_update(None, "wal_checkpoint", "TRUNCATE").ok();
    }
    let bytes = std::fs::read(&path).unwrap();
    std::fs::write(&path, &bytes[..bytes.len() / 2]).unwrap();
    let err = open(&path).unwrap_err();
    assert!(matches!(err, Error::DatabaseCorrupt { .. }), "got {err:?}");
}

#[test]
fn a_database_from_a_newer_version_is_refused_unchanged() {
    let dir = temp();
    let path = dir.path().join("new.sqlite");
    {
        let conn = create(&path).unwrap();
        conn.pragma_update(None, "user_version", SCHEMA_VERSION + 5)
            .unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    match open(&path) {
        Err(Error::DatabaseTooNew {
            found, supported, ..
        }) => {
            assert_eq!(found, SCHEMA_VERSION + 5);
            assert_eq!(supported, SCHEMA_VERSION);
        }
        other => panic!("expected DatabaseTooNew, got {other:?}"),
    }
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn another_programs_sqlite_file_is_not_taken_over() {
    let dir = temp();
    let path = dir.path().join("other.sqlite");
    {
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch("CREATE TABLE notes(x); INSERT INTO notes VALUES (1);")
            .unwrap();
    }
    let err = open(&path).unwrap_err();
    assert!(matches!(err, Error::DatabaseCorrupt { .. }), "got {err:?}");
    let conn = Connection::open(&path).unwrap();
    let n: i64 = conn
        .query_row("SELECT count(*) FROM notes", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 1);
}

#[test]
fn backup_can_be_listed_and_restored_and_the_replaced_file_is_kept() {
    let dir = temp();
    let path = dir.path().join("shop.sqlite");
    let conn = create(&path).unwrap();
    meta_set(&conn, "marker", "before").unwrap();
    let backup = make_backup(&conn, &path, "manual").unwrap();
    meta_set(&conn, "marker", "after").unwrap();
    drop(conn);

    let listed = list_backups(&path).unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].path, backup.display().to_string());

    let set_aside = restore_backup(&path, &backup).unwrap();
    let restored = open(&path).unwrap();
    assert_eq!(
        meta_get(&restored, "marker").unwrap().as_deref(),
        Some("before")
    );
    let old = open(&set_aside).unwrap();
    assert_eq!(meta_get(&old, "marker").unwrap().as_deref(), Some("after"));
}

#[test]
fn restore_refuses_a_file_that_is_not_one_of_the_backups() {
    let dir = temp();
    let path = dir.path().join("shop.sqlite");
    create(&path).unwrap();
    let stranger = dir.path().join("stranger.sqlite");
    std::fs::write(&stranger, b"x").unwrap();
    assert!(matches!(
        restore_backup(&path, &stranger),
        Err(Error::Invalid { .. })
    ));
}

#[test]
fn a_blank_sqlite_file_is_initialised_without_a_backup() {
    let dir = temp();
    let path = dir.path().join("blank.sqlite");
    Connection::open(&path)
        .unwrap()
        .execute_batch("VACUUM")
        .unwrap();
    assert!(
        std::fs::metadata(&path).unwrap().len() > 0,
        "a header, no tables"
    );
    let conn = open(&path).unwrap();
    let v: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(v, SCHEMA_VERSION);
    assert!(list_backups(&path).unwrap().is_empty());
}

#[cfg(unix)]
fn mode(path: &std::path::Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[cfg(unix)]
#[test]
fn a_new_database_and_its_log_are_readable_by_their_owner_only() {
    let dir = temp();
    let path = dir.path().join("shop.sqlite");
    let conn = create(&path).unwrap();
    meta_set(&conn, "marker", "x").unwrap();
    assert_eq!(mode(&path), 0o600);
    assert_eq!(mode(&dir.path().join("shop.sqlite-wal")), 0o600);
}

#[cfg(unix)]
#[test]
fn backups_and_a_restored_database_are_readable_by_their_owner_only() {
    let dir = temp();
    let path = dir.path().join("shop.sqlite");
    let conn = create(&path).unwrap();
    let backup = make_backup(&conn, &path, "manual").unwrap();
    let second = make_backup(&conn, &path, "manual").unwrap();
    drop(conn);
    assert_ne!(
        backup, second,
        "a second backup in the same second keeps the first"
    );
    assert_eq!(mode(&backup), 0o600);
    assert_eq!(mode(backup.parent().unwrap()), 0o700);
    restore_backup(&path, &backup).unwrap();
    assert_eq!(mode(&path), 0o600);
}

#[test]
fn restore_refuses_a_path_that_climbs_out_of_the_backups_folder() {
    let dir = temp();
    let path = dir.path().join("shop.sqlite");
    let conn = create(&path).unwrap();
    let backup = make_backup(&conn, &path, "manual").unwrap();
    drop(conn);
    let name = backup.file_name().unwrap();
    let outside = dir.path().join(name);
    std::fs::copy(&backup, &outside).unwrap();
    let climbing = backup.parent().unwrap().join("..").join(name);
    let err = restore_backup(&path, &climbing).unwrap_err();
    assert!(matches!(err, Error::Invalid { .. }), "got {err:?}");
    assert!(open(&path).is_ok(), "the database is still in place");
}

#[test]
fn restore_refuses_a_file_in_the_backups_folder_not_named_as_a_backup() {
    let dir = temp();
    let path = dir.path().join("shop.sqlite");
    let conn = create(&path).unwrap();
    let backup = make_backup(&conn, &path, "manual").unwrap();
    drop(conn);
    let stray = backup.with_file_name("notes.sqlite");
    std::fs::copy(&backup, &stray).unwrap();
    assert!(matches!(
        restore_backup(&path, &stray),
        Err(Error::Invalid { .. })
    ));
    assert_eq!(
        list_backups(&path).unwrap().len(),
        1,
        "only backups are listed"
    );
}

#[cfg(unix)]
#[test]
fn restore_refuses_a_link_in_the_backups_folder_to_a_file_elsewhere() {
    let dir = temp();
    let path = dir.path().join("shop.sqlite");
    let conn = create(&path).unwrap();
    let backup = make_backup(&conn, &path, "manual").unwrap();
    drop(conn);
    let elsewhere = dir.path().join("elsewhere.sqlite");
    std::fs::rename(&backup, &elsewhere).unwrap();
    std::os::unix::fs::symlink(&elsewhere, &backup).unwrap();
    assert!(matches!(
        restore_backup(&path, &backup),
        Err(Error::Invalid { .. })
    ));
}

#[test]
fn a_bulk_change_inside_an_exchange_keeps_the_exchanges_cache_and_each_gives_back_what_it_found() {
    let dir = temp();
    let path = dir.path().join("a.sqlite");
    create(&path).unwrap();
    let mut conn = open(&path).unwrap();
    let size = |conn: &Connection| -> i64 {
        conn.query_row("PRAGMA cache_size", [], |r| r.get(0))
            .unwrap()
    };
    with_exchange_cache(&mut conn, |conn| {
        with_bulk_cache(conn, |conn| {
            assert_eq!(
                size(conn),
                -EXCHANGE_CACHE_KIB,
                "not shrunk to the bulk cache"
            );
            Ok(())
        })?;
        assert_eq!(size(conn), -EXCHANGE_CACHE_KIB);
        Ok(())
    })
    .unwrap();
    assert_eq!(size(&conn), -CACHE_KIB);
    with_bulk_cache(&mut conn, |conn| {
        assert_eq!(size(conn), -BULK_CACHE_KIB);
        Ok(())
    })
    .unwrap();
    assert_eq!(size(&conn), -CACHE_KIB);
}

/// `with_cache` hands pages back only when the work held more than the cache it sets back: it
/// must read what the page cache really holds.
#[test]
fn the_page_cache_reports_the_pages_it_holds() {
    let dir = temp();
    let path = dir.path().join("a.sqlite");
    create(&path).unwrap();
    let conn = open(&path).unwrap();
    conn.execute_batch(
        "CREATE TABLE filler(b BLOB);
         WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000)
         INSERT INTO filler SELECT zeroblob(4000) FROM n;",
    )
    .unwrap();
    let held: i64 = conn
        .query_row("SELECT sum(length(b)) FROM filler", [], |r| r.get(0))
        .unwrap();
    assert!(
        cache_bytes(&conn) >= held,
        "{} bytes cached after reading {held}",
        cache_bytes(&conn)
    );
}
