//! Reading the history: a page of operations newest first with filters, one operation's
//! details, and a person's own latest operation (what Ctrl+Z takes back).

use super::{EditAction, EditedEntity, Operation, OperationKind, RecordCounts};
use crate::error::{Error, Result};
use crate::problem::Thing;
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Which operations to list; all filters are optional.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[ts(export_to = "OperationQuery.ts")]
pub struct OperationQuery {
    pub author: Option<String>,
    pub kind: Option<OperationKind>,
    /// Unix seconds, inclusive.
    pub from: Option<i64>,
    /// Unix seconds, exclusive.
    pub to: Option<i64>,
    /// The next page: operations older than this id.
    pub before_id: Option<i64>,
    pub limit: i64,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export_to = "OperationPage.ts")]
pub struct OperationPage {
    pub items: Vec<Operation>,
    /// Whether older operations match too.
    pub more: bool,
    /// Everyone who has made an operation, for the filter.
    pub authors: Vec<String>,
}

/// One customer-tag pair an operation changed.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export_to = "TagChange.ts")]
pub struct TagChange {
    pub customer_id: i64,
    pub customer_name: String,
    pub tag_id: i64,
    pub tag_name: String,
    /// Given (true) or taken off (false).
    pub added: bool,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export_to = "OperationDetail.ts")]
pub struct OperationDetail {
    pub operation: Operation,
    /// The first changed pairs, in the order they were written.
    pub changes: Vec<TagChange>,
    /// How many pairs it changed in all.
    pub total_changes: i64,
    /// For an import and its undo: the customers and events it created, changed or removed.
    pub records: Option<RecordCounts>,
}

const MAX_PAGE: i64 = 200;
const SHOWN_CHANGES: i64 = 200;

const COLUMNS: &str =
    "o.id, o.uid, o.author, o.device, o.kind, o.source, o.at, o.customers, o.tags,
    (SELECT n.name FROM tag_nodes n WHERE n.id = json_extract(o.detail, '$.tag_id')),
    o.entity, json_extract(o.detail, '$.action'), json_extract(o.detail, '$.file'),
    o.undoes, o.undone_by, o.undone_by IS NULL AND (
        EXISTS (SELECT 1 FROM tag_batches b WHERE b.operation_id = o.id)
        OR json_type(o.detail, '$.before') IS NOT NULL
        OR EXISTS (SELECT 1 FROM operation_records r WHERE r.operation_id = o.id)),
    coalesce((SELECT t.value FROM json_tree(o.detail, '$.after') t
              WHERE t.key IN ('label', 'name') AND t.type = 'text' LIMIT 1),
             (SELECT t.value FROM json_tree(o.detail, '$.before') t
              WHERE t.key IN ('label', 'name') AND t.type = 'text' LIMIT 1))";

pub fn list(conn: &Connection, query: &OperationQuery) -> Result<OperationPage> {
    let limit = query.limit.clamp(1, MAX_PAGE);
    // Only the filters given are written into the statement (their values bound): a filter
    // spelled "?1 IS NULL OR author = ?1" keeps SQLite off the (author, id) and (kind, id)
    // indexes, and a rare author's page would read the whole history.
    let mut filters: Vec<&str> = Vec::new();
    let mut values: Vec<Box<dyn rusqlite::ToSql>> = Vec::new();
    let mut add = |sql: &'static str, value: Box<dyn rusqlite::ToSql>| {
        filters.push(sql);
        values.push(value);
    };
    if let Some(author) = &query.author {
        add("o.author = ?", Box::new(author.clone()));
    }
    if let Some(kind) = query.kind {
        add("o.kind = ?", Box::new(kind.as_str()));
    }
    if let Some(from) = query.from {
        add("o.at >= ?", Box::new(from));
    }
    if let Some(to) = query.to {
        add("o.at < ?", Box::new(to));
    }
    if let Some(before) = query.before_id {
        add("o.id < ?", Box::new(before));
    }
    let filter = if filters.is_empty() {
        String::new()
    } else {
        format!("WHERE {}", filters.join(" AND "))
    };
    values.push(Box::new(limit + 1));
    let mut items = conn
        .prepare_cached(&format!(
            "SELECT {COLUMNS} FROM operations o {filter} ORDER BY o.id DESC LIMIT ?"
        ))?
        .query_map(rusqlite::params_from_iter(values.iter()), operation)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let more = items.len() as i64 > limit;
    items.truncate(limit as usize);
    Ok(OperationPage {
        items,
        more,
        authors: authors(conn)?,
    })
}

