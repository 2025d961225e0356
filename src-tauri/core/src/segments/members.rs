//! A segment's (or an unsaved tree's) members: the live count with a first page for the
//! builder, sorted pages, every id for bulk tagging and export.

use crate::clock;
use crate::conditions::index::Column;
use crate::conditions::{Condition, Ctx, Index, NodeCount};
use crate::customers::{self, CustomerRow, CustomerSort, Page};
use crate::error::Result;
use crate::tag_usage::{self, UsageKind};
use crate::tagging::{self, BatchReport, TagSource, TagTarget};
use roaring::RoaringBitmap;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use std::time::Instant;
use ts_rs::TS;

/// Whose members: an unsaved tree from the builder, or a saved segment.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(tag = "type", rename_all = "snake_case")]
#[ts(export_to = "MemberSource.ts")]
pub enum MemberSource {
    Condition { condition: Condition },
    Segment { segment_id: i64 },
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export_to = "MemberQuery.ts")]
pub struct MemberQuery {
    pub source: MemberSource,
    pub sort: Option<CustomerSort>,
    pub offset: i64,
    pub limit: i64,
}

/// The builder's live answer: how many match, per node, and the first few members.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export_to = "ConditionCount.ts")]
pub struct ConditionCount {
    pub total: u64,
    pub nodes: NodeCount,
    pub sample: Vec<CustomerRow>,
    /// How long the count took, for the curious and the benchmark.
    pub millis: f64,
}

const SAMPLE: usize = 10;
const MAX_PAGE: i64 = 500;

/// Counts an unsaved tree, every node of it, and returns the newest members.
pub fn count(conn: &Connection, index: &Index, condition: &Condition) -> Result<ConditionCount> {
    crate::conditions::validate(conn, condition, None)?;
    let started = Instant::now();
    let now = clock::now();
    let (members, nodes) = Ctx::new(conn, index, now).eval_counted(condition)?;
    tag_usage::note_condition(conn, UsageKind::Segment, condition, now)?;
    let millis = started.elapsed().as_secs_f64() * 1000.0;
    let newest: Vec<i64> = members.iter().rev().take(SAMPLE).map(i64::from).collect();
    Ok(ConditionCount {
        total: members.len(),
        nodes,
        sample: customers::rows_by_ids(conn, &newest)?,
        millis,
    })
}

/// Every member.
pub fn members(conn: &Connection, index: &Index, source: &MemberSource) -> Result<RoaringBitmap> {
    let now = clock::now();
    let ctx = Ctx::new(conn, index, now);
    match source {
        MemberSource::Condition { condition } => {
            crate::conditions::validate(conn, condition, None)?;
            let members = ctx.eval(condition)?;
            tag_usage::note_condition(conn, UsageKind::Segment, condition, now)?;
            Ok(members)
        }
        MemberSource::Segment { segment_id } => {
            let members = ctx.eval(&Condition::Segment {
                segment_id: *segment_id,
            })?;
            tag_usage::note_segments(conn, UsageKind::Segment, &[*segment_id], now)?;
            Ok(members)
        }
    }
}

pub fn member_ids(conn: &Connection, index: &Index, source: &MemberSource) -> Result<Vec<i64>> {
    Ok(members(conn, index, source)?
        .iter()
        .map(i64::from)
        .collect())
}

/// One page of members, newest first or in the chosen order.
pub fn page(conn: &Connection, index: &Index, query: &MemberQuery) -> Result<Page<CustomerRow>> {
    let members = members(conn, index, &query.source)?;
    let offset = query.offset.max(0) as usize;
    let limit = query.limit.clamp(1, MAX_PAGE) as usize;
    let ids: Vec<i64> = match query.sort {
        None => members
            .iter()
            .rev()
            .skip(offset)
            .take(limit)
            .map(i64::from)
            .collect(),
        Some(sort) => sorted_page(index, &members, sort, offset + limit)
            .into_iter()
            .skip(offset)
            .map(i64::from)
            .collect(),
    };
    Ok(Page {
        items: customers::rows_by_ids(conn, &ids)?,
        total: members.len() as i64,
        total_exact: true,
        offset: query.offset.max(0),
    })
}

/// The first `n` members in `sort` order (empty values last, ties by id), found by partial
/// selection rather than sorting every member.
fn sorted_page(index: &Index, members: &RoaringBitmap, sort: CustomerSort, n: usize) -> Vec<u32> {
    let key = match sort.custom_field_id {
        Some(id) => crate::conditions::fields::custom_key(id),
        None => sort.field.column().to_string(),
    };
    let descending = sort.descending;
    let mut ids: Vec<u32> = members.iter().collect();
    let mut first_n = |cmp: &dyn Fn(&u32, &u32) -> std::cmp::Ordering| {
        if n < ids.len() {
            ids.select_nth_unstable_by(n, cmp);
            ids.truncate(n);
        }
        ids.sort_unstable_by(cmp);
    };
    match index.column(&key).map(|(_, c)| c) {
        Some(Column::FreeText(c)) => first_n(&|a, b| {
            let (x, y) = (c.value(*a), c.value(*b));
            // Empty values last in either direction; ties by id.
            let by_value = match (x, y) {
                (Some(x), Some(y)) if descending => y.cmp(x),
                (Some(x), Some(y)) => x.cmp(y),
                (x, y) => x.is_none().cmp(&y.is_none()),
            };
            by_value.then(a.cmp(b))
        }),
        column => {
            let key_of: Box<dyn Fn(u32) -> u64 + '_> = match column {
                Some(Column::Text(c)) => Box::new(c.sort_key()),
                Some(Column::Number(c)) => Box::new(c.sort_key()),
                _ => Box::new(|_| 0),
            };
            // Descending reverses values but keeps empty ones (u64::MAX) last.
            let key = |id: u32| match key_of(id) {
                u64::MAX => u64::MAX,
                k if descending => u64::MAX - 1 - k,
                k => k,
            };
            first_n(&|a, b| key(*a).cmp(&key(*b)).then(a.cmp(b)))
        }
    }
    ids
}

/// Gives a tag to every member, as one undoable batch.
pub fn tag_members(
    conn: &mut Connection,
    index: &Index,
    source: &MemberSource,
    tag_id: i64,
    actor: &str,
) -> Result<BatchReport> {
    let ids = member_ids(conn, index, source)?;
    tagging::add(
        conn,
        &TagTarget::Customers { ids },
        tag_id,
        TagSource::Manual,
        actor,
    )
}

/// Exports every member of a segment (the spec's scope is replaced by the members).
pub fn export_members(
    conn: &Connection,
    index: &Index,
    segment_id: i64,
    spec: &crate::export::ExportSpec,
) -> Result<i64> {
    let ids = member_ids(conn, index, &MemberSource::Segment { segment_id })?;
    tag_usage::note_segments(conn, UsageKind::Export, &[segment_id], clock::now())?;
    let spec = crate::export::ExportSpec {
        scope: crate::export::ExportScope::Customers { ids },
        ..spec.clone()
    };
    crate::export::export_customers(conn, &spec)
}
