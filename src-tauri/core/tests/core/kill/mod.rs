//! Jobs killed at random moments (SIGKILL, as a dead battery or `kill -9` leaves them): the
//! real `tagdesk-cli` runs each job on a copy of a prepared database and is killed somewhere
//! between its start and its end; the database is then opened as the app opens it (which
//! finishes work a crash left owed) and must be exactly as it was before the job or as a
//! complete run leaves it, never anything in between.
//!
//! `TAGDESK_KILLS` sets the kills per job (default 6); `TAGDESK_KILL_SEED` replays a run (the
//! seed is printed). The figures in docs/ROBUSTNESS.md come from
//! `TAGDESK_KILLS=60 cargo test --release -p tagdesk-core --test core kill -- --nocapture`.

mod jobs;
mod team;

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rusqlite::types::Value;
use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use tagdesk_core::{clock, db};

/// Every process of the test (the jobs, the reopenings) runs at this time, so RFM and
/// lifecycle classes redone at a reopening equal those of the uninterrupted run.
pub const NOW: i64 = 1_763_200_000;

/// One job: the command line (its database is appended as `--db PATH`) run on a copy of
/// `base`.
pub struct Job {
    pub name: &'static str,
    pub base: PathBuf,
    pub args: Vec<String>,
}

/// Where the kills left the database.
#[derive(Debug, Default)]
pub struct Tally {
    pub before: usize,
    pub after: usize,
    pub other: usize,
    /// Kills after which the reopening had owed work to finish (the change had committed,
    /// its rules had not): all-after only thanks to the follow-up record.
    pub finished_at_reopening: usize,
}

fn kills() -> usize {
    std::env::var("TAGDESK_KILLS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(6)
}

fn seed() -> u64 {
    let seed = std::env::var("TAGDESK_KILL_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| {
            let nanos = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap_or_default();
            nanos.subsec_nanos() as u64 ^ nanos.as_secs()
        });
    println!("kill test seed {seed} (TAGDESK_KILL_SEED={seed} replays it)");
    seed
}

pub fn cli() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_tagdesk-cli"));
    command
        .env(clock::FIXED_NOW, NOW.to_string())
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    command
}

/// Copies a closed database, with its log if one was left, to `to`.
fn copy(from: &Path, to: &Path) {
    for suffix in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(with_suffix(to, suffix));
    }
    std::fs::copy(from, to).unwrap();
    let log = with_suffix(from, "-wal");
    if log.exists() {
        std::fs::copy(&log, with_suffix(to, "-wal")).unwrap();
    }
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// The database's state: customers, tags given (rules' included), events, the tag tree and
/// its counts; not times, logs or history, which a rerun may write again. With whether the
/// opening finished work a crash left owed.
pub fn state(path: &Path) -> (u64, bool) {
    // Opened as the app opens it, in a process of its own (at the fixed time), so owed work
    // is done first.
    let opened = cli()
        .args(["stats", s(path)])
        .stdout(Stdio::piped())
        .output()
        .unwrap();
    assert!(
        opened.status.success(),
        "{}",
        String::from_utf8_lossy(&opened.stderr)
    );
    let finished = String::from_utf8_lossy(&opened.stdout).contains("finished after a crash");
    let conn = db::open(path).unwrap();
    let owed: i64 = conn
        .query_row(
            "SELECT count(*) FROM follow_up_work WHERE finished_at IS NULL",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(owed, 0, "the opening did all the work that was owed");
    let mut hasher = DefaultHasher::new();
    for sql in [
        "SELECT id, name, phone, email, city, external_id, deleted_at IS NULL FROM customers ORDER BY id",
        "SELECT tag_id, customer_id, source, source_ref FROM assignments ORDER BY tag_id, customer_id",
        "SELECT id, customer_id, kind, occurred_at, amount, properties, source_key FROM events ORDER BY id",
        "SELECT id, parent_id, kind, name FROM tag_nodes ORDER BY id",
        "SELECT tag_id, customers FROM tag_stats WHERE customers <> 0 ORDER BY tag_id",
    ] {
        sql.hash(&mut hasher);
        let mut stmt = conn.prepare(sql).unwrap();
        let columns = stmt.column_count();
        let mut rows = stmt.query([]).unwrap();
        while let Some(row) = rows.next().unwrap() {
            for i in 0..columns {
                format!("{:?}", row.get::<_, Value>(i).unwrap()).hash(&mut hasher);
            }
        }
    }
    (hasher.finish(), finished)
}

pub fn s(path: &Path) -> &str {
    path.to_str().expect("temporary paths are UTF-8")
}

/// Runs `job` to its end on a copy of its base; returns how long it took.
fn run_to_end(job: &Job, path: &Path) -> Duration {
    let started = Instant::now();
    let out = cli()
        .args(&job.args)
        .args(["--db", s(path)])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{} runs: {}",
        job.name,
        String::from_utf8_lossy(&out.stderr)
    );
    started.elapsed()
}

/// Kills `job` at random moments and sorts the states the reopened database is found in.
pub fn probe(job: &Job, dir: &Path) -> Tally {
    let seed = seed();
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let path = dir.join(format!("{}.sqlite", job.name));
    copy(&job.base, &path);
    let (before, _) = state(&path);
    copy(&job.base, &path);
    let took = run_to_end(job, &path);
    let (after, _) = state(&path);
    assert_ne!(before, after, "{} changes something", job.name);

    let mut tally = Tally::default();
    let mut others = Vec::new();
    for i in 0..kills() {
        copy(&job.base, &path);
        // From the start (still opening) to a little past the uninterrupted run's end.
        let at = rng.random_range(0..=took.as_micros() as u64 * 11 / 10);
        let mut child = cli()
            .args(&job.args)
            .args(["--db", s(&path)])
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_micros(at));
        let _ = child.kill();
        let _ = child.wait();
        let (found, finished) = state(&path);
        tally.finished_at_reopening += usize::from(finished);
        match found {
            found if found == before => tally.before += 1,
            found if found == after => tally.after += 1,
            _ => {
                tally.other += 1;
                others.push((i, at));
            }
        }
    }
    println!(
        "kill {}: {} kills over {:?}, {} all before, {} all after ({} of them finished at the reopening), {} other",
        job.name,
        kills(),
        took,
        tally.before,
        tally.after,
        tally.finished_at_reopening,
        tally.other
    );
    assert!(
        others.is_empty(),
        "{}: kills (number, µs after start) {others:?} left a state that is neither before nor after (seed {seed})",
        job.name
    );
    tally
}
