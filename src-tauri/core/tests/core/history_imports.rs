//! Undoing an import from the history takes back everything it did — the customers it created,
//! the records it changed, the events it added and its tags — and redoing brings it all back;
//! a later edit of one of those records is in the way and named.

use crate::add_customer;
use std::path::{Path, PathBuf};
use tagdesk_core::conditions::{Condition, FieldOp};
use tagdesk_core::custom_fields::{self, CustomFieldInput, CustomValue, FieldKind};
use tagdesk_core::customers::{self, CustomerInput, CustomerQuery};
use tagdesk_core::demo::DemoSpec;
use tagdesk_core::desk::Desk;
use tagdesk_core::events::{self, EventInput};
use tagdesk_core::import::{Attribute, ColumnTarget, ImportSpec, MergePolicy};
use tagdesk_core::jobs::Job;
use tagdesk_core::operations::{self, OperationKind, OperationQuery, RecordCounts};
use tagdesk_core::{clock, follow_up, rfm, segments, Error};

fn desk(dir: &Path) -> Desk {
    let mut desk = Desk::start(
        dir.to_path_buf(),
        DemoSpec {
            customers: 0,
            ..DemoSpec::small()
        },
    );
    desk.open_demo().unwrap();
    desk
}

fn file(dir: &Path, name: &str, body: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, body).unwrap();
    path
}

fn latest(desk: &mut Desk, kind: OperationKind) -> operations::Operation {
    let query = OperationQuery {
        kind: Some(kind),
        limit: 1,
        ..Default::default()
    };
    operations::list(desk.conn().unwrap(), &query)
        .unwrap()
        .items
        .remove(0)
}

fn found(desk: &mut Desk, text: &str) -> Vec<i64> {
    let query = CustomerQuery {
        search: Some(text.into()),
        limit: 50,
        ..Default::default()
    };
    let page = customers::list(desk.conn().unwrap(), &query).unwrap();
    page.items.iter().map(|c| c.id).collect()
}

fn counted(desk: &mut Desk, condition: &Condition) -> i64 {
    let (conn, index, _) = desk.indexed().unwrap();
    segments::count(conn, index, condition).unwrap().total as i64
}

fn field_is(field: &str, value: &str) -> Condition {
    Condition::Field {
        field: field.into(),
        op: FieldOp::Eq,
        values: vec![value.into()],
    }
}

fn scalar(desk: &mut Desk, sql: &str) -> i64 {
    desk.conn()
        .unwrap()
        .query_row(sql, [], |r| r.get(0))
        .unwrap()
}

/// Everything a customers import can change, to compare before and after.
#[derive(Debug, PartialEq)]
struct State {
    live: i64,
    records: Vec<(i64, CustomerInput, bool)>,
    assignments: Vec<(i64, i64, String)>,
    found_company: Vec<i64>,
    found_new: Vec<i64>,
    in_beijing: i64,
    vip: i64,
    points_20: i64,
    /// Tags whose kept count of customers is not the number of live customers holding them.
    miscounted_tags: i64,
}

fn state(desk: &mut Desk, vip: i64, points: i64) -> State {
    let conn = desk.conn().unwrap();
    let ids: Vec<i64> = conn
        .prepare("SELECT id FROM customers ORDER BY id")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    let records = ids
        .iter()
        .map(|id| {
            let c = customers::get(conn, *id).unwrap();
            (*id, c.input, c.deleted_at.is_some())
        })
        .collect();
    let assignments = conn
        .prepare("SELECT customer_id, tag_id, source FROM assignments ORDER BY 1, 2")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    State {
        live: customers::live_customers(conn).unwrap(),
        records,
        assignments,
        found_company: found(desk, "乙公司"),
        found_new: found(desk, "李娜"),
        in_beijing: counted(desk, &field_is("city", "北京")),
        vip: counted(desk, &Condition::Tag { tag_id: vip }),
        points_20: counted(desk, &field_is(&format!("custom:{points}"), "20")),
        miscounted_tags: scalar(
            desk,
            "SELECT count(*) FROM tag_stats s WHERE s.customers <> (
                 SELECT count(*) FROM assignments a JOIN customers c ON c.id = a.customer_id
                 WHERE a.tag_id = s.tag_id AND c.deleted_at IS NULL)",
        ),
    }
}

