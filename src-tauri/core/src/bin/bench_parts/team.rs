//! Team exchange (issue 18 targets): a week of a five-person team applied on a laptop that was
//! away all week (≤ 2 s); joining a team whose database holds `--customers` customers from its
//! snapshot plus the operations after it (≤ 60 s); and what a team costs a 200,000-customer
//! bulk tag and a 100,000-row import (≤ 10%).
//!
//! `BENCH_ONLY=team tagdesk-bench [--customers N] [--week-customers W] [--operations OPS]`
//!
//! The week is made (once, kept in `DIR/team-W-OPS/`) as it happens: five laptops join from
//! the owner's snapshot and each day each makes OPS/25 operations through the core's own
//! functions (hand tags given and taken, single-select sets, attribute edits, now and then a
//! tag renamed; on the third day the owner bulk-tags W·4/5, at most 200,000, customers), then
//! all exchange through the shared folder. A sixth laptop joined on the first day and did not
//! exchange since: a fresh copy of it is what the timed exchange runs on. The join is timed on
//! the main dataset (`bench-N.sqlite`): a team started on a copy of it, then 1,999 operations
//! of the owner after its snapshot (one short of the next snapshot, the most a joiner reads).
//! The recording cost is measured by `team_recording` on a database of its own (`DIR/team-solo-W/`). `BENCH_TEAM=apply,recording,join` (any
//! of them) runs only those targets. `BENCH_PROFILE=1` prints where the apply and the floor
//! spend their time, statement by statement (`statements.rs`).

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use rusqlite::Connection;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use tagdesk_core::customers;
use tagdesk_core::tagging::{self, TagSource, TagTarget};
use tagdesk_core::tags::{self, NodeKind, TagNodeEdit};
use tagdesk_core::{clock, db, demo, team};

pub(crate) type Res<T> = Result<T, Box<dyn std::error::Error>>;

const DAYS: usize = 5;
const PEOPLE: [&str; 5] = ["王芳", "李雷", "韩梅梅", "张伟", "刘洋"];
/// The owner's operations after its snapshot in the joined team: one short of
/// `sync::SNAPSHOT_EVERY`, after which the owner would leave a newer snapshot.
const AFTER_SNAPSHOT: usize = 1_999;

pub fn run(data: &Path, dataset: &Path, week_customers: usize, ops: usize, runs: usize) -> Res<()> {
    // BENCH_TEAM=apply|recording|join: one target only.
    let only = std::env::var("BENCH_TEAM").unwrap_or_default();
    let wants = |part: &str| only.is_empty() || only.split(',').any(|p| p == part);
    if wants("apply") {
        let week = data.join(format!("team-{week_customers}-{ops}"));
        if !week.join("ready").exists() {
            make_week(&week, week_customers, ops)?;
        }
        apply_week(&week, runs)?;
    }
    if wants("recording") {
        let dir = data.join(format!("team-solo-{week_customers}"));
        crate::team_recording::run(&dir, data, week_customers, runs)?;
    }
    if wants("join") {
        join(data, dataset, runs)?;
    }
    Ok(())
}

/// Tags, groups and customers the generated work picks from.
pub(crate) struct Pool {
    pub customers: i64,
    multi: Vec<i64>,
    single: Vec<Vec<i64>>,
}

pub(crate) fn pool(conn: &Connection) -> Res<Pool> {
    let customers = conn.query_row("SELECT max(id) FROM customers", [], |r| r.get(0))?;
    let mut multi = Vec::new();
    let mut single: Vec<(i64, Vec<i64>)> = Vec::new();
    let mut stmt = conn.prepare(
        "SELECT t.id, g.id, g.select_mode FROM tag_nodes t JOIN tag_nodes g ON g.id = t.parent_id
         WHERE t.kind = 'tag' AND g.kind = 'group' AND t.origin = 'manual' AND g.origin = 'manual'
           AND t.deleted_at IS NULL AND t.archived_at IS NULL ORDER BY g.id, t.id",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, i64>(1)?,
            r.get::<_, String>(2)?,
        ))
    })?;
    for row in rows {
        let (tag, group, mode) = row?;
        match (mode.as_str(), single.last_mut()) {
            ("multi", _) => multi.push(tag),
            (_, Some((g, tags))) if *g == group => tags.push(tag),
            _ => single.push((group, vec![tag])),
        }
    }
    Ok(Pool {
        customers,
        multi,
        single: single.into_iter().map(|(_, tags)| tags).collect(),
    })
}

