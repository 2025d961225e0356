//! `tagdesk-bench`: rerunnable timings on generated data, reported as medians.
//!
//!     cargo run --release -p tagdesk-core --bin tagdesk-bench -- [--customers N] [--runs R] [--data DIR]
//!
//!     tagdesk-bench open --db PATH [--runs R]   # opening a large database, fresh processes
//!
//! BENCH_ONLY=search|filter|segments|health|bulk|rules|history|team runs one part; `rules` only when
//! asked (it rewrites the RFM and lifecycle groups of the dataset); `history` only when asked, on
//! a database of its own holding `--operations N` operations (default 100,000; see its module);
//! `hub` (its module) and `hub-join` (joining from a hub holding the dataset) only when asked;
//! `team` only when asked: a team's week of `--operations N` (default 50,000) on databases of
//! `--week-customers W` (default 250,000), and joining a team holding the dataset (its module).
//!
//! The dataset (seeded, so identical on every machine) is generated once into DIR
//! (default bench-data/) and reused.

#[path = "bench_parts/health.rs"]
mod health;
#[path = "bench_parts/history.rs"]
mod history;
#[path = "bench_parts/hub.rs"]
mod hub;
#[path = "bench_parts/hub_join.rs"]
mod hub_join;
#[path = "bench_parts/opening.rs"]
mod opening;
#[path = "bench_parts/rules.rs"]
mod rules;
#[path = "bench_parts/segments.rs"]
mod segments;
#[path = "bench_parts/statements.rs"]
mod statements;
#[path = "bench_parts/team.rs"]
mod team;
#[path = "bench_parts/team_floor.rs"]
mod team_floor;
#[path = "bench_parts/team_recording.rs"]
mod team_recording;

use std::path::PathBuf;
use std::time::{Duration, Instant};
use tagdesk_core::customers::{self, CustomerQuery};
use tagdesk_core::tagging::{self, TagSource, TagTarget};
use tagdesk_core::tags::{self, NewNode, NodeKind};
use tagdesk_core::{db, demo};

struct Args {
    customers: usize,
    runs: usize,
    data: PathBuf,
    /// The history's or the team week's, each with its own default.
    operations: Option<usize>,
    week_customers: usize,
}

/// The passphrase of the benchmark's encrypted copy (BENCH_ENCRYPTED=1).
const BENCH_PASSPHRASE: &str = "bench passphrase 基准";

