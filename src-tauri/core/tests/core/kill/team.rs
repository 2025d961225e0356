//! Team exchanges killed at random moments. The owner's laptop (`tagdesk-cli team exchange`,
//! `team apply`) is killed while it applies a colleague's chunks or a sync pack, or while it
//! writes its own chunks to the team folder; the database and the folder are then used as the
//! app would use them after the crash (reopened, exchanged again). Nothing may be lost, applied
//! twice, or read half-written by a colleague: the end equals one uninterrupted exchange.

use super::jobs::{members, run, shop, write, CUSTOMERS};
use super::{cli, copy, kills, s, seed, NOW};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rusqlite::types::Value;
use rusqlite::Connection;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use tagdesk_core::customers::{self, CustomerInput};
use tagdesk_core::tags::{self, NewNode, NodeKind};
use tagdesk_core::{db, team};

/// The owner's database (a team started in `shared`) and a colleague's (joined from its
/// snapshot), on the kill test's shop of [`CUSTOMERS`] customers under two rules.
struct Team {
    shared: PathBuf,
    owner: PathBuf,
    colleague: PathBuf,
}

fn team(dir: &Path) -> Team {
    let owner = shop(dir);
    let shared = dir.join("坚果云");
    std::fs::create_dir_all(&shared).unwrap();
    team::start(&db::open(&owner).unwrap(), &shared, "华东销售", "王芳", NOW).unwrap();
    let colleague = dir.join("colleague.sqlite");
    team::join(&shared, &colleague, "李雷的笔记本", "李雷", NOW).unwrap();
    Team {
        shared,
        owner,
        colleague,
    }
}

fn exchange(db: &Path) {
    run(&["team", "exchange", "--db", s(db)]);
}

/// A day of a busy colleague, exchanged three times (three chunks): a third of the customers
/// move city and new ones come (an import), a tag given to everyone and a single-select tag to
/// a thousand, then the tree reorganised (a new category, a tag renamed, one moved, one
/// deleted), customers edited and deleted by hand, and the new tag given to everyone.
fn colleague_day(dir: &Path, db: &Path) {
    let file = write(
        dir,
        "moved.csv",
        &members(CUSTOMERS / 3, CUSTOMERS + 300, 1),
    );
    let import = ["import", s(&file), "--existing", "overwrite", "--db", s(db)];
    run(&import);
    exchange(db);
    run(&["tag", "活动", "--all", "--db", s(db)]);
    run(&["tag", "S2", "--search", "客户1", "--db", s(db)]);
    exchange(db);
    let mut conn = db::open(db).unwrap();
    let new = NewNode::new(None, NodeKind::Category, "双十一");
    let category = tags::create(&conn, &new, "李雷").unwrap();
    let tag = NewNode::new(Some(category), NodeKind::Tag, "预售");
    tags::create(&conn, &tag, "李雷").unwrap();
    let campaign = node(&conn, "活动");
    tags::move_node(&mut conn, campaign, Some(category), 0, "李雷").unwrap();
    rename(&conn, node(&conn, "北京客户"), "北京老客户");
    let s2 = node(&conn, "S2");
    tags::delete(&mut conn, s2, true, "李雷").unwrap();
    edit_customers(&conn, 0..40, "回访过");
    let gone: Vec<i64> = ids(&conn)[100..120].to_vec();
    customers::soft_delete(&mut conn, &gone, "李雷").unwrap();
    drop(conn);
    run(&["tag", "预售", "--all", "--db", s(db)]);
    exchange(db);
}

fn node(conn: &Connection, name: &str) -> i64 {
    conn.query_row(
        "SELECT id FROM tag_nodes WHERE name = ?1 AND deleted_at IS NULL",
        [name],
        |r| r.get(0),
    )
    .unwrap()
}

fn rename(conn: &Connection, id: i64, name: &str) {
    let edit = tags::TagNodeEdit {
        name: name.into(),
        select_mode: None,
        color: None,
        meaning: None,
        value_range: None,
        update_frequency: None,
        owner: None,
        scope: None,
        weight: 0.0,
        origin: None,
    };
    tags::update(conn, id, &edit, "李雷").unwrap();
}

