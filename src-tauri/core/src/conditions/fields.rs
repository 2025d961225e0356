//! The fields a condition can compare: the built-in customer attributes and the declared
//! custom fields, each with the kind that decides how its values are parsed and compared.

use crate::attributes::ATTRIBUTES;
use crate::custom_fields::{self, FieldKind};
use crate::error::Result;
use rusqlite::Connection;
use serde::Serialize;
use ts_rs::TS;

pub use crate::attributes::ValueKind;

/// One comparable field. Built-in fields are named by their column ("city"); custom fields
/// by "custom:<id>" so a renamed field keeps its conditions.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export_to = "ConditionField.ts")]
pub struct ConditionField {
    pub key: String,
    /// The custom field's label; built-in fields are labelled by the UI in its language.
    pub label: Option<String>,
    pub kind: ValueKind,
    pub options: Vec<String>,
    pub archived: bool,
}

pub fn custom_key(field_id: i64) -> String {
    format!("custom:{field_id}")
}

/// Every field conditions may use, built-in first, then custom fields in their order.
pub fn list(conn: &Connection) -> Result<Vec<ConditionField>> {
    let mut out: Vec<ConditionField> = ATTRIBUTES
        .iter()
        .map(|a| ConditionField {
            key: a.key.to_string(),
            label: None,
            kind: a.kind,
            options: a.options.iter().map(|o| o.to_string()).collect(),
            archived: false,
        })
        .collect();
    for f in custom_fields::list(conn)? {
        out.push(ConditionField {
            key: custom_key(f.id),
            label: Some(f.label),
            kind: match f.kind {
                FieldKind::Text => ValueKind::Text,
                FieldKind::Number => ValueKind::Number,
                FieldKind::Date => ValueKind::Date,
                FieldKind::SingleChoice => ValueKind::Choice,
                FieldKind::MultiChoice => ValueKind::MultiChoice,
            },
            options: f.options,
            archived: f.archived,
        });
    }
    Ok(out)
}

/// Folds text for comparison: trimmed, lower case, full-width forms made ASCII.
pub fn fold(text: &str) -> String {
    use unicode_normalization::{is_nfkc_quick, IsNormalized, UnicodeNormalization};
    let text = text.trim();
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    // Most text is already in NFKC form; normalising it anyway costs seconds per million rows.
    match is_nfkc_quick(text.chars()) {
        IsNormalized::Yes => text.to_lowercase(),
        _ => text.nfkc().collect::<String>().to_lowercase(),
    }
}

const DAY: i64 = 86_400;

/// 'YYYY-MM-DD' (also 'YYYY/M/D') as days since 1970-01-01.
pub fn parse_day(text: &str) -> Option<i64> {
    let t = text.trim().replace('/', "-");
    chrono::NaiveDate::parse_from_str(&t, "%Y-%m-%d")
        .ok()
        .map(|d| {
            d.signed_duration_since(chrono::NaiveDate::default())
                .num_days()
        })
}

/// Seconds the local time zone is ahead of UTC at a moment.
pub fn local_offset(unix_seconds: i64) -> i64 {
    use chrono::{Local, TimeZone};
    Local
        .timestamp_opt(unix_seconds, 0)
        .single()
        .map(|t| t.offset().local_minus_utc() as i64)
        .unwrap_or(0)
}

/// The local calendar day of a moment, as days since 1970-01-01, for a zone `offset` seconds
/// ahead of UTC.
pub fn day_of(unix_seconds: i64, offset: i64) -> i64 {
    (unix_seconds + offset).div_euclid(DAY)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_ignores_case_width_and_surrounding_space() {
        assert_eq!(fold("  ＶＩＰ "), "vip");
        assert_eq!(fold("Shanghai"), fold("shanghai"));
    }

    #[test]
    fn days_parse_with_dashes_or_slashes() {
        assert_eq!(parse_day("1970-01-02"), Some(1));
        assert_eq!(parse_day("2025/1/3"), parse_day("2025-01-03"));
        assert_eq!(parse_day("yesterday"), None);
    }
}
