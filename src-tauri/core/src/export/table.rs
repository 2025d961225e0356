//! A table the window has already worded in the user's language (the team hub's audit trail),
//! written out as .xlsx or CSV by the export's own sink: the same bold frozen header, filters,
//! real times and formula-safe text as a customer export.

use super::sink::{Sink, Value};
use super::ExportFormat;
use crate::error::Result;
use serde::Deserialize;
use std::path::Path;
use ts_rs::TS;

/// What to write: headers, rows of cells, and the sheet's name (an .xlsx tab).
#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export_to = "TableExport.ts")]
pub struct TableExport {
    pub sheet: String,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<TableCell>>,
}

/// One cell: text, or a moment (unix seconds) written as a real date and time.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(tag = "type", content = "value", rename_all = "snake_case")]
#[ts(export_to = "TableCell.ts")]
pub enum TableCell {
    Text(String),
    Time(#[ts(type = "number")] i64),
}

/// Writes `table` to `path` (CSV when it ends in .csv, else .xlsx); returns the rows written.
pub fn export_table(path: &Path, table: &TableExport) -> Result<i64> {
    let format = match path.extension().and_then(|e| e.to_str()) {
        Some(e) if e.eq_ignore_ascii_case("csv") => ExportFormat::Csv,
        _ => ExportFormat::Xlsx,
    };
    let mut sink = Sink::open(path, format, &sheet_name(&table.sheet), &table.headers)?;
    for row in &table.rows {
        let values: Vec<Value> = row
            .iter()
            .map(|cell| match cell {
                TableCell::Text(t) => Value::Text(t.clone()),
                TableCell::Time(at) => Value::Time(*at),
            })
            .collect();
        sink.row(&values)?;
    }
    sink.close()?;
    Ok(table.rows.len() as i64)
}

/// An .xlsx tab name: at most 31 characters, none of []:*?/\ (Excel refuses them).
fn sheet_name(wanted: &str) -> String {
    let name: String = wanted
        .chars()
        .filter(|c| !"[]:*?/\\".contains(*c))
        .take(31)
        .collect();
    if name.trim().is_empty() {
        "Sheet1".into()
    } else {
        name
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> TableExport {
        TableExport {
            sheet: "审计记录 [团队中心]".into(),
            headers: vec!["时间".into(), "成员".into(), "详情".into()],
            rows: vec![
                vec![
                    TableCell::Time(1_765_000_000),
                    TableCell::Text("li_na".into()),
                    TableCell::Text("=HYPERLINK(\"x\")".into()),
                ],
                vec![
                    TableCell::Time(1_765_000_060),
                    TableCell::Text("wang_fang".into()),
                    TableCell::Text("设置标签组归属".into()),
                ],
            ],
        }
    }

    #[test]
    fn writes_xlsx_that_reads_back_with_real_times_and_safe_text() {
        use calamine::{open_workbook_auto, Data, Reader};
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("audit.xlsx");
        assert_eq!(export_table(&path, &table()).unwrap(), 2);
        let mut book = open_workbook_auto(&path).unwrap();
        assert_eq!(book.sheet_names(), vec!["审计记录 团队中心".to_string()]);
        let range = book.worksheet_range_at(0).unwrap().unwrap();
        let rows: Vec<_> = range.rows().collect();
        assert_eq!(rows[0][1], Data::String("成员".into()));
        assert!(matches!(rows[1][0], Data::DateTime(_)), "{:?}", rows[1][0]);
        assert_eq!(rows[1][2], Data::String("=HYPERLINK(\"x\")".into()));
        assert_eq!(rows[2][2], Data::String("设置标签组归属".into()));
    }

    #[test]
    fn writes_csv_with_a_bom_and_no_formula() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("audit.csv");
        export_table(&path, &table()).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.starts_with('\u{feff}'));
        assert!(text.contains("'=HYPERLINK"), "{text}");
        assert!(text.contains("wang_fang"));
    }
}
