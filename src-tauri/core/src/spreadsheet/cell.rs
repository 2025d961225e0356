//! One cell as read, before any column gives it a meaning.

use chrono::{NaiveDate, NaiveDateTime};
use std::borrow::Cow;

#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Number(f64),
    Bool(bool),
    /// A cell formatted as a date or time in the workbook.
    DateTime(NaiveDateTime),
    /// An error value such as #N/A or #DIV/0!.
    Error(String),
}

impl Cell {
    pub fn is_empty(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(s) => s.trim().is_empty(),
            _ => false,
        }
    }

    /// The cell as text a person would type: numbers without a spurious ".0", dates as
    /// YYYY-MM-DD, trimmed.
    pub fn text(&self) -> String {
        self.text_ref().into_owned()
    }

    /// [`text`](Cell::text), borrowed from a text cell instead of copied.
    pub fn text_ref(&self) -> Cow<'_, str> {
        match self {
            Cell::Text(s) => Cow::Borrowed(s.trim()),
            other => Cow::Owned(other.formatted()),
        }
    }

    fn formatted(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(s) => s.trim().to_string(),
            Cell::Number(n) => number_text(*n),
            Cell::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
            Cell::DateTime(d) => {
                if d.time() == chrono::NaiveTime::MIN {
                    d.date().format("%Y-%m-%d").to_string()
                } else {
                    d.format("%Y-%m-%d %H:%M:%S").to_string()
                }
            }
            Cell::Error(e) => e.clone(),
        }
    }
}

/// 13812345678.0 → "13812345678", 12.5 → "12.5".
pub fn number_text(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

/// Excel's serial day number (1900 system, with its phantom 29 Feb 1900) to a date.
pub fn excel_serial_date(serial: f64) -> Option<NaiveDate> {
    if !(1.0..2_958_466.0).contains(&serial) {
        return None;
    }
    let days = serial.floor() as i64;
    let base = NaiveDate::from_ymd_opt(1899, 12, 30)?;
    // Serials below 61 predate Excel's fictitious 1900-02-29 and are one day off.
    let days = if days < 61 { days + 1 } else { days };
    base.checked_add_signed(chrono::Duration::days(days))
}
