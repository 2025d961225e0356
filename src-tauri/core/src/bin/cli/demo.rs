//! `demo`: a generated database of a Chinese small business, for trying TagDesk and for
//! benchmarks at any size.

use crate::args::Args;
use crate::Failure;
use std::path::Path;
use std::time::Instant;
use tagdesk_core::{db, demo};

pub fn run(words: &[String]) -> Result<(), Failure> {
    let args = Args::parse(
        words,
        &["--customers", "--seed", "--events-per-customer"],
        &["--no-history"],
    )?;
    let path = Path::new(args.one_positional("FILE.sqlite")?);
    let mut spec = demo::DemoSpec::small();
    if let Some(n) = args.number("--customers")? {
        spec.customers = n;
    }
    if let Some(seed) = args.number("--seed")? {
        spec.seed = seed;
    }
    if let Some(n) = args.number("--events-per-customer")? {
        spec.events_per_customer = n;
    }
    if args.switch("--no-history") {
        spec.with_history = false;
    }
    let started = Instant::now();
    let mut conn = db::create(path)?;
    let summary = demo::generate(&mut conn, &spec)?;
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
