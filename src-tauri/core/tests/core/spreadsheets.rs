//! Real spreadsheet files as other programs write them (made once with LibreOffice by
//! scripts/make-fixtures.sh and committed), and broken ones: each is read as a person would
//! expect, or refused with a reason naming the file, and nothing is written.

use crate::{empty_db, import_customers, scalar};
use std::path::{Path, PathBuf};
use tagdesk_core::custom_fields::{self, CustomFieldInput, FieldKind};
use tagdesk_core::spreadsheet::{self, Cell, ReadOptions, MAX_ROWS};
use tagdesk_core::Problem;
use tagdesk_core::{Error, ErrorCode};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// Reads `path` expecting a refusal; checks it names the file and returns the whole message.
fn refusal(path: &Path) -> Problem {
    let err = spreadsheet::read(path, &ReadOptions::default()).unwrap_err();
    assert_eq!(err.code(), ErrorCode::Spreadsheet, "{err}");
    match &err {
        Error::Spreadsheet { path: named, .. } => assert_eq!(named, path),
        other => panic!("expected a spreadsheet error, got {other:?}"),
    }
    err.problem()
}

/// Tries to import `path` into a database holding one customer: it must fail with `message`
/// and leave that one customer alone.
fn import_is_refused(path: &Path, problem: &Problem) {
    let mut conn = empty_db();
    crate::add_customer(&conn, "王伟", Some("13812345678"), None);
    let err = import_customers(&mut conn, path).expect_err("the import is refused");
    assert_eq!(&err.problem(), problem, "{err}");
    assert_eq!(
        scalar(&conn, "SELECT count(*) FROM customers WHERE id >= ?1", 0),
        1,
        "nothing was written"
    );
}

#[test]
fn a_libreoffice_member_list_reads_the_same_as_xlsx_xls_and_ods() {
    for name in ["members.xlsx", "members.xls", "members.ods"] {
        let table = spreadsheet::read(&fixture(name), &ReadOptions::default()).unwrap();
        let text: Vec<Vec<String>> = table
            .rows
            .iter()
            .map(|r| r.iter().map(Cell::text).collect())
            .collect();
        assert_eq!(table.sheet, "会员", "{name}");
        assert_eq!(text[0][0], "2025年11月会员名单", "{name}: the merged title");
        assert!(
            text[0][1..].iter().all(String::is_empty),
            "{name}: the cells a merge covers are empty"
        );
        assert_eq!(
            text[1],
            [
                "姓名",
                "手机",
                "生日",
                "入会日期",
                "消费金额",
                "积分",
                "内部备注",
                "会员号"
            ],
            "{name}"
        );
        let wang = &table.rows[2];
        assert!(
            matches!(wang[2], Cell::DateTime(_)),
            "{name}: a real date stays a date, got {:?}",
            wang[2]
        );
        assert_eq!(
            text[2],
            [
                "王伟",
                "13812345678",
                "1990-05-06",
                "2025/1/3",
                "1280.5",
                "128",
                "老客户，勿扰",
                "000123"
            ],
            "{name}: formulas give their cached value, numbers stored as text keep their zeros, \
             the hidden column is read"
        );
        assert_eq!(
            text[4][1], "13700002222",
            "{name}: a phone typed as a number"
        );
    }
}

#[test]
fn importing_the_member_list_skips_the_title_and_understands_every_kind_of_date() {
    let mut conn = empty_db();
    let field = |label: &str, kind: FieldKind| {
        custom_fields::create(
            &conn,
            &CustomFieldInput {
                label: label.into(),
                kind,
                options: vec![],
            },
            "t",
        )
        .unwrap()
    };
    let joined = field("入会日期", FieldKind::Date);
    let points = field("积分", FieldKind::Number);
    let path = fixture("members.xlsx");
    let report = import_customers(&mut conn, &path).unwrap();
    assert_eq!(report.summary.new, 3, "{:?}", report.problems);
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    let mut stmt = conn
        .prepare(
            "SELECT c.name, c.phone, c.birthday, c.external_id,
                    (SELECT value FROM custom_values WHERE customer_id = c.id AND field_id = ?1),
                    (SELECT value FROM custom_values WHERE customer_id = c.id AND field_id = ?2)
             FROM customers c ORDER BY c.id",
        )
        .unwrap();
    type Row = (String, String, String, String, String, String);
    let rows: Vec<Row> = stmt
        .query_map([joined, points], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
            ))
        })
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let row = |a: &str, b: &str, c: &str, d: &str, e: &str, f: &str| -> Row {
        (a.into(), b.into(), c.into(), d.into(), e.into(), f.into())
    };
    assert_eq!(
        rows,
        [
            row(
                "王伟",
                "13812345678",
                "1990-05-06",
                "000123",
                "2025-01-03",
                "128"
            ),
            row(
                "李娜",
                "13900001111",
                "1985-12-31",
                "000124",
                "2024-12-20",
                "10"
            ),
            row(
                "张敏",
                "13700002222",
                "1992-07-08",
                "000125",
                "2025-02-14",
                "0"
            ),
        ]
    );
}

#[test]
fn a_zero_byte_file_is_refused_by_name() {
    let path = fixture("zero-bytes.xlsx");
    let message = Problem::FileEmpty;
    assert_eq!(refusal(&path), message);
    import_is_refused(&path, &message);
}

#[test]
fn a_workbook_cut_off_half_way_is_called_damaged() {
    let path = fixture("truncated.xlsx");
    let message = Problem::WorkbookDamaged;
    assert_eq!(refusal(&path), message);
    import_is_refused(&path, &message);
}

#[test]
fn text_named_xlsx_is_told_apart_from_a_damaged_workbook() {
    let path = fixture("text-named.xlsx");
    let message = Problem::PlainTextWorkbook;
    assert_eq!(refusal(&path), message);
    import_is_refused(&path, &message);

    let dir = tempfile::tempdir().unwrap();
    let png = dir.path().join("photo.xlsx");
    std::fs::write(&png, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap();
    assert_eq!(refusal(&png), Problem::NotWorkbook);
}

#[test]
fn a_workbook_whose_sheet_is_empty_says_so() {
    let path = fixture("empty-sheet.xlsx");
    let message = Problem::SheetEmpty {
        sheet: "Sheet1".into(),
    };
    assert_eq!(refusal(&path), message);
    import_is_refused(&path, &message);
}

fn full_sheet_message(sheet: &str) -> Problem {
    Problem::SheetFull {
        sheet: sheet.into(),
        limit: 1_048_576,
    }
}

#[test]
fn a_sheet_filled_to_the_last_row_excel_allows_is_refused_before_it_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("全部会员.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet_with_constant_memory().unwrap();
    sheet.set_name("会员").unwrap();
    sheet.write_string(0, 0, "姓名").unwrap();
    sheet.write_string(1, 0, "王伟").unwrap();
    sheet
        .write_string(MAX_ROWS as u32 - 1, 0, "第 1048576 行")
        .unwrap();
    book.save(&path).unwrap();

    let message = full_sheet_message("会员");
    assert_eq!(refusal(&path), message);
    import_is_refused(&path, &message);
}

#[test]
fn a_csv_with_as_many_lines_as_excel_allows_is_refused_too() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("all.csv");
    let mut text = String::with_capacity(MAX_ROWS * 3);
    text.push_str("姓名\n");
    for _ in 1..MAX_ROWS {
        text.push_str("a\n");
    }
    std::fs::write(&path, text).unwrap();
    assert_eq!(refusal(&path), full_sheet_message("all.csv"));
}
