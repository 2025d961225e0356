//! Every row of an events file is an event, identical ones included, and no file adds its
//! events twice: rows are known again by their order id or, without one, by their cells and
//! rank in the file (issue 13, item 8).

use super::count;
use crate::{add_customer, empty_db};
use rusqlite::Connection;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;
use tagdesk_core::calendar::Calendar;
use tagdesk_core::events::{self, EventInput};
use tagdesk_core::import::{
    self, ColumnTarget, ImportReport, ImportSpec, InFileDuplicates, ProblemCode,
};
use tagdesk_core::problem::Problem;
use tagdesk_core::rfm::{self, RfmRow, RfmSettings};

fn csv(dir: &Path, name: &str, body: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, body).unwrap();
    path
}

fn run(conn: &mut Connection, spec: &ImportSpec) -> ImportReport {
    import::run(conn, spec, "t", &|_, _| {}, &AtomicBool::new(false)).unwrap()
}

/// Orders are dated December 2025; RFM looks from the first days of 2026.
fn rfm_of(conn: &Connection, customer: i64) -> RfmRow {
    let now = chrono::NaiveDate::from_ymd_opt(2026, 1, 2)
        .unwrap()
        .and_hms_opt(12, 0, 0)
        .unwrap()
        .and_utc()
        .timestamp();
    rfm::compute_in(conn, &RfmSettings::default(), &Calendar::local(now))
        .unwrap()
        .into_iter()
        .find(|r| r.customer_id == customer)
        .expect("the customer ordered in the window")
}

const TWO_SAME: &str = "手机号,事件,日期,金额\n\
                        13812345678,下单,2025-12-03,99\n\
                        13812345678,下单,2025-12-03,99\n";

#[test]
fn two_identical_orders_on_one_day_are_both_kept_and_counted_by_rfm() {
    let dir = tempfile::tempdir().unwrap();
    let conn = &mut empty_db();
    let c = add_customer(conn, "王伟", Some("13812345678"), None);
    let spec = ImportSpec::events(&csv(dir.path(), "订单.csv", TWO_SAME));
    let preview = import::preview(conn, &spec).unwrap();
    assert_eq!(preview.summary.new, 2, "{:?}", preview.problems);
    assert_eq!(preview.summary.duplicates_in_file, 1);
    let note = preview
        .problems
        .iter()
        .find(|p| p.row == 3)
        .expect("the repeat is listed");
    assert_eq!(note.code, ProblemCode::DuplicateInFile);
    assert_eq!(
        note.problem,
        Problem::DuplicateEventKept { first_row: 2 },
        "{note:?}"
    );

    assert_eq!(run(conn, &spec).summary.new, 2);
    let row = rfm_of(conn, c);
    assert_eq!((row.frequency, row.monetary), (2, 198.0));
}

#[test]
fn importing_the_same_file_again_adds_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let conn = &mut empty_db();
    let c = add_customer(conn, "王伟", Some("13812345678"), None);
    let spec = ImportSpec::events(&csv(dir.path(), "订单.csv", TWO_SAME));
    run(conn, &spec);
    let before = rfm_of(conn, c);
    let again = run(conn, &spec);
    assert_eq!((again.summary.new, again.summary.unchanged), (0, 2));
    assert_eq!(count(conn, "SELECT count(*) FROM events"), 2);
    assert_eq!(rfm_of(conn, c), before);
}

#[test]
fn a_later_files_order_of_the_same_customer_day_and_amount_is_added() {
    let dir = tempfile::tempdir().unwrap();
    let conn = &mut empty_db();
    add_customer(conn, "王伟", Some("13812345678"), None);
    let first = "手机号,事件,时间,金额\n13812345678,下单,2025-12-03 10:00,99\n";
    run(
        conn,
        &ImportSpec::events(&csv(dir.path(), "一月.csv", first)),
    );
    // Same customer, day and amount; another time of day: another order.
    let later = "手机号,事件,时间,金额\n13812345678,下单,2025-12-03 15:20,99\n";
    let report = run(
        conn,
        &ImportSpec::events(&csv(dir.path(), "二月.csv", later)),
    );
    assert_eq!(report.summary.new, 1);
    assert_eq!(count(conn, "SELECT count(*) FROM events"), 2);
}

#[test]
fn an_order_id_column_adds_each_order_once_across_files() {
    let dir = tempfile::tempdir().unwrap();
    let conn = &mut empty_db();
    let c = add_customer(conn, "王伟", Some("13812345678"), None);
    let first = csv(
        dir.path(),
        "上周.csv",
        "订单号,手机号,事件,日期,实付金额\n\
         A1001,13812345678,下单,2025-12-03,99\n\
         A1002,13812345678,下单,2025-12-03,99\n",
    );
    let spec = ImportSpec::events(&first);
    let plan = import::preview(conn, &spec).unwrap();
    assert_eq!(
        plan.columns[0],
        ColumnTarget::EventId,
        "订单号 is suggested"
    );
    assert_eq!(plan.columns[4], ColumnTarget::EventAmount, "实付金额 too");
    assert_eq!(
        plan.summary.duplicates_in_file, 0,
        "two ids are two orders, not a repeat"
    );
    assert_eq!(run(conn, &spec).summary.new, 2);
    // This week's export overlaps last week's, with another column order and a new column.
    let second = csv(
        dir.path(),
        "本周.csv",
        "手机号,Order ID,事件,日期,金额,备注\n\
         13812345678,A1002,下单,2025-12-03,99,\n\
         13812345678,A1003,下单,2025-12-05,50,加急\n",
    );
    let report = run(conn, &ImportSpec::events(&second));
    assert_eq!((report.summary.new, report.summary.unchanged), (1, 1));
    let row = rfm_of(conn, c);
    assert_eq!((row.frequency, row.monetary), (3, 248.0));
}

