//! Writing customers and the tag dictionary out for spreadsheet programs: .xlsx with a bold,
//! frozen, filterable header and real dates, or CSV with a BOM so Excel reads UTF-8 right.
//! No exported cell can start a formula.

mod customers;
mod dictionary;
mod dictionary_import;
mod sink;

pub use customers::{
    default_columns, export_customers, ExportColumn, ExportFormat, ExportScope, ExportSpec,
    TagsLayout,
};
pub use dictionary::export_dictionary;
pub use dictionary_import::import_dictionary;

use crate::error::Error;

/// Text that a spreadsheet would take for a formula (= + - @, or a leading tab or carriage
/// return) gets a leading apostrophe, which spreadsheet programs show as plain text.
pub fn neutralise(text: &str) -> std::borrow::Cow<'_, str> {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{text}").into(),
        _ => text.into(),
    }
}

pub(crate) fn xlsx_error(e: rust_xlsxwriter::XlsxError) -> Error {
    Error::invalid("export", e.to_string())
}

#[cfg(test)]
mod tests;
