//! The languages TagDesk speaks: the UI's choice, which exports and error reports follow.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[ts(export_to = "Language.ts")]
pub enum Language {
    #[default]
    #[serde(rename = "zh-CN")]
    ZhCn,
    #[serde(rename = "en")]
    En,
}

impl Language {
    /// The text of the two given, [Chinese, English], in this language.
    pub fn pick<T>(self, [zh, en]: [T; 2]) -> T {
        match self {
            Language::ZhCn => zh,
            Language::En => en,
        }
    }
}

/// A count with thousands separators ("12,345"), as both languages write them.
pub(super) fn count(n: impl Into<i64>) -> String {
    let n: i64 = n.into();
    let digits = n.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if n < 0 {
        out.push('-');
    }
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(d);
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn counts_are_grouped_by_thousands() {
        assert_eq!(super::count(0), "0");
        assert_eq!(super::count(999), "999");
        assert_eq!(super::count(1_234_567), "1,234,567");
        assert_eq!(super::count(-4_500), "-4,500");
    }
}
