//! `tagdesk-bench-io search [--runs R]`: how fast the customer search answers while a large
//! import's search entries are still being written (see `customers::search::backlog`), and
//! once they are. Imports bench-data/import-100000.xlsx (made by `import`) into a fresh
//! database without the desk, so nothing writes the entries until the bench does; prints the
//! median of R runs of each search's first page with its capped count, both ways.

use std::path::Path;
use std::time::{Duration, Instant};
use tagdesk_core::customers::{list, search, CustomerQuery};
use tagdesk_core::import::{self, ImportSpec};

const FRAGMENTS: [&str; 7] = [
    "王",
    "王伟",
    "伟芳",
    "138",
    "00042",
    "user4242",
    "example.com",
];

pub fn run(dir: &Path, runs: usize) -> Result<(), Box<dyn std::error::Error>> {
    let file = dir.join("import-100000.xlsx");
    if !file.exists() {
        return Err("run `tagdesk-bench-io import` first: it writes the sheet".into());
    }
    let target = dir.join("search-backlog.sqlite");
    tagdesk_core::db::remove_database(&target);
    let mut conn = super::starter_database(&target)?;
    let spec = ImportSpec::customers(&file);
    import::run(&mut conn, &spec, "bench", &|_, _| {}, &Default::default())?;
    let pending = search::backlog_start(&conn)?;
    println!("entries pending from customer {pending:?}");
    let before: Vec<(Duration, i64)> = FRAGMENTS
        .iter()
        .map(|f| timed(&conn, f, runs))
        .collect::<Result<_, _>>()?;
    let started = Instant::now();
    while search::catch_up(&mut conn, 5_000)? {}
    println!(
        "entries written in {:.2} s (steps of 5,000)",
        started.elapsed().as_secs_f64()
    );
    println!("| fragment | matches | entries pending | entries written |");
    println!("| --- | ---: | ---: | ---: |");
    for (fragment, (pending_time, pending_total)) in FRAGMENTS.iter().zip(before) {
        let (written_time, written_total) = timed(&conn, fragment, runs)?;
        assert_eq!(pending_total, written_total, "the same customers both ways");
        println!(
            "| {fragment} | {written_total} | {:.1} ms | {:.1} ms |",
            ms(pending_time),
            ms(written_time)
        );
    }
    Ok(())
}

/// The median time of the list's first page for `fragment`, and its (capped) total.
fn timed(
    conn: &rusqlite::Connection,
    fragment: &str,
    runs: usize,
) -> Result<(Duration, i64), Box<dyn std::error::Error>> {
    let query = CustomerQuery {
        search: Some(fragment.into()),
        limit: 50,
        ..Default::default()
    };
    let mut times = Vec::with_capacity(runs);
    let mut total = 0;
    for _ in 0..runs {
        let started = Instant::now();
        total = list(conn, &query)?.total;
        times.push(started.elapsed());
    }
    times.sort();
    Ok((times[times.len() / 2], total))
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