/// A desk holding 王伟 (甲公司, 上海, 10 points) and a members file that changes him (乙公司,
/// 北京, 20 points, VIP) and adds 李娜 and 张敏, with its choices: overwrite, columns as given.
fn seeded(dir: &Path) -> (Desk, ImportSpec, i64, i64, i64) {
    let mut desk = desk(dir);
    let conn = desk.conn().unwrap();
    let points = custom_fields::create(
        conn,
        &CustomFieldInput {
            label: "积分".into(),
            kind: FieldKind::Number,
            options: vec![],
        },
        "t",
    )
    .unwrap();
    let wang = desk
        .create_customer(&CustomerInput {
            name: "王伟".into(),
            phone: Some("13800000001".into()),
            company: Some("甲公司".into()),
            city: Some("上海".into()),
            custom: vec![CustomValue {
                field_id: points,
                value: "10".into(),
            }],
            ..Default::default()
        })
        .unwrap();
    let vip = crate::tag(desk.conn().unwrap(), "VIP");
    let path = file(
        dir,
        "十一月会员.csv",
        "姓名,手机,公司,城市,积分,标签\n\
         王伟,13800000001,乙公司,北京,20,VIP\n\
         李娜,13900000002,丙公司,北京,5,VIP\n\
         张敏,13900000003,,广州,,\n",
    );
    let mut spec = ImportSpec::customers(&path);
    spec.policy = MergePolicy::Overwrite;
    let attribute = |attribute| ColumnTarget::Attribute { attribute };
    spec.columns = vec![
        attribute(Attribute::Name),
        attribute(Attribute::Phone),
        attribute(Attribute::Company),
        attribute(Attribute::City),
        ColumnTarget::CustomField { field_id: points },
        ColumnTarget::Tags,
    ];
    (desk, spec, wang, vip, points)
}

#[test]
fn undoing_a_customers_import_takes_back_its_customers_records_and_tags_and_redo_restores_them() {
    let dir = tempfile::tempdir().unwrap();
    let (mut desk, spec, wang, vip, points) = seeded(dir.path());
    let before = state(&mut desk, vip, points);
    assert_eq!(before.miscounted_tags, 0);

    let report = desk.import(&spec, &Job::default()).unwrap();
    assert_eq!((report.summary.new, report.summary.updated), (2, 1));
    let imported = state(&mut desk, vip, points);
    assert_eq!(imported.miscounted_tags, 0);
    assert_eq!(imported.found_company, vec![wang]);
    assert_eq!(
        (imported.in_beijing, imported.vip, imported.points_20),
        (2, 2, 1)
    );
    let import = latest(&mut desk, OperationKind::ImportCustomers);
    assert!(
        import.can_undo,
        "an import that wrote records can be undone"
    );
    let detail = operations::get(desk.conn().unwrap(), import.id).unwrap();
    assert_eq!(
        detail.records,
        Some(RecordCounts {
            customers_added: 2,
            customers_changed: 1,
            ..Default::default()
        })
    );

    let undo = desk.undo(&[import.id]).unwrap();

    let undone = state(&mut desk, vip, points);
    let new_ids: Vec<i64> = undone
        .records
        .iter()
        .filter(|(_, _, deleted)| *deleted)
        .map(|(id, _, _)| *id)
        .collect();
    assert_eq!(
        new_ids.len(),
        2,
        "the two new customers are deleted, not erased"
    );
    let live_records: Vec<_> = undone.records.iter().filter(|r| !r.2).cloned().collect();
    assert_eq!(
        live_records, before.records,
        "王伟 is exactly as before, 10 points"
    );
    assert_eq!(
        undone.assignments, before.assignments,
        "the import's tags are taken back"
    );
    assert_eq!(
        (undone.live, &undone.found_company, &undone.found_new),
        (before.live, &before.found_company, &before.found_new),
        "search no longer finds 乙公司 or 李娜"
    );
    assert_eq!(
        (undone.in_beijing, undone.vip, undone.points_20),
        (before.in_beijing, before.vip, before.points_20),
        "segment counts are as before the import"
    );
    assert_eq!(
        undone.miscounted_tags, 0,
        "the tags' customer counts are right"
    );
    let undo_detail = operations::get(desk.conn().unwrap(), undo.undo_operations[0]).unwrap();
    assert_eq!(
        undo_detail.operation.file, import.file,
        "the undo names the file"
    );
    assert_eq!(
        undo_detail.records,
        Some(RecordCounts {
            customers_removed: 2,
            customers_changed: 1,
            ..Default::default()
        })
    );

    desk.undo(&undo.undo_operations).unwrap();

    let redone = state(&mut desk, vip, points);
    assert_eq!(
        redone
            .records
            .iter()
            .map(|r| (r.0, &r.1, r.2))
            .collect::<Vec<_>>(),
        imported
            .records
            .iter()
            .map(|r| (r.0, &r.1, r.2))
            .collect::<Vec<_>>(),
        "the redo brings the new customers back with their ids and 王伟 as imported"
    );
    assert_eq!(
        redone, imported,
        "tags, search and counts as after the import"
    );
}

