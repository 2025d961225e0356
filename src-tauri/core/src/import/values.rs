//! Turning what people put in spreadsheet cells into clean values: dates written five ways,
//! phones stored as numbers or in scientific notation, numbers stored as text, full-width
//! characters and stray spaces.

use crate::problem::Problem;
use crate::spreadsheet::Cell;
use chrono::{Local, NaiveDate, NaiveDateTime, NaiveTime, TimeZone};
use std::borrow::Cow;

/// Text with full-width forms folded ("１３８" → "138") and outer spaces removed.
pub fn folded(cell: &Cell) -> String {
    let text = cell.text_ref();
    match crate::text::nfkc(&text) {
        // Already trimmed, and already folded: nearly every cell.
        Cow::Borrowed(_) => text.into_owned(),
        Cow::Owned(f) => f.trim().to_string(),
    }
}

/// A date from a date cell, an Excel serial number, or text such as 2025/1/3, 2025-01-03,
/// 2025.1.3, 20250103 or 2025年1月3日.
pub fn date(cell: &Cell) -> Result<Option<NaiveDate>, Problem> {
    match cell {
        Cell::DateTime(d) => return Ok(Some(d.date())),
        Cell::Number(n) if (1.0..2_958_466.0).contains(n) && *n < 100_000.0 => {
            return Ok(crate::spreadsheet::cell_date(*n))
        }
        _ => {}
    }
    let text = folded(cell);
    if text.is_empty() {
        return Ok(None);
    }
    let day = text.split([' ', 'T']).next().unwrap_or("");
    date_text(day)
        .map(Some)
        .ok_or_else(|| Problem::DateInvalid { value: cell.text() })
}

fn date_text(text: &str) -> Option<NaiveDate> {
    let unified: String = text
        .replace(['年', '月', '/', '.'], "-")
        .trim_end_matches('日')
        .to_string();
    ["%Y-%m-%d", "%Y%m%d"]
        .iter()
        .find_map(|format| NaiveDate::parse_from_str(&unified, format).ok())
}

/// Unix seconds from a date-time cell, an Excel serial (its fraction is the time of day), unix
/// seconds, or text: a date as [`date`] reads it, optionally followed by a time (10:30,
/// 10:30:15, T10:30:15Z). A date or time without a zone is local time.
pub fn moment(cell: &Cell) -> Result<Option<i64>, Problem> {
    let local = |t: NaiveDateTime| {
        Local
            .from_local_datetime(&t)
            .earliest()
            .map(|t| t.timestamp())
            .unwrap_or_else(|| t.and_utc().timestamp())
    };
    match cell {
        Cell::DateTime(t) => return Ok(Some(local(*t))),
        Cell::Number(n) if (1.0..100_000.0).contains(n) => {
            let day = crate::spreadsheet::cell_date(n.floor());
            let seconds = ((n - n.floor()) * 86_400.0).round() as u32;
            let time = NaiveTime::from_num_seconds_from_midnight_opt(seconds.min(86_399), 0);
            if let (Some(day), Some(time)) = (day, time) {
                return Ok(Some(local(day.and_time(time))));
            }
        }
        Cell::Number(n) if (UNIX_FROM..UNIX_TO).contains(n) => return Ok(Some(*n as i64)),
        _ => {}
    }
    let text = folded(cell);
    if text.is_empty() {
        return Ok(None);
    }
    let fail = || Problem::TimeInvalid { value: cell.text() };
    if text.len() == 10 && text.bytes().all(|b| b.is_ascii_digit()) {
        let n: f64 = text.parse().map_err(|_| fail())?;
        if (UNIX_FROM..UNIX_TO).contains(&n) {
            return Ok(Some(n as i64));
        }
    }
    let (day, time) = match text.split_once([' ', 'T']) {
        Some((day, time)) => (day, time.trim()),
        None => (text.as_str(), ""),
    };
    let day = date_text(day).ok_or_else(fail)?;
    let (time, utc) = match time.strip_suffix(['Z', 'z']) {
        Some(t) => (t, true),
        None => (time, false),
    };
    let time = match time {
        "" => NaiveTime::MIN,
        t => ["%H:%M:%S%.f", "%H:%M:%S", "%H:%M"]
            .iter()
            .find_map(|f| NaiveTime::parse_from_str(t, f).ok())
            .ok_or_else(fail)?,
    };
    let at = day.and_time(time);
    Ok(Some(if utc {
        at.and_utc().timestamp()
    } else {
        local(at)
    }))
}

/// 2000-01-01 to 2100-01-01 as unix seconds: a number in this range is a unix time, not a
/// spreadsheet serial.
const UNIX_FROM: f64 = 946_684_800.0;
const UNIX_TO: f64 = 4_102_444_800.0;

/// A phone number as digits. Numeric cells lose nothing; scientific notation that dropped
/// digits (1.38123E+10) cannot be recovered and is refused rather than guessed.
pub fn phone(cell: &Cell) -> Result<Option<String>, Problem> {
    let text = match cell {
        Cell::Number(n) => crate::spreadsheet::number_text(*n),
        other => folded(other),
    };
    if text.is_empty() {
        return Ok(None);
    }
    if text.contains(['*', '＊']) && text.chars().any(|c| c.is_ascii_digit()) {
        return Err(Problem::PhoneMasked { value: text });
    }
    let text = if text.contains(['e', 'E']) && text.contains('.') {
        let Ok(n) = text.parse::<f64>() else {
            return Err(Problem::PhoneInvalid { value: text });
        };
        let mantissa_digits = text
            .split(['e', 'E'])
            .next()
            .unwrap_or("")
            .chars()
            .filter(char::is_ascii_digit)
            .count();
        let digits = crate::spreadsheet::number_text(n);
        if mantissa_digits < digits.len() {
            return Err(Problem::PhoneScientific { value: text });
        }
        digits
    } else {
        text
    };
    crate::customers::validate_phone(&text)
        .map(Some)
        .map_err(problem_of)
}

