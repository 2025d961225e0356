//! Events imported from a file: the preview cell by cell, one transaction, and the rules after it.

use super::{count, desk, order_rule, orders_within_30_days, rule_source, DAY};
use crate::add_customer;
use std::path::{Path, PathBuf};
use tagdesk_core::customers;
use tagdesk_core::events;
use tagdesk_core::import::{self, Attribute, ColumnTarget, ImportSpec};
use tagdesk_core::jobs::Job;
use tagdesk_core::problem::Problem;
use tagdesk_core::{clock, rfm, segments, Error};

fn events_csv(dir: &Path, body: &str) -> PathBuf {
    let path = dir.join("订单.csv");
    std::fs::write(&path, body).unwrap();
    path
}

#[test]
fn importing_an_order_gives_the_rule_tag_and_the_index_sees_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = desk(dir.path());
    let tag = order_rule(&mut desk);
    let c = add_customer(desk.conn().unwrap(), "王伟", Some("13812345678"), None);
    let when = chrono::DateTime::from_timestamp(clock::now() - 2 * DAY, 0)
        .unwrap()
        .format("%Y-%m-%d %H:%M")
        .to_string();
    let path = events_csv(
        dir.path(),
        &format!("手机号,事件,时间,金额,product\n+86 138-1234-5678,下单,{when},199,企业版\n"),
    );
    let report = desk
        .import(&ImportSpec::events(&path), &Job::default())
        .unwrap();
    assert_eq!(report.summary.new, 1, "{:?}", report.problems);
    assert_eq!(rule_source(&mut desk, c, tag).as_deref(), Some("rule"));
    let (conn, index, _) = desk.indexed().unwrap();
    assert_eq!(
        segments::count(conn, index, &orders_within_30_days())
            .unwrap()
            .total,
        1
    );
    let profile = customers::profile(conn, c).unwrap();
    assert_eq!(profile.events[0].kind, "下单");
    assert_eq!(profile.events[0].amount, Some(199.0));
    assert_eq!(profile.events[0].properties, r#"{"product":"企业版"}"#);
}

#[test]
fn an_orders_import_reclassifies_rfm_once_rfm_has_been_used_and_not_before() {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = desk(dir.path());
    add_customer(desk.conn().unwrap(), "王伟", Some("13812345678"), None);
    add_customer(desk.conn().unwrap(), "李娜", Some("13900000000"), None);
    let when = chrono::DateTime::from_timestamp(clock::now() - 2 * DAY, 0)
        .unwrap()
        .format("%Y-%m-%d %H:%M")
        .to_string();
    let classified = |desk: &mut tagdesk_core::desk::Desk| {
        rfm::summary(desk.conn().unwrap())
            .unwrap()
            .map(|s| s.classes.iter().map(|c| c.customers).sum::<i64>())
    };

    let first = events_csv(
        dir.path(),
        &format!("手机号,事件,时间,金额\n13812345678,下单,{when},199\n"),
    );
    desk.import(&ImportSpec::events(&first), &Job::default())
        .unwrap();
    assert_eq!(
        classified(&mut desk),
        None,
        "a desk that never used RFM gets no RFM group"
    );

    rfm::run(desk.conn().unwrap(), clock::now(), "测试").unwrap();
    assert_eq!(classified(&mut desk), Some(1));
    let second = events_csv(
        dir.path(),
        &format!("手机号,事件,时间,金额\n13900000000,下单,{when},88\n"),
    );
    desk.import(&ImportSpec::events(&second), &Job::default())
        .unwrap();
    assert_eq!(
        classified(&mut desk),
        Some(2),
        "the import's order puts its customer into an RFM class without pressing Run"
    );
}

