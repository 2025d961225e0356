//! `tagdesk-cli export`: files that read back, a segment's members, and refusals.

use super::{cli, imported, s};
use rusqlite::Connection;
use std::path::Path;
use tagdesk_core::conditions::{Condition, FieldOp, Index};
use tagdesk_core::db;
use tagdesk_core::segments::{self, SegmentInput, SegmentKind};
use tagdesk_core::spreadsheet::{self, Cell, ReadOptions};

fn text_rows(path: &Path) -> Vec<Vec<String>> {
    let table = spreadsheet::read(path, &ReadOptions::default()).unwrap();
    table
        .rows
        .iter()
        .map(|r| r.iter().map(Cell::text).collect())
        .collect()
}

fn column(rows: &[Vec<String>], header: &str) -> Vec<String> {
    let at = rows[0]
        .iter()
        .position(|h| h == header)
        .unwrap_or_else(|| panic!("a column {header} in {:?}", rows[0]));
    rows[1..].iter().map(|r| r[at].clone()).collect()
}

#[test]
fn export_writes_every_customer_to_csv_and_xlsx_that_read_back() {
    let dir = tempfile::tempdir().unwrap();
    let db = imported(dir.path());
    for name in ["all.csv", "all.xlsx"] {
        let out = dir.path().join(name);

        let run = cli(&["export", s(&out), "--db", s(&db)]);

        assert_eq!(run.code, Some(0), "{name}: {}", run.stderr);
        let rows = text_rows(&out);
        assert_eq!(rows.len(), 3, "{name}: a header and two customers");
        assert_eq!(column(&rows, "姓名"), ["王伟", "李娜"], "{name}");
        assert_eq!(column(&rows, "外部编号"), ["C001", "C002"], "{name}");
    }
}

#[test]
fn export_of_a_saved_segment_writes_only_its_members() {
    let dir = tempfile::tempdir().unwrap();
    let db = imported(dir.path());
    let mut conn: Connection = db::open(&db).unwrap();
    let index = Index::build(&conn).unwrap();
    let in_hangzhou = SegmentInput {
        name: "杭州客户".into(),
        kind: SegmentKind::Dynamic,
        condition: Condition::And {
            children: vec![Condition::Field {
                field: "city".into(),
                op: FieldOp::Eq,
                values: vec!["杭州".into()],
            }],
        },
        pinned: false,
    };
    segments::create(&mut conn, &index, &in_hangzhou, "t").unwrap();
    drop(conn);
    let out = dir.path().join("hangzhou.csv");

    let run = cli(&["export", s(&out), "--db", s(&db), "--segment", "杭州客户"]);

    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_eq!(column(&text_rows(&out), "姓名"), ["王伟"]);
}

#[test]
fn export_of_an_unknown_segment_fails_on_stderr_and_writes_no_file() {
    let dir = tempfile::tempdir().unwrap();
    let db = imported(dir.path());
    let out = dir.path().join("none.csv");

    let run = cli(&["export", s(&out), "--db", s(&db), "--segment", "不存在"]);

    assert_eq!(run.code, Some(1));
    assert!(run.stderr.contains("“不存在”"), "{}", run.stderr);
    assert!(!out.exists());
}

#[test]
fn export_to_another_extension_is_refused_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = imported(dir.path());
    let out = dir.path().join("customers.txt");

    let run = cli(&["export", s(&out), "--db", s(&db)]);

    assert_eq!(run.code, Some(2));
    assert!(run.stderr.contains(".txt"), "{}", run.stderr);
    assert!(!out.exists());
}

#[test]
fn export_and_rfm_refuse_a_missing_database_instead_of_creating_one() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("typo.sqlite");
    let out = dir.path().join("out.csv");
    for run in [
        cli(&["export", s(&out), "--db", s(&db)]),
        cli(&["rfm", "--db", s(&db)]),
    ] {
        assert_eq!(run.code, Some(1));
        assert!(run.stderr.contains("not found"), "{}", run.stderr);
    }
    assert!(!db.exists());
}
