//! Checks and normalises customer attributes, with messages that name the field and the rule.

use crate::error::{Error, Result};
use crate::problem::Problem;
use chrono::NaiveDate;

/// Phone numbers as people type them ("+86 138-0013-8000", "0571 8888 6666") reduced to
/// digits; mainland mobiles lose the country code.
pub fn phone(raw: &str) -> Result<String> {
    let digits: String = raw
        .chars()
        .filter(|c| !matches!(c, ' ' | '-' | '(' | ')' | '\u{3000}'))
        .collect();
    let digits = digits
        .strip_prefix("+86")
        .or_else(|| digits.strip_prefix("0086"))
        .unwrap_or(&digits);
    let digits: String = digits.chars().map(fullwidth_digit).collect();
    if !digits.chars().all(|c| c.is_ascii_digit()) {
        return Err(Error::invalid(
            "phone",
            Problem::PhoneNotDigits {
                value: raw.to_string(),
            },
        ));
    }
    let ok = match digits.len() {
        11 if digits.starts_with('1') => true,
        // Landlines with area code: 010-12345678, 0571-8888666.
        10..=12 if digits.starts_with('0') => true,
        _ => false,
    };
    if !ok {
        return Err(Error::invalid(
            "phone",
            Problem::PhoneInvalid {
                value: raw.to_string(),
            },
        ));
    }
    Ok(digits)
}

fn fullwidth_digit(c: char) -> char {
    match c {
        '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
        _ => c,
    }
}

pub fn email(raw: &str) -> Result<String> {
    let e = raw.trim().to_lowercase();
    let valid = match e.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !e.contains(char::is_whitespace)
                && e.matches('@').count() == 1
        }
        None => false,
    };
    if valid {
        Ok(e)
    } else {
        Err(Error::invalid(
            "email",
            Problem::EmailInvalid {
                value: raw.to_string(),
            },
        ))
    }
}

pub fn date(field: &str, raw: &str) -> Result<String> {
    NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d")
        .map(|d| d.format("%Y-%m-%d").to_string())
        .map_err(|_| {
            Error::invalid(
                field,
                Problem::DateInvalid {
                    value: raw.to_string(),
                },
            )
        })
}

pub fn choice(field: &str, raw: &str, allowed: &[&str]) -> Result<String> {
    if allowed.contains(&raw) {
        Ok(raw.to_string())
    } else {
        Err(Error::invalid(
            field,
            Problem::NotOneOf {
                value: raw.to_string(),
                allowed: allowed.iter().map(|a| a.to_string()).collect(),
            },
        ))
    }
}

pub fn name(raw: &str) -> Result<String> {
    let n = raw.trim();
    if n.is_empty() {
        return Err(Error::invalid("name", Problem::NameRequired));
    }
    if n.chars().count() > 100 {
        return Err(Error::invalid("name", Problem::NameTooLong { limit: 100 }));
    }
    Ok(n.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phones_are_normalised_from_what_people_type() {
        assert_eq!(phone("+86 138-0013-8000").unwrap(), "13800138000");
        assert_eq!(phone("１３８００１３８０００").unwrap(), "13800138000");
        assert_eq!(phone("0571 8888 6666").unwrap(), "057188886666");
        assert!(phone("12345").is_err());
        assert!(phone("138001380O0").is_err(), "a letter O is not a zero");
    }

    #[test]
    fn emails_dates_and_choices_are_checked() {
        assert_eq!(email(" Li.Na@QQ.com ").unwrap(), "li.na@qq.com");
        assert!(email("li.na@qq").is_err());
        assert!(email("a b@qq.com").is_err());
        assert_eq!(date("birthday", "1990-02-28").unwrap(), "1990-02-28");
        assert!(date("birthday", "1990-02-30").is_err());
        assert!(choice("gender", "robot", &["male", "female", "other"]).is_err());
    }
}
