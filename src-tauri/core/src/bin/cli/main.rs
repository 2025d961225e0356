//! `tagdesk-cli`: the core from a terminal, for scripts and benchmarks.
//!
//!     tagdesk-cli demo <file.sqlite> [--customers N] [--seed S] [--events-per-customer E] [--no-history]
//!     tagdesk-cli stats <file.sqlite>

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;
use tagdesk_core::{db, demo};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("demo") => run_demo(&args[1..]),
        Some("stats") => run_stats(&args[1..]),
        _ => Err(USAGE.to_string()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("{message}");
            ExitCode::FAILURE
        }
    }
}

const USAGE: &str = "usage:
  tagdesk-cli demo <file.sqlite> [--customers N] [--seed S] [--events-per-customer E] [--no-history]
  tagdesk-cli stats <file.sqlite>";

fn run_demo(args: &[String]) -> Result<(), String> {
    let path = PathBuf::from(args.first().ok_or(USAGE)?);
    let mut spec = demo::DemoSpec::small();
    let mut rest = args[1..].iter();
    while let Some(flag) = rest.next() {
        let mut value = || rest.next().ok_or(format!("{flag} needs a value"));
        match flag.as_str() {
            "--customers" => spec.customers = parse(value()?)?,
            "--seed" => spec.seed = parse(value()?)?,
            "--events-per-customer" => spec.events_per_customer = parse(value()?)?,
            "--no-history" => spec.with_history = false,
            other => return Err(format!("unknown option {other}\n{USAGE}")),
        }
    }
    let started = Instant::now();
    let mut conn = db::create(&path).map_err(|e| e.to_string())?;
    let summary = demo::generate(&mut conn, &spec).map_err(|e| e.to_string())?;
    println!(
        "{}: {} customers, {} tag nodes, {} assignments, {} events in {:.1} s",
        path.display(),
        summary.customers,
        summary.tag_nodes,
        summary.assignments,
        summary.events,
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

fn run_stats(args: &[String]) -> Result<(), String> {
    let path = PathBuf::from(args.first().ok_or(USAGE)?);
    let conn = db::open(&path).map_err(|e| e.to_string())?;
    for table in [
        "customers",
        "tag_nodes",
        "assignments",
        "tag_history",
        "events",
    ] {
        let n: i64 = conn
            .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
            .map_err(|e| e.to_string())?;
        println!("{table:12} {n}");
    }
    Ok(())
}

fn parse<T: std::str::FromStr>(s: &str) -> Result<T, String> {
    s.parse().map_err(|_| format!("not a valid number: {s}"))
}