/// `n` operations of one person's day, made through the core as the app makes them.
fn day_of_work(
    conn: &mut Connection,
    pool: &Pool,
    rng: &mut StdRng,
    n: usize,
    who: &str,
) -> Res<()> {
    let customer = |rng: &mut StdRng| rng.random_range(1..=pool.customers);
    for k in 0..n {
        let dice = rng.random_range(0..1000);
        if dice < 580 {
            let ids = (0..rng.random_range(1..=3))
                .map(|_| customer(rng))
                .collect();
            let tag = pool.multi[rng.random_range(0..pool.multi.len())];
            let target = TagTarget::Customers { ids };
            match dice < 500 {
                true => tagging::add(conn, &target, tag, TagSource::Manual, who)?,
                false => tagging::remove(conn, &target, tag, TagSource::Manual, who)?,
            };
        } else if dice < 800 {
            let group = &pool.single[rng.random_range(0..pool.single.len())];
            let tag = group[rng.random_range(0..group.len())];
            let target = TagTarget::Customers {
                ids: vec![customer(rng)],
            };
            tagging::add(conn, &target, tag, TagSource::Manual, who)?;
        } else if dice < 998 {
            let id = customer(rng);
            let mut input = customers::get(conn, id)?.input;
            input.notes = Some(format!(
                "{who}回访：第{k}次，意向{}",
                rng.random_range(1..=5)
            ));
            if rng.random_bool(0.3) {
                input.city = Some(["杭州", "苏州", "南京", "宁波"][rng.random_range(0..4)].into());
            }
            customers::update(conn, id, &input, who)?;
        } else {
            let tag = pool.multi[rng.random_range(0..pool.multi.len())];
            rename(conn, tag, &format!("{who}{k}"))?;
        }
    }
    Ok(())
}

/// Renames a tag keeping every other field, as the dictionary form saves it.
fn rename(conn: &Connection, id: i64, suffix: &str) -> Res<()> {
    let tree = tags::tree(conn)?;
    let node = tree
        .nodes
        .iter()
        .find(|n| n.id == id)
        .ok_or("no such tag")?;
    let base = node.name.split('·').next().unwrap_or(&node.name);
    let edit = TagNodeEdit {
        name: format!("{base}·{suffix}"),
        select_mode: node.select_mode,
        color: node.color.clone(),
        meaning: node.meaning.clone(),
        value_range: node.value_range.clone(),
        update_frequency: node.update_frequency.clone(),
        owner: node.owner.clone(),
        scope: node.scope.clone(),
        weight: node.weight,
        origin: Some(node.origin),
    };
    tags::update(conn, id, &edit, suffix)?;
    Ok(())
}

fn make_week(dir: &Path, customers: usize, ops: usize) -> Res<()> {
    let _ = std::fs::remove_dir_all(dir);
    let shared = dir.join("shared");
    std::fs::create_dir_all(&shared)?;
    let started = Instant::now();
    let owner = dir.join("laptop-0.sqlite");
    week_start(&owner, customers)?;
    let mut laptops = vec![db::open(&owner)?];
    team::start(&laptops[0], &shared, "华东销售", PEOPLE[0], clock::now())?;
    for (i, person) in PEOPLE.iter().enumerate().skip(1) {
        let file = dir.join(format!("laptop-{i}.sqlite"));
        team::join(
            &shared,
            &file,
            &format!("{person}的笔记本"),
            person,
            clock::now(),
        )?;
        laptops.push(db::open(&file)?);
    }
    let away = dir.join("away.sqlite");
    team::join(&shared, &away, "出差的笔记本", "赵敏", clock::now())?;
    let pool = pool(&laptops[0])?;
    let per_day = (ops / (DAYS * PEOPLE.len())).max(1);
    for day in 0..DAYS {
        for (i, conn) in laptops.iter_mut().enumerate() {
            let mut rng = StdRng::seed_from_u64((day * 10 + i) as u64);
            day_of_work(conn, &pool, &mut rng, per_day, PEOPLE[i])?;
            if day == 2 && i == 0 {
                bulk_tag(
                    conn,
                    pool.customers.min(customers as i64 * 4 / 5).min(200_000),
                )?;
            }
        }
        // Twice round: the first laptop gets the others' day on the second pass.
        for _ in 0..2 {
            for conn in laptops.iter_mut() {
                team::exchange_now(conn, clock::now())?;
            }
        }
        keep_newest_snapshots(&shared)?;
        eprintln!(
            "team: day {} made and exchanged ({:.0} s)",
            day + 1,
            started.elapsed().as_secs_f64()
        );
    }
    std::fs::write(dir.join("ready"), b"")?;
    Ok(())
}

