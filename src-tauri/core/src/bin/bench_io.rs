//! `tagdesk-bench-io`: import and export timings on a generated 100,000-row spreadsheet.
//!
//!     cargo run --release -p tagdesk-core --bin tagdesk-bench-io -- import [--rows N] [--runs R] [--into DB] [--custom] [--undo]
//!     cargo run --release -p tagdesk-core --bin tagdesk-bench-io -- export
//!     cargo run --release -p tagdesk-core --bin tagdesk-bench-io -- events [--rows N] [--runs R] [--team]
//!     cargo run --release -p tagdesk-core --bin tagdesk-bench-io -- search [--runs R]
//!
//! `import` writes bench-data/import-N.xlsx once (seeded), then imports it R times
//! (parse, validate, dedupe by phone, upsert, tag) into a fresh database holding the starter
//! tag tree, or with `--into DB` into a copy of that database (e.g. the 1,000,000-customer
//! bench-data/bench-1000000.sqlite of `tagdesk-bench`), and prints the medians of the wall
//! time, of the importing thread's CPU time (it shows what a busy machine hides) and of the
//! whole process's CPU time (the sheet is read on a thread of its own). `--custom` adds two
//! custom-field columns (points, card number) to the sheet and the fields to the database.
//! `--undo` then times undoing each import from the history and redoing it (through the desk,
//! with the follow-up work they owe).
//! `export` exports the customers of the last imported database to .xlsx and prints the time
//! and the process's peak memory (run it as its own process so the peak is the export's).
//! scripts/bench_pandas.py times pandas.read_excel merely reading the same file.
//! `events` times an events import (see the `events` module); `search` times searching while
//! an import's search entries are still being written (see the `search_backlog` module).

#[path = "bench_io/events.rs"]
mod events;
#[path = "bench_io/search.rs"]
mod search_backlog;

use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use tagdesk_core::custom_fields::{self, FieldKind};
use tagdesk_core::customers::search;
use tagdesk_core::desk::Desk;
use tagdesk_core::export::{export_customers, ExportFormat, ExportScope, ExportSpec, TagsLayout};
use tagdesk_core::import::{self, ImportSpec};
use tagdesk_core::jobs::Job;
use tagdesk_core::{db, demo};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let flag = |name: &str, default: usize| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .and_then(|v| v.parse().ok())
            .unwrap_or(default)
    };
    let rows = flag("--rows", 100_000);
    let runs = flag("--runs", 3);
    let into = args
        .iter()
        .position(|a| a == "--into")
        .and_then(|i| args.get(i + 1))
        .map(PathBuf::from);
    let dir = PathBuf::from("bench-data");
    std::fs::create_dir_all(&dir)?;
    let target = dir.join(format!("import-{rows}.sqlite"));
    match args.first().map(String::as_str) {
        Some("export") => export(&target, &dir),
        Some("events") => events::run(&dir, rows, runs, args.iter().any(|a| a == "--team")),
        Some("search") => search_backlog::run(&dir, runs),
        _ => import_runs(
            &dir,
            &target,
            rows,
            runs,
            into.as_deref(),
            args.iter().any(|a| a == "--custom"),
            args.iter().any(|a| a == "--undo"),
        ),
    }
}

