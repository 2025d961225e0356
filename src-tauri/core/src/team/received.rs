//! One device's operations received as a run of its seqs (a folder chunk or a sync-pack
//! section), applied with everything that goes with them in the caller's transaction: the cursor
//! of that device, the seq of each operation (so a pack made here can pass it on), what the Team
//! page counts, and a warning when the device's clock is far ahead of this laptop's.

use super::incoming::{apply_texts_in, Applied};
use crate::error::Result;
use rusqlite::{params, Transaction};

/// A device whose operations arrive dated more than this many seconds after this laptop's
/// clock has a clock set wrong (docs/TEAM.md §4): warned about, never refused.
pub const FAR_AHEAD_SECS: i64 = 5 * 60;

/// Applies `texts`, the operations `first..` of `device`, in `tx`. The cursor moves to the last
/// of them only when the run starts at most one past it: a pack section that begins after a gap
/// is applied (each operation once, by uid) but leaves the cursor where it was, so the gap is
/// still read from the folder or a later pack.
pub(crate) fn apply_run(
    tx: &Transaction,
    device: &str,
    first: u64,
    texts: &[String],
    now: i64,
) -> Result<Applied> {
    tx.prepare_cached(
        "INSERT INTO team_devices(device) VALUES (?1) ON CONFLICT(device) DO NOTHING",
    )?
    .execute([device])?;
    let applied = apply_texts_in(tx, texts, Some((device, first)))?;
    let last = first + texts.len().saturating_sub(1) as u64;
    if !texts.is_empty() {
        tx.prepare_cached(
            "UPDATE team_devices SET applied_seq = ?2 WHERE device = ?1
                 AND applied_seq + 1 >= ?3 AND applied_seq < ?2",
        )?
        .execute(params![device, last as i64, first as i64])?;
    }
    tx.prepare_cached(
        "UPDATE team_devices SET received = received + ?2,
             last_received_at = CASE WHEN ?2 > 0 THEN ?3 ELSE last_received_at END
         WHERE device = ?1",
    )?
    .execute(params![device, applied.applied as i64, now])?;
    if applied.applied > 0 {
        note_clock(tx, device, applied.newest_at, now)?;
    }
    Ok(applied)
}

/// Remembers how far ahead `device`'s clock was, by the newest operation that came (its wall
/// time `at`, seconds), or forgets it when that one is within [`FAR_AHEAD_SECS`]. The wall time
/// and not the hybrid clock: a device's hybrid clock also carries any far-ahead clock it has
/// received, and would blame a colleague whose own clock is right.
fn note_clock(tx: &Transaction, device: &str, newest_at: Option<i64>, now: i64) -> Result<()> {
    let Some(at) = newest_at else {
        return Ok(());
    };
    let ahead = at - now;
    let (ahead, seen) = if ahead > FAR_AHEAD_SECS {
        (Some(ahead), Some(now))
    } else {
        (None, None)
    };
    tx.prepare_cached(
        "UPDATE team_devices SET clock_ahead = ?2, clock_ahead_seen_at = ?3 WHERE device = ?1",
    )?
    .execute(params![device, ahead, seen])?;
    Ok(())
}
