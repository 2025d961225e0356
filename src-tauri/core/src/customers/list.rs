//! The paged customer list: sorting, search and tag filters, one page at a time, so a
//! million customers never cross IPC at once.

use super::search::Query;
pub use crate::attributes::CustomerSortField;
pub use crate::db::live_customers;
use crate::error::Result;
use crate::tags::TagChip;
use rusqlite::{params_from_iter, types::Value, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use ts_rs::TS;

pub const MAX_PAGE: i64 = 500;

#[derive(Debug, Clone, Copy, Serialize, Deserialize, TS)]
#[ts(export_to = "CustomerSort.ts")]
pub struct CustomerSort {
    pub field: CustomerSortField,
    pub descending: bool,
    /// When set, sort by this custom field instead of `field`.
    #[serde(default)]
    pub custom_field_id: Option<i64>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[ts(export_to = "CustomerQuery.ts")]
pub struct CustomerQuery {
    /// A fragment of name, phone, email or company.
    pub search: Option<String>,
    /// Customers must carry every one of these tags.
    pub tag_ids: Vec<i64>,
    pub sort: Option<CustomerSort>,
    pub offset: i64,
    pub limit: i64,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export_to = "CustomerRow.ts")]
pub struct CustomerRow {
    pub id: i64,
    pub name: String,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub company: Option<String>,
    pub industry: Option<String>,
    pub province: Option<String>,
    pub city: Option<String>,
    pub source: Option<String>,
    pub level: Option<String>,
    pub created_at: i64,
    pub updated_at: i64,
    pub tags: Vec<TagChip>,
    /// Custom field values, for the columns a user adds.
    pub custom: Vec<crate::custom_fields::CustomValue>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export_to = "Page.ts")]
pub struct Page<T> {
    pub items: Vec<T>,
    /// All rows that match, not only this page; a lower bound when `total_exact` is false.
    pub total: i64,
    pub total_exact: bool,
    pub offset: i64,
}

/// One page of customers matching `query`, with each row's tags.
pub fn list(conn: &Connection, query: &CustomerQuery) -> Result<Page<CustomerRow>> {
    let filter = Filter::of(conn, query)?;
    let (total, total_exact) = capped_count(conn, query, &filter)?;
    let mut args = filter.args.clone();
    let order = match query.sort {
        Some(s) => {
            let dir = if s.descending { "DESC" } else { "ASC" };
            match s.custom_field_id {
                Some(field) => {
                    args.push(Value::Integer(field));
                    let n = args.len();
                    let numeric: bool = conn
                        .query_row(
                            "SELECT kind = 'number' FROM custom_fields WHERE id = ?1",
                            [field],
                            |r| r.get(0),
                        )
                        .optional()?
                        .unwrap_or(false);
                    let value = if numeric {
                        "CAST(v.value AS REAL)"
                    } else {
                        "v.value"
                    };
                    format!(
                        "(SELECT {value} FROM custom_values v WHERE v.customer_id = c.id AND v.field_id = ?{n}) \
                         {dir} NULLS LAST, c.id"
                    )
                }
                None => format!("c.{} {dir} NULLS LAST, c.id", s.field.column()),
            }
        }
        None => match filter.search_order {
            Some(key) => format!("{key} DESC"),
            None => "c.id DESC".to_string(),
        },
    };
    let limit = query.limit.clamp(1, MAX_PAGE);
    let offset = query.offset.max(0);
    let items = match super::sorted_page::walk_sql(conn, query, ROW_COLUMNS, limit, offset)? {
        Some(sql) => read_rows(conn, &sql, params_from_iter(query.tag_ids.iter()))?,
        None => {
            let sql = format!(
                "{} ORDER BY {order} LIMIT {limit} OFFSET {offset}",
                filter.select(ROW_COLUMNS)
            );
            read_rows(conn, &sql, params_from_iter(args.iter()))?
        }
    };
    Ok(Page {
        items,
        total,
        total_exact,
        offset,
    })
}

/// The list's columns, for the queries that read rows.
const ROW_COLUMNS: &str =
    "c.id, c.name, c.phone, c.email, c.company, c.industry, c.province, c.city,
     c.source, c.level, c.created_at, c.updated_at";

