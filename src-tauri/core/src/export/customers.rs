//! Customers — everyone, a filter or a selection — to .xlsx or CSV, with the columns chosen.

use super::headers::{self as header, Headers, Language};
use super::sink::{Sink, Value};
use crate::attributes::{self, ATTRIBUTES};
use crate::custom_fields::{self, CustomField, FieldKind};
use crate::customers::{CustomerQuery, Filter};
use crate::error::{Error, Result};
use crate::import::{mapping::key, Attribute};
use crate::problem::{Problem, Thing};
use crate::tags::{self, NodeKind, TagNode};
use chrono::NaiveDate;
use rusqlite::{params_from_iter, types::Value as Sql, Connection};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
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
    /// The headers' and labels' language: the UI's (Chinese when a caller does not say).
    #[serde(default)]
    pub language: Language,
}

/// Where a built-in attribute is in the selected row: after the id, in table order.
fn row_of(key: &str) -> usize {
    1 + ATTRIBUTES
        .iter()
        .position(|a| a.key == key)
        .expect("the export's built-in columns are in ATTRIBUTES")
}

/// The column list an empty `columns` stands for.
pub fn default_columns(fields: &[CustomField]) -> Vec<ExportColumn> {
    attributes::entered()
        .map(|(attribute, _)| ExportColumn::Attribute { attribute })
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

/// The tag tree as the tag columns need it.
struct Tree<'a> {
    by_id: HashMap<i64, &'a TagNode>,
    /// Live groups in tree order.
    groups: Vec<&'a TagNode>,
    /// Tags whose name another live tag shares: a tags column names them by path.
    ambiguous: HashSet<i64>,
}