#[test]
fn an_events_file_is_previewed_cell_by_cell_and_imported_once() {
    let dir = tempfile::tempdir().unwrap();
    let conn = &mut crate::empty_db();
    let c = add_customer(conn, "王伟", Some("13812345678"), None);
    add_customer(conn, "李娜", Some("13900000000"), None);
    let path = events_csv(
        dir.path(),
        "手机,事件,时间,金额,渠道\n\
         13812345678,登录,2025-01-03 10:30,,app\n\
         13812345678,下单,2025/1/4,88.5,web\n\
         13700000000,登录,2025-01-05,,app\n\
         13900000000,跳舞,2025-01-05,,app\n\
         13900000000,下单,明天,abc,web\n\
         13812345678,登录,2025-01-03 10:30,,app\n",
    );
    let mut spec = ImportSpec::events(&path);
    spec.columns = vec![
        ColumnTarget::Attribute {
            attribute: Attribute::Phone,
        },
        ColumnTarget::EventKind,
        ColumnTarget::EventTime,
        ColumnTarget::EventAmount,
        ColumnTarget::EventProperty {
            key: "渠道".into()
        },
    ];
    let preview = import::preview(conn, &spec).unwrap();
    assert_eq!(preview.summary.new, 3, "the repeated last row is kept");
    assert_eq!(preview.summary.rejected, 3);
    assert_eq!(preview.summary.duplicates_in_file, 1);
    let reasons: Vec<(u32, Option<u32>, String)> = preview
        .problems
        .iter()
        .map(|p| (p.row, p.column, p.problem.code()))
        .collect();
    let has = |row: u32, col: u32, code: &str| {
        reasons
            .iter()
            .any(|(r, c, found)| *r == row && *c == Some(col) && found == code)
    };
    assert!(has(4, 1, "no_customer_with_key"), "{reasons:?}");
    assert!(has(5, 2, "unknown_event_kind_in_file"), "{reasons:?}");
    assert!(has(6, 3, "time_invalid"), "{reasons:?}");
    assert!(has(6, 4, "number_invalid"), "{reasons:?}");
    assert_eq!(
        count(conn, "SELECT count(*) FROM events"),
        0,
        "a preview writes nothing"
    );

    spec.events.create_kinds = true;
    let preview = import::preview(conn, &spec).unwrap();
    assert_eq!(preview.kinds_to_create, vec!["跳舞".to_string()]);

    let never = std::sync::atomic::AtomicBool::new(false);
    let report = import::run(conn, &spec, "t", &|_, _| {}, &never).unwrap();
    assert_eq!(report.summary.new, 4);
    assert_eq!(report.kinds_created, 1);
    assert_eq!(report.customers.len(), 2);
    assert!(events::find_kind(conn, "跳舞").unwrap().is_some());
    let login = events::find_kind(conn, "登录").unwrap().unwrap();
    assert!(
        login.properties.contains(&"渠道".to_string()),
        "the file's property is declared"
    );
    let at: i64 = conn
        .query_row(
            "SELECT occurred_at FROM events WHERE customer_id = ?1 AND kind = '登录'",
            [c],
            |r| r.get(0),
        )
        .unwrap();
    let day: i64 = conn
        .query_row(
            "SELECT occurred_at FROM events WHERE customer_id = ?1 AND kind = '下单'",
            [c],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(
        day - at,
        DAY - (10 * 3600 + 30 * 60),
        "the time of day is kept"
    );

    let again = import::run(conn, &spec, "t", &|_, _| {}, &never).unwrap();
    assert_eq!(again.summary.new, 0, "the same file adds nothing twice");
    assert_eq!(again.summary.unchanged, 4);
}

#[test]
fn an_events_import_without_a_customer_key_column_shows_its_columns_and_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let conn = &mut crate::empty_db();
    let path = events_csv(dir.path(), "姓名,事件,时间\n王伟,登录,2025-01-03\n");
    let spec = ImportSpec::events(&path);
    let preview = import::preview(conn, &spec).unwrap();
    assert_eq!(preview.unmapped, Some(Problem::ChooseKeyColumn));
    assert_eq!(
        preview.headers,
        ["姓名", "事件", "时间"],
        "to be mapped in the wizard"
    );
    assert_eq!(preview.sample[0].cells, ["王伟", "登录", "2025-01-03"]);
    let never = std::sync::atomic::AtomicBool::new(false);
    let err = import::run(conn, &spec, "t", &|_, _| {}, &never).unwrap_err();
    assert_eq!(err.problem(), Problem::ChooseKeyColumn, "{err}");
}

