//! A tag's customers added and removed per day or week, from the operation history: the
//! batches that gave or took it (tagging, rules, RFM, lifecycle, undo; for a tag of a
//! single-select group also its siblings' batches, which take it from the customers they
//! give a sibling to) and the history rows merges, deletions and imports write. Days are the
//! computer's local days, weeks start on Monday.

use crate::conditions::fields::{day_of, local_offset};
use crate::error::{Error, Result};
use crate::problem::Problem;
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// How many points a trend may have: a year of days, or eight years of weeks.
const MAX_POINTS: i64 = 420;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export_to = "TrendBucket.ts")]
pub enum TrendBucket {
    Day,
    Week,
}

/// One day or week.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export_to = "TrendPoint.ts")]
pub struct TrendPoint {
    /// Its first day, "YYYY-MM-DD".
    pub start: String,
    pub added: i64,
    pub removed: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export_to = "TagTrend.ts")]
pub struct TagTrend {
    pub tag_id: i64,
    pub bucket: TrendBucket,
    /// Every day or week of the range, oldest first, empty ones included.
    pub points: Vec<TrendPoint>,
}

/// Tag `tag_id`'s changes between `from` and `to` (unix seconds, both included).
pub fn trend(
    conn: &Connection,
    tag_id: i64,
    from: i64,
    to: i64,
    bucket: TrendBucket,
) -> Result<TagTrend> {
    super::nodes::kind_of(conn, tag_id)?;
    let slot = |at: i64| {
        let day = day_of(at, local_offset(at));
        match bucket {
            TrendBucket::Day => day,
            // 1970-01-01 was a Thursday: three days on, weeks start on Monday.
            TrendBucket::Week => (day + 3).div_euclid(7),
        }
    };
    let (first, last) = (slot(from), slot(to));
    if to < from || last - first + 1 > MAX_POINTS {
        return Err(Error::invalid(
            "range",
            Problem::TrendRangeInvalid {
                max_points: MAX_POINTS as u32,
            },
        ));
    }
    let mut points: Vec<TrendPoint> = (first..=last)
        .map(|s| TrendPoint {
            start: day_text(match bucket {
                TrendBucket::Day => s,
                TrendBucket::Week => s * 7 - 3,
            }),
            added: 0,
            removed: 0,
        })
        .collect();
    for (at, added, count) in changes(conn, tag_id, from, to)? {
        let i = slot(at) - first;
        if let Some(point) = usize::try_from(i).ok().and_then(|i| points.get_mut(i)) {
            if added {
                point.added += count;
            } else {
                point.removed += count;
            }
        }
    }
    Ok(TagTrend {
        tag_id,
        bucket,
        points,
    })
}

/// (time, added, customers) of every change of the tag in the range.
fn changes(conn: &Connection, tag: i64, from: i64, to: i64) -> Result<Vec<(i64, bool, i64)>> {
    let mut out = Vec::new();
    let mut batches = conn.prepare_cached(
        "WITH givers(id) AS (
             SELECT ?1 UNION
             SELECT s.id FROM tag_nodes t JOIN tag_nodes g ON g.id = t.parent_id
                 AND g.kind = 'group' AND g.select_mode = 'single'
             JOIN tag_nodes s ON s.parent_id = g.id WHERE t.id = ?1)
         SELECT b.at, m.action = 'add', count(*) FROM tag_batches b
         JOIN tag_batch_members m ON m.batch_id = b.id AND m.tag_id = ?1
         WHERE b.tag_id IN (SELECT id FROM givers) AND b.at BETWEEN ?2 AND ?3
         GROUP BY b.id, m.action",
    )?;
    let rows = batches.query_map(params![tag, from, to], |r| {
        Ok((r.get(0)?, r.get(1)?, r.get(2)?))
    })?;
    for row in rows {
        out.push(row?);
    }
    let mut history = conn.prepare_cached(
        "SELECT at, action = 'add', count(*) FROM tag_history
         WHERE tag_id = ?1 AND at BETWEEN ?2 AND ?3 GROUP BY at, action",
    )?;
    let rows = history.query_map(params![tag, from, to], |r| {
        Ok((r.get(0)?, r.get(1)?, r.get(2)?))
    })?;
    for row in rows {
        out.push(row?);
    }
    Ok(out)
}

fn day_text(day: i64) -> String {
    (chrono::NaiveDate::default() + chrono::Duration::days(day))
        .format("%Y-%m-%d")
        .to_string()
}
