//! Writing customers and the tag dictionary out for spreadsheet programs: .xlsx with a bold,
//! frozen, filterable header and real dates, or CSV with a BOM so Excel reads UTF-8 right.
//! No exported cell can start a formula.

mod customers;
mod dictionary;
mod dictionary_import;
pub(crate) mod headers;
mod sink;
mod table;

pub use customers::{
    default_columns, export_customers, ExportColumn, ExportFormat, ExportScope, ExportSpec,
    TagsLayout,
};
pub use dictionary::export_dictionary;
pub use dictionary_import::import_dictionary;
pub use headers::Language;
pub use table::{export_table, TableCell, TableExport};

use crate::error::Error;
use crate::problem::Problem;
pub use crate::spreadsheet::{formula_like, neutralise, unneutralise};

pub(crate) fn xlsx_error(e: rust_xlsxwriter::XlsxError) -> Error {
    write_failed(e)
}

/// A writer's failure (CSV or xlsx) while writing an export.
pub(crate) fn write_failed(e: impl std::fmt::Display) -> Error {
    Error::invalid(
        "export",
        Problem::WriteFailed {
            detail: e.to_string(),
        },
    )
}

/// Writes `text` to an .xlsx cell (nothing when empty) as text no spreadsheet runs: formula-like
/// text carries the quote-prefix format `quoted`, so the text itself stays the user's.
pub(crate) fn write_text(
    sheet: &mut rust_xlsxwriter::Worksheet,
    (row, col): (u32, u16),
    text: &str,
    quoted: &rust_xlsxwriter::Format,
) -> crate::Result<()> {
    match text {
        "" => {}
        t if formula_like(t) => {
            sheet
                .write_string_with_format(row, col, t, quoted)
                .map_err(xlsx_error)?;
        }
        t => {
            sheet.write_string(row, col, t).map_err(xlsx_error)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod column_tests;
#[cfg(test)]
mod tests;
