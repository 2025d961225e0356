//! CSV and TSV: encoding (BOM, UTF-8, else GBK/GB18030 as detected, or as the user says) and
//! delimiter (comma, tab, semicolon) detected from the bytes.

use super::{problem, Cell, ReadOptions, Table};
use crate::error::Result;
use crate::problem::Problem;
use encoding_rs::{Encoding, GB18030, UTF_8};
use std::path::Path;

pub(super) fn read(path: &Path, options: &ReadOptions) -> Result<Table> {
    let bytes = std::fs::read(path).map_err(|e| {
        problem(
            path,
            Problem::FileUnreadable {
                detail: e.to_string(),
            },
        )
    })?;
    // UTF-16 text (Excel's "Unicode text") is full of zero bytes; its BOM says it is text.
    let has_bom = Encoding::for_bom(&bytes).is_some();
    if !has_bom && bytes.iter().take(4096).filter(|b| **b == 0).count() > 8 {
        return Err(problem(path, Problem::FileBinary));
    }
    let encoding = choose_encoding(path, &bytes, options.encoding.as_deref())?;
    let (text, _, had_errors) = encoding.decode(&bytes);
    if had_errors && options.encoding.is_none() {
        return Err(problem(
            path,
            Problem::WrongEncoding {
                encoding: encoding.name().to_string(),
            },
        ));
    }
    let delimiter = detect_delimiter(&text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for (i, record) in reader.records().enumerate() {
        if i + 1 >= super::MAX_ROWS {
            return Err(problem(
                path,
                super::workbook::full_sheet(&super::file_name(path)),
            ));
        }
        let record = record.map_err(|e| {
            problem(
                path,
                Problem::CsvRow {
                    row: i as u32 + 1,
                    detail: e.to_string(),
                },
            )
        })?;
        rows.push(
            record
                .iter()
                .map(|f| {
                    if f.trim().is_empty() {
                        Cell::Empty
                    } else {
                        // Exports mark formula-like text with an apostrophe; the value is
                        // what follows it.
                        Cell::Text(super::unneutralise(f).to_string())
                    }
                })
                .collect(),
        );
    }
    Ok(Table {
        sheet: path
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default(),
        rows,
        encoding: Some(encoding.name().to_string()),
    })
}

fn choose_encoding(path: &Path, bytes: &[u8], chosen: Option<&str>) -> Result<&'static Encoding> {
    if let Some(label) = chosen {
        let label = if label.eq_ignore_ascii_case("gbk") {
            "gb18030"
        } else {
            label
        };
        return Encoding::for_label(label.as_bytes()).ok_or_else(|| {
            problem(
                path,
                Problem::UnknownEncoding {
                    label: label.to_string(),
                },
            )
        });
    }
    if let Some((encoding, _)) = Encoding::for_bom(bytes) {
        return Ok(encoding);
    }
    if std::str::from_utf8(bytes).is_ok() {
        return Ok(UTF_8);
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let guess = detector.guess(Some(b"cn"), chardetng::Utf8Detection::Allow);
    // GB18030 decodes everything GBK and GB2312 do, and more.
    Ok(if guess == encoding_rs::GBK {
        GB18030
    } else {
        guess
    })
}

/// The candidate that splits the first lines into the same number of fields most often.
fn detect_delimiter(text: &str) -> u8 {
    let lines: Vec<&str> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(20)
        .collect();
    let mut best = (b',', 0usize);
    for candidate in [b',', b'\t', b';', b'|'] {
        let counts: Vec<usize> = lines
            .iter()
            .map(|l| l.matches(candidate as char).count())
            .collect();
        let typical = counts.iter().copied().max().unwrap_or(0);
        if typical == 0 {
            continue;
        }
        let score = counts.iter().filter(|c| **c == typical).count() * typical;
        if score > best.1 {
            best = (candidate, score);
        }
    }
    best.0
}
