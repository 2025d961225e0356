//! The desk on database files that are not plain writable TagDesk databases: what the user is
//! told, and what they can do next.

use std::path::PathBuf;
use tagdesk_core::db;
use tagdesk_core::demo::DemoSpec;
use tagdesk_core::desk::Desk;
use tagdesk_core::ErrorCode;

fn tiny() -> DemoSpec {
    DemoSpec {
        customers: 20,
        ..DemoSpec::small()
    }
}

/// A data folder whose last database is the user's own (closed again), and its path.
fn own_database() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = Desk::start(dir.path().to_path_buf(), tiny());
    let status = desk.create(None).unwrap();
    // The index is built on a thread with a read connection of its own, which would keep the
    // closed database's write-ahead log alive while a test empties or damages the file.
    desk.indexed().unwrap();
    drop(desk);
    (dir, PathBuf::from(status.database.unwrap().path))
}

#[test]
fn an_empty_last_database_is_reported_and_a_new_one_can_be_started_in_it() {
    let (dir, path) = own_database();
    std::fs::write(&path, b"").unwrap();

    let mut desk = Desk::start(dir.path().to_path_buf(), tiny());
    let problem = desk.status().problem.expect("the empty file is reported");
    assert_eq!(problem.error.code, ErrorCode::DatabaseEmpty);
    assert_eq!(std::fs::metadata(&path).unwrap().len(), 0, "left as it was");

    let status = desk.start_in_empty().unwrap();
    assert_eq!(status.database.unwrap().path, path.display().to_string());
    assert!(status.problem.is_none());
}

#[test]
fn starting_in_an_empty_file_needs_one_that_failed_to_open() {
    let (dir, _) = own_database();
    let mut desk = Desk::start(dir.path().to_path_buf(), tiny());
    let err = desk.start_in_empty().unwrap_err();
    assert_eq!(err.code(), ErrorCode::NoDatabase);
}

#[cfg(unix)]
#[test]
fn a_read_only_database_opens_read_only_and_refuses_changes() {
    use std::os::unix::fs::PermissionsExt;
    let (dir, path) = own_database();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
    let before = std::fs::read(&path).unwrap();

    let mut desk = Desk::start(dir.path().to_path_buf(), tiny());
    let status = desk.status();
    let database = status.database.expect("the read-only file is open");
    assert!(database.read_only, "the UI is told, for its banner");

    let err = db::meta_set(desk.conn().unwrap(), "marker", "x").unwrap_err();
    assert_eq!(err.code(), ErrorCode::ReadOnly, "{err}");
    assert!(desk.indexed().is_ok(), "segments can still be read");
    drop(desk);
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "the file is unchanged"
    );
}
