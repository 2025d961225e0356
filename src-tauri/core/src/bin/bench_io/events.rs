//! `tagdesk-bench-io events [--rows N] [--runs R]`: an events .xlsx of N rows (phone, kind,
//! date-time, amount, product) for the 10,000 customers of a generated database, imported R
//! times into fresh copies of it through the desk (as the app does); prints the median wall time.
//! With `--team` each copy first starts a team, and the import's changes for the wire are then
//! worked out (what a team adds to recording an import: issue 18's ≤ 10%).

use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use std::path::Path;
use std::time::Instant;
use tagdesk_core::desk::Desk;
use tagdesk_core::import::ImportSpec;
use tagdesk_core::jobs::Job;
use tagdesk_core::{clock, db, demo, team};

const CUSTOMERS: usize = 10_000;
const KINDS: [&str; 5] = ["浏览定价页", "下载报告", "下单", "登录", "打开邮件"];

pub fn run(
    dir: &Path,
    rows: usize,
    runs: usize,
    in_team: bool,
) -> Result<(), Box<dyn std::error::Error>> {
    let base = dir.join(format!("events-base-{CUSTOMERS}.sqlite"));
    if !base.exists() {
        let mut conn = db::create(&base)?;
        demo::generate(
            &mut conn,
            &demo::DemoSpec {
                customers: CUSTOMERS,
                events_per_customer: 0.0,
                ..demo::DemoSpec::small()
            },
        )?;
        conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")?;
    }
    let phones: Vec<String> = db::open(&base)?
        .prepare("SELECT phone FROM customers WHERE phone IS NOT NULL")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let file = dir.join(format!("events-{rows}.xlsx"));
    if !file.exists() {
        write_sheet(&file, rows, &phones)?;
    }
    let target = dir.join("events-import.sqlite");
    let (mut times, mut wire) = (Vec::new(), Vec::new());
    for _ in 0..runs {
        tagdesk_core::db::remove_database(&target);
        std::fs::copy(&base, &target)?;
        if in_team {
            let shared = dir.join("events-team");
            let _ = std::fs::remove_dir_all(&shared);
            std::fs::create_dir_all(&shared)?;
            let conn = db::open(&target)?;
            team::start(&conn, &shared, "对照", "王芳", clock::now())?;
        }
        // Through the desk, as the app imports: the segment index tracks the new events.
        let mut desk = Desk::start(
            dir.join("desk"),
            demo::DemoSpec {
                customers: 0,
                ..demo::DemoSpec::small()
            },
        );
        desk.open(&target)?;
        desk.indexed()?;
        let spec = ImportSpec::events(&file);
        let started = Instant::now();
        let report = desk.import(&spec, &Job::default())?;
        times.push(started.elapsed());
        eprintln!(
            "{:?}: {:.2} s",
            report.summary,
            started.elapsed().as_secs_f64()
        );
        if in_team {
            let conn = db::open(&target)?;
            let last: i64 = conn.query_row("SELECT max(id) FROM operations", [], |r| r.get(0))?;
            let started = Instant::now();
            team::own_after(&conn, last - 1, 1)?;
            wire.push(started.elapsed());
        }
    }
    times.sort();
    wire.sort();
    println!(
        "import {rows} events rows from {} into a database of {CUSTOMERS} customers{} (parse, find customer, check, dedupe, insert): median {:.2} s over {runs} runs",
        file.display(),
        if in_team { " in a team" } else { "" },
        times[times.len() / 2].as_secs_f64()
    );
    if in_team {
        println!(
            "  its changes for the wire worked out: median {:.2} s",
            wire[wire.len() / 2].as_secs_f64()
        );
    }
    Ok(())
}

fn write_sheet(
    path: &Path,
    rows: usize,
    phones: &[String],
) -> Result<(), Box<dyn std::error::Error>> {
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(11);
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet_with_constant_memory()?;
    for (c, h) in ["手机", "事件", "时间", "金额", "product"]
        .iter()
        .enumerate()
    {
        sheet.write_string(0, c as u16, *h)?;
    }
    let products = ["企业版", "标准版", "产品A", "产品B"];
    for r in 1..=rows as u32 {
        let kind = *KINDS.choose(&mut rng).unwrap();
        sheet.write_string(r, 0, phones.choose(&mut rng).unwrap())?;
        sheet.write_string(r, 1, kind)?;
        let day = rng.random_range(1..=28);
        let month = rng.random_range(1..=12);
        let (h, m) = (rng.random_range(0..24), rng.random_range(0..60));
        sheet.write_string(r, 2, format!("2025-{month:02}-{day:02} {h:02}:{m:02}"))?;
        if kind == "下单" {
            sheet.write_number(
                r,
                3,
                (rng.random_range(49.0..5000.0f64) * 100.0).round() / 100.0,
            )?;
            sheet.write_string(r, 4, *products.choose(&mut rng).unwrap())?;
        }
    }
    book.save(path)?;
    Ok(())
}
