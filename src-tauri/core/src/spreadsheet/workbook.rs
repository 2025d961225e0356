//! .xlsx/.xls/.ods through calamine. Formulas come back as their cached values; merged header
//! cells keep their text in the top-left cell.

use super::{problem, Cell, ReadOptions, Table};
use crate::error::Result;
use calamine::{open_workbook_auto, Data, Reader, SheetVisible};
use std::path::Path;

pub(super) fn sheets(path: &Path) -> Result<Vec<String>> {
    let book = open(path)?;
    Ok(book.sheet_names())
}

pub(super) fn read(path: &Path, options: &ReadOptions) -> Result<Table> {
    let mut book = open(path)?;
    let sheet = match &options.sheet {
        Some(name) => {
            if !book.sheet_names().contains(name) {
                return Err(problem(path, &format!("there is no sheet named “{name}”")));
            }
            name.clone()
        }
        None => book
            .sheets_metadata()
            .iter()
            .find(|s| s.visible == SheetVisible::Visible)
            .map(|s| s.name.clone())
            .ok_or_else(|| problem(path, "the workbook has no visible sheet"))?,
    };
    let range = book
        .worksheet_range(&sheet)
        .map_err(|e| problem(path, &format!("sheet “{sheet}” cannot be read: {e}")))?;
    // Keep the sheet's real row numbers: a range starting at row 3 has two empty rows above.
    let (first_row, first_col) = range.start().unwrap_or((0, 0));
    let mut rows: Vec<Vec<Cell>> = vec![Vec::new(); first_row as usize];
    for row in range.rows() {
        let mut cells = vec![Cell::Empty; first_col as usize];
        cells.extend(row.iter().map(cell));
        rows.push(cells);
    }
    Ok(Table {
        sheet,
        rows,
        encoding: None,
    })
}

fn open(path: &Path) -> Result<calamine::Sheets<std::io::BufReader<std::fs::File>>> {
    open_workbook_auto(path).map_err(|e| {
        let reason = match e {
            calamine::Error::Xlsx(_) | calamine::Error::Xls(_) | calamine::Error::Ods(_) => format!(
                "the file is not a readable Excel workbook (damaged, truncated or not really .xlsx): {e}"
            ),
            other => format!("the file cannot be read as a spreadsheet: {other}"),
        };
        problem(path, &reason)
    })
}

fn cell(data: &Data) -> Cell {
    match data {
        Data::Empty => Cell::Empty,
        Data::String(s) => Cell::Text(s.clone()),
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::Bool(b) => Cell::Bool(*b),
        Data::DateTime(d) if d.is_datetime() => super::cell::excel_serial_date(d.as_f64())
            .map(|day| {
                let secs = ((d.as_f64().fract()) * 86_400.0).round() as u32;
                let time =
                    chrono::NaiveTime::from_num_seconds_from_midnight_opt(secs.min(86_399), 0)
                        .unwrap_or_default();
                Cell::DateTime(day.and_time(time))
            })
            .unwrap_or(Cell::Number(d.as_f64())),
        Data::DateTime(d) => Cell::Number(d.as_f64()),
        Data::DateTimeIso(s) | Data::DurationIso(s) => Cell::Text(s.clone()),
        Data::Error(e) => Cell::Error(format!("{e:?}")),
    }
}
