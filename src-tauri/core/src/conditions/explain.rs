//! Why one customer is or is not in a segment: every node of the tree with whether it held
//! for them and, for comparisons, the value that was compared.

use super::ast::{Condition, EventMeasure};
use super::eval::{Ctx, NodeCount};
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
        Condition::Field { field, .. } => match index.column(field).map(|(_, col)| col) {
            Some(Column::Text(col)) => col.value(id).map(str::to_string),
            Some(Column::FreeText(col)) => col.value(id).map(str::to_string),
            Some(Column::Number(col)) => col.get(id).map(|v| v.to_string()),
            Some(Column::Multi(col)) => Some(col.holds(id).join(", ")),
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