/// An encrypted copy of the dataset beside it, made once (as Settings would, backup included,
/// which is then removed to spare the disk) and unlocked: the same work on an encrypted file
/// measures what encryption at rest costs (docs/BENCHMARKS.md, issue 20).
fn encrypted_copy(plain: &std::path::Path) -> Result<PathBuf, Box<dyn std::error::Error>> {
    let copy = plain.with_extension("encrypted.sqlite");
    if !copy.exists() {
        eprintln!("encrypting a copy of the dataset into {} …", copy.display());
        let started = Instant::now();
        let staging = plain.with_extension("encrypting.sqlite");
        db::remove_database(&staging);
        std::fs::copy(plain, &staging)?;
        let wal = |p: &std::path::Path| PathBuf::from(format!("{}-wal", p.display()));
        if wal(plain).exists() {
            std::fs::copy(wal(plain), wal(&staging))?;
        }
        let never = std::sync::atomic::AtomicBool::new(false);
        let backup = db::change_encryption(
            &staging,
            db::Target::Encrypted(BENCH_PASSPHRASE),
            &|_, _| {},
            &never,
        )?;
        let _ = std::fs::remove_file(backup);
        std::fs::rename(&staging, &copy)?;
        db::forget_passphrase(&staging);
        eprintln!("encrypted in {:.0} s", started.elapsed().as_secs_f64());
    }
    db::unlock(&copy, BENCH_PASSPHRASE)?;
    println!(
        "BENCH_ENCRYPTED=1: on the encrypted copy {}",
        copy.display()
    );
    Ok(copy)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let argv: Vec<String> = std::env::args().skip(1).collect();
    match argv.first().map(String::as_str) {
        Some("open") => return opening::run(&argv[1..]),
        Some("open-once") => return opening::run_once(std::path::Path::new(&argv[1])),
        _ => {}
    }
    let args = parse_args()?;
    if std::env::var("BENCH_ONLY").as_deref() == Ok("hub") {
        return hub::run(args.operations.unwrap_or(10_000), args.runs);
    }
    if std::env::var("BENCH_ONLY").as_deref() == Ok("history") {
        return history::run(&args.data, args.operations.unwrap_or(100_000), args.runs);
    }
    let path = args.data.join(format!("bench-{}.sqlite", args.customers));
    if !path.exists() {
        std::fs::create_dir_all(&args.data)?;
        eprintln!(
            "generating {} customers into {} …",
            args.customers,
            path.display()
        );
        let started = Instant::now();
        let mut conn = db::create(&path)?;
        let summary = demo::generate(
            &mut conn,
            &demo::DemoSpec {
                customers: args.customers,
                events_per_customer: 5.0,
                with_history: false,
                ..demo::DemoSpec::small()
            },
        )?;
        eprintln!("{summary:?} in {:.0} s", started.elapsed().as_secs_f64());
    }
    let path = if std::env::var("BENCH_ENCRYPTED").as_deref() == Ok("1") {
        encrypted_copy(&path)?
    } else {
        path
    };
    let mut conn = db::open(&path)?;
    let n: i64 = conn.query_row("SELECT count(*) FROM customers", [], |r| r.get(0))?;
    let a: i64 = conn.query_row("SELECT count(*) FROM assignments", [], |r| r.get(0))?;
    let e: i64 = conn.query_row("SELECT count(*) FROM events", [], |r| r.get(0))?;
    println!(
        "dataset: {n} customers, {a} assignments, {e} events; {} runs each, medians\n",
        args.runs
    );

    let only = std::env::var("BENCH_ONLY").unwrap_or_default();
    if only == "hub-join" {
        drop(conn);
        return hub_join::run(&path, args.runs);
    }
    if only == "team" {
        drop(conn);
        let ops = args.operations.unwrap_or(50_000);
        return team::run(&args.data, &path, args.week_customers, ops, args.runs);
    }
    let wants = |part: &str| only.is_empty() || only == part;
    if wants("search") {
        println!("search: first page of 50 (newest first) with a count capped at {}, then the exact count", customers::list::COUNT_CAP);
        for fragment in [
            "王",
            "伟",
            "王伟",
            "张敏",
            "5678",
            "138",
            "13812",
            "星河",
            "科技有限",
            "qq.com",
        ] {
            let query = CustomerQuery {
                search: Some(fragment.into()),
                limit: 50,
                ..Default::default()
            };
            let page = median(args.runs, || {
                customers::list(&conn, &query).unwrap();
            });
            let mut total = 0;
            let exact = median(args.runs, || {
                total = customers::count(&conn, &query).unwrap()
            });
            println!(
                "  {fragment:<10} page {:>7.2} ms   exact count {:>7.2} ms  ({total} matches)",
                ms(page),
                ms(exact)
            );
        }
        // The plan the exact count replaced (issue 17), in the same run: every match joined
        // to its customer row to leave out the deleted.
        for fragment in ["科技有限", "qq.com"] {
            let mut total = 0;
            let joined = median(args.runs, || {
                total = conn
                    .query_row(
                        "SELECT count(*) FROM customer_search s JOIN customers c ON c.id = s.rowid
                         WHERE s.customer_search MATCH ?1 AND c.deleted_at IS NULL",
                        [format!("\"{fragment}\"")],
                        |r| r.get::<_, i64>(0),
                    )
                    .unwrap()
            });
            println!(
                "  {fragment:<10} exact count by the join it replaced {:>7.2} ms  ({total} matches)",
                ms(joined)
            );
        }
    }

    if wants("filter") {
        let vip = tag_id(&conn, "VIP")?;
        let rare = tag_id(&conn, "决策链关键人")?;
        println!("\ntag filter (count + first page of 50)");
        for (label, tag, sort) in [
            ("VIP, newest first", vip, None),
            ("决策链关键人, newest", rare, None),
            (
                "VIP, sorted by name",
                vip,
                Some(customers::CustomerSort {
                    field: customers::CustomerSortField::Name,
                    descending: false,
                    custom_field_id: None,
                }),
            ),
        ] {
            let query = CustomerQuery {
                tag_ids: vec![tag],
                sort,
                limit: 50,
                ..Default::default()
            };
            let mut total = 0;
            let t = median(args.runs, || {
                total = customers::list(&conn, &query).unwrap().total
            });
            println!("  {label:<24} {:>8.2} ms  ({total} matches)", ms(t));
        }
        // The plan the name-sorted page replaced (issue 17), in the same run: every member
        // read and sorted by name (the page's rows alone, without its chips and count).
        let t = median(args.runs, || {
            conn.prepare_cached(
                "SELECT c.id FROM customers c WHERE c.deleted_at IS NULL
                   AND c.id IN (SELECT customer_id FROM assignments WHERE tag_id = ?1)
                 ORDER BY c.name, c.id LIMIT 50",
            )
            .unwrap()
            .query_map([vip], |r| r.get::<_, i64>(0))
            .unwrap()
            .for_each(drop);
        });
        println!(
            "  VIP by name, members sorted (the plan replaced) {:>8.2} ms",
            ms(t)
        );
    }

    let t = median(args.runs, || {
        tags::tree(&conn).unwrap();
    });
    println!("\ntag counts for the whole tree        {:>8.2} ms", ms(t));

    if wants("segments") {
        segments::run(&conn, args.runs)?;
    }

    if wants("health") {
        health::run(&mut conn, args.runs)?;
    }

    if only == "rules" {
        return rules::run(&mut conn);
    }

    if !wants("bulk") {
        return Ok(());
    }
    // As in the app, whose connection holds the condition index: its triggers note every
    // assignment a bulk tag and its undo change (the parts above built one on `conn` already
    // when they ran).
    let mut index = tagdesk_core::conditions::index::Index::build(&conn)?;
    let bulk = (args.customers / 5) as i64;
    let group = tag_id_of_kind(&conn, "营销响应", "group")?;
    let fresh = match tag_id(&conn, "双十一活动") {
        Ok(id) => id,
        Err(_) => tags::create_node(
            &conn,
            &NewNode::new(Some(group), NodeKind::Tag, "双十一活动"),
        )?,
    };
    let ids: Vec<i64> = (1..=bulk).collect();
    let target = TagTarget::Customers { ids };
    // The app checkpoints the WAL in the background (db::checkpointer); here that is timed
    // apart, between operations, as the app's idle time would do it.
    let checkpoint = || {
        let started = Instant::now();
        conn_checkpoint(&path);
        started.elapsed()
    };
    checkpoint();
    let (mut adds, mut undos, mut checkpoints) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..args.runs.min(7) {
        let started = Instant::now();
        let report = tagging::add(&mut conn, &target, fresh, TagSource::Manual, "bench")?;
        adds.push(started.elapsed());
        assert_eq!(report.changed, bulk);
        checkpoints.push(checkpoint());
        index.refresh(&conn)?;
        let started = Instant::now();
        tagdesk_core::operations::undo(&mut conn, &[report.operation_id], "bench")?;
        undos.push(started.elapsed());
        checkpoints.push(checkpoint());
        index.refresh(&conn)?;
    }
    println!(
        "bulk-tag {bulk} selected customers       {:>8.1} ms",
        ms(mid(adds))
    );
    println!(
        "undo that bulk tag                    {:>8.1} ms",
        ms(mid(undos))
    );
    println!(
        "background WAL checkpoint after each  {:>8.1} ms",
        ms(mid(checkpoints))
    );
    Ok(())
}