/// A number from a numeric cell or from text like "12,000" or "１２３".
pub fn number(cell: &Cell) -> Result<Option<f64>, Problem> {
    match cell {
        Cell::Number(n) => Ok(Some(*n)),
        other => {
            let text = folded(other).replace([',', '，', ' '], "");
            if text.is_empty() {
                return Ok(None);
            }
            without_currency(&text)
                .parse()
                .map(Some)
                .map_err(|_| Problem::NumberInvalid {
                    value: other.text(),
                })
        }
    }
}

/// `text` without the currency a shop's export writes amounts in (¥45.00, -￥5, 45.00元, $12):
/// the number as a sign and digits.
fn without_currency(text: &str) -> String {
    let (sign, rest) = match text.strip_prefix(['-', '+']) {
        Some(rest) => (&text[..1], rest),
        None => ("", text),
    };
    let lower = rest.to_lowercase();
    let rest = ["¥", "￥", "$", "rmb", "cny"]
        .iter()
        .find_map(|c| lower.strip_prefix(c))
        .unwrap_or(&lower);
    format!("{sign}{}", rest.strip_suffix('元').unwrap_or(rest))
}

/// The problem a check found in a value (other errors are not about the value).
pub(super) fn problem_of(e: crate::Error) -> Problem {
    e.problem()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Cell {
        Cell::Text(s.into())
    }

    #[test]
    fn dates_written_every_common_way_are_read() {
        let want = NaiveDate::from_ymd_opt(2025, 1, 3);
        for text in [
            "2025/1/3",
            "2025-01-03",
            "2025年1月3日",
            "2025.1.3",
            "20250103",
            "２０２５/１/３",
            " 2025-01-03 10:30 ",
        ] {
            assert_eq!(date(&t(text)).unwrap(), want, "{text}");
        }
        assert_eq!(
            date(&Cell::Number(45660.0)).unwrap(),
            want,
            "Excel serial number"
        );
        assert_eq!(date(&t("")).unwrap(), None);
        assert!(date(&t("下周一")).is_err());
        assert!(date(&t("2025/2/30")).is_err());
    }

    #[test]
    fn event_times_are_read_with_or_without_a_time_of_day() {
        let at = |s: &str| moment(&t(s)).unwrap().unwrap();
        let day = at("2025-01-03");
        assert_eq!(at("2025/1/3 10:30") - day, 10 * 3600 + 30 * 60);
        assert_eq!(at("2025年1月3日 9:05:10") - day, 9 * 3600 + 5 * 60 + 10);
        assert_eq!(
            at("2025-01-03T10:30:00Z"),
            1_735_900_200,
            "UTC when it says Z"
        );
        assert_eq!(at("1735900200"), 1_735_900_200, "unix seconds as text");
        assert_eq!(
            moment(&Cell::Number(45660.5)).unwrap().unwrap() - day,
            12 * 3600,
            "an Excel serial's fraction is the time of day"
        );
        assert_eq!(moment(&t("")).unwrap(), None);
        assert!(moment(&t("2025-01-03 25:00")).is_err());
        assert!(moment(&t("昨天")).is_err());
    }

    #[test]
    fn phones_survive_numbers_full_width_and_country_codes() {
        assert_eq!(
            phone(&Cell::Number(13812345678.0)).unwrap().as_deref(),
            Some("13812345678")
        );
        assert_eq!(
            phone(&t("+86 138-1234-5678")).unwrap().as_deref(),
            Some("13812345678")
        );
        assert_eq!(
            phone(&t("１３８１２３４５６７８")).unwrap().as_deref(),
            Some("13812345678")
        );
        assert_eq!(
            phone(&t("1.3812345678E+10")).unwrap().as_deref(),
            Some("13812345678")
        );
        assert_eq!(
            phone(&t("1.38123E+10")).unwrap_err(),
            Problem::PhoneScientific {
                value: "1.38123E+10".into()
            }
        );
        assert!(phone(&t("12345")).is_err());
        assert_eq!(
            phone(&t("138****8000")).unwrap_err(),
            Problem::PhoneMasked {
                value: "138****8000".into()
            },
            "a marketplace's masked phone says so"
        );
    }

    #[test]
    fn numbers_stored_as_text_are_numbers() {
        assert_eq!(number(&t("12,000")).unwrap(), Some(12000.0));
        assert_eq!(number(&t("１２３")).unwrap(), Some(123.0));
        assert!(number(&t("很多")).is_err());
        for (text, want) in [
            ("¥45.00", 45.0),
            ("￥1,234.50", 1234.5),
            ("-¥5", -5.0),
            ("45.00元", 45.0),
            ("$12", 12.0),
            ("RMB 99", 99.0),
        ] {
            assert_eq!(number(&t(text)).unwrap(), Some(want), "{text}");
        }
        assert!(number(&t("¥")).is_err());
        assert!(number(&t("元")).is_err());
    }
}