#[test]
fn an_order_of_several_lines_is_one_order_with_its_total() {
    let dir = tempfile::tempdir().unwrap();
    let conn = &mut empty_db();
    let c = add_customer(conn, "王伟", Some("13812345678"), None);
    // A shop's export by item: order A1 has two lines (one of them the same item twice).
    let text = "订单号,手机号,事件,日期,商品,实付金额\n\
                A1,13812345678,下单,2025-12-03,挂耳包,45\n\
                A1,13812345678,下单,2025-12-03,滤纸,5\n\
                A1,13812345678,下单,2025-12-03,滤纸,5\n\
                A2,13812345678,下单,2025-12-05,礼盒,299\n";
    let spec = ImportSpec::events(&csv(dir.path(), "订单明细.csv", text));
    let plan = import::preview(conn, &spec).unwrap();
    assert_eq!((plan.summary.new, plan.summary.duplicates_in_file), (2, 2));
    assert!(
        plan.problems
            .iter()
            .any(|p| p.row == 3 && p.problem == Problem::OrderLineMerged { first_row: 2 }),
        "{:?}",
        plan.problems
    );
    assert_eq!(run(conn, &spec).summary.new, 2);
    assert_eq!(
        count(conn, "SELECT count(*) FROM events WHERE amount = 55"),
        1,
        "A1 is one order of 55"
    );
    let row = rfm_of(conn, c);
    assert_eq!((row.frequency, row.monetary), (2, 354.0));
    let again = run(conn, &spec);
    assert_eq!(
        (again.summary.new, again.summary.unchanged),
        (0, 2),
        "the same file adds nothing"
    );
    assert_eq!(count(conn, "SELECT count(*) FROM events"), 2);
}

#[test]
fn repeated_rows_are_left_out_when_chosen_and_can_be_added_later() {
    let dir = tempfile::tempdir().unwrap();
    let conn = &mut empty_db();
    add_customer(conn, "王伟", Some("13812345678"), None);
    let mut spec = ImportSpec::events(&csv(dir.path(), "订单.csv", TWO_SAME));
    spec.events.in_file_duplicates = InFileDuplicates::Skip;
    let report = run(conn, &spec);
    assert_eq!(
        (report.summary.new, report.summary.duplicates_in_file),
        (1, 1)
    );
    assert_eq!(count(conn, "SELECT count(*) FROM events"), 1);
    spec.events.in_file_duplicates = InFileDuplicates::Keep;
    let report = run(conn, &spec);
    assert_eq!(
        (report.summary.new, report.summary.unchanged),
        (1, 1),
        "keeping them now adds the left-out row only"
    );
    assert_eq!(count(conn, "SELECT count(*) FROM events"), 2);
}

#[test]
fn events_imported_before_keys_existed_are_not_doubled_by_importing_the_file_again() {
    let dir = tempfile::tempdir().unwrap();
    let conn = &mut empty_db();
    let c = add_customer(conn, "王伟", Some("13812345678"), None);
    let path = csv(dir.path(), "订单.csv", TWO_SAME);
    // The earlier version stored the file's two rows as one keyless event.
    conn.execute(
        "INSERT INTO events(customer_id, kind, occurred_at, amount, properties)
         SELECT ?1, '下单', ?2, 99, '{}'",
        rusqlite::params![c, local_midnight(2025, 12, 3)],
    )
    .unwrap();
    let report = run(conn, &ImportSpec::events(&path));
    assert_eq!((report.summary.new, report.summary.unchanged), (1, 1));
    assert_eq!(
        count(
            conn,
            "SELECT count(*) FROM events WHERE source_key IS NOT NULL"
        ),
        2,
        "the old event took the first row's key"
    );
    let again = run(conn, &ImportSpec::events(&path));
    assert_eq!(again.summary.new, 0);
}

#[test]
fn events_added_by_hand_are_never_deduplicated() {
    let conn = &mut empty_db();
    let c = add_customer(conn, "王伟", Some("13812345678"), None);
    let input = EventInput {
        customer_id: c,
        kind: "下单".into(),
        occurred_at: local_midnight(2025, 12, 3),
        amount: Some(99.0),
        properties: Default::default(),
    };
    events::add(conn, &input, "t").unwrap();
    events::add(conn, &input, "t").unwrap();
    assert_eq!(count(conn, "SELECT count(*) FROM events"), 2);
}

fn local_midnight(y: i32, m: u32, d: u32) -> i64 {
    use chrono::TimeZone;
    chrono::Local
        .with_ymd_and_hms(y, m, d, 0, 0, 0)
        .earliest()
        .unwrap()
        .timestamp()
}