#[test]
fn a_later_hand_edit_of_an_imported_customer_blocks_the_undo_and_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let (mut desk, spec, _, _, _) = seeded(dir.path());
    desk.import(&spec, &Job::default()).unwrap();
    let import = latest(&mut desk, OperationKind::ImportCustomers);
    let li = found(&mut desk, "李娜")[0];
    let mut input = customers::get(desk.conn().unwrap(), li).unwrap().input;
    input.city = Some("深圳".into());
    desk.update_customer(li, &input).unwrap();
    let edit = latest(&mut desk, OperationKind::Edit);

    let refused = desk.undo(&[import.id]).unwrap_err();

    assert!(
        matches!(refused, Error::UndoBlocked { ref later, .. } if later == &vec![edit.id]),
        "{refused:?}"
    );
    let named = operations::blockers(desk.conn().unwrap(), &[import.id]).unwrap();
    assert_eq!(
        named.iter().map(|o| o.id).collect::<Vec<_>>(),
        vec![edit.id]
    );
    desk.undo(&[import.id, edit.id]).unwrap();
    let li_now = customers::get(desk.conn().unwrap(), li).unwrap();
    assert!(li_now.deleted_at.is_some(), "undone together, 李娜 is gone");
}

#[test]
fn an_import_that_changed_a_customer_blocks_undoing_an_earlier_hand_edit_of_them() {
    let dir = tempfile::tempdir().unwrap();
    let (mut desk, spec, wang, _, _) = seeded(dir.path());
    let mut input = customers::get(desk.conn().unwrap(), wang).unwrap().input;
    input.job_title = Some("经理".into());
    desk.update_customer(wang, &input).unwrap();
    let edit = latest(&mut desk, OperationKind::Edit);
    desk.import(&spec, &Job::default()).unwrap();
    let import = latest(&mut desk, OperationKind::ImportCustomers);

    let refused = desk.undo(&[edit.id]).unwrap_err();

    assert!(
        matches!(refused, Error::UndoBlocked { ref later, .. } if later == &vec![import.id]),
        "{refused:?}"
    );
}

#[test]
fn importing_the_same_file_again_records_nothing_to_undo() {
    let dir = tempfile::tempdir().unwrap();
    let (mut desk, spec, _, _, _) = seeded(dir.path());
    desk.import(&spec, &Job::default()).unwrap();
    let kept = || {
        "SELECT (SELECT count(*) FROM operation_records)
                        + (SELECT count(*) FROM operation_customer_images)"
    };
    let first = scalar(&mut desk, kept());

    let again = desk.import(&spec, &Job::default()).unwrap();

    assert_eq!((again.summary.new, again.summary.unchanged), (0, 3));
    assert_eq!(scalar(&mut desk, kept()), first, "nothing more is kept");
    let import = latest(&mut desk, OperationKind::ImportCustomers);
    assert!(
        !import.can_undo,
        "an import that changed nothing has nothing to undo"
    );
}

/// A desk with 王伟's order of 30 days ago, RFM in use, and a file of 李娜's orders.
fn with_orders(dir: &Path) -> (Desk, ImportSpec, i64) {
    let mut desk = desk(dir);
    let conn = desk.conn().unwrap();
    let wang = add_customer(conn, "王伟", Some("13812345678"), None);
    let li = add_customer(conn, "李娜", Some("13900000000"), None);
    let month_ago = clock::now() - 30 * 86_400;
    let order = EventInput {
        customer_id: wang,
        kind: "下单".into(),
        occurred_at: month_ago,
        amount: Some(100.0),
        properties: Default::default(),
    };
    events::add(conn, &order, "t").unwrap();
    rfm::run(conn, clock::now(), "t").unwrap();
    let day = |d: i64| {
        chrono::DateTime::from_timestamp(clock::now() - d * 86_400, 0)
            .unwrap()
            .format("%Y-%m-%d")
            .to_string()
    };
    let path = file(
        dir,
        "订单.csv",
        &format!(
            "手机号,事件,时间,金额\n13900000000,下单,{},199\n13900000000,下单,{},88\n",
            day(2),
            day(5)
        ),
    );
    (desk, ImportSpec::events(&path), li)
}

