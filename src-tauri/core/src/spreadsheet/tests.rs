use super::*;
use crate::problem::Problem;
use std::path::{Path, PathBuf};

fn write(dir: &tempfile::TempDir, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

fn texts(table: &Table) -> Vec<Vec<String>> {
    table
        .rows
        .iter()
        .map(|r| r.iter().map(Cell::text).collect())
        .collect()
}

fn reason(err: crate::Error) -> Problem {
    match err {
        crate::Error::Spreadsheet { problem, .. } => problem,
        other => panic!("expected a spreadsheet error, got {other:?}"),
    }
}

#[test]
fn gbk_csv_is_detected_and_decoded() {
    let dir = tempfile::tempdir().unwrap();
    let (bytes, _, _) =
        encoding_rs::GBK.encode("姓名,手机\n王伟,138 1234 5678\n李娜,+86 139-0000-1111\n");
    let path = write(&dir, "members.csv", &bytes);
    let table = read(&path, &ReadOptions::default()).unwrap();
    assert_eq!(table.encoding.as_deref(), Some("gb18030"));
    assert_eq!(texts(&table)[1], ["王伟", "138 1234 5678"]);
}

#[test]
fn utf8_with_bom_and_tabs_are_understood() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(&dir, "a.tsv", "\u{feff}姓名\t城市\n张敏\t上海\n".as_bytes());
    let table = read(&path, &ReadOptions::default()).unwrap();
    assert_eq!(texts(&table), [["姓名", "城市"], ["张敏", "上海"]]);
}

#[test]
fn xlsx_cells_keep_their_types_and_row_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("book.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet().set_name("会员").unwrap();
    sheet.write_string(2, 0, "姓名").unwrap();
    sheet.write_string(2, 1, "生日").unwrap();
    sheet.write_string(2, 2, "手机").unwrap();
    sheet.write_string(3, 0, "王伟").unwrap();
    let date = rust_xlsxwriter::ExcelDateTime::from_ymd(2025, 1, 3).unwrap();
    let format = rust_xlsxwriter::Format::new().set_num_format("yyyy-mm-dd");
    sheet
        .write_datetime_with_format(3, 1, &date, &format)
        .unwrap();
    sheet.write_number(3, 2, 13812345678.0).unwrap();
    book.save(&path).unwrap();

    let table = read(&path, &ReadOptions::default()).unwrap();
    assert_eq!(table.sheet, "会员");
    let rows = texts(&table);
    assert_eq!(
        rows[2],
        ["姓名", "生日", "手机"],
        "row 3 of the sheet stays row 3"
    );
    assert_eq!(rows[3], ["王伟", "2025-01-03", "13812345678"]);
}

#[test]
fn broken_files_get_a_reason_that_names_the_problem() {
    let dir = tempfile::tempdir().unwrap();
    let empty = write(&dir, "empty.xlsx", b"");
    assert_eq!(
        reason(read(&empty, &ReadOptions::default()).unwrap_err()),
        Problem::FileEmpty
    );

    let truncated = write(
        &dir,
        "cut.xlsx",
        b"PK\x03\x04\x14\x00\x00\x00\x08\x00 truncated",
    );
    assert_eq!(
        reason(read(&truncated, &ReadOptions::default()).unwrap_err()),
        Problem::WorkbookDamaged
    );

    let pdf = write(&dir, "report.pdf", b"%PDF-1.4");
    assert_eq!(
        reason(read(&pdf, &ReadOptions::default()).unwrap_err()),
        Problem::NotSpreadsheet {
            extension: "pdf".into()
        }
    );

    let image = write(&dir, "photo.csv", &[0u8; 64]);
    assert_eq!(
        reason(read(&image, &ReadOptions::default()).unwrap_err()),
        Problem::FileBinary
    );

    let blank = write(&dir, "blank.csv", b" , ,\n\n");
    assert!(matches!(
        reason(read(&blank, &ReadOptions::default()).unwrap_err()),
        Problem::SheetEmpty { .. }
    ));
}

#[test]
fn excel_serial_numbers_become_dates() {
    use chrono::NaiveDate;
    assert_eq!(
        cell::excel_serial_date(45660.0),
        NaiveDate::from_ymd_opt(2025, 1, 3)
    );
    assert_eq!(
        cell::excel_serial_date(1.0),
        NaiveDate::from_ymd_opt(1900, 1, 1)
    );
    assert_eq!(cell::excel_serial_date(-3.0), None);
}

/// Every row `rows` hands over, with how often the rows started over.
fn streamed(path: &Path) -> (Vec<Vec<Cell>>, usize) {
    let mut sheet = rows(path, &ReadOptions::default()).unwrap();
    let (mut out, mut restarts) = (Vec::new(), 0);
    loop {
        match sheet.next_row().unwrap() {
            Row::Cells(cells) => out.push(cells),
            Row::End => return (out, restarts),
            Row::Again => {
                out.clear();
                restarts += 1;
            }
        }
    }
}