/// The demo database a week starts from (and the recording comparison uses): `customers`
/// customers with two events each, no history.
pub(crate) fn week_start(file: &Path, customers: usize) -> Res<()> {
    let mut conn = db::create(file)?;
    let spec = demo::DemoSpec {
        customers,
        events_per_customer: 2.0,
        with_history: false,
        ..demo::DemoSpec::small()
    };
    demo::generate(&mut conn, &spec)?;
    conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")?;
    Ok(())
}

/// Gives a new tag to customers 1..=n, one operation.
pub(crate) fn bulk_tag(conn: &mut Connection, n: i64) -> Res<tagging::BatchReport> {
    let tag = fresh_tag(conn)?;
    let target = TagTarget::Customers {
        ids: (1..=n).collect(),
    };
    Ok(tagging::add(
        conn,
        &target,
        tag,
        TagSource::Manual,
        "bench",
    )?)
}

fn fresh_tag(conn: &Connection) -> Res<i64> {
    let group: i64 = conn.query_row(
        "SELECT id FROM tag_nodes WHERE name = '营销响应' AND kind = 'group'",
        [],
        |r| r.get(0),
    )?;
    let name = format!("双十一活动{}", rand::random::<u32>());
    // Made as a person makes it (recorded), so that it travels with the bulk tag.
    Ok(tags::create(
        conn,
        &tags::NewNode::new(Some(group), NodeKind::Tag, &name),
        "bench",
    )?)
}

/// Snapshots are never removed by the app yet; the week keeps each laptop's newest only, so
/// the generated folder stays a few hundred MB.
fn keep_newest_snapshots(shared: &Path) -> Res<()> {
    for team_dir in std::fs::read_dir(shared)? {
        let dir = team_dir?.path().join("snapshots");
        let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)?
            .map(|e| e.map(|e| e.path()))
            .collect::<Result<_, _>>()?;
        files.sort_by_key(|p| std::fs::metadata(p).and_then(|m| m.modified()).ok());
        let mut newest = std::collections::HashSet::new();
        for file in files.iter().rev() {
            let name = file
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned();
            let device = name.split('-').next().unwrap_or_default().to_string();
            if !newest.insert(device) {
                std::fs::remove_file(file)?;
            }
        }
    }
    Ok(())
}

fn apply_week(dir: &Path, runs: usize) -> Res<()> {
    let copy = dir.join("away-run.sqlite");
    // Brought up to this build's schema once, so that no copy migrates (and makes a backup)
    // just before it is timed.
    drop(db::open(&dir.join("away.sqlite"))?);
    let (mut times, mut cpus) = (Vec::new(), Vec::new());
    let mut applied = 0;
    for _ in 0..runs.clamp(1, 7) {
        remove_db(&copy);
        copy_settled(&dir.join("away.sqlite"), &copy)?;
        let mut conn = db::open(&copy)?;
        // As in the app: the desk's connection holds the condition index, whose triggers
        // note every assignment and customer the exchange changes.
        let _index = if std::env::var_os("BENCH_NO_INDEX").is_none() {
            Some(tagdesk_core::conditions::index::Index::build(&conn)?)
        } else {
            None
        };
        crate::statements::start(&mut conn);
        let started = Instant::now();
        let cpu = cpu_secs();
        let report = team::exchange_now(&mut conn, clock::now())?;
        times.push(started.elapsed());
        cpus.push(cpu_secs() - cpu);
        crate::statements::print(&mut conn, "week applied");
        applied = report.applied;
        // The processor time too: on a host shared with builds the wall time varies by half.
        eprintln!(
            "  week applied: {} operations in {:.2} s ({:.2} s of processor time)",
            report.applied,
            secs(started.elapsed()),
            cpu_secs() - cpu
        );
    }
    println!(
        "team: a week of 5 laptops ({applied} operations, one bulk tag) applied by one exchange  {:>8.2} s",
        secs(mid(times))
    );
    let floor = crate::team_floor::run(dir, runs)?;
    println!(
        "team: the same week's net data changes alone (the floor), processor time {floor:>8.2} s; the apply takes {:.2}× it",
        mid_secs(cpus) / floor
    );
    Ok(())
}