impl<'a> Tree<'a> {
    fn new(nodes: &'a [TagNode]) -> Tree<'a> {
        let mut names: HashMap<String, Vec<i64>> = HashMap::new();
        for n in nodes
            .iter()
            .filter(|n| n.kind == NodeKind::Tag && !n.deleted)
        {
            names.entry(tags::name_key(&n.name)).or_default().push(n.id);
        }
        Tree {
            by_id: nodes.iter().map(|n| (n.id, n)).collect(),
            groups: nodes
                .iter()
                .filter(|n| n.kind == NodeKind::Group && !n.deleted)
                .collect(),
            ambiguous: names
                .into_values()
                .filter(|ids| ids.len() > 1)
                .flatten()
                .collect(),
        }
    }

    /// How a tags column writes a tag: its name, or its path when the name is not unique.
    fn tag(&self, id: i64) -> Option<String> {
        let node = self.by_id.get(&id)?;
        Some(if self.ambiguous.contains(&id) {
            tags::path_of(&self.by_id, id)
        } else {
            node.name.clone()
        })
    }

    /// One header per group, after `headers` has the other columns'.
    fn group_headers(&self, headers: &mut Headers) -> Vec<String> {
        let mut counts: HashMap<String, usize> = HashMap::new();
        for g in &self.groups {
            *counts.entry(key(&g.name)).or_default() += 1;
        }
        self.groups
            .iter()
            .map(|g| {
                let path = tags::path_of(&self.by_id, g.id);
                headers.group(&g.name, &path, counts[&key(&g.name)] > 1)
            })
            .collect()
    }
}

/// Writes every customer `spec.scope` names; returns how many.
pub fn export_customers(conn: &Connection, spec: &ExportSpec) -> Result<i64> {
    if let ExportScope::Matching { query } = &spec.scope {
        crate::tag_usage::note_nodes(
            conn,
            crate::tag_usage::UsageKind::Export,
            &query.tag_ids,
            crate::clock::now(),
        )?;
    }
    let language = spec.language;
    let fields = custom_fields::list(conn)?;
    let chosen = if spec.columns.is_empty() {
        default_columns(&fields)
    } else {
        spec.columns.clone()
    };
    let mut names = Headers::new(language);
    let mut headers: Vec<String> = Vec::new();
    let mut sources: Vec<Source> = Vec::new();
    for column in &chosen {
        let built_in = |key: &str| {
            let i = row_of(key);
            (
                Source::Row(i),
                ATTRIBUTES[i - 1].label(language).to_string(),
            )
        };
        let (source, header) = match column {
            ExportColumn::Attribute { attribute } => built_in(attribute.column()),
            ExportColumn::CreatedAt => built_in("created_at"),
            ExportColumn::UpdatedAt => built_in("updated_at"),
            ExportColumn::CustomField { field_id } => {
                let field = fields.iter().find(|f| f.id == *field_id).ok_or_else(|| {
                    Error::invalid(
                        "columns",
                        Problem::NotFound {
                            thing: Thing::CustomField,
                            id: field_id.to_string(),
                        },
                    )
                })?;
                (Source::Custom(field), names.field(&field.label))
            }
        };
        headers.push(header);
        sources.push(source);
    }
    let nodes = tags::load_nodes(conn)?;
    let tree = Tree::new(&nodes);
    match spec.tags {
        TagsLayout::PerGroup => headers.extend(tree.group_headers(&mut names)),
        TagsLayout::Joined => headers.push(header::tags(language).into()),
        TagsLayout::None => {}
    }

    let columns = ATTRIBUTES
        .iter()
        .map(|a| format!("c.{}", a.key))
        .collect::<Vec<_>>()
        .join(", ");
    let (sql, args) = scope_sql(conn, &spec.scope, &format!("c.id, {columns}"))?;
    let mut stmt = conn.prepare(&format!("{sql} ORDER BY c.id"))?;
    let mut rows = stmt.query(params_from_iter(args.iter()))?;
    let path = Path::new(&spec.path);
    let mut sink = Sink::open(path, spec.format, header::sheet_name(language), &headers)?;
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
                Source::Row(i) => match ATTRIBUTES[*i - 1].attribute {
                    Some(attribute) => {
                        let text = r.get::<_, Option<String>>(*i)?.unwrap_or_default();
                        attribute_value(attribute, text, language)
                    }
                    // What the database keeps by itself: the creation and update times.
                    None => Value::Time(r.get(*i)?),
                },
                Source::Custom(f) => custom_value(f, custom.get(&f.id)),
            });
        }
        if spec.tags != TagsLayout::None {
            let held: Vec<i64> = tags_of
                .query_map([id], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            match spec.tags {
                TagsLayout::PerGroup => {
                    for g in &tree.groups {
                        let names: Vec<String> = held
                            .iter()
                            .filter_map(|t| tree.by_id.get(t))
                            .filter(|t| t.parent_id == Some(g.id))
                            .map(|t| t.name.clone())
                            .collect();
                        values.push(Value::Text(names.join("、")));
                    }
                }
                _ => values.push(Value::Text(
                    held.iter()
                        .filter_map(|t| tree.tag(*t))
                        .collect::<Vec<_>>()
                        .join("、"),
                )),
            }
        }
        sink.row(&values)?;
        count += 1;
    }
    sink.close()?;
    Ok(count)
}

/// A built-in attribute's cell: birthdays as dates, gender and customer type as the UI's
/// labels, the rest as stored.
fn attribute_value(attribute: Attribute, text: String, language: Language) -> Value {
    match attribute {
        Attribute::Birthday if !text.is_empty() => NaiveDate::parse_from_str(&text, "%Y-%m-%d")
            .map(Value::Date)
            .unwrap_or(Value::Text(text)),
        Attribute::Gender | Attribute::CustomerType => {
            Value::Text(header::value_label(attribute, &text, language).to_string())
        }
        _ => Value::Text(text),
    }
}

/// A custom field's cell by its kind: numbers and dates typed, chosen options joined.
fn custom_value(field: &CustomField, stored: Option<&String>) -> Value {
    let Some(raw) = stored else {
        return Value::Text(String::new());
    };
    match field.kind {
        FieldKind::Number => raw
            .parse::<f64>()
            .map_or_else(|_| Value::Text(raw.clone()), Value::Number),
        FieldKind::Date => NaiveDate::parse_from_str(raw, "%Y-%m-%d")
            .map_or_else(|_| Value::Text(raw.clone()), Value::Date),
        FieldKind::MultiChoice => match serde_json::from_str::<Vec<String>>(raw) {
            Ok(list) => Value::Text(list.join("、")),
            Err(_) => Value::Text(raw.clone()),
        },
        FieldKind::Text | FieldKind::SingleChoice => Value::Text(raw.clone()),
    }
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
