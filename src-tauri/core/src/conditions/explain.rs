//! Why one customer is or is not in a segment: every node of the tree with whether it held
//! for them and, for comparisons, the value that was compared.

use super::ast::{Condition, EventMeasure};
use super::eval::{window, Ctx, NodeCount};
use super::fields::ValueKind;
use super::index::{Column, EventQuery, Index};
use crate::calendar::Calendar;
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
    let ctx = Ctx::over(conn, index, now, &one);
    let (_, counts) = ctx.eval_counted(c)?;
    Ok(annotate(index, c, &counts, customer as u32, &ctx.calendar))
}

fn annotate(
    index: &Index,
    c: &Condition,
    counts: &NodeCount,
    id: u32,
    calendar: &Calendar,
) -> Explanation {
    Explanation {
        matched: counts.count > 0,
        actual: actual(index, c, id, calendar),
        children: c
            .children()
            .into_iter()
            .zip(&counts.children)
            .map(|(child, n)| annotate(index, child, n, id, calendar))
            .collect(),
    }
}

fn actual(index: &Index, c: &Condition, id: u32, calendar: &Calendar) -> Option<String> {
    match c {
        Condition::Field { field, .. } => match index.column(field) {
            Some((_, Column::Text(col))) => col.value(id).map(str::to_string),
            Some((_, Column::FreeText(col))) => col.value(id).map(str::to_string),
            Some((kind, Column::Number(col))) => col.get(id).map(|v| shown(*kind, v, calendar)),
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
            let (from, to) = window(*within_days, calendar);
            let m = index.events.measure(
                &EventQuery {
                    kind,
                    property: property
                        .as_ref()
                        .map(|p| (p.key.as_str(), p.value.as_str())),
                    from,
                    to,
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
fn shown(kind: ValueKind, v: f64, calendar: &Calendar) -> String {
    let day = |d: i64| chrono::NaiveDate::default() + chrono::Duration::days(d);
    match kind {
        ValueKind::Date => day(v as i64).format("%Y-%m-%d").to_string(),
        ValueKind::Timestamp => calendar
            .local_time(v as i64)
            .format("%Y-%m-%d %H:%M:%S")
            .to_string(),
        _ => v.to_string(),
    }
}
