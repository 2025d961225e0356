//! Reading a sheet for an import, whatever it holds: the header row found (or the one given),
//! then every non-empty row after it. Customers and events are planned from the same reading.

use super::{header, ImportSpec};
use crate::error::{Error, Result};
use crate::spreadsheet::{self, Cell, Row, SheetRows};
use std::path::Path;

/// The sheet's headers, as found.
pub(super) struct Head {
    pub sheet: String,
    pub encoding: Option<String>,
    /// 1-based.
    pub header_row: u32,
    pub headers: Vec<String>,
}

/// What a plan does with the rows it is given.
pub(super) trait Rows {
    /// The headers are known. Called again when the sheet starts over (a sheet that could not
    /// be streamed; see [`Row::Again`]): whatever was planned before is dropped.
    fn start(&mut self, head: &Head) -> Result<()>;
    /// One non-empty row; `row` is 1-based in the file.
    fn row(&mut self, row: u32, cells: Vec<Cell>) -> Result<()>;
}

/// Reads the sheet `spec` names into `rows`.
pub(super) fn scan(spec: &ImportSpec, rows: &mut impl Rows) -> Result<()> {
    let path = Path::new(&spec.path);
    let mut sheet = spreadsheet::rows(path, &spec.read)?;
    while !scan_once(spec, path, &mut sheet, rows)? {}
    Ok(())
}

/// False when the sheet started over and must be read again.
fn scan_once(
    spec: &ImportSpec,
    path: &Path,
    sheet: &mut SheetRows,
    rows: &mut impl Rows,
) -> Result<bool> {
    // The first rows, enough to find the headers, and to know the sheet is not empty.
    let wanted = header::SEARCHED.max(spec.header_row.unwrap_or(0) as usize);
    let mut head: Vec<Vec<Cell>> = Vec::new();
    let (mut filled, mut ended) = (false, false);
    while head.len() < wanted || !filled {
        match sheet.next_row()? {
            Row::Cells(cells) => {
                filled |= !cells.iter().all(Cell::is_empty);
                head.push(cells);
            }
            Row::End => {
                ended = true;
                break;
            }
            Row::Again => return Ok(false),
        }
    }
    if !filled {
        return Err(spreadsheet::no_data(path, &sheet.sheet));
    }
    let header_index = match spec.header_row {
        Some(r) if r >= 1 && (r as usize) <= head.len() => r as usize - 1,
        Some(r) => {
            return Err(Error::invalid(
                "header_row",
                format!("the sheet has no row {r}"),
            ))
        }
        None => header::detect(&head),
    };
    rows.start(&Head {
        sheet: sheet.sheet.clone(),
        encoding: sheet.encoding.clone(),
        header_row: header_index as u32 + 1,
        headers: head[header_index].iter().map(Cell::text).collect(),
    })?;
    let mut next_index = header_index + 1;
    let mut data_rows = 0usize;
    let mut rest = head.into_iter().skip(next_index);
    loop {
        let cells = match rest.next() {
            Some(cells) => cells,
            None if ended => break,
            None => match sheet.next_row()? {
                Row::Cells(cells) => cells,
                Row::End => break,
                Row::Again => return Ok(false),
            },
        };
        let row = next_index as u32 + 1;
        next_index += 1;
        if cells.iter().all(Cell::is_empty) {
            continue;
        }
        data_rows += 1;
        rows.row(row, cells)?;
    }
    if data_rows == 0 {
        // Importing "0 new" would look like success; the user most likely picked the wrong
        // sheet or an empty template.
        return Err(spreadsheet::problem(
            path,
            &format!(
                "sheet “{}” has a header row (row {}) but no data rows below it",
                sheet.sheet,
                header_index + 1
            ),
        ));
    }
    Ok(true)
}
