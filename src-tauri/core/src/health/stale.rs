//! When each tag's assignments last changed: its newest batch that changed someone (tagging,
//! rules, RFM, lifecycle, undo) and its newest history row (merges, deletions, imports), two
//! index probes per tag (migration 0026).

use crate::error::Result;
use rusqlite::Connection;
use std::collections::HashMap;

/// The last add or remove of each of `tags`, for those that ever had one.
pub(super) fn last_changes(conn: &Connection, tags: &[i64]) -> Result<HashMap<i64, i64>> {
    let mut batches =
        conn.prepare_cached("SELECT max(at) FROM tag_batches WHERE tag_id = ?1 AND changed > 0")?;
    let mut history = conn.prepare_cached("SELECT max(at) FROM tag_history WHERE tag_id = ?1")?;
    let mut out = HashMap::new();
    for &tag in tags {
        let batch: Option<i64> = batches.query_row([tag], |r| r.get(0))?;
        let single: Option<i64> = history.query_row([tag], |r| r.get(0))?;
        if let Some(at) = batch.max(single) {
            out.insert(tag, at);
        }
    }
    Ok(out)
}

/// The time `months` months before `now` (a month counted as 30 days: the answer is a review
/// list, not a calendar).
pub(super) fn months_before(now: i64, months: i64) -> i64 {
    now - months * 30 * 86_400
}