fn join(data: &Path, dataset: &Path, runs: usize) -> Res<()> {
    let name = dataset
        .file_stem()
        .unwrap_or_default()
        .to_string_lossy()
        .into_owned();
    let dir = data.join(format!("team-join-{name}"));
    let shared = dir.join("shared");
    if !dir.join("ready").exists() {
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&shared)?;
        let owner = dir.join("owner.sqlite");
        std::fs::copy(dataset, &owner)?;
        let mut conn = db::open(&owner)?;
        team::become_new_device(&conn)?;
        team::start(&conn, &shared, "全国销售", PEOPLE[0], clock::now())?;
        let pool = pool(&conn)?;
        day_of_work(
            &mut conn,
            &pool,
            &mut StdRng::seed_from_u64(99),
            AFTER_SNAPSHOT,
            PEOPLE[0],
        )?;
        team::exchange_now(&mut conn, clock::now())?;
        std::fs::write(dir.join("ready"), b"")?;
    }
    let target = dir.join("joined.sqlite");
    let (mut joins, mut firsts) = (Vec::new(), Vec::new());
    let mut applied = 0;
    for _ in 0..runs.clamp(1, 3) {
        remove_db(&target);
        let started = Instant::now();
        team::join(&shared, &target, "新同事的笔记本", "孙丽", clock::now())?;
        let mut conn = db::open(&target)?;
        joins.push(started.elapsed());
        let started = Instant::now();
        applied = team::exchange_now(&mut conn, clock::now())?.applied;
        firsts.push(started.elapsed());
        eprintln!(
            "  joined in {:.1} s, first exchange {:.1} s",
            secs(joins[joins.len() - 1]),
            secs(started.elapsed())
        );
    }
    remove_db(&target);
    let (j, f) = (mid(joins), mid(firsts));
    println!(
        "team: joining {name}: snapshot {:.1} s + first exchange ({applied} operations) {:.1} s = {:.1} s",
        secs(j),
        secs(f),
        secs(j + f)
    );
    Ok(())
}

pub(crate) fn remove_db(path: &Path) {
    tagdesk_core::db::remove_database(path);
}

pub(crate) fn mid(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

/// The median of processor times, in seconds.
pub(crate) fn mid_secs(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

/// This process's processor time so far (user and system, Linux's /proc; 0 elsewhere).
pub(crate) fn cpu_secs() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // The fields after the command's closing parenthesis; utime and stime are the 12th and 13th,
    // in ticks of 1/100 s.
    let after = stat
        .rsplit_once(')')
        .map(|(_, rest)| rest)
        .unwrap_or_default();
    let ticks: Vec<f64> = after
        .split_whitespace()
        .skip(11)
        .take(2)
        .filter_map(|t| t.parse().ok())
        .collect();
    ticks.iter().sum::<f64>() / 100.0
}

/// Copies `from` to `to` and waits until the copy is on disk: otherwise the system writes the
/// copy's 300 MB back while the timed part runs, which moved the apply's time by a tenth from
/// one run to the next.
pub(crate) fn copy_settled(from: &Path, to: &Path) -> Res<()> {
    std::fs::copy(from, to)?;
    std::fs::File::open(to)?.sync_all()?;
    Ok(())
}

pub(crate) fn secs(d: Duration) -> f64 {
    d.as_secs_f64()
}

pub(crate) fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