/// Everyone who has made an operation: one index lookup per person (a skip-scan), not a walk
/// over every operation's author.
fn authors(conn: &Connection) -> Result<Vec<String>> {
    Ok(conn
        .prepare_cached(
            "WITH RECURSIVE a(name) AS (
                 SELECT min(author) FROM operations
                 UNION ALL
                 SELECT (SELECT min(author) FROM operations WHERE author > a.name)
                 FROM a WHERE a.name IS NOT NULL)
             SELECT name FROM a WHERE name IS NOT NULL",
        )?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?)
}

pub fn get(conn: &Connection, id: i64) -> Result<OperationDetail> {
    let operation = find(conn, id)?.ok_or_else(|| not_found(id))?;
    let changes = conn
        .prepare_cached(
            "SELECT m.customer_id, c.name, m.tag_id, n.name, m.action = 'add'
             FROM tag_batches b CROSS JOIN tag_batch_members m ON m.batch_id = b.id
             JOIN customers c ON c.id = m.customer_id JOIN tag_nodes n ON n.id = m.tag_id
             WHERE b.operation_id = ?1 ORDER BY b.id LIMIT ?2",
        )?
        .query_map(params![id, SHOWN_CHANGES], |r| {
            Ok(TagChange {
                customer_id: r.get(0)?,
                customer_name: r.get(1)?,
                tag_id: r.get(2)?,
                tag_name: r.get(3)?,
                added: r.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let total_changes = conn.query_row(
        "SELECT count(*) FROM tag_batches b CROSS JOIN tag_batch_members m ON m.batch_id = b.id
         WHERE b.operation_id = ?1",
        [id],
        |r| r.get(0),
    )?;
    Ok(OperationDetail {
        operation,
        changes,
        total_changes,
        records: super::imports::counts(conn, id)?,
    })
}

/// `author`'s latest operation that can still be undone (not an undo itself), of one of
/// `kinds` when given.
pub fn own_latest(
    conn: &Connection,
    author: &str,
    kinds: Option<&[OperationKind]>,
) -> Result<Option<Operation>> {
    let kinds: Vec<&str> = kinds
        .unwrap_or(&OperationKind::ALL)
        .iter()
        .filter(|k| **k != OperationKind::Undo)
        .map(|k| k.as_str())
        .collect();
    Ok(conn
        .query_row(
            &format!(
                "SELECT {COLUMNS} FROM operations o
                 WHERE o.author = ?1 AND o.kind IN (SELECT value FROM json_each(?2))
                   AND o.undone_by IS NULL
                   AND (EXISTS (SELECT 1 FROM tag_batches b WHERE b.operation_id = o.id)
                        OR json_type(o.detail, '$.before') IS NOT NULL
                        OR EXISTS (SELECT 1 FROM operation_records r WHERE r.operation_id = o.id))
                 ORDER BY o.id DESC LIMIT 1"
            ),
            params![author, serde_json::to_string(&kinds)?],
            operation,
        )
        .optional()?)
}

pub(super) fn find(conn: &Connection, id: i64) -> Result<Option<Operation>> {
    Ok(conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM operations o WHERE o.id = ?1"),
            [id],
            operation,
        )
        .optional()?)
}

fn operation(r: &Row) -> rusqlite::Result<Operation> {
    Ok(Operation {
        id: r.get(0)?,
        uid: r.get(1)?,
        author: r.get(2)?,
        device: r.get(3)?,
        kind: OperationKind::parse(&r.get::<_, String>(4)?),
        source: r.get(5)?,
        at: r.get(6)?,
        customers: r.get(7)?,
        tags: r.get(8)?,
        tag_name: r.get(9)?,
        entity: r
            .get::<_, Option<String>>(10)?
            .as_deref()
            .and_then(EditedEntity::parse),
        action: r
            .get::<_, Option<String>>(11)?
            .as_deref()
            .and_then(EditAction::parse),
        file: r.get(12)?,
        undoes: r.get(13)?,
        undone_by: r.get(14)?,
        can_undo: r.get(15)?,
        subject: r.get(16)?,
    })
}

pub(super) fn not_found(id: i64) -> Error {
    Error::NotFound {
        what: Thing::Operation,
        id: id.to_string(),
    }
}
