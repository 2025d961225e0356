//! Checks a condition tree against the database before it is saved or counted, so the user
//! hears "unknown tag 17 at 1.2" rather than an empty result.

use super::ast::{Condition, SetMode};
use super::values::operand;
use super::{depth, fields};
use crate::error::{Error, Result};
use crate::problem::Problem;
use rusqlite::{Connection, OptionalExtension};
use std::collections::HashMap;

/// Validates `c`; `segment_id` is the segment being saved (to reject cycles through it).
/// Errors name the node by its path ("1.2.1") in the error's field.
pub fn validate(conn: &Connection, c: &Condition, segment_id: Option<i64>) -> Result<()> {
    // First, so that the walk below recurses only through a tree of bounded depth; it also
    // follows the segments the tree uses (unknown ones, loops).
    depth::check(conn, c, segment_id)?;
    let kinds: HashMap<String, fields::ValueKind> = fields::list(conn)?
        .into_iter()
        .map(|f| (f.key, f.kind))
        .collect();
    node(conn, &kinds, c, "1")
}

fn node(
    conn: &Connection,
    kinds: &HashMap<String, fields::ValueKind>,
    c: &Condition,
    at: &str,
) -> Result<()> {
    for (i, child) in c.children().into_iter().enumerate() {
        node(conn, kinds, child, &format!("{at}.{}", i + 1))?;
    }
    match c {
        Condition::Tag { tag_id } => tag(conn, at, *tag_id),
        Condition::Tags { tag_ids, mode: _ } => {
            if tag_ids.is_empty() {
                return Err(Error::invalid(at, Problem::ChooseTags));
            }
            tag_ids.iter().try_for_each(|t| tag(conn, at, *t))
        }
        Condition::Group { group_id, mode } => {
            let tags: Option<i64> = conn
                .query_row(
                    "SELECT (SELECT count(*) FROM tag_nodes t WHERE t.parent_id = g.id
                             AND t.kind = 'tag' AND t.deleted_at IS NULL)
                     FROM tag_nodes g WHERE g.id = ?1 AND g.kind = 'group' AND g.deleted_at IS NULL",
                    [group_id],
                    |r| r.get(0),
                )
                .optional()?;
            match tags {
                None => Err(Error::invalid(
                    at,
                    Problem::UnknownTagGroup { group: *group_id },
                )),
                Some(0) => Err(Error::invalid(
                    at,
                    Problem::TagGroupEmpty { group: *group_id },
                )),
                Some(_) if *mode == SetMode::All => {
                    Err(Error::invalid(at, Problem::GroupConditionAll))
                }
                Some(_) => Ok(()),
            }
        }
        Condition::Field { field, op, values } => match kinds.get(field) {
            None => Err(Error::invalid(
                at,
                Problem::UnknownField {
                    field: field.clone(),
                },
            )),
            Some(kind) => operand(at, field, *kind, *op, values).map(|_| ()),
        },
        Condition::Event {
            kind,
            within_days,
            cmp,
            value,
            value2,
            ..
        } => {
            if kind.trim().is_empty() {
                return Err(Error::invalid(at, Problem::ChooseEventKind));
            }
            if within_days.is_some_and(|d| d < 0) {
                return Err(Error::invalid(at, Problem::NegativeWindow));
            }
            numbers(at, *cmp, *value, *value2)
        }
        Condition::Score { cmp, value, value2 } => numbers(at, *cmp, *value, *value2),
        // Checked by `depth::check`, which expands the segments a tree uses.
        Condition::Segment { .. }
        | Condition::And { .. }
        | Condition::Or { .. }
        | Condition::Not { .. } => Ok(()),
    }
}

fn tag(conn: &Connection, at: &str, id: i64) -> Result<()> {
    let found: Option<i64> = conn
        .query_row(
            "SELECT id FROM tag_nodes WHERE id = ?1 AND kind = 'tag' AND deleted_at IS NULL",
            [id],
            |r| r.get(0),
        )
        .optional()?;
    found
        .map(|_| ())
        .ok_or_else(|| Error::invalid(at, Problem::UnknownTag { tag: id }))
}

fn numbers(at: &str, cmp: super::ast::Cmp, value: f64, value2: Option<f64>) -> Result<()> {
    if !value.is_finite() || value2.is_some_and(|v| !v.is_finite()) {
        return Err(Error::invalid(at, Problem::ValueNotNumber));
    }
    if cmp == super::ast::Cmp::Between && value2.is_none() {
        return Err(Error::invalid(at, Problem::BetweenNeedsTwo));
    }
    Ok(())
}
