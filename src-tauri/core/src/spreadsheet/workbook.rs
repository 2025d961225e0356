//! .xlsx/.xls/.ods through calamine. Formulas come back as their cached values; a merged cell
//! keeps its text in its top-left cell and leaves the others empty. Hidden columns and rows are
//! read like visible ones: the mapping step lists every column with its header and sample values,
//! so one the user does not want is set to "ignore" there, while skipping it silently would lose
//! data a shop may count on (a hidden 会员号 column is common).

use super::{problem, Cell, ReadOptions, Table, MAX_ROWS};
use crate::error::Result;
use crate::problem::Problem;
use calamine::{open_workbook_auto, Data, Reader, SheetVisible};
use std::path::Path;

pub(super) fn sheets(path: &Path) -> Result<Vec<String>> {
    let book = open(path)?;
    Ok(book.sheet_names())
}

pub(super) fn read(path: &Path, options: &ReadOptions) -> Result<Table> {
    let (mut book, sheet) = open_sheet(path, options)?;
    let range = book.worksheet_range(&sheet).map_err(|e| {
        problem(
            path,
            Problem::SheetUnreadable {
                sheet: sheet.to_string(),
                detail: e.to_string(),
            },
        )
    })?;
    if let Some((last_row, _)) = range.end() {
        refuse_full_sheet(path, &sheet, last_row)?;
    }
    // Keep the sheet's real row numbers: a range starting at row 3 has two empty rows above.
    let (first_row, first_col) = range.start().unwrap_or((0, 0));
    let mut rows: Vec<Vec<Cell>> = vec![Vec::new(); first_row as usize];
    for row in range.rows() {
        let mut cells = vec![Cell::Empty; first_col as usize];
        cells.extend(row.iter().map(|d| cell(d.clone())));
        rows.push(cells);
    }
    Ok(Table {
        sheet,
        rows,
        encoding: None,
    })
}

pub(super) type Book = calamine::Sheets<std::io::BufReader<std::fs::File>>;

/// The workbook and the name of the sheet `options` asks for (the first visible one by
/// default), with an over-full .xlsx sheet refused by its declared size before a million rows
/// are read into memory.
pub(super) fn open_sheet(path: &Path, options: &ReadOptions) -> Result<(Book, String)> {
    let mut book = open(path)?;
    let sheet = match &options.sheet {
        Some(name) => {
            if !book.sheet_names().contains(name) {
                return Err(problem(
                    path,
                    Problem::NoSuchSheet {
                        sheet: name.to_string(),
                    },
                ));
            }
            name.clone()
        }
        None => default_sheet(&mut book).ok_or_else(|| problem(path, Problem::NoVisibleSheet))?,
    };
    if let calamine::Sheets::Xlsx(xlsx) = &mut book {
        if let Ok(cells) = xlsx.worksheet_cells_reader(&sheet) {
            refuse_full_sheet(path, &sheet, cells.dimensions().end.0)?;
        }
    }
    Ok((book, sheet))
}

/// The sheet read when none is chosen: the first visible one that holds a table, past the sheet
/// of notes some systems put first (说明: a line or two in one column); else the first visible.
fn default_sheet(book: &mut Book) -> Option<String> {
    let visible: Vec<String> = book
        .sheets_metadata()
        .iter()
        .filter(|s| s.visible == SheetVisible::Visible)
        .map(|s| s.name.clone())
        .collect();
    if visible.len() < 2 {
        return visible.into_iter().next();
    }
    let table = visible.iter().position(|name| holds_a_table(book, name));
    visible.into_iter().nth(table.unwrap_or(0))
}

/// Whether sheet `name` has two rows and two columns at least. An .xlsx sheet's declared size
/// says so without reading it; a small one is read all the same, as some writers declare "A1"
/// whatever the sheet holds.
fn holds_a_table(book: &mut Book, name: &str) -> bool {
    let big = |rows: u32, columns: u32| rows >= 2 && columns >= 2;
    if let calamine::Sheets::Xlsx(xlsx) = book {
        if let Ok(cells) = xlsx.worksheet_cells_reader(name) {
            let size = cells.dimensions();
            if big(size.end.0 - size.start.0 + 1, size.end.1 - size.start.1 + 1) {
                return true;
            }
        }
    }
    book.worksheet_range(name).is_ok_and(|range| {
        let (rows, columns) = range.get_size();
        big(rows as u32, columns as u32)
    })
}

fn open(path: &Path) -> Result<Book> {
    let head = sniff(path)?;
    open_workbook_auto(path).map_err(|e| {
        let reason = if !looks_like_a_workbook(&head) {
            if head.iter().all(|b| *b != 0) && std::str::from_utf8(&head).is_ok() {
                Problem::PlainTextWorkbook
            } else {
                Problem::NotWorkbook
            }
        } else {
            match e {
                calamine::Error::Xlsx(_) | calamine::Error::Xls(_) | calamine::Error::Ods(_) => {
                    Problem::WorkbookDamaged
                }
                other => Problem::SpreadsheetUnreadable {
                    detail: other.to_string(),
                },
            }
        };
        problem(path, reason)
    })
}

/// The first bytes of the file, to tell a damaged workbook from something else.
fn sniff(path: &Path) -> Result<Vec<u8>> {
    use std::io::Read;
    let mut head = Vec::with_capacity(512);
    std::fs::File::open(path)
        .and_then(|f| f.take(512).read_to_end(&mut head))
        .map_err(|e| {
            problem(
                path,
                Problem::FileUnreadable {
                    detail: e.to_string(),
                },
            )
        })?;
    // Cut a UTF-8 sequence split by the 512-byte window back to whole characters.
    if let Err(e) = std::str::from_utf8(&head) {
        if e.error_len().is_none() {
            head.truncate(e.valid_up_to());
        }
    }
    Ok(head)
}

/// A zip archive (.xlsx, .ods) or an OLE compound file (.xls).
fn looks_like_a_workbook(head: &[u8]) -> bool {
    head.starts_with(b"PK\x03\x04")
        || head.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])
}

/// A sheet whose used area reaches Excel's last row was almost certainly cut off by the
/// program that saved it: importing it would silently lose the rest.
pub(super) fn refuse_full_sheet(path: &Path, sheet: &str, last_row: u32) -> Result<()> {
    if last_row as usize + 1 >= MAX_ROWS {
        return Err(problem(path, full_sheet(sheet)));
    }
    Ok(())
}

pub(super) fn full_sheet(sheet: &str) -> Problem {
    Problem::SheetFull {
        sheet: sheet.to_string(),
        limit: MAX_ROWS as u32,
    }
}

/// A calamine value as a [`Cell`], taking its text rather than copying it.
pub(super) fn cell(data: Data) -> Cell {
    match data {
        Data::Empty => Cell::Empty,
        Data::String(s) => Cell::Text(s),
        Data::Int(i) => Cell::Number(i as f64),
        Data::Float(f) => Cell::Number(f),
        Data::Bool(b) => Cell::Bool(b),
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
        // OpenDocument stores dates as ISO text ("1990-05-06", "2025-01-03T09:30:00").
        Data::DateTimeIso(s) => iso_date_time(&s).map_or(Cell::Text(s), Cell::DateTime),
        Data::DurationIso(s) => Cell::Text(s),
        Data::Error(e) => Cell::Error(format!("{e:?}")),
    }
}

fn iso_date_time(text: &str) -> Option<chrono::NaiveDateTime> {
    chrono::NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S%.f")
        .ok()
        .or_else(|| {
            chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d")
                .ok()
                .map(|d| d.and_time(chrono::NaiveTime::MIN))
        })
}
