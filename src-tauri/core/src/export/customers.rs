//! Customers — a filter, a selection or everyone — to .xlsx or CSV.

use super::{neutralise, xlsx_error};
use crate::custom_fields::{self, CustomField};
use crate::customers::{CustomerQuery, Filter};
use crate::error::Result;
use crate::tags::{self, NodeKind, TagNode};
use chrono::{DateTime, Datelike, NaiveDate, Timelike};
use rusqlite::{params_from_iter, Connection};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::io::Write;
use std::path::Path;
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export_to = "ExportFormat.ts")]
pub enum ExportFormat {
    Xlsx,
    /// UTF-8 with a BOM.
    Csv,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export_to = "TagsLayout.ts")]
pub enum TagsLayout {
    /// One column per tag group, holding the customer's tags of that group.
    PerGroup,
    /// One column with all tags, joined by "、".
    Joined,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export_to = "ExportSpec.ts")]
pub struct ExportSpec {
    /// Which customers (paging ignored).
    pub query: CustomerQuery,
    pub format: ExportFormat,
    pub tags: TagsLayout,
    pub path: String,
}

enum Value {
    Text(String),
    Date(NaiveDate),
    Time(i64),
}

const ATTRIBUTES: &[(&str, &str)] = &[
    ("name", "姓名"),
    ("phone", "手机"),
    ("email", "邮箱"),
    ("company", "公司"),
    ("job_title", "职位"),
    ("industry", "行业"),
    ("province", "省份"),
    ("city", "城市"),
    ("source", "来源"),
    ("customer_type", "客户类型"),
    ("level", "等级"),
    ("gender", "性别"),
    ("birthday", "生日"),
    ("notes", "备注"),
    ("external_id", "外部编号"),
    ("created_at", "创建时间"),
];

