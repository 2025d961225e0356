//! JSON text columns (condition trees, rule actions, option lists, mappings) read straight into
//! their types, so every table reads them the same way and a bad value names its column; and
//! the one writer of id lists handed to SQLite's `json_each`.

use rusqlite::types::Type;
use rusqlite::Row;
use serde::de::DeserializeOwned;

/// Column `idx` parsed as JSON; text that does not parse is a conversion error for that column.
pub fn json_column<T: DeserializeOwned>(row: &Row, idx: usize) -> rusqlite::Result<T> {
    let text: String = row.get(idx)?;
    serde_json::from_str(&text)
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(idx, Type::Text, Box::new(e)))
}

/// Column `idx` parsed as JSON, or `fallback` when it does not parse: for values a newer
/// version may have written, where one unreadable row must not fail a whole list.
pub fn json_column_or<T: DeserializeOwned>(
    row: &Row,
    idx: usize,
    fallback: impl FnOnce() -> T,
) -> rusqlite::Result<T> {
    let text: String = row.get(idx)?;
    Ok(serde_json::from_str(&text).unwrap_or_else(|_| fallback()))
}

/// `len` ids as a JSON array for `json_each`, whichever set holds them.
pub(crate) fn ids_json_of<T: ToString>(ids: impl Iterator<Item = T>, len: u64) -> String {
    let mut out = String::with_capacity(len as usize * 8 + 2);
    out.push('[');
    for (i, id) in ids.enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&id.to_string());
    }
    out.push(']');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use rusqlite::Connection;

    fn read<T>(text: &str, f: impl FnOnce(&Row) -> rusqlite::Result<T>) -> rusqlite::Result<T> {
        let conn = Connection::open_in_memory().unwrap();
        conn.query_row("SELECT ?1", [text], f)
    }

    #[test]
    fn a_column_that_does_not_parse_is_an_error_naming_the_column_or_the_fallback() {
        let ok: Vec<String> = read(r#"["a","b"]"#, |r| json_column(r, 0)).unwrap();
        assert_eq!(ok, ["a", "b"]);
        let bad = read("{oops", |r| json_column::<Vec<String>>(r, 0)).unwrap_err();
        assert!(matches!(
            bad,
            rusqlite::Error::FromSqlConversionFailure(0, Type::Text, _)
        ));
        let fallback: Vec<String> = read("{oops", |r| json_column_or(r, 0, Vec::new)).unwrap();
        assert!(fallback.is_empty());
    }
}