fn import_runs(
    dir: &Path,
    target: &Path,
    rows: usize,
    runs: usize,
    into: Option<&Path>,
    custom: bool,
    undo: bool,
) -> Result<(), Box<dyn std::error::Error>> {
    let file = match custom {
        true => dir.join(format!("import-{rows}-custom.xlsx")),
        false => dir.join(format!("import-{rows}.xlsx")),
    };
    if !file.exists() {
        write_sheet(&file, rows, custom)?;
    }
    let mut times = Vec::new();
    let mut cpu = Vec::new();
    let mut all_cpu = Vec::new();
    let mut entries = Vec::new();
    let mut undos = Vec::new();
    for _ in 0..runs {
        tagdesk_core::db::remove_database(target);
        let conn = match into {
            Some(base) => {
                std::fs::copy(base, target)?;
                db::open(target)?
            }
            None => {
                let conn = starter_database(target)?;
                if custom {
                    for (label, kind) in CUSTOM_FIELDS {
                        let input = custom_fields::CustomFieldInput {
                            label: label.into(),
                            kind,
                            options: Vec::new(),
                        };
                        custom_fields::create(&conn, &input, "bench")?;
                    }
                }
                conn
            }
        };
        let spec = ImportSpec::customers(&file);
        let started = Instant::now();
        let read = tagdesk_core::spreadsheet::read(&file, &Default::default())?;
        eprintln!(
            "read {} rows: {:.2} s",
            read.rows.len(),
            secs(started.elapsed())
        );
        let started = Instant::now();
        let plan = import::analyse(&conn, &spec)?;
        eprintln!(
            "dry run ({} rows): {:.2} s",
            plan.rows.len(),
            secs(started.elapsed())
        );
        // Imported as the app does it: through the desk, whose segment index tracks the
        // changed rows by trigger and is refreshed for the rules that run afterwards.
        drop(conn);
        let mut desk = Desk::start(
            dir.join("desk"),
            demo::DemoSpec {
                customers: 0,
                ..demo::DemoSpec::small()
            },
        );
        desk.open(target)?;
        desk.indexed()?;
        let started = Instant::now();
        let cpu_before = thread_cpu();
        let all_before = process_cpu();
        let report = desk.import(&spec, &Job::default())?;
        times.push(started.elapsed());
        cpu.push(thread_cpu() - cpu_before);
        all_cpu.push(process_cpu() - all_before);
        eprintln!(
            "{:?}: {:.2} s, CPU {:.2} s (all threads {:.2} s)",
            report.summary,
            secs(started.elapsed()),
            secs(thread_cpu() - cpu_before),
            secs(process_cpu() - all_before)
        );
        // A large import leaves the new customers' search entries to a background thread;
        // searching is complete meanwhile, but the work is part of the bill.
        let conn = desk.conn()?;
        while search::backlog_start(conn)?.is_some() {
            std::thread::sleep(Duration::from_millis(5));
        }
        entries.push(started.elapsed() - times[times.len() - 1]);
        eprintln!(
            "search entries written {:.2} s after the import returned",
            secs(entries[entries.len() - 1])
        );
        if undo {
            undos.push(undo_and_redo(&mut desk)?);
        }
    }
    entries.sort();
    times.sort();
    cpu.sort();
    all_cpu.sort();
    println!(
        "import {rows} rows from {} into {} (parse, validate, dedupe, upsert, tag): median {:.2} s (CPU {:.2} s, all threads {:.2} s) over {runs} runs",
        file.display(),
        into.map_or("a fresh database".to_string(), |p| format!("a copy of {}", p.display())),
        secs(times[times.len() / 2]),
        secs(cpu[cpu.len() / 2]),
        secs(all_cpu[all_cpu.len() / 2])
    );
    println!(
        "search entries of the new customers written in the background: median {:.2} s after the import returned",
        secs(entries[entries.len() / 2])
    );
    if undo {
        let median = |i: usize| {
            let mut times: Vec<Duration> = undos.iter().map(|u: &[Duration; 4]| u[i]).collect();
            times.sort();
            secs(times[times.len() / 2])
        };
        println!(
            "undo of the import from the history: median {:.2} s (CPU {:.2} s); redo {:.2} s (CPU {:.2} s)",
            median(0),
            median(1),
            median(2),
            median(3)
        );
    }
    Ok(())
}

/// Undoes the desk's latest import from the history, then redoes it: the wall and this
/// thread's CPU time of each.
fn undo_and_redo(desk: &mut Desk) -> Result<[Duration; 4], Box<dyn std::error::Error>> {
    let import: i64 = desk.conn()?.query_row(
        "SELECT max(id) FROM operations WHERE kind = 'import_customers'",
        [],
        |r| r.get(0),
    )?;
    let (started, cpu) = (Instant::now(), thread_cpu());
    let report = desk.undo(&[import])?;
    let undone = [started.elapsed(), thread_cpu() - cpu];
    let (started, cpu) = (Instant::now(), thread_cpu());
    desk.undo(&report.undo_operations)?;
    let redone = [started.elapsed(), thread_cpu() - cpu];
    eprintln!(
        "undo {:.2} s (CPU {:.2} s), redo {:.2} s (CPU {:.2} s)",
        secs(undone[0]),
        secs(undone[1]),
        secs(redone[0]),
        secs(redone[1])
    );
    Ok([undone[0], undone[1], redone[0], redone[1]])
}

/// A new database at `path` holding the starter tag tree and no customers.
fn starter_database(path: &Path) -> Result<rusqlite::Connection, Box<dyn std::error::Error>> {
    let mut conn = db::create(path)?;
    demo::generate(
        &mut conn,
        &demo::DemoSpec {
            customers: 0,
            ..demo::DemoSpec::small()
        },
    )?;
    Ok(conn)
}

