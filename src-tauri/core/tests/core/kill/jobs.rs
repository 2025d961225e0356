//! The jobs the kill test kills, each on a database prepared for it: customers with tags and
//! enabled rules that the job's changes trigger.

use super::{cli, probe, s, Job, NOW};
use rusqlite::Connection;
use std::path::{Path, PathBuf};
use tagdesk_core::conditions::{Condition, FieldOp};
use tagdesk_core::customers::search;
use tagdesk_core::rules::{self, RuleAction, RuleInput};
use tagdesk_core::tags::{self, NewNode, NodeKind, SelectMode};
use tagdesk_core::{db, lifecycle};

/// Customers of every prepared database.
pub(super) const CUSTOMERS: usize = 2_000;
/// New customers of the import job: enough for their search entries to be left to the
/// catch-up after the commit, as a large import's are.
const NEW: usize = search::DEFER_FROM + 200;
/// Orders of the events import job.
const ORDERS: usize = 6_000;

const CITIES: [&str; 3] = ["杭州", "上海", "北京"];

pub(super) fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

/// A customers file: customers `from..to`, the city of customer i being `CITIES[(i + shift) % 3]`.
pub(super) fn members(from: usize, to: usize, shift: usize) -> String {
    let mut text = String::from("姓名,手机号,城市\n");
    for i in from..to {
        text.push_str(&format!("客户{i},138{i:08},{}\n", CITIES[(i + shift) % 3]));
    }
    text
}

/// An orders file: `n` orders spread over the customers and the year before [`NOW`].
fn orders(n: usize, salt: usize) -> String {
    let mut text = String::from("手机号,事件,时间,金额\n");
    for k in 0..n {
        let i = (k * 7 + salt) % CUSTOMERS;
        let day = NOW - 86_400 * ((k * 13 + salt) % 360) as i64;
        let date = chrono::DateTime::from_timestamp(day, 0)
            .unwrap()
            .format("%Y-%m-%d %H:%M");
        text.push_str(&format!(
            "138{i:08},下单,{date},{}\n",
            20 + (k * 37 + salt) % 500
        ));
    }
    text
}

fn rule(conn: &mut Connection, name: &str, condition: Condition, action: RuleAction) {
    let input = RuleInput {
        name: name.into(),
        owner: None,
        priority: 0,
        enabled: true,
        condition,
        action,
    };
    rules::create(conn, &input, "t").unwrap();
}

fn in_city(city: &str) -> Condition {
    Condition::Field {
        field: "city".into(),
        op: FieldOp::Eq,
        values: vec![city.into()],
    }
}

pub(super) fn tag_named(conn: &Connection, name: &str) -> i64 {
    conn.query_row(
        "SELECT id FROM tag_nodes WHERE name = ?1 AND kind = 'tag'",
        [name],
        |r| r.get(0),
    )
    .unwrap()
}

pub(super) fn run(args: &[&str]) {
    let out = cli().args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// [`CUSTOMERS`] customers imported as the app imports them, under two enabled rules: 杭州 gets
/// the tag 杭州客户, 上海 is set to S1 of the single-select group 等级. The tag 活动 is for
/// bulk tagging.
pub(super) fn shop(dir: &Path) -> PathBuf {
    let path = dir.join("base.sqlite");
    let mut conn = db::create(&path).unwrap();
    let cat = tags::create_node(&conn, &NewNode::new(None, NodeKind::Category, "运营")).unwrap();
    let mk = |parent, name| {
        tags::create_node(&conn, &NewNode::new(Some(parent), NodeKind::Tag, name)).unwrap()
    };
    let hangzhou = mk(cat, "杭州客户");
    mk(cat, "活动");
    mk(cat, "北京客户");
    let group = tags::create_node(
        &conn,
        &NewNode {
            select_mode: Some(SelectMode::Single),
            ..NewNode::new(Some(cat), NodeKind::Group, "等级")
        },
    )
    .unwrap();
    let s1 = mk(group, "S1");
    mk(group, "S2");
    let by_city = RuleAction::AddTag { tag_id: hangzhou };
    rule(&mut conn, "杭州客户", in_city("杭州"), by_city);
    let set = RuleAction::SetGroup {
        group_id: group,
        tag_id: s1,
    };
    rule(&mut conn, "上海一级", in_city("上海"), set);
    drop(conn);
    let file = write(dir, "base.csv", &members(0, CUSTOMERS, 0));
    run(&["import", s(&file), "--db", s(&path)]);
    path
}

fn job(name: &'static str, base: PathBuf, args: &[&str]) -> Job {
    Job {
        name,
        base,
        args: args.iter().map(|a| a.to_string()).collect(),
    }
}

#[test]
fn a_customers_import_killed_anywhere_is_all_or_nothing_with_its_rules() {
    let dir = tempfile::tempdir().unwrap();
    let base = shop(dir.path());
    // A third of the customers move city (their rule tags change) and NEW are new.
    let file = write(
        dir.path(),
        "month.csv",
        &members(CUSTOMERS / 3, CUSTOMERS + NEW, 1),
    );
    let args = ["import", s(&file), "--existing", "overwrite"];
    probe(&job("customers_import", base, &args), dir.path());
}

#[test]
fn an_events_import_killed_anywhere_is_all_or_nothing_with_rfm_lifecycle_and_rules() {
    let dir = tempfile::tempdir().unwrap();
    let base = shop(dir.path());
    let first = write(dir.path(), "first.csv", &orders(ORDERS / 3, 0));
    run(&[
        "import",
        s(&first),
        "--db",
        s(&base),
        "--kind",
        "events",
        "--create-kinds",
    ]);
    // RFM and lifecycle in use, and a rule that reads an RFM class.
    run(&["rfm", "--db", s(&base)]);
    let mut conn = db::open(&base).unwrap();
    lifecycle::run(&mut conn, NOW, "t").unwrap();
    let class = conn
        .query_row(
            "SELECT tag_id FROM assignments WHERE source = 'rfm' GROUP BY tag_id ORDER BY count(*) DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let follow = RuleAction::AddTag {
        tag_id: tag_named(&conn, "活动"),
    };
    rule(&mut conn, "跟进", Condition::Tag { tag_id: class }, follow);
    drop(conn);
    let file = write(dir.path(), "orders.csv", &orders(ORDERS, 5));
    let args = ["import", s(&file), "--kind", "events", "--create-kinds"];
    probe(&job("events_import", base, &args), dir.path());
}

#[test]
fn a_rules_run_killed_anywhere_is_all_or_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let base = shop(dir.path());
    let mut conn = db::open(&base).unwrap();
    let tag = tag_named(&conn, "北京客户");
    rule(
        &mut conn,
        "北京客户",
        in_city("北京"),
        RuleAction::AddTag { tag_id: tag },
    );
    drop(conn);
    probe(&job("rules_run", base, &["rules", "run"]), dir.path());
}

#[test]
fn a_bulk_tag_killed_anywhere_is_all_or_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let base = shop(dir.path());
    probe(&job("bulk_tag", base, &["tag", "S2", "--all"]), dir.path());
}

#[test]
fn an_rfm_run_killed_anywhere_is_all_or_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let base = shop(dir.path());
    let file = write(dir.path(), "orders.csv", &orders(ORDERS, 0));
    run(&[
        "import",
        s(&file),
        "--db",
        s(&base),
        "--kind",
        "events",
        "--create-kinds",
    ]);
    probe(&job("rfm", base, &["rfm"]), dir.path());
}