fn ids(conn: &Connection) -> Vec<i64> {
    let mut stmt = conn
        .prepare("SELECT id FROM customers ORDER BY id")
        .unwrap();
    stmt.query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

/// Customers `range` (by id order) get `note`, each edit its own operation.
fn edit_customers(conn: &Connection, range: std::ops::Range<usize>, note: &str) {
    for id in ids(conn)[range].iter().copied() {
        let input = CustomerInput {
            notes: Some(format!("{note} {id}")),
            ..customers::get(conn, id).unwrap().input
        };
        customers::update(conn, id, &input, "t").unwrap();
    }
}

/// What must be equal after a crash and a complete exchange: customers with their fields,
/// every tag a customer holds (rules' too, with their sources), the tag tree and its counts,
/// how far each device was applied and the inbox, all by global ids. One text per row.
fn state(path: &Path) -> Vec<String> {
    let conn = db::open(path).unwrap();
    let mut rows_seen = Vec::new();
    for (what, sql) in [
        (
            "customer",
            "SELECT uid, name, phone, email, city, notes, external_id, deleted_at IS NULL
             FROM customers ORDER BY uid",
        ),
        (
            "tag given",
            "SELECT c.uid, t.name, t.uid, a.source FROM assignments a
             JOIN customers c ON c.id = a.customer_id JOIN tag_nodes t ON t.id = a.tag_id
             ORDER BY 1, 3",
        ),
        (
            "tag node",
            "SELECT n.uid, p.uid, n.kind, n.name, n.position, n.select_mode, n.deleted_at IS NULL
             FROM tag_nodes n LEFT JOIN tag_nodes p ON p.id = n.parent_id ORDER BY n.uid",
        ),
        (
            "tag count",
            "SELECT t.uid, s.customers FROM tag_stats s JOIN tag_nodes t ON t.id = s.tag_id
             WHERE s.customers <> 0 ORDER BY 1",
        ),
        (
            "device",
            "SELECT device, applied_seq, received FROM team_devices ORDER BY device",
        ),
        (
            "inbox case",
            "SELECT operation_uid, kind FROM team_inbox ORDER BY 1, 2",
        ),
    ] {
        let mut stmt = conn.prepare(sql).unwrap();
        let columns = stmt.column_count();
        let mut rows = stmt.query([]).unwrap();
        while let Some(row) = rows.next().unwrap() {
            let cells: Vec<String> = (0..columns)
                .map(|i| format!("{:?}", row.get::<_, Value>(i).unwrap()))
                .collect();
            rows_seen.push(format!("{what}: {}", cells.join(", ")));
        }
    }
    rows_seen
}

/// The rows one state has and the other lacks, a few of each, to name what a kill changed.
fn difference(found: &[String], wanted: &[String]) -> String {
    let (found_set, wanted_set): (HashSet<&String>, HashSet<&String>) =
        (found.iter().collect(), wanted.iter().collect());
    let extra: Vec<&&String> = found_set.difference(&wanted_set).take(5).collect();
    let missing: Vec<&&String> = wanted_set.difference(&found_set).take(5).collect();
    format!(
        "{} rows more, {} fewer; more {extra:?}, lacking {missing:?}",
        found_set.difference(&wanted_set).count(),
        wanted_set.difference(&found_set).count()
    )
}

/// Opens `path` as the app does after a crash (owed rules first), in a process of its own.
fn reopen(path: &Path) {
    run(&["stats", s(path)]);
}

/// How much of `device`'s numbering `path` holds: (its cursor, its operations received into the
/// history, received rows kept with their seqs up to the cursor, the Team page's count). All
/// four move together in one transaction, so a crash leaves them equal; an operation applied
/// twice or a chunk applied in part would part them.
fn received_from(path: &Path, device: &str) -> [i64; 4] {
    let conn = db::open(path).unwrap();
    conn.query_row(
        "SELECT ifnull((SELECT applied_seq FROM team_devices WHERE device = ?1), 0),
                (SELECT count(*) FROM received_operations r
                     JOIN operations o ON o.id = r.operation_id WHERE o.device = ?1),
                (SELECT count(*) FROM received_operations WHERE device = ?1
                     AND seq BETWEEN 1 AND (SELECT applied_seq FROM team_devices WHERE device = ?1)),
                ifnull((SELECT received FROM team_devices WHERE device = ?1), 0)",
        [device],
        |r| Ok([r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?]),
    )
    .unwrap()
}

fn device_of(path: &Path) -> String {
    tagdesk_core::operations::device_id(&db::open(path).unwrap()).unwrap()
}

/// A whole folder tree copied over `to` (emptied first): the team folder as it was.
fn copy_tree(from: &Path, to: &Path) {
    let _ = std::fs::remove_dir_all(to);
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap().flatten() {
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Files under `dir` whose name marks a write that never finished.
fn temps(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            found.extend(temps(&path));
        } else if entry.file_name().to_string_lossy().contains(".tmp-") {
            found.push(path);
        }
    }
    found
}

/// Saved copies of a team's files, put back before each kill.
struct Saved {
    dir: PathBuf,
}

impl Saved {
    fn take(team: &Team, dir: &Path) -> Saved {
        let saved = dir.join("saved");
        std::fs::create_dir_all(&saved).unwrap();
        for db in [&team.owner, &team.colleague] {
            db::open(db)
                .unwrap()
                .execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")
                .unwrap();
            copy(db, &saved.join(db.file_name().unwrap()));
        }
        copy_tree(&team.shared, &saved.join("shared"));
        Saved { dir: saved }
    }

    fn restore(&self, team: &Team) {
        for db in [&team.owner, &team.colleague] {
            copy(&self.dir.join(db.file_name().unwrap()), db);
        }
        copy_tree(&self.dir.join("shared"), &team.shared);
    }
}

/// Runs `args` on `db` to its end; returns how long it took.
fn timed(args: &[&str], db: &Path) -> Duration {
    let started = Instant::now();
    let out = cli().args(args).args(["--db", s(db)]).output().unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    started.elapsed()
}

/// Starts `args` on `db` and kills it `at` after its start.
fn kill_at(args: &[&str], db: &Path, at: Duration) {
    let mut child = cli().args(args).args(["--db", s(db)]).spawn().unwrap();
    std::thread::sleep(at);
    let _ = child.kill();
    let _ = child.wait();
}

/// Where a kill left the receiving laptop.
#[derive(Debug, Default)]
struct Received {
    none: usize,
    part: usize,
    all: usize,
}

/// Kills the owner's `args` (an exchange or a pack applied) while it applies the colleague's
/// day, then reopens and does it again: the owner must end as one uninterrupted run leaves it,
/// each of the colleague's operations applied once.
fn probe_receiving(name: &str, args: &[&str], team: &Team, saved: &Saved) {
    let seed = seed();
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let from = device_of(&team.colleague);
    saved.restore(team);
    let took = timed(args, &team.owner);
    reopen(&team.owner);
    let whole = received_from(&team.owner, &from);
    let after = state(&team.owner);
    assert!(whole[0] > 0, "{name} applies the colleague's operations");
    assert_eq!(whole, [whole[0]; 4], "{name}: {whole:?}");

    let mut tally = Received::default();
    let mut wrong = Vec::new();
    for i in 0..kills() {
        saved.restore(team);
        let at = Duration::from_micros(rng.random_range(0..=took.as_micros() as u64 * 11 / 10));
        kill_at(args, &team.owner, at);
        reopen(&team.owner);
        let found = received_from(&team.owner, &from);
        match found[0] {
            0 => tally.none += 1,
            n if n == whole[0] => tally.all += 1,
            _ => tally.part += 1,
        }
        if found != [found[0]; 4] {
            wrong.push(format!(
                "kill {i} at {at:?}: cursor and counts {found:?} after the kill"
            ));
        }
        timed(args, &team.owner);
        reopen(&team.owner);
        let again = received_from(&team.owner, &from);
        let end = state(&team.owner);
        if again != whole || end != after {
            wrong.push(format!(
                "kill {i} at {at:?}: after doing it again {again:?} (uninterrupted {whole:?}), {}",
                difference(&end, &after)
            ));
        }
    }
    println!(
        "kill {name}: {} kills over {took:?}, {} before any chunk, {} part applied, {} all applied, {} wrong",
        kills(),
        tally.none,
        tally.part,
        tally.all,
        wrong.len()
    );
    assert!(wrong.is_empty(), "{name} (seed {seed}): {wrong:#?}");
}

#[test]
fn an_exchange_killed_while_applying_a_colleagues_day_ends_as_one_uninterrupted_exchange() {
    let dir = tempfile::tempdir().unwrap();
    let team = team(dir.path());
    colleague_day(dir.path(), &team.colleague);
    let saved = Saved::take(&team, dir.path());
    probe_receiving("exchange_receiving", &["team", "exchange"], &team, &saved);
}

#[test]
fn a_sync_pack_killed_while_applied_ends_as_one_uninterrupted_apply() {
    let dir = tempfile::tempdir().unwrap();
    let team = team(dir.path());
    colleague_day(dir.path(), &team.colleague);
    let pack = dir.path().join("李雷.tdpack");
    run(&["team", "pack", s(&pack), "--db", s(&team.colleague)]);
    let saved = Saved::take(&team, dir.path());
    probe_receiving("pack_apply", &["team", "apply", s(&pack)], &team, &saved);
}

/// Kills the owner's exchange while it writes its own operations to the folder: an edit of each
/// of the [`CUSTOMERS`] customers, a deletion and a tag given to everyone, more than one chunk
/// holds (2,000), so a kill can fall between two chunks of one exchange, and enough for the
/// exchange to write a new snapshot for joiners.
/// After each kill the colleague exchanges first (it must apply whole chunks only, each
/// operation once, and find nothing it cannot read), then the owner exchanges again and the
/// colleague once more: the colleague must end as after one uninterrupted exchange.
#[test]
fn an_exchange_killed_while_sending_leaves_no_half_chunk_and_sends_the_rest_next_time() {
    let dir = tempfile::tempdir().unwrap();
    let team = team(dir.path());
    let mut conn = db::open(&team.owner).unwrap();
    edit_customers(&conn, 0..CUSTOMERS, "已报价");
    let gone: Vec<i64> = ids(&conn)[..20].to_vec();
    customers::soft_delete(&mut conn, &gone, "王芳").unwrap();
    drop(conn);
    run(&["tag", "活动", "--all", "--db", s(&team.owner)]);
    let saved = Saved::take(&team, dir.path());
    let seed = seed();
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let me = device_of(&team.owner);
    let job = ["team", "exchange"];

    saved.restore(&team);
    let took = timed(&job, &team.owner);
    timed(&job, &team.colleague);
    let whole = received_from(&team.colleague, &me);
    let after = state(&team.colleague);
    assert!(whole[0] > CUSTOMERS as i64, "{whole:?}");
    assert_eq!(whole, [whole[0]; 4], "{whole:?}");

    let (mut none, mut part, mut all, mut temp_left) = (0, 0, 0, 0);
    let mut wrong = Vec::new();
    for i in 0..kills() {
        saved.restore(&team);
        let at = Duration::from_micros(rng.random_range(0..=took.as_micros() as u64 * 11 / 10));
        kill_at(&job, &team.owner, at);
        temp_left += usize::from(!temps(&team.shared).is_empty());
        // The colleague reads what the crash left: the CLI fails on any file skipped.
        let out = cli()
            .args(job)
            .args(["--db", s(&team.colleague)])
            .output()
            .unwrap();
        if !out.status.success() {
            wrong.push(format!(
                "kill {i} at {at:?}: the colleague's exchange: {}",
                String::from_utf8_lossy(&out.stderr)
            ));
        }
        let got = received_from(&team.colleague, &me);
        match got[0] {
            0 => none += 1,
            n if n == whole[0] => all += 1,
            _ => part += 1,
        }
        if got != [got[0]; 4] {
            wrong.push(format!(
                "kill {i} at {at:?}: the colleague got {got:?} of {whole:?}"
            ));
        }
        reopen(&team.owner);
        timed(&job, &team.owner);
        timed(&job, &team.colleague);
        let again = received_from(&team.colleague, &me);
        let end = state(&team.colleague);
        if again != whole || end != after {
            wrong.push(format!(
                "kill {i} at {at:?}: after both exchanged again {again:?} (uninterrupted {whole:?}), {}",
                difference(&end, &after)
            ));
        }
        let left = temps(&team.shared);
        if !left.is_empty() {
            wrong.push(format!(
                "kill {i} at {at:?}: the next exchange left {left:?}"
            ));
        }
    }
    println!(
        "kill exchange_sending: {} kills over {took:?}, colleague got {none} nothing, {part} part, {all} all; {temp_left} left a temp file; {} wrong",
        kills(),
        wrong.len()
    );
    assert!(wrong.is_empty(), "seed {seed}: {wrong:#?}");
}
