//! Why one customer is or is not in a segment: every node of the tree with whether it held
//! for them and, for comparisons, the value that was compared.

use super::ast::{Condition, EventMeasure};
use super::eval::{Ctx, NodeCount};
use super::fields::{local_offset, ValueKind};
use super::index::{Column, EventQuery, Index};
use crate::error::Result;
use roaring::RoaringBitmap;
use rusqlite::Connection;
use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export_to = "Explanation.ts")]
pub struct Explanation {
    pub matched: bool,
    /// The customer's own value for comparisons (attribute, event count or sum, score).
    pub actual: Option<String>,
    pub children: Vec<Explanation>,
}

pub fn explain(
    conn: &Connection,
    index: &Index,
    c: &Condition,
    customer: i64,
    now: i64,
) -> Result<Explanation> {
    let one: RoaringBitmap = [customer as u32]
        .into_iter()
        .filter(|id| index.universe.contains(*id))
        .collect();
    let (_, counts) = Ctx::over(conn, index, now, &one).eval_counted(c)?;
    Ok(annotate(index, c, &counts, customer as u32, now))
}

fn annotate(index: &Index, c: &Condition, counts: &NodeCount, id: u32, now: i64) -> Explanation {
    Explanation {
        matched: counts.count > 0,
        actual: actual(index, c, id, now),
        children: c
            .children()
            .into_iter()
            .zip(&counts.children)
            .map(|(child, n)| annotate(index, child, n, id, now))
            .collect(),
    }
}

fn actual(index: &Index, c: &Condition, id: u32, now: i64) -> Option<String> {
    match c {
        Condition::Field { field, .. } => match index.column(field) {
            Some((_, Column::Text(col))) => col.value(id).map(str::to_string),
            Some((_, Column::FreeText(col))) => col.value(id).map(str::to_string),
            Some((kind, Column::Number(col))) => col.get(id).map(|v| shown(*kind, v, now)),
            Some((_, Column::Multi(col))) => {
                let mut held = col.holds(id);
                held.sort_unstable();
                Some(held.join(", "))
            }
            None => None,
        },
        Condition::Event {
            kind,
            property,
            within_days,
            measure,
            ..
        } => {
            let m = index.events.measure(
                &EventQuery {
                    kind,
                    property: property
                        .as_ref()
                        .map(|p| (p.key.as_str(), p.value.as_str())),
                    from: within_days.map_or(i64::MIN, |d| now - d * 86_400),
                    to: if within_days.is_some() { now } else { i64::MAX },
                    sum_amount: *measure == EventMeasure::SumAmount,
                },
                &[id].into_iter().collect(),
            );
            let measured = m.iter().find(|(c, _)| *c == id).map_or(0.0, |(_, v)| *v);
            Some(measured.to_string())
        }
        Condition::Score { .. } => Some(index.score(id).to_string()),
        _ => None,
    }
}

/// A number as the user wrote it: dates (held as day numbers) as 'YYYY-MM-DD', moments (unix
/// seconds) as the local date and time they are compared by.
fn shown(kind: ValueKind, v: f64, now: i64) -> String {
    let day = |d: i64| chrono::NaiveDate::default() + chrono::Duration::days(d);
    match kind {
        ValueKind::Date => day(v as i64).format("%Y-%m-%d").to_string(),
        ValueKind::Timestamp => {
            let local = v as i64 + local_offset(now);
            let at = day(local.div_euclid(86_400))
                .and_hms_opt(0, 0, 0)
                .expect("midnight exists")
                + chrono::Duration::seconds(local.rem_euclid(86_400));
            at.format("%Y-%m-%d %H:%M:%S").to_string()
        }
        _ => v.to_string(),
    }
}
