//! Finding the header row under a title row or two ("2025年11月会员名单").

use crate::spreadsheet::Cell;

/// Rows looked at to find the headers (and to size the widest row).
pub const SEARCHED: usize = 30;

/// The 0-based index of the first row that looks like headers: at least two text cells and
/// at least 60 % as many filled cells as the widest of the rows below it.
pub fn detect(rows: &[Vec<Cell>]) -> usize {
    let filled = |row: &[Cell]| row.iter().filter(|c| !c.is_empty()).count();
    let widest = rows
        .iter()
        .take(SEARCHED)
        .map(|r| filled(r))
        .max()
        .unwrap_or(0);
    rows.iter()
        .take(10)
        .position(|row| {
            let texts = row
                .iter()
                .filter(|c| matches!(c, Cell::Text(t) if !t.trim().is_empty()))
                .count();
            texts >= 2.min(widest) && filled(row) * 10 >= widest * 6
        })
        .unwrap_or(0)
}