/// Writes every customer `spec.query` matches; returns how many.
pub fn export_customers(conn: &Connection, spec: &ExportSpec) -> Result<i64> {
    let fields: Vec<CustomField> = custom_fields::list(conn)?
        .into_iter()
        .filter(|f| !f.archived)
        .collect();
    let nodes = tags::load_nodes(conn)?;
    let groups: Vec<&TagNode> = nodes
        .iter()
        .filter(|n| n.kind == NodeKind::Group && !n.deleted)
        .collect();
    let by_id: HashMap<i64, &TagNode> = nodes.iter().map(|n| (n.id, n)).collect();
    let mut headers: Vec<String> = ATTRIBUTES.iter().map(|(_, h)| h.to_string()).collect();
    headers.extend(fields.iter().map(|f| f.label.clone()));
    match spec.tags {
        TagsLayout::PerGroup => headers.extend(groups.iter().map(|g| g.name.clone())),
        TagsLayout::Joined => headers.push("标签".into()),
    }

    let filter = Filter::of(&spec.query);
    let columns = ATTRIBUTES
        .iter()
        .map(|(c, _)| format!("c.{c}"))
        .collect::<Vec<_>>()
        .join(", ");
    let mut stmt = conn.prepare(&format!(
        "{} ORDER BY c.id",
        filter.select(&format!("c.id, {columns}"))
    ))?;
    let mut rows = stmt.query(params_from_iter(filter.args.iter()))?;
    let mut sink = Sink::open(Path::new(&spec.path), spec.format, &headers)?;
    let mut tags_of =
        conn.prepare_cached("SELECT tag_id FROM assignments WHERE customer_id = ?1")?;
    let mut custom_of =
        conn.prepare_cached("SELECT field_id, value FROM custom_values WHERE customer_id = ?1")?;
    let mut count = 0i64;
    while let Some(r) = rows.next()? {
        let id: i64 = r.get(0)?;
        let mut values: Vec<Value> = Vec::with_capacity(headers.len());
        for (i, (column, _)) in ATTRIBUTES.iter().enumerate() {
            let v = match *column {
                "created_at" => Value::Time(r.get(i + 1)?),
                "birthday" => match r.get::<_, Option<String>>(i + 1)? {
                    Some(d) => NaiveDate::parse_from_str(&d, "%Y-%m-%d")
                        .map(Value::Date)
                        .unwrap_or(Value::Text(d)),
                    None => Value::Text(String::new()),
                },
                _ => Value::Text(r.get::<_, Option<String>>(i + 1)?.unwrap_or_default()),
            };
            values.push(v);
        }
        let custom: HashMap<i64, String> = custom_of
            .query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        for f in &fields {
            let raw = custom.get(&f.id).cloned().unwrap_or_default();
            let shown = match serde_json::from_str::<Vec<String>>(&raw) {
                Ok(list) if f.kind == custom_fields::FieldKind::MultiChoice => list.join("、"),
                _ => raw,
            };
            values.push(Value::Text(shown));
        }
        let held: Vec<i64> = tags_of
            .query_map([id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let name = |t: &i64| by_id.get(t).map(|n| n.name.clone());
        match spec.tags {
            TagsLayout::PerGroup => {
                for g in &groups {
                    let names: Vec<String> = held
                        .iter()
                        .filter(|t| by_id.get(t).and_then(|n| n.parent_id) == Some(g.id))
                        .filter_map(name)
                        .collect();
                    values.push(Value::Text(names.join("、")));
                }
            }
            TagsLayout::Joined => values.push(Value::Text(
                held.iter().filter_map(name).collect::<Vec<_>>().join("、"),
            )),
        }
        sink.row(&values)?;
        count += 1;
    }
    sink.close()?;
    Ok(count)
}

/// Where rows go: an .xlsx written row by row in constant memory, or a CSV stream.
enum Sink {
    Xlsx {
        book: Box<Workbook>,
        row: u32,
        path: std::path::PathBuf,
        columns: u16,
        date: Format,
        time: Format,
    },
    Csv(csv::Writer<std::io::BufWriter<std::fs::File>>),
}

impl Sink {
    fn open(path: &Path, format: ExportFormat, headers: &[String]) -> Result<Sink> {
        match format {
            ExportFormat::Csv => {
                let mut file = std::io::BufWriter::new(std::fs::File::create(path)?);
                file.write_all(b"\xEF\xBB\xBF")?;
                let mut w = csv::Writer::from_writer(file);
                w.write_record(headers)
                    .map_err(|e| crate::Error::invalid("export", e.to_string()))?;
                Ok(Sink::Csv(w))
            }
            ExportFormat::Xlsx => {
                let mut book = Box::new(Workbook::new());
                let sheet = book
                    .add_worksheet_with_constant_memory()
                    .map_err(xlsx_error)?;
                sheet.set_name("客户").map_err(xlsx_error)?;
                let bold = Format::new().set_bold();
                for (c, h) in headers.iter().enumerate() {
                    sheet
                        .write_string_with_format(0, c as u16, h, &bold)
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
                    date: Format::new().set_num_format("yyyy-mm-dd"),
                    time: Format::new().set_num_format("yyyy-mm-dd hh:mm"),
                })
            }
        }
    }

    fn row(&mut self, values: &[Value]) -> Result<()> {
        match self {
            Sink::Csv(w) => {
                let texts: Vec<String> = values
                    .iter()
                    .map(|v| match v {
                        Value::Text(t) => neutralise(t).into_owned(),
                        Value::Date(d) => d.format("%Y-%m-%d").to_string(),
                        Value::Time(t) => local(*t).format("%Y-%m-%d %H:%M").to_string(),
                    })
                    .collect();
                w.write_record(&texts)
                    .map_err(|e| crate::Error::invalid("export", e.to_string()))?;
            }
            Sink::Xlsx {
                book,
                row,
                date,
                time,
                ..
            } => {
                *row += 1;
                let sheet = book.worksheet_from_index(0).map_err(xlsx_error)?;
                for (c, v) in values.iter().enumerate() {
                    let c = c as u16;
                    match v {
                        Value::Text(t) if t.is_empty() => {}
                        Value::Text(t) => {
                            sheet
                                .write_string(*row, c, neutralise(t))
                                .map_err(xlsx_error)?;
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

    fn close(self) -> Result<()> {
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