fn conn_checkpoint(path: &std::path::Path) {
    // Keyed like every connection when the dataset is the encrypted copy.
    let conn = db::connect(path, rusqlite::OpenFlags::default()).expect("open for checkpoint");
    conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(()))
        .expect("checkpoint");
}

fn tag_id(conn: &rusqlite::Connection, name: &str) -> rusqlite::Result<i64> {
    tag_id_of_kind(conn, name, "tag")
}

fn tag_id_of_kind(conn: &rusqlite::Connection, name: &str, kind: &str) -> rusqlite::Result<i64> {
    conn.query_row(
        "SELECT id FROM tag_nodes WHERE name = ?1 AND kind = ?2 AND deleted_at IS NULL",
        [name, kind],
        |r| r.get(0),
    )
}

/// Runs `f` once to warm caches, then `runs` times; returns the median.
fn median(runs: usize, mut f: impl FnMut()) -> Duration {
    f();
    mid((0..runs)
        .map(|_| {
            let started = Instant::now();
            f();
            started.elapsed()
        })
        .collect())
}

fn mid(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        customers: 1_000_000,
        runs: 21,
        data: PathBuf::from("bench-data"),
        operations: None,
        week_customers: 250_000,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let value = it.next().ok_or(format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--customers" => args.customers = value.parse().map_err(|_| "bad --customers")?,
            "--runs" => args.runs = value.parse().map_err(|_| "bad --runs")?,
            "--data" => args.data = PathBuf::from(value),
            "--operations" => {
                args.operations = Some(value.parse().map_err(|_| "bad --operations")?)
            }
            "--week-customers" => {
                args.week_customers = value.parse().map_err(|_| "bad --week-customers")?
            }
            other => return Err(format!("unknown option {other}")),
        }
    }
    Ok(args)
}
