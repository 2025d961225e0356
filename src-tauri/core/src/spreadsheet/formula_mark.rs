//! The apostrophe that keeps formula-like text from being taken for a formula: CSV exports
//! write it, and reading a CSV takes it off again. Both halves live with the file formats so
//! that reading (here) and exporting (`export`) share them without calling each other.

/// Whether a spreadsheet would take the text for a formula: it starts with = + - @, a tab or
/// a carriage return.
pub fn formula_like(text: &str) -> bool {
    matches!(
        text.chars().next(),
        Some('=' | '+' | '-' | '@' | '\t' | '\r')
    )
}

/// Formula-like text gets a leading apostrophe, which spreadsheet programs read as "this is
/// text". For CSV only: an .xlsx marks such cells with the quote-prefix format instead, so
/// their text stays exactly the user's. Text that already starts with such a mark gets one
/// more, so that reading it back ([`unneutralise`]) keeps the user's own apostrophe.
pub fn neutralise(text: &str) -> std::borrow::Cow<'_, str> {
    if formula_like(text.trim_start_matches('\'')) {
        format!("'{text}").into()
    } else {
        text.into()
    }
}

/// Undoes [`neutralise`] on text read from a CSV file: an apostrophe before formula-like text
/// is TagDesk's (or a spreadsheet program's) mark, not part of the value.
pub fn unneutralise(text: &str) -> &str {
    match text.strip_prefix('\'') {
        Some(rest) if formula_like(rest.trim_start_matches('\'')) => rest,
        _ => text,
    }
}
