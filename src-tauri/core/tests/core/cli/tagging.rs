//! `tag` and `rules run`: the list's "tag all matching" and the rules page's "run" for scripts.

use super::{cli, imported, s};
use rusqlite::Connection;
use tagdesk_core::conditions::{Condition, FieldOp};
use tagdesk_core::db;
use tagdesk_core::rules::{self, RuleAction, RuleInput};
use tagdesk_core::tags::{self, NewNode, NodeKind};

fn holders(conn: &Connection, tag: i64) -> i64 {
    conn.query_row(
        "SELECT count(*) FROM assignments WHERE tag_id = ?1",
        [tag],
        |r| r.get(0),
    )
    .unwrap()
}

fn new_tag(conn: &Connection, name: &str) -> i64 {
    let cat = tags::create_node(conn, &NewNode::new(None, NodeKind::Category, "脚本")).unwrap();
    tags::create_node(conn, &NewNode::new(Some(cat), NodeKind::Tag, name)).unwrap()
}

#[test]
fn tag_gives_a_tag_to_every_customer_a_search_matches_and_takes_it_back() {
    let dir = tempfile::tempdir().unwrap();
    // Two customers (the file's third row has no valid phone).
    let db = imported(dir.path());
    let tag = new_tag(&db::open(&db).unwrap(), "活动");

    let given = cli(&["tag", "活动", "--db", s(&db), "--search", "王伟", "--json"]).json();
    assert_eq!(given["changed"], 1);
    let everyone = cli(&["tag", "活动", "--db", s(&db), "--all", "--json"]).json();
    assert_eq!(
        everyone["changed"], 1,
        "the one who had it already is not counted"
    );
    assert_eq!(holders(&db::open(&db).unwrap(), tag), 2);

    let taken = cli(&["tag", "活动", "--db", s(&db), "--all", "--remove", "--json"]).json();
    assert_eq!(taken["changed"], 2);
}

#[test]
fn tag_without_saying_whom_tags_no_one() {
    let dir = tempfile::tempdir().unwrap();
    let db = imported(dir.path());
    let tag = new_tag(&db::open(&db).unwrap(), "活动");

    let run = cli(&["tag", "活动", "--db", s(&db)]);

    assert_eq!(run.code, Some(2), "a usage error: {}", run.stderr);
    assert!(run.stderr.contains("--all"), "{}", run.stderr);
    assert_eq!(holders(&db::open(&db).unwrap(), tag), 0);
}

#[test]
fn rules_run_gives_what_the_enabled_rules_give() {
    let dir = tempfile::tempdir().unwrap();
    let db = imported(dir.path());
    let mut conn = db::open(&db).unwrap();
    let tag = new_tag(&conn, "杭州客户");
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
    drop(conn);

    let run = cli(&["rules", "run", "--db", s(&db), "--json"]).json();

    assert_eq!(
        (run["scanned"].as_i64(), run["added"].as_i64()),
        (Some(2), Some(1))
    );
    assert_eq!(run["rules"][0]["rule"], "杭州客户");
    assert_eq!(holders(&db::open(&db).unwrap(), tag), 1);
}
