//! The pinned segments as a dashboard: today's count of each and its trend, from one count
//! snapshot per segment and day (taken whenever the dashboard is looked at).

use super::{list, Segment};
use crate::clock;
use crate::conditions::{fields, Condition, Ctx, Index};
use crate::error::{IpcError, Result};
use crate::tag_usage::{self, UsageKind};
use rusqlite::{params, Connection};
use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export_to = "PinnedSegment.ts")]
pub struct PinnedSegment {
    pub segment: Segment,
    /// Zero when the segment cannot be counted (see `problem`).
    pub count: u64,
    /// Why the segment cannot be counted (a tree stored nesting too deep, say): the card says
    /// so instead of the whole dashboard failing.
    pub problem: Option<IpcError>,
    /// (day 'YYYY-MM-DD', count), oldest first, today last.
    pub history: Vec<(String, i64)>,
}

/// How many days of history a card shows.
const TREND_DAYS: i64 = 60;

/// Counts every pinned segment now, records today's snapshot and returns the cards.
pub fn dashboard(conn: &Connection, index: &Index) -> Result<Vec<PinnedSegment>> {
    let now = clock::now();
    let today = day_text(now);
    let since = day_text(now - TREND_DAYS * 86_400);
    let mut cards = Vec::new();
    let pinned: Vec<Segment> = list(conn)?.into_iter().filter(|s| s.pinned).collect();
    let ids: Vec<i64> = pinned.iter().map(|s| s.id).collect();
    tag_usage::note_segments(conn, UsageKind::Board, &ids, now)?;
    for segment in pinned {
        let (count, problem) = match members(conn, index, segment.id, now) {
            Ok(count) => {
                record(conn, segment.id, &today, count)?;
                (count, None)
            }
            Err(e) => (0, Some(IpcError::from(e))),
        };
        let history = conn
            .prepare_cached(
                "SELECT day, count FROM segment_counts WHERE segment_id = ?1 AND day >= ?2 ORDER BY day",
            )?
            .query_map(params![segment.id, since], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        cards.push(PinnedSegment {
            segment,
            count,
            problem,
            history,
        });
    }
    Ok(cards)
}

/// Records today's count of every pinned segment (at start, so trends have a point per day
/// the app was used even when nobody opened the dashboard). A segment that cannot be counted
/// is skipped: this runs before the first segment command, and one stored segment must not
/// stop the others, or the app, from working (the dashboard shows its problem).
pub fn snapshot_pinned(conn: &Connection, index: &Index, now: i64) -> Result<()> {
    let today = day_text(now);
    for segment in list(conn)?.into_iter().filter(|s| s.pinned) {
        if let Ok(count) = members(conn, index, segment.id, now) {
            record(conn, segment.id, &today, count)?;
        }
    }
    Ok(())
}

/// How many customers are in the segment `id` now.
fn members(conn: &Connection, index: &Index, id: i64, now: i64) -> Result<u64> {
    Ok(Ctx::new(conn, index, now)
        .eval(&Condition::Segment { segment_id: id })?
        .len())
}

fn record(conn: &Connection, segment_id: i64, day: &str, count: u64) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO segment_counts(segment_id, day, count) VALUES (?1, ?2, ?3)
         ON CONFLICT(segment_id, day) DO UPDATE SET count = excluded.count",
    )?
    .execute(params![segment_id, day, count as i64])?;
    Ok(())
}

fn day_text(at: i64) -> String {
    let day = fields::day_of(at, fields::local_offset(at));
    (chrono::NaiveDate::default() + chrono::Duration::days(day))
        .format("%Y-%m-%d")
        .to_string()
}
