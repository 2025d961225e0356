//! Where each group's assignments came from: by hand, rules, import, RFM, lifecycle or another
//! laptop. The one part of the report that reads assignment rows (SQLite keeps no count by
//! source, and a scan of ten million rows takes seconds), so it runs on a second connection
//! while the report works on the bitmaps, and above a million assignments it reads a sample:
//! the assignments of customers in 64 id windows spread over all ids, together about a million
//! rows, read by key range per tag. Shares from the sample are estimates (an import's customers
//! are a run of ids, which the spread windows meet in proportion); the report says which.

use crate::error::Result;
use crate::provenance::ChangeSource;
use rusqlite::{Connection, OpenFlags};
use serde::Serialize;
use std::collections::HashMap;
use ts_rs::TS;

/// One source's part of a group's assignments.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "SourceShare.ts")]
pub struct SourceShare {
    pub source: ChangeSource,
    /// Assignments of the group's tags with this source, of live and deleted customers (in
    /// the sample when the report's `provenance_sample` is under 1).
    pub assignments: i64,
    /// Of all the group's assignments, 0–1.
    pub share: f64,
}

/// Per tag, its assignments counted by source.
pub(super) type BySource = HashMap<i64, Vec<(ChangeSource, i64)>>;

/// A read-only connection to the same file for reading alongside, when `conn` is a file and
/// not inside a transaction (whose changes another connection would not see).
pub(super) fn second_reader(conn: &Connection) -> Option<Connection> {
    let path = conn.path().filter(|p| !p.is_empty())?;
    if !conn.is_autocommit() {
        return None;
    }
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let reader = crate::db::connect(std::path::Path::new(path), flags).ok()?;
    reader
        .busy_timeout(std::time::Duration::from_secs(30))
        .ok()?;
    Some(reader)
}

/// Assignment rows read at most; above this the report samples.
const SAMPLE_ROWS: f64 = 1_000_000.0;
const WINDOWS: u32 = 64;

/// Every tag's assignments by source among the customers with ids `lo..=hi` (the live ones'
/// range), whole or sampled; returns them with the fraction of ids read (1: exact).
pub(super) fn by_source(conn: &Connection, lo: u32, hi: u32) -> Result<(BySource, f64)> {
    let total: f64 = conn.query_row("SELECT ifnull(sum(customers), 0) FROM tag_stats", [], |r| {
        r.get::<_, i64>(0)
    })? as f64;
    let fraction = if total <= SAMPLE_ROWS {
        1.0
    } else {
        SAMPLE_ROWS / total
    };
    let windows = windows(lo, hi, fraction);
    let read: u64 = windows.iter().map(|(a, b)| u64::from(b - a) + 1).sum();
    let span = u64::from(hi.saturating_sub(lo)) + 1;
    let tags: Vec<i64> = conn
        .prepare("SELECT id FROM tag_nodes WHERE kind = 'tag' ORDER BY id")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let tags = serde_json::to_string(&tags)?;
    let mut counts: HashMap<(i64, ChangeSource), i64> = HashMap::new();
    let mut stmt = conn.prepare(
        "SELECT a.tag_id, a.source FROM json_each(?1) t
         JOIN assignments a ON a.tag_id = t.value AND a.customer_id BETWEEN ?2 AND ?3",
    )?;
    for (from, to) in windows {
        let mut rows = stmt.query(rusqlite::params![tags, from, to])?;
        while let Some(r) = rows.next()? {
            // A word this version does not know (a newer one's) counts as from elsewhere.
            let source = match r.get_ref(1)? {
                rusqlite::types::ValueRef::Text(t) => std::str::from_utf8(t)
                    .ok()
                    .and_then(ChangeSource::parse)
                    .unwrap_or(ChangeSource::Sync),
                _ => ChangeSource::Sync,
            };
            *counts.entry((r.get(0)?, source)).or_default() += 1;
        }
    }
    let mut out = BySource::new();
    for ((tag, source), n) in counts {
        out.entry(tag).or_default().push((source, n));
    }
    Ok((out, (read as f64 / span as f64).min(1.0)))
}

/// The id windows to read: the whole range, or `WINDOWS` evenly spread windows covering
/// `fraction` of it.
fn windows(lo: u32, hi: u32, fraction: f64) -> Vec<(u32, u32)> {
    if fraction >= 1.0 || hi <= lo {
        return vec![(lo, hi)];
    }
    let span = u64::from(hi - lo) + 1;
    let step = span / u64::from(WINDOWS);
    let width = ((span as f64 * fraction) / f64::from(WINDOWS)).ceil() as u64;
    if step == 0 || width >= step {
        return vec![(lo, hi)];
    }
    (0..u64::from(WINDOWS))
        .map(|i| {
            let from = u64::from(lo) + i * step;
            (from as u32, (from + width - 1).min(u64::from(hi)) as u32)
        })
        .collect()
}

/// The shares of `tags`' assignments by source, largest first.
pub(super) fn shares(tags: &[i64], counts: &BySource) -> Vec<SourceShare> {
    let mut totals: Vec<(ChangeSource, i64)> = Vec::new();
    for (source, n) in tags.iter().filter_map(|t| counts.get(t)).flatten() {
        match totals.iter_mut().find(|(s, _)| s == source) {
            Some((_, total)) => *total += n,
            None => totals.push((*source, *n)),
        }
    }
    let all: i64 = totals.iter().map(|(_, n)| n).sum();
    totals.sort_by_key(|(s, n)| (-n, s.as_str()));
    totals
        .into_iter()
        .map(|(source, assignments)| SourceShare {
            source,
            assignments,
            share: super::coverage::share(assignments as u64, all as u64),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sample_reads_spread_windows_covering_its_fraction() {
        assert_eq!(
            windows(1, 1_000, 1.0),
            vec![(1, 1_000)],
            "exact: the whole range"
        );
        let w = windows(1, 1_000_000, 0.1);
        assert_eq!(w.len(), WINDOWS as usize);
        let read: u64 = w.iter().map(|(a, b)| u64::from(b - a) + 1).sum();
        assert!((99_000..=101_000).contains(&read), "about a tenth: {read}");
        assert_eq!(w[0].0, 1);
        assert!(
            w[63].0 > 980_000,
            "the last window is near the end: {:?}",
            w[63]
        );
        assert!(
            w.windows(2).all(|p| p[0].1 < p[1].0),
            "windows do not overlap"
        );
    }
}