fn export(target: &Path, dir: &Path) -> Result<(), Box<dyn std::error::Error>> {
    let conn = db::open(target)?;
    let out = dir.join("export.xlsx");
    let started = Instant::now();
    let n = export_customers(
        &conn,
        &ExportSpec {
            scope: ExportScope::Everyone,
            columns: Vec::new(),
            format: ExportFormat::Xlsx,
            tags: TagsLayout::PerGroup,
            path: out.display().to_string(),
            language: Default::default(),
        },
    )?;
    let took = started.elapsed();
    println!(
        "export {n} customers to .xlsx: {:.2} s, peak memory {} MB",
        secs(took),
        peak_mb()
    );
    Ok(())
}

/// The custom fields of `--custom`: the database has them, the sheet has a column for each.
const CUSTOM_FIELDS: [(&str, FieldKind); 2] =
    [("积分", FieldKind::Number), ("会员卡号", FieldKind::Text)];

/// A member list as a shop would have it: name, phone, email, city, source and a tags column
/// (and with `custom`, points and a card number for the database's custom fields).
fn write_sheet(path: &Path, rows: usize, custom: bool) -> Result<(), Box<dyn std::error::Error>> {
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(7);
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet_with_constant_memory()?;
    for (c, h) in ["姓名", "手机", "邮箱", "城市", "来源", "标签"]
        .iter()
        .chain(
            custom
                .then_some(CUSTOM_FIELDS.map(|(label, _)| label))
                .iter()
                .flatten(),
        )
        .enumerate()
    {
        sheet.write_string(0, c as u16, *h)?;
    }
    let surnames = ["王", "李", "张", "刘", "陈", "杨", "赵", "黄"];
    let given = ["伟", "芳", "娜", "敏", "静", "强", "磊", "洋", "婷", "杰"];
    let cities = ["上海", "北京", "杭州", "深圳", "成都", "武汉"];
    let sources = ["微信群", "官网", "线下展会", "客户转介绍"];
    let tags = [
        "种子用户",
        "产品试用者",
        "VIP",
        "高活",
        "母婴",
        "数码",
        "预算充足",
    ];
    for r in 1..=rows as u32 {
        let name = format!(
            "{}{}{}",
            surnames.choose(&mut rng).unwrap(),
            given.choose(&mut rng).unwrap(),
            given.choose(&mut rng).unwrap()
        );
        sheet.write_string(r, 0, &name)?;
        sheet.write_string(r, 1, format!("13{:09}", r))?;
        sheet.write_string(r, 2, format!("user{r}@example.com"))?;
        sheet.write_string(r, 3, *cities.choose(&mut rng).unwrap())?;
        sheet.write_string(r, 4, *sources.choose(&mut rng).unwrap())?;
        let n = rng.random_range(1..=3);
        let chosen: Vec<&str> = tags.choose_multiple(&mut rng, n).copied().collect();
        sheet.write_string(r, 5, chosen.join("、"))?;
        if custom {
            sheet.write_number(r, 6, rng.random_range(0..5000) as f64)?;
            sheet.write_string(r, 7, format!("VIP{r:07}"))?;
        }
    }
    book.save(path)?;
    Ok(())
}

fn peak_mb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines().find(|l| l.starts_with("VmHWM:")).and_then(|l| {
                l.split_whitespace()
                    .nth(1)
                    .and_then(|kb| kb.parse::<u64>().ok())
            })
        })
        .map_or(0, |kb| kb / 1024)
}

/// CPU time of the whole process so far, threads that ended included (Linux, in clock ticks
/// of 10 ms; zero elsewhere).
fn process_cpu() -> Duration {
    std::fs::read_to_string("/proc/self/stat")
        .ok()
        .and_then(|s| {
            // Fields after the command name, which is in parentheses: utime and stime are the
            // 12th and 13th.
            let rest = s.rsplit_once(')')?.1;
            let mut fields = rest.split_whitespace().skip(11);
            let user: u64 = fields.next()?.parse().ok()?;
            let system: u64 = fields.next()?.parse().ok()?;
            Some(Duration::from_millis((user + system) * 10))
        })
        .unwrap_or(Duration::ZERO)
}

/// CPU time of the calling thread so far (Linux; zero elsewhere).
fn thread_cpu() -> Duration {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse().ok())
        .map_or(Duration::ZERO, Duration::from_nanos)
}

fn secs(d: Duration) -> f64 {
    d.as_secs_f64()
}
