//! The app's own background writer (the search catch-up, which writes the entries a large
//! import left for after its commit) never makes a user's job fail or wait long: each job runs
//! right after a large import through the desk as the app holds it, workers and all.

use rusqlite::Connection;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use tagdesk_core::conditions::{Condition, FieldOp};
use tagdesk_core::customers::{search, CustomerQuery};
use tagdesk_core::desk::Desk;
use tagdesk_core::import::ImportSpec;
use tagdesk_core::jobs::Job;
use tagdesk_core::rules::{self, RuleAction, RuleInput, RunScope, RunTrigger};
use tagdesk_core::tagging::{self, TagSource, TagTarget};
use tagdesk_core::tags::{self, NewNode, NodeKind};
use tagdesk_core::{clock, db, rfm};

const ROUNDS: usize = 10;
/// New customers per large import: their search entries are left to the catch-up.
const LARGE: usize = search::DEFER_FROM + 300;

/// A database with a tag and an enabled rule giving it to customers in 杭州.
fn shop(dir: &Path) -> (PathBuf, i64) {
    let path = dir.join("shop.sqlite");
    let mut conn = db::create(&path).unwrap();
    let cat = tags::create_node(&conn, &NewNode::new(None, NodeKind::Category, "运营")).unwrap();
    let tag =
        tags::create_node(&conn, &NewNode::new(Some(cat), NodeKind::Tag, "杭州客户")).unwrap();
    let input = RuleInput {
        name: "杭州客户".into(),
        owner: None,
        priority: 0,
        enabled: true,
        condition: Condition::Field {
            field: "city".into(),
            op: FieldOp::Eq,
            values: vec!["杭州".into()],
        },
        action: RuleAction::AddTag { tag_id: tag },
    };
    rules::create(&mut conn, &input, "t").unwrap();
    (path, tag)
}

/// A customers file of `n` new customers, numbered from `from`.
fn members(dir: &Path, name: &str, from: usize, n: usize) -> ImportSpec {
    let mut text = String::from("姓名,手机号,城市\n");
    for i in from..from + n {
        let city = if i % 2 == 0 { "杭州" } else { "上海" };
        text.push_str(&format!("客户{i},139{i:08},{city}\n"));
    }
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    ImportSpec::customers(&path)
}

/// Runs `job` right after a large import, [`ROUNDS`] times; every import and job succeeds.
fn right_after_a_large_import(job: impl Fn(&mut Desk, &Path, usize, i64)) {
    let dir = tempfile::tempdir().unwrap();
    let (path, tag) = shop(dir.path());
    let mut desk = Desk::on_file(&path).unwrap();
    for round in 0..ROUNDS {
        let spec = members(dir.path(), "large.csv", round * LARGE, LARGE);
        let report = desk.import(&spec, &Job::default());
        let report = report.unwrap_or_else(|e| panic!("round {round}: the import fails: {e}"));
        assert_eq!(report.summary.new as usize, LARGE);
        job(&mut desk, dir.path(), round, tag);
    }
}

#[test]
fn a_bulk_tag_right_after_a_large_import_never_fails_on_the_apps_own_lock() {
    right_after_a_large_import(|desk, _, round, tag| {
        let (conn, actor) = desk.conn_as().unwrap();
        let everyone = TagTarget::Matching {
            query: CustomerQuery::default(),
        };
        let result = match round % 2 {
            0 => tagging::remove(conn, &everyone, tag, TagSource::Manual, &actor),
            _ => tagging::add(conn, &everyone, tag, TagSource::Manual, &actor),
        };
        result.unwrap_or_else(|e| panic!("round {round}: the bulk tag fails: {e}"));
    });
}

#[test]
fn an_rfm_run_right_after_a_large_import_never_fails_on_the_apps_own_lock() {
    right_after_a_large_import(|desk, _, round, _| {
        let (conn, actor) = desk.conn_as().unwrap();
        rfm::run_job(conn, clock::now(), &actor, &Job::default())
            .unwrap_or_else(|e| panic!("round {round}: RFM fails: {e}"));
    });
}

#[test]
fn a_rules_run_right_after_a_large_import_never_fails_on_the_apps_own_lock() {
    right_after_a_large_import(|desk, _, round, _| {
        let (conn, index, actor) = desk.indexed().unwrap();
        let everyone = RunScope {
            rule_id: None,
            customer_ids: None,
            trigger: RunTrigger::Manual,
        };
        rules::run_job(
            conn,
            index,
            &everyone,
            clock::now(),
            &actor,
            &Job::default(),
        )
        .unwrap_or_else(|e| panic!("round {round}: the rules run fails: {e}"));
    });
}

#[test]
fn an_import_right_after_a_large_import_never_fails_on_the_apps_own_lock() {
    right_after_a_large_import(|desk, dir, round, _| {
        let small = members(dir, "small.csv", 1_000_000 + round * 100, 100);
        desk.import(&small, &Job::default())
            .unwrap_or_else(|e| panic!("round {round}: the second import fails: {e}"));
    });
}

/// `n` customers written straight into the table, all left to the search catch-up, as a very
/// large import (a million rows) leaves them.
fn backlog_of(conn: &Connection, n: usize) {
    conn.execute(
        "WITH RECURSIVE i(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM i WHERE n < ?1)
         INSERT INTO customers(name, phone, city, created_at, updated_at)
         SELECT '客户' || n, '137' || printf('%08d', n), '杭州', 0, 0 FROM i",
        [n as i64],
    )
    .unwrap();
    db::meta_set(conn, "search_backlog_from", "1").unwrap();
}

/// The catch-up works in steps; a user's job that arrives meanwhile goes next, instead of
/// waiting behind every remaining step (busy_timeout's sleeps all but never land in the
/// instant between two steps) and failing after five seconds.
#[test]
fn a_job_during_a_long_search_catch_up_waits_for_at_most_a_step() {
    let dir = tempfile::tempdir().unwrap();
    let (path, tag) = shop(dir.path());
    backlog_of(&db::open(&path).unwrap(), 300_000);
    let mut desk = Desk::on_file(&path).unwrap();
    // Let the catch-up get going.
    std::thread::sleep(Duration::from_millis(300));
    for round in 0..3 {
        let started = Instant::now();
        let (conn, actor) = desk.conn_as().unwrap();
        let some = TagTarget::Customers {
            ids: vec![round + 1],
        };
        tagging::add(conn, &some, tag, TagSource::Manual, &actor)
            .unwrap_or_else(|e| panic!("round {round}: a tag during the catch-up fails: {e}"));
        let waited = started.elapsed();
        assert!(
            waited < Duration::from_millis(1_500),
            "round {round}: tagging one customer waited {waited:?} for the catch-up"
        );
        std::thread::sleep(Duration::from_millis(200));
    }
    let left = search::backlog_start(desk.conn().unwrap()).unwrap();
    assert!(
        left.is_some(),
        "the catch-up was still under way throughout"
    );
}
