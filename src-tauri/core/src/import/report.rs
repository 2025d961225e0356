//! The error report: every rejected row with its row, column, value and reason, as .xlsx.

use super::RowProblem;
use crate::error::{Error, Result};
use rust_xlsxwriter::{Format, Workbook};
use std::path::Path;

pub fn write_error_report(path: &Path, problems: &[RowProblem]) -> Result<()> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let bold = Format::new().set_bold();
    let xl = |e: rust_xlsxwriter::XlsxError| Error::invalid("report", e.to_string());
    for (c, title) in [
        "行 Row",
        "列 Column",
        "表头 Header",
        "值 Value",
        "原因 Reason",
    ]
    .iter()
    .enumerate()
    {
        sheet
            .write_string_with_format(0, c as u16, *title, &bold)
            .map_err(xl)?;
    }
    for (i, p) in problems.iter().enumerate() {
        let r = i as u32 + 1;
        sheet.write_number(r, 0, p.row as f64).map_err(xl)?;
        if let Some(c) = p.column {
            sheet.write_number(r, 1, c as f64).map_err(xl)?;
        }
        sheet.write_string(r, 2, &p.header).map_err(xl)?;
        sheet
            .write_string(r, 3, crate::export::neutralise(&p.value))
            .map_err(xl)?;
        sheet.write_string(r, 4, &p.reason).map_err(xl)?;
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
