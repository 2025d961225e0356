//! An import the process does not survive: the data stays as it was, and the next opening
//! says which import was lost (journey 5, "the laptop dies during an import").

use crate::import_customers;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;
use std::sync::atomic::AtomicBool;
use tagdesk_core::demo::DemoSpec;
use tagdesk_core::desk::Desk;
use tagdesk_core::import::{self, ImportSpec};
use tagdesk_core::work::Work;
use tagdesk_core::{db, interrupted};

fn customers(conn: &rusqlite::Connection) -> i64 {
    conn.query_row("SELECT count(*) FROM customers", [], |r| r.get(0))
        .unwrap()
}

fn member_list(dir: &Path, rows: usize) -> std::path::PathBuf {
    let mut csv = String::from("姓名,手机\n");
    for i in 0..rows {
        csv.push_str(&format!("客户{i},139{i:08}\n"));
    }
    let path = dir.join("会员.csv");
    std::fs::write(&path, csv).unwrap();
    path
}

#[test]
fn an_import_cut_off_half_way_keeps_nothing_and_the_next_opening_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let db_path = dir.path().join("shop.sqlite");
    let file = member_list(dir.path(), 3_000);
    {
        let mut conn = db::create(&db_path).unwrap();
        tagdesk_core::customers::create(
            &conn,
            &tagdesk_core::customers::CustomerInput {
                name: "老客户".into(),
                ..Default::default()
            },
            "t",
        )
        .unwrap();
        // The process "dies" once rows are being written: unwinding past the open
        // transaction is what a killed process leaves, uncommitted pages and all.
        let died = catch_unwind(AssertUnwindSafe(|| {
            import::run(
                &mut conn,
                &ImportSpec::customers(&file),
                "店长",
                &|done, _| assert!(done < 1_000, "the laptop's battery ran out"),
                &AtomicBool::new(false),
            )
        }));
        assert!(died.is_err());
    }

    let mut desk = Desk::start(dir.path().join("data"), DemoSpec::small());
    let status = desk.open(&db_path).unwrap();
    let database = status.database.unwrap();
    assert_eq!(database.interrupted.len(), 1);
    let lost = &database.interrupted[0];
    assert_eq!(
        lost.work,
        Work::CustomersImport {
            file: file.display().to_string()
        }
    );
    assert_eq!(lost.actor, "店长");
    let conn = desk.conn().unwrap();
    assert_eq!(customers(conn), 1);

    let status = desk.dismiss_interrupted().unwrap();
    assert!(status.database.unwrap().interrupted.is_empty());
    let status = desk.open(&db_path).unwrap();
    assert!(status.database.unwrap().interrupted.is_empty());
}

#[test]
fn finished_and_refused_imports_leave_no_note() {
    let dir = tempfile::tempdir().unwrap();
    let file = member_list(dir.path(), 20);
    let mut conn = db::create(&dir.path().join("shop.sqlite")).unwrap();
    let no_progress = |_: usize, _: usize| {};
    import_customers(&mut conn, &file).unwrap();
    assert_eq!(customers(&conn), 20);
    let missing = ImportSpec::customers(&dir.path().join("nowhere.xlsx"));
    import::run(
        &mut conn,
        &missing,
        "t",
        &no_progress,
        &AtomicBool::new(false),
    )
    .unwrap_err();
    assert_eq!(interrupted::list(&conn).unwrap(), vec![]);
}
