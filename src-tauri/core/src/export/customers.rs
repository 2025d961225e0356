//! Customers — everyone, a filter or a selection — to .xlsx or CSV, with the columns chosen.

use super::sink::{Sink, Value};
use crate::custom_fields::{self, CustomField, FieldKind};
use crate::customers::{CustomerQuery, Filter};
use crate::error::{Error, Result};
use crate::import::Attribute;
use crate::tags::{self, NodeKind, TagNode};
use chrono::NaiveDate;
use rusqlite::{params_from_iter, types::Value as Sql, Connection};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
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
    /// No tag columns.
    None,
}

/// Which customers an export writes.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(tag = "type", rename_all = "snake_case")]
#[ts(export_to = "ExportScope.ts")]
pub enum ExportScope {
    Everyone,
    /// Everyone a list query matches: its search and tag filters (sorting and paging ignored).
    Matching {
        query: CustomerQuery,
    },
    /// Exactly these customers (deleted ones left out).
    Customers {
        ids: Vec<i64>,
    },
}

/// One column of the exported file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "type", rename_all = "snake_case")]
#[ts(export_to = "ExportColumn.ts")]
pub enum ExportColumn {
    Attribute { attribute: Attribute },
    CreatedAt,
    UpdatedAt,
    CustomField { field_id: i64 },
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export_to = "ExportSpec.ts")]
pub struct ExportSpec {
    pub scope: ExportScope,
    /// The columns in order, before the tag columns; empty means every attribute, the creation
    /// time and every custom field in use.
    pub columns: Vec<ExportColumn>,
    pub format: ExportFormat,
    pub tags: TagsLayout,
    pub path: String,
}

/// The built-in columns: (column in `customers`, header). The headers are ones the importer
/// recognises, so an export imports back as it was.
const ATTRIBUTES: &[(Attribute, &str, &str)] = &[
    (Attribute::Name, "name", "姓名"),
    (Attribute::Phone, "phone", "手机"),
    (Attribute::Email, "email", "邮箱"),
    (Attribute::Company, "company", "公司"),
    (Attribute::JobTitle, "job_title", "职位"),
    (Attribute::Industry, "industry", "行业"),
    (Attribute::Province, "province", "省份"),
    (Attribute::City, "city", "城市"),
    (Attribute::Source, "source", "来源"),
    (Attribute::CustomerType, "customer_type", "客户类型"),
    (Attribute::Level, "level", "等级"),
    (Attribute::Gender, "gender", "性别"),
    (Attribute::Birthday, "birthday", "生日"),
    (Attribute::Notes, "notes", "备注"),
    (Attribute::ExternalId, "external_id", "外部编号"),
];

/// Position of `created_at` and `updated_at` in the selected row, after id and the attributes.
const CREATED: usize = ATTRIBUTES.len() + 1;
const UPDATED: usize = ATTRIBUTES.len() + 2;

/// The column list an empty `columns` stands for.
pub fn default_columns(fields: &[CustomField]) -> Vec<ExportColumn> {
    ATTRIBUTES
        .iter()
        .map(|(attribute, _, _)| ExportColumn::Attribute {
            attribute: *attribute,
        })
        .chain(std::iter::once(ExportColumn::CreatedAt))
        .chain(
            fields
                .iter()
                .filter(|f| !f.archived)
                .map(|f| ExportColumn::CustomField { field_id: f.id }),
        )
        .collect()
}

/// A chosen column, resolved: where its value comes from and its header.
enum Source<'a> {
    /// Index in the selected row.
    Row(usize),
    Custom(&'a CustomField),
}

