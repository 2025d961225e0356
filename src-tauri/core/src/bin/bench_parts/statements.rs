//! `BENCH_PROFILE=1`: the time each SQL statement took in a timed part, summed over its runs
//! and printed longest first, so a benchmark says where its time goes without a profiler.
//! SQLite times a statement from its first step to its reset with the clock of its file
//! system layer, which counts milliseconds: a statement of a microsecond adds a whole one now
//! and then, so the sums are right on average over thousands of runs, not for one.

use rusqlite::trace::{TraceEvent, TraceEventCodes};
use rusqlite::Connection;
use std::collections::BTreeMap;
use std::sync::Mutex;
use std::time::Duration;

/// How many statements are printed.
const SHOWN: usize = 40;

/// Summed time and runs per statement text.
static TIMES: Mutex<BTreeMap<String, (u64, Duration)>> = Mutex::new(BTreeMap::new());

/// Starts timing `conn`'s statements when `BENCH_PROFILE` is set.
pub fn start(conn: &mut Connection) {
    if std::env::var_os("BENCH_PROFILE").is_none() {
        return;
    }
    TIMES.lock().unwrap_or_else(|e| e.into_inner()).clear();
    conn.trace_v2(TraceEventCodes::SQLITE_TRACE_PROFILE, Some(note));
}

fn note(event: TraceEvent<'_>) {
    if let TraceEvent::Profile(stmt, took) = event {
        let mut times = TIMES.lock().unwrap_or_else(|e| e.into_inner());
        let entry = times.entry(stmt.sql().to_string()).or_default();
        entry.0 += 1;
        entry.1 += took;
    }
}

/// Prints what `start` timed (under `title`), longest first, and stops timing `conn`.
pub fn print(conn: &mut Connection, title: &str) {
    if std::env::var_os("BENCH_PROFILE").is_none() {
        return;
    }
    conn.trace_v2(TraceEventCodes::empty(), None);
    let times = TIMES.lock().unwrap_or_else(|e| e.into_inner());
    let mut rows: Vec<_> = times.iter().collect();
    rows.sort_by_key(|(_, (_, took))| std::cmp::Reverse(*took));
    let total: Duration = rows.iter().map(|(_, (_, took))| *took).sum();
    eprintln!(
        "  {title}: statements took {:.0} ms in all",
        total.as_secs_f64() * 1e3
    );
    for (sql, (runs, took)) in rows.into_iter().take(SHOWN) {
        let sql: String = sql.split_whitespace().collect::<Vec<_>>().join(" ");
        let sql: String = sql.chars().take(160).collect();
        eprintln!("  {:7.0} ms {runs:7} × {sql}", took.as_secs_f64() * 1e3);
    }
}
