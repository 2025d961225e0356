//! Reading a sheet for an import, whatever it holds: the header row found (or the one given),
//! then every non-empty row after it. Customers and events are planned from the same reading.

use super::{header, mapping, ImportSpec, ProblemCode, RowProblem};
use crate::error::{Error, Result};
use crate::problem::Problem;
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
    /// A row left out, with the reason (a totals row).
    fn skip(&mut self, row: u32, cells: &[Cell], problem: RowProblem);
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
                Problem::HeaderRowMissing { row: r },
            ))
        }
        None => header::detect(&head),
    };
    let headers: Vec<String> = head[header_index].iter().map(Cell::text).collect();
    rows.start(&Head {
        sheet: sheet.sheet.clone(),
        encoding: sheet.encoding.clone(),
        header_row: header_index as u32 + 1,
        headers: headers.clone(),
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
        if let Some((column, word)) = totals_row(&cells) {
            let problem = RowProblem::at(
                ProblemCode::SkippedTotalsRow,
                row,
                Some(column),
                &headers,
                word,
                Problem::TotalsRow,
            );
            rows.skip(row, &cells, problem);
            continue;
        }
        rows.row(row, cells)?;
    }
    if data_rows == 0 {
        // Importing "0 new" would look like success; the user most likely picked the wrong
        // sheet or an empty template.
        return Err(spreadsheet::problem(
            path,
            Problem::NoDataRows {
                sheet: sheet.sheet.clone(),
                header_row: header_index as u32 + 1,
            },
        ));
    }
    Ok(true)
}

/// Words that open the totals row shop exports end with (often over SUM formulas), folded as
/// headers are.
const TOTALS: [&str; 6] = ["合计", "总计", "小计", "共计", "总合计", "累计"];
const TOTALS_EN: [&str; 5] = ["total", "totals", "subtotal", "grandtotal", "sum"];

/// The column and text of a totals row's label: its first filled cell is 合计, 总计, 小计,
/// Total … (a short label such as 合计： or 合计(元) too, not a name that merely starts so).
fn totals_row(cells: &[Cell]) -> Option<(usize, String)> {
    let (column, cell) = cells.iter().enumerate().find(|(_, c)| !c.is_empty())?;
    let Cell::Text(text) = cell else {
        return None;
    };
    let key = mapping::key(text);
    let label = key.trim_end_matches(|c: char| "()（）元¥$.。".contains(c) || c.is_ascii_digit());
    let is_totals = TOTALS.contains(&label) || TOTALS_EN.contains(&label) || counts_rows(&key);
    is_totals.then(|| (column, text.clone()))
}

/// Whether `key` is the count a shop export ends with in place of totals: 共 8 条记录, 共8人.
fn counts_rows(key: &str) -> bool {
    let Some(rest) = key.strip_prefix('共') else {
        return false;
    };
    let unit = rest.trim_start_matches(|c: char| c.is_ascii_digit() || c == ',');
    unit.len() < rest.len()
        && ["条", "条记录", "条数据", "人", "位", "个", "笔", "行", "名"].contains(&unit)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Cell {
        Cell::Text(s.into())
    }

    #[test]
    fn totals_rows_are_recognised_by_their_label_not_by_a_name_that_starts_alike() {
        for label in [
            "合计",
            "合 计",
            "合计：",
            "总计",
            "小计(元)",
            "Total",
            "TOTAL:",
            "Grand Total",
            "Sum",
            "共 8 条记录",
            "共1,204人",
        ] {
            let cells = [Cell::Empty, text(label), Cell::Number(1234.5)];
            assert_eq!(totals_row(&cells).map(|(c, _)| c), Some(1), "{label}");
        }
        for name in [
            "王合计",
            "总计划部",
            "Totally Fresh Ltd",
            "李娜",
            "共青",
            "共 条",
        ] {
            assert_eq!(totals_row(&[text(name), Cell::Number(1.0)]), None, "{name}");
        }
        assert_eq!(
            totals_row(&[Cell::Number(3.0), text("合计")]),
            None,
            "a numbered data row"
        );
    }
}
