//! The lead score and the "今日必跟进" list. A customer's score is the sum of the weights of
//! their tags (what `Condition::Score` compares); rules do not add points of their own: a rule
//! that should count gives a weighted tag instead.

use crate::conditions::Index;
use crate::customers::Page;
use crate::error::Result;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use std::cmp::Reverse;
use std::collections::BinaryHeap;
use ts_rs::TS;

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export_to = "FollowupQuery.ts")]
pub struct FollowupQuery {
    pub offset: i64,
    pub limit: i64,
}

/// One tag's share of a score.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "ScoreReason.ts")]
pub struct ScoreReason {
    pub tag_id: i64,
    pub tag_name: String,
    pub points: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "Followup.ts")]
pub struct Followup {
    pub customer_id: i64,
    pub name: String,
    pub company: Option<String>,
    pub phone: Option<String>,
    pub score: f64,
    /// The tags that gave points, most first.
    pub reasons: Vec<ScoreReason>,
}

/// Ordered by score (highest first), then id: a total order for a heap of f64 scores.
#[derive(PartialEq)]
struct Ranked(f64, Reverse<u32>);

impl Eq for Ranked {}

impl PartialOrd for Ranked {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Ranked {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.0.total_cmp(&other.0).then(self.1.cmp(&other.1))
    }
}

/// One page of the customers with a positive score, highest first (ties: older customer
/// first), each with the tags that gave the points. `index` must be up to date.
pub fn followups(conn: &Connection, index: &Index, q: &FollowupQuery) -> Result<Page<Followup>> {
    let limit = q.limit.clamp(1, 500) as usize;
    let offset = q.offset.max(0) as usize;
    let keep = offset + limit;
    // A min-heap of the best `keep` so far: a million customers are never sorted.
    let mut best: BinaryHeap<Reverse<Ranked>> = BinaryHeap::with_capacity(keep + 1);
    let mut total = 0;
    for id in &index.universe {
        let score = index.score(id);
        if score <= 0.0 {
            continue;
        }
        total += 1;
        best.push(Reverse(Ranked(score, Reverse(id))));
        if best.len() > keep {
            best.pop();
        }
    }
    let mut ranked: Vec<Ranked> = best.into_iter().map(|Reverse(r)| r).collect();
    ranked.sort_by(|a, b| b.cmp(a));
    let mut weighted: Vec<(i64, f64)> = index
        .weights
        .iter()
        .filter(|(_, w)| **w != 0.0)
        .map(|(t, w)| (*t, *w))
        .collect();
    weighted.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    let mut customer =
        conn.prepare_cached("SELECT name, company, phone FROM customers WHERE id = ?1")?;
    let mut tag_name = conn.prepare_cached("SELECT name FROM tag_nodes WHERE id = ?1")?;
    let mut items = Vec::new();
    for Ranked(score, Reverse(id)) in ranked.into_iter().skip(offset) {
        let (name, company, phone) =
            customer.query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        let mut reasons = Vec::new();
        for (tag, w) in &weighted {
            if index.tags.get(tag).is_some_and(|s| s.contains(id)) {
                reasons.push(ScoreReason {
                    tag_id: *tag,
                    tag_name: tag_name.query_row([tag], |r| r.get(0))?,
                    points: *w,
                });
            }
        }
        items.push(Followup {
            customer_id: id as i64,
            name,
            company,
            phone,
            score,
            reasons,
        });
    }
    Ok(Page {
        items,
        total,
        total_exact: true,
        offset: offset as i64,
    })
}