#[test]
fn streamed_xlsx_rows_are_the_whole_sheet_rows_gaps_and_offsets_included() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("gaps.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.write_string(2, 1, "姓名").unwrap();
    sheet.write_string(2, 3, "城市").unwrap();
    sheet.write_string(3, 3, "上海").unwrap();
    sheet.write_number(6, 1, 42.0).unwrap();
    for r in 7..3000 {
        sheet.write_string(r, 2, format!("第{r}行")).unwrap();
    }
    book.save(&path).unwrap();

    let whole = workbook::read(&path, &ReadOptions::default()).unwrap();
    let (rows, restarts) = streamed(&path);
    assert_eq!(restarts, 0, "a plain sheet streams in one go");
    assert_eq!(rows, whole.rows);
    assert_eq!(
        rows[5],
        vec![Cell::Empty; 4],
        "a gap row is as wide as the sheet"
    );
}

#[test]
fn a_sheet_declared_wider_than_its_values_starts_over_and_reads_whole() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("styled.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.write_string(0, 0, "姓名").unwrap();
    sheet.write_string(1, 0, "王伟").unwrap();
    // A formatted blank cell widens the declared size but holds no value.
    let bold = rust_xlsxwriter::Format::new().set_bold();
    sheet.write_blank(1, 4, &bold).unwrap();
    book.save(&path).unwrap();

    let whole = workbook::read(&path, &ReadOptions::default()).unwrap();
    let (rows, restarts) = streamed(&path);
    assert_eq!(restarts, 1);
    assert_eq!(rows, whole.rows);
    assert_eq!(
        read(&path, &ReadOptions::default()).unwrap().rows,
        whole.rows
    );
}

/// A workbook of `sheets`, each (name, rows of text).
fn book_of(path: &std::path::Path, sheets: &[(&str, &[&[&str]])]) {
    let mut book = rust_xlsxwriter::Workbook::new();
    for (name, rows) in sheets {
        let sheet = book.add_worksheet().set_name(*name).unwrap();
        for (r, row) in rows.iter().enumerate() {
            for (c, text) in row.iter().enumerate() {
                sheet.write_string(r as u32, c as u16, *text).unwrap();
            }
        }
    }
    book.save(path).unwrap();
}

#[test]
fn the_sheet_read_by_default_is_the_first_that_holds_a_table() {
    let dir = tempfile::tempdir().unwrap();
    let list: &[&[&str]] = &[&["姓名", "手机"], &["王伟", "13812345678"]];
    let notes: &[&[&str]] = &[&["本文件由系统导出"], &["请勿修改表头"]];
    for (sheets, want) in [
        (vec![("说明", notes), ("会员", list)], "会员"),
        (vec![("一月", list), ("二月", list)], "一月"),
        (vec![("说明", notes)], "说明"),
        (vec![("说明", notes), ("备注", notes)], "说明"),
    ] {
        let path = dir.path().join("book.xlsx");
        book_of(&path, &sheets);
        let table = read(&path, &ReadOptions::default()).unwrap();
        assert_eq!(
            table.sheet,
            want,
            "{:?}",
            sheets.iter().map(|s| s.0).collect::<Vec<_>>()
        );
        let (rows, _) = streamed(&path);
        assert_eq!(rows, table.rows, "the streamed read opens the same sheet");
    }
}

/// Excel's "Unicode text" (UTF-16 little-endian with a BOM, tab-separated, CRLF).
#[test]
fn excels_unicode_text_utf16_with_a_bom_is_read_like_other_text_files() {
    let dir = tempfile::tempdir().unwrap();
    for (name, big_endian) in [("会员.txt", false), ("members.txt", true)] {
        let text = "姓名\t手机\t城市\r\n王伟\t13812345678\t杭州\r\n李娜\t\t上海\r\n";
        let mut bytes: Vec<u8> = if big_endian {
            vec![0xFE, 0xFF]
        } else {
            vec![0xFF, 0xFE]
        };
        for unit in text.encode_utf16() {
            let pair = if big_endian {
                unit.to_be_bytes()
            } else {
                unit.to_le_bytes()
            };
            bytes.extend(pair);
        }
        let path = write(&dir, name, &bytes);
        let table = read(&path, &ReadOptions::default()).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(texts(&table)[0], ["姓名", "手机", "城市"], "{name}");
        assert_eq!(texts(&table)[1], ["王伟", "13812345678", "杭州"], "{name}");
        assert_eq!(texts(&table)[2], ["李娜", "", "上海"], "{name}");
    }
}