#[test]
fn an_order_export_without_a_kind_column_is_shown_to_be_given_one_kind() {
    let dir = tempfile::tempdir().unwrap();
    let conn = &mut crate::empty_db();
    add_customer(conn, "王伟", Some("13812345678"), None);
    let path = events_csv(
        dir.path(),
        "订单号,下单时间,买家手机号,实付金额(元)\nE1,2025-01-03,13812345678,¥99.00\n",
    );
    let mut spec = ImportSpec::events(&path);
    let preview = import::preview(conn, &spec).unwrap();
    assert_eq!(preview.unmapped, Some(Problem::ChooseKindColumn));
    spec.events.fixed_kind = Some("下单".into());
    spec.events.create_kinds = true;
    let preview = import::preview(conn, &spec).unwrap();
    assert_eq!(preview.unmapped, None);
    assert_eq!(preview.summary.new, 1, "{:?}", preview.problems);
    let never = std::sync::atomic::AtomicBool::new(false);
    import::run(conn, &spec, "t", &|_, _| {}, &never).unwrap();
    assert_eq!(
        count(conn, "SELECT count(*) FROM events WHERE amount = 99"),
        1
    );
}

#[test]
fn a_cancelled_events_import_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let conn = &mut crate::empty_db();
    add_customer(conn, "王伟", Some("13812345678"), None);
    let path = events_csv(dir.path(), "手机,事件,时间\n13812345678,登录,2025-01-03\n");
    let cancel = std::sync::atomic::AtomicBool::new(true);
    let err = import::run(conn, &ImportSpec::events(&path), "t", &|_, _| {}, &cancel).unwrap_err();
    assert!(matches!(err, Error::Cancelled));
    assert_eq!(count(conn, "SELECT count(*) FROM events"), 0);
}

#[test]
fn next_months_orders_file_is_mapped_by_the_template_saved_for_this_months() {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = desk(dir.path());
    add_customer(desk.conn().unwrap(), "王伟", Some("13812345678"), None);
    let conn = desk.conn().unwrap();
    // Headers no suggestion understands: the user mapped them by hand and saved the mapping.
    let headers: Vec<String> = ["客户电话", "动作", "发生于", "实付"]
        .map(String::from)
        .to_vec();
    let mapping = vec![
        ColumnTarget::Attribute {
            attribute: Attribute::Phone,
        },
        ColumnTarget::EventKind,
        ColumnTarget::EventTime,
        ColumnTarget::EventAmount,
    ];
    let id = import::templates::save(
        conn,
        &import::ImportTemplateInput {
            name: "月度订单".into(),
            headers,
            columns: mapping.clone(),
        },
    )
    .unwrap();

    let next_month = events_csv(
        dir.path(),
        "实付,客户电话,发生于,动作\n88,13812345678,2025-12-03 10:00,下单\n",
    );
    let plan = import::preview(conn, &ImportSpec::events(&next_month)).unwrap();
    assert_eq!(plan.template.map(|t| t.id), Some(id));
    assert_eq!(
        plan.columns[0],
        ColumnTarget::EventAmount,
        "by header, not position"
    );
    assert_eq!(plan.summary.new, 1, "{:?}", plan.problems);
    let customers_file = events_csv(dir.path(), "客户电话,动作,发生于,实付\n13800000000,x,y,z\n");
    // Without the template no column is the name, so the customers plan asks for one.
    let preview = import::preview(conn, &ImportSpec::customers(&customers_file)).unwrap();
    assert_eq!(
        preview.unmapped,
        Some(Problem::ChooseNameColumn),
        "an events template is not applied to a customers file"
    );
}