/// The rows of these customers with their tags, in the order given (deleted ones left out).
pub fn rows_by_ids(conn: &Connection, ids: &[i64]) -> Result<Vec<CustomerRow>> {
    let sql = format!(
        "SELECT {ROW_COLUMNS} FROM json_each(?1) j JOIN customers c ON c.id = j.value
         WHERE c.deleted_at IS NULL ORDER BY j.key"
    );
    read_rows(conn, &sql, [serde_json::to_string(ids)?])
}

/// Runs a query selecting [`ROW_COLUMNS`] and fills in each row's tags and custom values.
fn read_rows(
    conn: &Connection,
    sql: &str,
    args: impl rusqlite::Params,
) -> Result<Vec<CustomerRow>> {
    let mut stmt = conn.prepare(sql)?;
    let mut items = stmt
        .query_map(args, |r| {
            Ok(CustomerRow {
                id: r.get(0)?,
                name: r.get(1)?,
                phone: r.get(2)?,
                email: r.get(3)?,
                company: r.get(4)?,
                industry: r.get(5)?,
                province: r.get(6)?,
                city: r.get(7)?,
                source: r.get(8)?,
                level: r.get(9)?,
                created_at: r.get(10)?,
                updated_at: r.get(11)?,
                tags: Vec::new(),
                custom: Vec::new(),
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let ids: Vec<i64> = items.iter().map(|c| c.id).collect();
    let mut chips = chips_for(conn, &ids)?;
    let mut custom = custom_values_for(conn, &ids)?;
    for item in &mut items {
        item.tags = chips.remove(&item.id).unwrap_or_default();
        item.custom = custom.remove(&item.id).unwrap_or_default();
    }
    Ok(items)
}

/// Beyond this many matches the list reports "at least this many" and the exact number comes
/// from [`count`], so a broad search never waits for a six-figure count before showing rows.
pub const COUNT_CAP: i64 = 10_000;

/// How many customers match `query`, exactly.
pub fn count(conn: &Connection, query: &CustomerQuery) -> Result<i64> {
    if let Some(n) = maintained_count(conn, query)? {
        return Ok(n);
    }
    let fragment = query.search.as_deref().unwrap_or("");
    if let (true, Some(search)) = (query.tag_ids.is_empty(), Query::of_term(fragment)?) {
        if let Some(n) = super::search::live_matches(conn, &search, fragment)? {
            return Ok(n);
        }
    }
    let filter = Filter::of(conn, query)?;
    Ok(conn.query_row(
        &filter.select("count(*)"),
        params_from_iter(filter.args.iter()),
        |r| r.get(0),
    )?)
}

/// The count when a maintained counter answers it: no filter, or one tag and nothing else.
fn maintained_count(conn: &Connection, query: &CustomerQuery) -> Result<Option<i64>> {
    // A refused term fails here too, or the count would be everyone's.
    let searching = Query::of_term(query.search.as_deref().unwrap_or(""))?.is_some();
    Ok(match (query.tag_ids.as_slice(), searching) {
        ([], false) => Some(live_customers(conn)?),
        ([tag], false) => Some(
            conn.query_row(
                "SELECT customers FROM tag_stats WHERE tag_id = ?1",
                [tag],
                |r| r.get(0),
            )
            .optional()?
            .unwrap_or(0),
        ),
        _ => None,
    })
}

/// (count, exact): exact up to [`COUNT_CAP`], else (COUNT_CAP, false).
fn capped_count(conn: &Connection, query: &CustomerQuery, filter: &Filter) -> Result<(i64, bool)> {
    if let Some(n) = maintained_count(conn, query)? {
        return Ok((n, true));
    }
    let n: i64 = conn.query_row(
        &format!(
            "SELECT count(*) FROM ({} LIMIT {})",
            filter.select("1"),
            COUNT_CAP + 1
        ),
        params_from_iter(filter.args.iter()),
        |r| r.get(0),
    )?;
    Ok(if n > COUNT_CAP {
        (COUNT_CAP, false)
    } else {
        (n, true)
    })
}

/// The FROM and WHERE of a customer query, built only from the code's own fragments, and the
/// values bound to them.
pub(crate) struct Filter {
    pub from: String,
    pub clause: String,
    pub args: Vec<Value>,
    /// Searching joins the full-text index as `s`, ordered by this key: its rowid order and
    /// early stop make the newest-first page and the capped count cheap even for a fragment
    /// matching 100,000.
    pub search_order: Option<&'static str>,
}

impl Filter {
    pub(crate) fn of(conn: &Connection, query: &CustomerQuery) -> Result<Filter> {
        let backlog = super::search::backlog_start(conn)?;
        let mut clauses = vec!["c.deleted_at IS NULL".to_string()];
        let mut args: Vec<Value> = Vec::new();
        let mut from = "customers c".to_string();
        let fragment = query.search.as_deref().unwrap_or("");
        let search = Query::of_term(fragment)?;
        let mut search_order = None;
        if let Some(q) = &search {
            let (table, text) = q.fts();
            args.push(Value::Text(text));
            match backlog {
                None => {
                    from = format!("{table} s JOIN customers c ON c.id = s.rowid");
                    clauses.insert(0, format!("s.{table} MATCH ?1"));
                    search_order = Some("s.rowid");
                }
                // Customers whose entries are still being written are matched on their fields.
                Some(start) => {
                    args.push(Value::Integer(start));
                    args.push(Value::Text(fragment.to_string()));
                    from = format!(
                        "(SELECT rowid AS id FROM {table} WHERE {table} MATCH ?1
                          UNION ALL
                          SELECT id FROM customers WHERE id >= ?2
                            AND search_matches(?3, name, phone, email, company)) s
                         JOIN customers c ON c.id = s.id"
                    );
                    search_order = Some("s.id");
                }
            }
        }
        // "id IN (members of the tag)" reads the tag's slice of the assignments key instead of
        // probing every customer.
        for tag in &query.tag_ids {
            args.push(Value::Integer(*tag));
            let n = args.len();
            clauses.push(format!(
                "c.id IN (SELECT customer_id FROM assignments WHERE tag_id = ?{n})"
            ));
        }
        Ok(Filter {
            from,
            clause: clauses.join(" AND "),
            args,
            search_order,
        })
    }

    /// `SELECT {columns} FROM … WHERE …`
    pub(crate) fn select(&self, columns: &str) -> String {
        format!("SELECT {columns} FROM {} WHERE {}", self.from, self.clause)
    }
}

fn custom_values_for(
    conn: &Connection,
    ids: &[i64],
) -> Result<HashMap<i64, Vec<crate::custom_fields::CustomValue>>> {
    let mut out: HashMap<i64, Vec<_>> = HashMap::new();
    if ids.is_empty() {
        return Ok(out);
    }
    let mut stmt = conn.prepare(
        "SELECT customer_id, field_id, value FROM custom_values
         WHERE customer_id IN (SELECT value FROM json_each(?1)) ORDER BY customer_id, field_id",
    )?;
    let rows = stmt.query_map([serde_json::to_string(ids)?], |r| {
        Ok((r.get::<_, i64>(0)?, r.get(1)?, r.get(2)?))
    })?;
    for row in rows {
        let (customer, field_id, value) = row?;
        out.entry(customer)
            .or_default()
            .push(crate::custom_fields::CustomValue { field_id, value });
    }
    Ok(out)
}

/// The tags of the given customers, coloured, in tree order.
pub(crate) fn chips_for(
    conn: &Connection,
    customer_ids: &[i64],
) -> Result<HashMap<i64, Vec<TagChip>>> {
    let mut out: HashMap<i64, Vec<TagChip>> = HashMap::new();
    if customer_ids.is_empty() {
        return Ok(out);
    }
    let colors: HashMap<i64, (String, Option<i64>)> = crate::tags::load_nodes(conn)?
        .into_iter()
        .map(|n| (n.id, (n.effective_color, n.parent_id)))
        .collect();
    let marks = vec!["?"; customer_ids.len()].join(",");
    let mut stmt = conn.prepare(&format!(
        "SELECT a.customer_id, n.id, n.name, p.kind = 'group'
         FROM assignments a JOIN tag_nodes n ON n.id = a.tag_id
         LEFT JOIN tag_nodes p ON p.id = n.parent_id
         WHERE a.customer_id IN ({marks})
         ORDER BY a.customer_id, p.position, n.position"
    ))?;
    let rows = stmt.query_map(params_from_iter(customer_ids.iter()), |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, i64>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, Option<bool>>(3)?,
        ))
    })?;
    for row in rows {
        let (customer, tag, name, parent_is_group) = row?;
        let (color, parent) = colors.get(&tag).cloned().unwrap_or_default();
        out.entry(customer).or_default().push(TagChip {
            id: tag,
            name,
            color,
            group_id: parent.filter(|_| parent_is_group == Some(true)),
        });
    }
    Ok(out)
}
