//! The error report: every rejected row with its row, column, value and reason, as .xlsx, in
//! the UI's language.

use super::RowProblem;
use crate::error::{Error, Result};
use crate::problem::{Language, Problem};
use rust_xlsxwriter::{Format, Workbook};
use std::path::Path;

pub fn write_error_report(path: &Path, problems: &[RowProblem], language: Language) -> Result<()> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let bold = Format::new().set_bold();
    // A value that looks like a formula is shown as the text it was, never run.
    let quoted = Format::new().set_quote_prefix();
    let xl = |e: rust_xlsxwriter::XlsxError| {
        Error::invalid(
            "report",
            Problem::WriteFailed {
                detail: e.to_string(),
            },
        )
    };
    for (c, title) in [
        ["行", "Row"],
        ["列", "Column"],
        ["表头", "Header"],
        ["值", "Value"],
        ["原因", "Reason"],
    ]
    .into_iter()
    .enumerate()
    {
        sheet
            .write_string_with_format(0, c as u16, language.pick(title), &bold)
            .map_err(xl)?;
    }
    for (i, p) in problems.iter().enumerate() {
        let r = i as u32 + 1;
        sheet.write_number(r, 0, p.row as f64).map_err(xl)?;
        if let Some(c) = p.column {
            sheet.write_number(r, 1, c as f64).map_err(xl)?;
        }
        sheet.write_string(r, 2, &p.header).map_err(xl)?;
        crate::export::write_text(sheet, (r, 3), &p.value, &quoted)?;
        sheet
            .write_string(r, 4, p.problem.word(language))
            .map_err(xl)?;
    }
    sheet.set_freeze_panes(1, 0).map_err(xl)?;
    sheet
        .autofilter(0, 0, problems.len() as u32, 4)
        .map_err(xl)?;
    for (c, width) in [8.0, 8.0, 16.0, 24.0, 60.0].iter().enumerate() {
        sheet.set_column_width(c as u16, *width).map_err(xl)?;
    }
    book.save(path).map_err(xl)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::ProblemCode;
    use crate::spreadsheet::{self, Cell, ReadOptions};

    fn unknown_tag() -> RowProblem {
        RowProblem {
            code: ProblemCode::UnknownTag,
            row: 3,
            column: Some(4),
            header: "标签".into(),
            value: "=1+1".into(),
            problem: Problem::NoSuchTag {
                item: "=1+1".into(),
            },
        }
    }

    #[test]
    fn a_formula_like_value_in_the_error_report_reads_back_as_the_users_text() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("导入错误报告.xlsx");
        write_error_report(&path, &[unknown_tag()], Language::ZhCn).unwrap();
        let table = spreadsheet::read(&path, &ReadOptions::default()).unwrap();
        assert_eq!(table.rows[1][3], Cell::Text("=1+1".into()));
    }

    #[test]
    fn the_error_report_is_written_in_the_language_asked_for() {
        let dir = tempfile::tempdir().unwrap();
        for (language, header, reason) in [
            (Language::ZhCn, "原因", "没有标签“=1+1”"),
            (Language::En, "Reason", "there is no tag “=1+1”"),
        ] {
            let path = dir.path().join(format!("{language:?}.xlsx"));
            write_error_report(&path, &[unknown_tag()], language).unwrap();
            let table = spreadsheet::read(&path, &ReadOptions::default()).unwrap();
            assert_eq!(table.rows[0][4], Cell::Text(header.into()));
            assert_eq!(table.rows[1][4], Cell::Text(reason.into()));
        }
    }
}