fn classified(desk: &mut Desk) -> i64 {
    rfm::summary(desk.conn().unwrap())
        .unwrap()
        .map_or(0, |s| s.classes.iter().map(|c| c.customers).sum())
}

#[test]
fn undoing_an_events_import_removes_its_events_and_reclassifies_rfm_and_redo_puts_them_back() {
    let dir = tempfile::tempdir().unwrap();
    let (mut desk, spec, li) = with_orders(dir.path());
    desk.import(&spec, &Job::default()).unwrap();
    assert_eq!(classified(&mut desk), 2, "李娜's orders classify her");
    let import = latest(&mut desk, OperationKind::ImportEvents);
    let ids_of_li = "SELECT group_concat(id) FROM (SELECT id FROM events
                     WHERE customer_id = (SELECT id FROM customers WHERE name = '李娜') ORDER BY id)";
    let imported: String = desk
        .conn()
        .unwrap()
        .query_row(ids_of_li, [], |r| r.get(0))
        .unwrap();
    assert_eq!(
        operations::get(desk.conn().unwrap(), import.id)
            .unwrap()
            .records
            .map(|r| r.events_added),
        Some(2)
    );

    let undo = desk.undo(&[import.id]).unwrap();

    assert_eq!(
        scalar(&mut desk, "SELECT count(*) FROM events"),
        1,
        "王伟's order stays"
    );
    assert_eq!(
        classified(&mut desk),
        1,
        "RFM is recomputed without the undone orders right after the undo"
    );
    assert!(follow_up::pending(desk.conn().unwrap()).unwrap().is_empty());
    assert_eq!(
        customers::profile(desk.conn().unwrap(), li)
            .unwrap()
            .events
            .len(),
        0
    );

    desk.undo(&undo.undo_operations).unwrap();

    let redone: String = desk
        .conn()
        .unwrap()
        .query_row(ids_of_li, [], |r| r.get(0))
        .unwrap();
    assert_eq!(
        redone, imported,
        "the redo puts the events back with their ids"
    );
    assert_eq!(classified(&mut desk), 2);
}

#[test]
fn an_events_import_undone_outside_the_desk_leaves_the_value_refresh_owed() {
    let dir = tempfile::tempdir().unwrap();
    let (mut desk, spec, li) = with_orders(dir.path());
    desk.import(&spec, &Job::default()).unwrap();
    let import = latest(&mut desk, OperationKind::ImportEvents);

    operations::undo(desk.conn().unwrap(), &[import.id], "t").unwrap();

    let owed = follow_up::pending(desk.conn().unwrap()).unwrap();
    assert_eq!(owed.len(), 1);
    assert!(owed[0].refresh_value, "RFM and lifecycle are owed a rerun");
    assert_eq!(owed[0].customers, vec![li]);
}

#[test]
fn a_later_hand_delete_of_an_imported_event_blocks_undoing_the_events_import() {
    let dir = tempfile::tempdir().unwrap();
    let (mut desk, spec, _) = with_orders(dir.path());
    desk.import(&spec, &Job::default()).unwrap();
    let import = latest(&mut desk, OperationKind::ImportEvents);
    let last: i64 = scalar(&mut desk, "SELECT max(id) FROM events");
    desk.delete_event(last).unwrap();
    let delete = latest(&mut desk, OperationKind::Edit);

    let refused = desk.undo(&[import.id]).unwrap_err();

    assert!(
        matches!(refused, Error::UndoBlocked { ref later, .. } if later == &vec![delete.id]),
        "{refused:?}"
    );
}

#[test]
fn a_later_removal_of_the_imported_events_kind_blocks_undoing_the_events_import() {
    let dir = tempfile::tempdir().unwrap();
    let (mut desk, spec, _) = with_orders(dir.path());
    desk.import(&spec, &Job::default()).unwrap();
    let import = latest(&mut desk, OperationKind::ImportEvents);
    let conn = desk.conn().unwrap();
    let orders = events::list_kinds(conn)
        .unwrap()
        .into_iter()
        .find(|k| k.name == "下单")
        .unwrap();
    events::delete_kind(conn, orders.id, true, "t").unwrap();
    let removal = latest(&mut desk, OperationKind::Edit);

    let refused = desk.undo(&[import.id]).unwrap_err();

    assert!(
        matches!(refused, Error::UndoBlocked { ref later, .. } if later == &vec![removal.id]),
        "the kind's removal took the imported orders with it: {refused:?}"
    );
}