/// Writes every customer `spec.scope` names; returns how many.
pub fn export_customers(conn: &Connection, spec: &ExportSpec) -> Result<i64> {
    let fields = custom_fields::list(conn)?;
    let chosen = if spec.columns.is_empty() {
        default_columns(&fields)
    } else {
        spec.columns.clone()
    };
    let mut headers: Vec<String> = Vec::new();
    let mut sources: Vec<Source> = Vec::new();
    for column in &chosen {
        let (source, header) = match column {
            ExportColumn::Attribute { attribute } => {
                let i = ATTRIBUTES
                    .iter()
                    .position(|(a, _, _)| a == attribute)
                    .unwrap_or(0);
                (Source::Row(i + 1), ATTRIBUTES[i].2.to_string())
            }
            ExportColumn::CreatedAt => (Source::Row(CREATED), "创建时间".into()),
            ExportColumn::UpdatedAt => (Source::Row(UPDATED), "更新时间".into()),
            ExportColumn::CustomField { field_id } => {
                let field = fields.iter().find(|f| f.id == *field_id).ok_or_else(|| {
                    Error::invalid("columns", format!("there is no custom field {field_id}"))
                })?;
                (Source::Custom(field), field.label.clone())
            }
        };
        headers.push(header);
        sources.push(source);
    }
    let nodes = tags::load_nodes(conn)?;
    let groups: Vec<&TagNode> = nodes
        .iter()
        .filter(|n| n.kind == NodeKind::Group && !n.deleted)
        .collect();
    let by_id: HashMap<i64, &TagNode> = nodes.iter().map(|n| (n.id, n)).collect();
    match spec.tags {
        TagsLayout::PerGroup => headers.extend(groups.iter().map(|g| g.name.clone())),
        TagsLayout::Joined => headers.push("标签".into()),
        TagsLayout::None => {}
    }

    let columns = ATTRIBUTES
        .iter()
        .map(|(_, c, _)| format!("c.{c}"))
        .collect::<Vec<_>>()
        .join(", ");
    let (sql, args) = scope_sql(
        conn,
        &spec.scope,
        &format!("c.id, {columns}, c.created_at, c.updated_at"),
    )?;
    let mut stmt = conn.prepare(&format!("{sql} ORDER BY c.id"))?;
    let mut rows = stmt.query(params_from_iter(args.iter()))?;
    let mut sink = Sink::open(Path::new(&spec.path), spec.format, &headers)?;
    let mut tags_of =
        conn.prepare_cached("SELECT tag_id FROM assignments WHERE customer_id = ?1")?;
    let mut custom_of =
        conn.prepare_cached("SELECT field_id, value FROM custom_values WHERE customer_id = ?1")?;
    let wants_custom = sources.iter().any(|s| matches!(s, Source::Custom(_)));
    let mut count = 0i64;
    while let Some(r) = rows.next()? {
        let id: i64 = r.get(0)?;
        let custom: HashMap<i64, String> = if wants_custom {
            custom_of
                .query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<rusqlite::Result<_>>()?
        } else {
            HashMap::new()
        };
        let mut values: Vec<Value> = Vec::with_capacity(headers.len());
        for source in &sources {
            values.push(match source {
                Source::Row(i) if *i == CREATED || *i == UPDATED => Value::Time(r.get(*i)?),
                Source::Row(i) => {
                    let text = r.get::<_, Option<String>>(*i)?.unwrap_or_default();
                    match ATTRIBUTES[*i - 1].0 {
                        Attribute::Birthday if !text.is_empty() => {
                            NaiveDate::parse_from_str(&text, "%Y-%m-%d")
                                .map(Value::Date)
                                .unwrap_or(Value::Text(text))
                        }
                        _ => Value::Text(text),
                    }
                }
                Source::Custom(f) => {
                    let raw = custom.get(&f.id).cloned().unwrap_or_default();
                    Value::Text(match serde_json::from_str::<Vec<String>>(&raw) {
                        Ok(list) if f.kind == FieldKind::MultiChoice => list.join("、"),
                        _ => raw,
                    })
                }
            });
        }
        if spec.tags != TagsLayout::None {
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
                _ => values.push(Value::Text(
                    held.iter().filter_map(name).collect::<Vec<_>>().join("、"),
                )),
            }
        }
        sink.row(&values)?;
        count += 1;
    }
    sink.close()?;
    Ok(count)
}

/// `SELECT {columns} FROM … WHERE …` for a scope, and its bound values.
fn scope_sql(conn: &Connection, scope: &ExportScope, columns: &str) -> Result<(String, Vec<Sql>)> {
    Ok(match scope {
        ExportScope::Everyone => (
            format!("SELECT {columns} FROM customers c WHERE c.deleted_at IS NULL"),
            Vec::new(),
        ),
        ExportScope::Matching { query } => {
            let filter = Filter::of(conn, query)?;
            (filter.select(columns), filter.args)
        }
        ExportScope::Customers { ids } => (
            format!(
                "SELECT {columns} FROM customers c WHERE c.deleted_at IS NULL
                 AND c.id IN (SELECT value FROM json_each(?1))"
            ),
            vec![Sql::Text(serde_json::to_string(ids)?)],
        ),
    })
}
