//! Commands that write right after opening a database the desk's search catch-up works on.

use super::{cli, s, write};
use tagdesk_core::customers::search;
use tagdesk_core::db;

/// A large import leaves its search entries to the desk's catch-up, which the next command
/// starts on opening; that command's import, reading before it writes, must wait for a
/// catch-up step to end rather than fail with "database is locked" (the monthly script runs
/// the customers file, then the orders file, back to back).
#[test]
fn an_import_right_after_a_large_one_waits_for_the_search_catch_up() {
    let dir = tempfile::tempdir().unwrap();
    let rows = search::DEFER_FROM + 1_000;
    let mut text = String::from("姓名,手机\n");
    for i in 0..rows {
        text.push_str(&format!("客户{i},139{i:08}\n"));
    }
    let file = write(dir.path(), "large.csv", &text);
    let db = dir.path().join("shop.sqlite");
    cli(&["import", s(&file), "--db", s(&db)]);

    let again = cli(&["import", s(&file), "--db", s(&db), "--json"]).json();

    assert_eq!(again["unchanged"], rows as i64);
}

/// Every command writes right after opening, while the desk's search catch-up takes its first
/// look; a transaction that read before writing fails at once ("database is locked", no
/// waiting) if the write lock is held then, so the catch-up must not take it for nothing.
#[test]
fn the_search_catch_up_with_nothing_to_do_takes_no_write_lock() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shop.sqlite");
    let writer = db::create(&path).unwrap();
    let mut worker = db::open(&path).unwrap();
    worker.busy_timeout(std::time::Duration::ZERO).unwrap();
    writer.execute_batch("BEGIN IMMEDIATE").unwrap();

    let more = search::catch_up(&mut worker, 100);

    assert!(
        matches!(more, Ok(false)),
        "nothing to catch up, and no lock asked for: {more:?}"
    );
    writer.execute_batch("ROLLBACK").unwrap();
}
