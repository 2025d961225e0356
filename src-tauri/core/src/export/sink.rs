//! Where exported rows go: an .xlsx written row by row in constant memory (bold frozen header,
//! filters, real dates and numbers), or a CSV stream with a BOM. No text cell can run as a
//! formula: in .xlsx formula-like text carries the quote-prefix format (the text unchanged),
//! in CSV a leading apostrophe, headers included.

use super::{formula_like, neutralise, write_text, xlsx_error};
use crate::error::Result;
use chrono::{DateTime, Datelike, NaiveDate, Timelike};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
use std::io::Write;
use std::path::Path;

use super::ExportFormat;

pub(super) enum Value {
    Text(String),
    Number(f64),
    Date(NaiveDate),
    Time(i64),
}

/// The cell formats of an .xlsx's data rows.
pub(super) struct Formats {
    date: Format,
    time: Format,
    /// Text shown and edited as text even when it looks like a formula.
    quoted: Format,
}

/// Where rows go: an .xlsx written row by row in constant memory, or a CSV stream.
pub(super) enum Sink {
    Xlsx {
        book: Box<Workbook>,
        row: u32,
        path: std::path::PathBuf,
        columns: u16,
        formats: Box<Formats>,
    },
    Csv(Box<csv::Writer<std::io::BufWriter<std::fs::File>>>),
}

impl Sink {
    pub(super) fn open(
        path: &Path,
        format: ExportFormat,
        sheet_name: &str,
        headers: &[String],
    ) -> Result<Sink> {
        match format {
            ExportFormat::Csv => {
                let mut file = std::io::BufWriter::new(std::fs::File::create(path)?);
                file.write_all(b"\xEF\xBB\xBF")?;
                let mut w = csv::Writer::from_writer(file);
                w.write_record(headers.iter().map(|h| neutralise(h).into_owned()))
                    .map_err(crate::export::write_failed)?;
                Ok(Sink::Csv(Box::new(w)))
            }
            ExportFormat::Xlsx => {
                let mut book = Box::new(Workbook::new());
                let sheet = book
                    .add_worksheet_with_constant_memory()
                    .map_err(xlsx_error)?;
                sheet.set_name(sheet_name).map_err(xlsx_error)?;
                let bold = Format::new().set_bold();
                let bold_quoted = Format::new().set_bold().set_quote_prefix();
                for (c, h) in headers.iter().enumerate() {
                    let format = if formula_like(h) { &bold_quoted } else { &bold };
                    sheet
                        .write_string_with_format(0, c as u16, h, format)
                        .map_err(xlsx_error)?;
                    let width = if c < 2 {
                        14.0
                    } else if h.chars().count() > 4 {
                        18.0
                    } else {
                        12.0
                    };
                    sheet
                        .set_column_width(c as u16, width)
                        .map_err(xlsx_error)?;
                }
                sheet.set_freeze_panes(1, 0).map_err(xlsx_error)?;
                Ok(Sink::Xlsx {
                    book,
                    row: 0,
                    path: path.to_path_buf(),
                    columns: headers.len() as u16,
                    formats: Box::new(Formats {
                        date: Format::new().set_num_format("yyyy-mm-dd"),
                        time: Format::new().set_num_format("yyyy-mm-dd hh:mm"),
                        quoted: Format::new().set_quote_prefix(),
                    }),
                })
            }
        }
    }

    pub(super) fn row(&mut self, values: &[Value]) -> Result<()> {
        match self {
            Sink::Csv(w) => {
                let texts: Vec<String> = values
                    .iter()
                    .map(|v| match v {
                        Value::Text(t) => neutralise(t).into_owned(),
                        Value::Number(n) => crate::spreadsheet::number_text(*n),
                        Value::Date(d) => d.format("%Y-%m-%d").to_string(),
                        Value::Time(t) => local(*t).format("%Y-%m-%d %H:%M").to_string(),
                    })
                    .collect();
                w.write_record(&texts)
                    .map_err(crate::export::write_failed)?;
            }
            Sink::Xlsx {
                book, row, formats, ..
            } => {
                let Formats { date, time, quoted } = formats.as_ref();
                *row += 1;
                let sheet = book.worksheet_from_index(0).map_err(xlsx_error)?;
                for (c, v) in values.iter().enumerate() {
                    let c = c as u16;
                    match v {
                        Value::Text(t) => write_text(sheet, (*row, c), t, quoted)?,
                        Value::Number(n) => {
                            sheet.write_number(*row, c, *n).map_err(xlsx_error)?;
                        }
                        Value::Date(d) => {
                            let x = ExcelDateTime::from_ymd(
                                d.year() as u16,
                                d.month() as u8,
                                d.day() as u8,
                            )
                            .map_err(xlsx_error)?;
                            sheet
                                .write_datetime_with_format(*row, c, &x, date)
                                .map_err(xlsx_error)?;
                        }
                        Value::Time(t) => {
                            let dt = local(*t);
                            let x = ExcelDateTime::from_ymd(
                                dt.year() as u16,
                                dt.month() as u8,
                                dt.day() as u8,
                            )
                            .and_then(|x| x.and_hms(dt.hour() as u16, dt.minute() as u8, 0))
                            .map_err(xlsx_error)?;
                            sheet
                                .write_datetime_with_format(*row, c, &x, time)
                                .map_err(xlsx_error)?;
                        }
                    }
                }
            }
        }
        Ok(())
    }

    pub(super) fn close(self) -> Result<()> {
        match self {
            Sink::Csv(mut w) => w.flush()?,
            Sink::Xlsx {
                mut book,
                row,
                path,
                columns,
                ..
            } => {
                let sheet = book.worksheet_from_index(0).map_err(xlsx_error)?;
                sheet
                    .autofilter(0, 0, row, columns.saturating_sub(1))
                    .map_err(xlsx_error)?;
                book.save(&path).map_err(xlsx_error)?;
            }
        }
        Ok(())
    }
}

fn local(unix: i64) -> chrono::NaiveDateTime {
    DateTime::from_timestamp(unix, 0)
        .map(|d| d.with_timezone(&chrono::Local).naive_local())
        .unwrap_or_default()
}
