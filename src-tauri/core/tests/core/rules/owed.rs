//! The rules a change owes are recorded with the change, so a crash between the change's
//! commit and its rules run leaves them to the next opening, which runs them and says so.

use super::rule;
use rusqlite::Connection;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;
use tagdesk_core::conditions::{Condition, FieldOp};
use tagdesk_core::customers::CustomerInput;
use tagdesk_core::desk::Desk;
use tagdesk_core::import::{self, ImportSpec};
use tagdesk_core::jobs::Job;
use tagdesk_core::rules::{self, RuleAction};
use tagdesk_core::tags::{self, NewNode, NodeKind};
use tagdesk_core::work::Work;
use tagdesk_core::{db, follow_up};

/// A database file with a tag 杭州客户 and the enabled rule giving it to customers in 杭州.
fn shop_with_rule(dir: &Path) -> (PathBuf, i64) {
    let path = dir.join("shop.sqlite");
    let mut conn = db::create(&path).unwrap();
    let cat = tags::create_node(&conn, &NewNode::new(None, NodeKind::Category, "地区")).unwrap();
    let tag =
        tags::create_node(&conn, &NewNode::new(Some(cat), NodeKind::Tag, "杭州客户")).unwrap();
    let in_hangzhou = Condition::Field {
        field: "city".into(),
        op: FieldOp::Eq,
        values: vec!["杭州".into()],
    };
    let input = rule(
        "杭州客户",
        0,
        in_hangzhou,
        RuleAction::AddTag { tag_id: tag },
    );
    rules::create(&mut conn, &input, "t").unwrap();
    (path, tag)
}

fn members(dir: &Path) -> PathBuf {
    let path = dir.join("members.csv");
    std::fs::write(
        &path,
        "姓名,手机号,城市\n甲,13800001111,杭州\n乙,13800002222,上海\n丙,13800003333,杭州\n",
    )
    .unwrap();
    path
}

fn holders(conn: &Connection, tag: i64) -> i64 {
    conn.query_row(
        "SELECT count(*) FROM assignments WHERE tag_id = ?1 AND source = 'rule'",
        [tag],
        |r| r.get(0),
    )
    .unwrap()
}

fn owed_rows(conn: &Connection) -> i64 {
    conn.query_row("SELECT count(*) FROM follow_up_work", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn an_import_whose_rules_a_crash_cut_off_gets_them_at_the_next_opening_which_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let (path, tag) = shop_with_rule(dir.path());
    let file = members(dir.path());
    {
        // The import commits, and the process dies before the desk runs the rules after it.
        let mut conn = db::open(&path).unwrap();
        let spec = ImportSpec::customers(&file);
        import::run(
            &mut conn,
            &spec,
            "店长",
            &|_, _| {},
            &AtomicBool::new(false),
        )
        .unwrap();
        assert_eq!(holders(&conn, tag), 0, "no rule has run yet");
    }

    let mut desk = Desk::on_file(&path).unwrap();

    assert_eq!(
        holders(desk.conn().unwrap(), tag),
        2,
        "the opening ran the rules"
    );
    let finished = desk.status().database.unwrap().finished;
    assert_eq!(
        finished.len(),
        1,
        "the opening says what it finished: {finished:?}"
    );
    let work = &finished[0];
    assert_eq!(
        (&work.work, work.actor.as_str()),
        (
            &Work::CustomersImport {
                file: file.display().to_string()
            },
            "店长"
        )
    );
    assert_eq!(
        (work.customers, work.rules_added, work.rules_removed),
        (3, 2, 0)
    );
    assert!(!work.refreshed_value, "a customers import owes no RFM");

    let status = desk.dismiss_interrupted().unwrap();
    assert!(status.database.unwrap().finished.is_empty());
    drop(desk);
    let again = Desk::on_file(&path).unwrap();
    assert!(
        again.status().database.unwrap().finished.is_empty(),
        "dismissed for good"
    );
}

#[test]
fn a_notice_of_finished_work_stays_until_dismissed() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = shop_with_rule(dir.path());
    let file = members(dir.path());
    let mut conn = db::open(&path).unwrap();
    let spec = ImportSpec::customers(&file);
    import::run(
        &mut conn,
        &spec,
        "店长",
        &|_, _| {},
        &AtomicBool::new(false),
    )
    .unwrap();
    drop(conn);

    // A script's run finishes the work; the app opened later still tells the user.
    drop(Desk::on_file(&path).unwrap());
    let desk = Desk::on_file(&path).unwrap();

    let finished = desk.status().database.unwrap().finished;
    assert_eq!(finished.len(), 1);
    assert_eq!(finished[0].rules_added, 2, "done once, not twice");
}

#[test]
fn changes_whose_rules_ran_in_the_open_leave_nothing_owed() {
    let dir = tempfile::tempdir().unwrap();
    let (path, tag) = shop_with_rule(dir.path());
    let mut desk = Desk::on_file(&path).unwrap();

    let report = desk.import(
        &ImportSpec::customers(&members(dir.path())),
        &Job::default(),
    );
    assert_eq!(report.unwrap().rules.unwrap().added, 2);
    let id = desk
        .create_customer(&CustomerInput {
            name: "丁".into(),
            city: Some("杭州".into()),
            ..Default::default()
        })
        .unwrap();
    let mut moved = tagdesk_core::customers::get(desk.conn().unwrap(), id)
        .unwrap()
        .input;
    moved.city = Some("上海".into());
    desk.update_customer(id, &moved).unwrap();

    let conn = desk.conn().unwrap();
    assert_eq!(
        holders(conn, tag),
        2,
        "丁 got the tag, then lost it on moving"
    );
    assert_eq!(
        owed_rows(conn),
        0,
        "every follow-up settled with its rules run"
    );
    assert!(follow_up::pending(conn).unwrap().is_empty());
    assert!(desk.status().database.unwrap().finished.is_empty());
}

#[test]
fn a_hand_edit_whose_rules_a_crash_cut_off_gets_them_at_the_next_opening() {
    let dir = tempfile::tempdir().unwrap();
    let (path, tag) = shop_with_rule(dir.path());
    {
        // What the desk's edit commits before its rules run: the customer and the owed run.
        let mut conn = db::open(&path).unwrap();
        let tx = conn.transaction().unwrap();
        let input = CustomerInput {
            name: "丁".into(),
            city: Some("杭州".into()),
            ..Default::default()
        };
        let id = tagdesk_core::customers::create_within(&tx, &input, "店长").unwrap();
        let owed = follow_up::Owed {
            work: Work::CustomerEdit,
            actor: "店长",
            refresh_value: false,
            trigger: rules::RunTrigger::Edit,
            customers: &[id],
        };
        follow_up::record_within(&tx, &owed).unwrap();
        tx.commit().unwrap();
    }

    let desk = Desk::on_file(&path).unwrap();

    let finished = desk.status().database.unwrap().finished;
    assert_eq!(
        (finished.len(), &finished[0].work),
        (1, &Work::CustomerEdit)
    );
    drop(desk);
    assert_eq!(holders(&db::open(&path).unwrap(), tag), 1);
}
