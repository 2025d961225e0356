//! Reading the spreadsheets small shops live in: .xlsx/.xls/.ods through calamine and CSV/TSV
//! in UTF-8 (with or without BOM) or GBK/GB18030, into one plain table of typed cells.
//! Every failure names the file and says why, and nothing here writes anywhere.

mod cell;
mod delimited;
mod formula_mark;
mod stream;
mod workbook;

pub use cell::{excel_serial_date as cell_date, number_text, Cell};
pub use formula_mark::{formula_like, neutralise, unneutralise};
pub use stream::{rows, Row, SheetRows};

use crate::error::{Error, Result};
use crate::problem::Problem;
use serde::{Deserialize, Serialize};
use std::path::Path;
use ts_rs::TS;

/// Excel's row limit. A sheet that reaches it was almost certainly cut off by the program
/// that saved it, so it is refused rather than imported in part (CSV too, for the same reason).
pub const MAX_ROWS: usize = 1_048_576;

/// A sheet read into memory. `rows[i]` is row `i + 1` of the file as a person counts.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub sheet: String,
    pub rows: Vec<Vec<Cell>>,
    /// For CSV: the encoding used ("UTF-8", "GB18030" …).
    pub encoding: Option<String>,
}

/// How to read a file; everything is detected when left empty.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[ts(export_to = "ReadOptions.ts")]
pub struct ReadOptions {
    /// A workbook's sheet; the first visible one when None.
    pub sheet: Option<String>,
    /// For CSV: "utf-8" or "gb18030" (also accepts "gbk"), overriding detection.
    pub encoding: Option<String>,
}

/// Reads the sheet `options` names from `path`.
pub fn read(path: &Path, options: &ReadOptions) -> Result<Table> {
    let mut sheet = rows(path, options)?;
    let mut rows = Vec::new();
    loop {
        match sheet.next_row()? {
            Row::Cells(cells) => rows.push(cells),
            Row::End => break,
            Row::Again => rows.clear(),
        }
    }
    let table = Table {
        sheet: std::mem::take(&mut sheet.sheet),
        rows,
        encoding: sheet.encoding.take(),
    };
    if table.rows.iter().all(|r| r.iter().all(Cell::is_empty)) {
        return Err(no_data(path, &table.sheet));
    }
    Ok(table)
}

/// The error for a sheet without a single filled cell.
pub(crate) fn no_data(path: &Path, sheet: &str) -> Error {
    problem(
        path,
        Problem::SheetEmpty {
            sheet: sheet.to_string(),
        },
    )
}

/// Refuses a path that is not a readable, non-empty file.
fn check_file(path: &Path) -> Result<()> {
    let meta = std::fs::metadata(path).map_err(|_| {
        problem(
            path,
            Problem::FileUnreadable {
                detail: String::new(),
            },
        )
    })?;
    if meta.len() == 0 {
        return Err(problem(path, Problem::FileEmpty));
    }
    Ok(())
}

/// The whole sheet at once, by the file's kind.
fn read_any(path: &Path, options: &ReadOptions) -> Result<Table> {
    match extension(path).as_str() {
        "csv" | "tsv" | "txt" => delimited::read(path, options),
        "xlsx" | "xlsm" | "xls" | "xlsb" | "ods" => workbook::read(path, options),
        other => Err(problem(
            path,
            Problem::NotSpreadsheet {
                extension: other.to_string(),
            },
        )),
    }
}

/// The sheet names of a workbook (one pseudo-sheet for CSV).
pub fn sheets(path: &Path) -> Result<Vec<String>> {
    match extension(path).as_str() {
        "csv" | "tsv" | "txt" => Ok(vec![file_name(path)]),
        _ => workbook::sheets(path),
    }
}

fn extension(path: &Path) -> String {
    path.extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default()
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default()
}

pub(crate) fn problem(path: &Path, problem: Problem) -> Error {
    Error::Spreadsheet {
        path: path.to_path_buf(),
        problem,
    }
}

#[cfg(test)]
mod tests;
