//! What being in a team costs a 200,000-customer bulk tag and a 100,000-row import (issue 18:
//! ≤ 10%). In a team an operation is recorded as anywhere else (its uid, device and clock are
//! written out of a team too); what a team adds is working out its changes for the wire
//! (`team_wire`) when it first leaves. So each is timed on a database out of any team and on
//! the same database in a team, the latter followed by working out its wire; alternated.

use crate::team::{bulk_tag, cpu_secs, mid, mid_secs, ms, pool, remove_db, secs, week_start, Res};
use std::path::Path;
use std::time::Instant;
use tagdesk_core::import::{self, ImportSpec};
use tagdesk_core::{clock, db, demo, team};

/// The bulk tag and the import out of a team and in one, each followed in the team by working
/// out what it sends; alternated, medians.
pub fn run(dir: &Path, data: &Path, customers: usize, runs: usize) -> Res<()> {
    let shared = dir.join("solo-team");
    let (solo, in_team) = (dir.join("solo.sqlite"), dir.join("solo-in-team.sqlite"));
    if !solo.exists() {
        std::fs::create_dir_all(dir)?;
        let _ = std::fs::remove_file(&in_team);
        week_start(&solo, customers)?;
    }
    if !in_team.exists() {
        std::fs::copy(&solo, &in_team)?;
        let conn = db::open(&in_team)?;
        team::become_new_device(&conn)?;
        team::start(&conn, &shared, "对照", "王芳", clock::now())?;
    }
    let mut conns = [db::open(&solo)?, db::open(&in_team)?];
    let n = pool(&conns[0])?.customers.min(200_000);
    let (mut tag, mut wire) = ([Vec::new(), Vec::new()], Vec::new());
    // Processor time too, which a host shared with builds disturbs less than the wall time.
    let mut cpu = [Vec::new(), Vec::new()];
    for _ in 0..runs.clamp(1, 5) {
        for (i, conn) in conns.iter_mut().enumerate() {
            let started = Instant::now();
            let cpu_started = cpu_secs();
            let report = bulk_tag(conn, n)?;
            tag[i].push(started.elapsed());
            cpu[i].push(cpu_secs() - cpu_started);
            if i == 1 {
                crate::statements::start(conn);
                let started = Instant::now();
                team::own_after(conn, report.operation_id - 1, 1)?;
                wire.push(started.elapsed());
                crate::statements::print(conn, "the bulk tag's wire");
            }
            tagdesk_core::operations::undo(conn, &[report.operation_id], "bench")?;
        }
    }
    let (solo_t, team_t, wire_t) = (mid(tag[0].clone()), mid(tag[1].clone()), mid(wire));
    println!(
        "team: bulk tag of {n}: out of a team {:.0} ms, in a team {:.0} ms + its wire worked out {:.0} ms  → {:.2}×",
        ms(solo_t),
        ms(team_t),
        ms(wire_t),
        (team_t + wire_t).as_secs_f64() / solo_t.as_secs_f64()
    );
    let [solo_cpu, team_cpu] = cpu.map(mid_secs);
    println!(
        "team: … its processor time: out of a team {:.0} ms, in a team {:.0} ms",
        solo_cpu * 1000.0,
        team_cpu * 1000.0
    );
    let sheet = data.join("import-100000.xlsx");
    if !sheet.exists() {
        println!(
            "team: import skipped ({} missing: run `tagdesk-bench-io import` once)",
            sheet.display()
        );
        return Ok(());
    }
    let (mut import_t, mut wire) = ([Vec::new(), Vec::new()], Vec::new());
    for _ in 0..runs.clamp(1, 5) {
        for in_a_team in [false, true] {
            let file = dir.join("import-run.sqlite");
            remove_db(&file);
            let _ = std::fs::remove_dir_all(dir.join("import-team"));
            let mut conn = db::create(&file)?;
            let spec = demo::DemoSpec {
                customers: 0,
                ..demo::DemoSpec::small()
            };
            demo::generate(&mut conn, &spec)?;
            if in_a_team {
                team::start(
                    &conn,
                    &dir.join("import-team"),
                    "对照",
                    "王芳",
                    clock::now(),
                )?;
            }
            let before: i64 =
                conn.query_row("SELECT coalesce(max(id), 0) FROM operations", [], |r| {
                    r.get(0)
                })?;
            let started = Instant::now();
            import::run(
                &mut conn,
                &ImportSpec::customers(&sheet),
                "bench",
                &|_, _| {},
                &Default::default(),
            )?;
            import_t[usize::from(in_a_team)].push(started.elapsed());
            if in_a_team {
                crate::statements::start(&mut conn);
                let started = Instant::now();
                let sent = team::own_after(&conn, before, usize::MAX >> 1)?;
                wire.push(started.elapsed());
                crate::statements::print(&mut conn, "the import's wire");
                assert_eq!(sent.len(), 1, "the import is one operation");
            }
        }
    }
    let (solo_t, team_t, wire_t) = (
        mid(import_t[0].clone()),
        mid(import_t[1].clone()),
        mid(wire),
    );
    println!(
        "team: import of {}: out of a team {:.2} s, in a team {:.2} s + its wire worked out {:.2} s  → {:.2}×",
        sheet.display(),
        secs(solo_t),
        secs(team_t),
        secs(wire_t),
        (team_t + wire_t).as_secs_f64() / solo_t.as_secs_f64()
    );
    remove_db(&dir.join("import-run.sqlite"));
    Ok(())
}
