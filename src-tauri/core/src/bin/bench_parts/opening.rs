//! Opening a large database (issue 17): from opening to the first exact segment count, in a
//! fresh process each run (this binary started again with `open-once`), and that process's
//! peak memory (VmHWM), twice: with the index saved beside the database, and without it
//! (rebuilt from the tables).
//!
//!     tagdesk-bench open --db bench-data/copy/bench-1000000.sqlite [--runs 5]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;
use tagdesk_core::conditions::Condition;
use tagdesk_core::desk::Desk;

/// One fresh process per run; prints the medians of both ways of opening.
pub fn run(args: &[String]) -> Result<(), Box<dyn std::error::Error>> {
    let db = PathBuf::from(value(args, "--db").ok_or("--db PATH is required")?);
    let runs: usize = value(args, "--runs").map_or(Ok(5), |r| r.parse())?;
    let saved = saved_file(&db);
    println!(
        "opening {} in a fresh process, {runs} runs, medians",
        db.display()
    );
    for way in ["rebuilt", "saved"] {
        if way == "saved" && !saved.exists() {
            // The first opening writes the file; it is not measured.
            once(&db)?;
        }
        let mut results = Vec::new();
        for _ in 0..runs {
            if way == "rebuilt" {
                let _ = std::fs::remove_file(&saved);
            }
            results.push(once(&db)?);
        }
        let median = |f: fn(&Run) -> f64| {
            let mut v: Vec<f64> = results.iter().map(f).collect();
            v.sort_by(f64::total_cmp);
            v[v.len() / 2]
        };
        println!(
            "  {way:<8} first count {:>6.2} s (runs {:?})   peak RSS {:>4.0} MB   RSS after {:>4.0} MB   ({} members)",
            median(|r| r.secs),
            results.iter().map(|r| (r.secs * 100.0).round() / 100.0).collect::<Vec<_>>(),
            median(|r| r.peak_mb),
            median(|r| r.rss_mb),
            results[0].members
        );
    }
    Ok(())
}

struct Run {
    secs: f64,
    peak_mb: f64,
    rss_mb: f64,
    members: u64,
}

fn once(db: &Path) -> Result<Run, Box<dyn std::error::Error>> {
    let out = Command::new(std::env::current_exe()?)
        .arg("open-once")
        .arg(db)
        .output()?;
    if !out.status.success() {
        return Err(String::from_utf8_lossy(&out.stderr).into_owned().into());
    }
    let text = String::from_utf8(out.stdout)?;
    let v: Vec<f64> = text
        .split_whitespace()
        .map(str::parse)
        .collect::<Result<_, _>>()?;
    Ok(Run {
        secs: v[0],
        peak_mb: v[1],
        rss_mb: v[2],
        members: v[3] as u64,
    })
}

/// The child: opens the database as the app does, counts VIP ∧ 企业版, prints
/// "seconds peak-MB rss-MB members".
pub fn run_once(db: &Path) -> Result<(), Box<dyn std::error::Error>> {
    let started = Instant::now();
    let mut desk = Desk::on_file(db)?;
    let (conn, index, _) = desk.indexed()?;
    let tag = |name: &str| super::tag_id(conn, name).map(|tag_id| Condition::Tag { tag_id });
    let condition = Condition::And {
        children: vec![tag("VIP")?, tag("企业版")?],
    };
    let count = tagdesk_core::segments::count(conn, index, &condition)?;
    let secs = started.elapsed().as_secs_f64();
    println!(
        "{secs:.3} {} {} {}",
        status_mb("VmHWM:"),
        status_mb("VmRSS:"),
        count.total
    );
    Ok(())
}

pub(crate) fn status_mb(field: &str) -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .unwrap_or_default()
        .lines()
        .find(|l| l.starts_with(field))
        .and_then(|l| l.split_whitespace().nth(1)?.parse::<f64>().ok())
        .map_or(0.0, |kb| kb / 1024.0)
}

fn saved_file(db: &Path) -> PathBuf {
    let mut name = db.as_os_str().to_owned();
    name.push(".tagdesk-index");
    PathBuf::from(name)
}

fn value<'a>(args: &'a [String], flag: &str) -> Option<&'a str> {
    args.iter()
        .position(|a| a == flag)
        .and_then(|i| args.get(i + 1))
        .map(String::as_str)
}
