//! The operation history over real jobs: an import and a rules run are one operation each, an
//! idle run is none, and undoing a bulk tag that a later rules run overlapped names the run.

use crate::rules::{rule, run_all};
use tagdesk_core::conditions::{Condition, FieldOp};
use tagdesk_core::operations::{self, OperationKind, OperationQuery};
use tagdesk_core::rules::{self, RuleAction};
use tagdesk_core::tagging::{self, TagSource, TagTarget};
use tagdesk_core::Error;

fn of_kind(conn: &rusqlite::Connection, kind: OperationKind) -> Vec<operations::Operation> {
    let query = OperationQuery {
        kind: Some(kind),
        limit: 50,
        ..Default::default()
    };
    operations::list(conn, &query).unwrap().items
}

#[test]
fn an_import_is_one_operation_naming_its_file_and_its_tags_can_be_undone() {
    let dir = tempfile::tempdir().unwrap();
    let mut conn = super::demo_db(0);
    let file = dir.path().join("会员.csv");
    std::fs::write(
        &file,
        "姓名,手机,标签\n甲,13900000001,种子用户、VIP\n乙,13900000002,种子用户\n",
    )
    .unwrap();

    super::import_customers(&mut conn, &file).unwrap();

    let imports = of_kind(&conn, OperationKind::ImportCustomers);
    assert_eq!(imports.len(), 1, "one operation for the whole import");
    let import = &imports[0];
    assert_eq!(
        import.file.as_deref(),
        Some(file.display().to_string().as_str())
    );
    assert_eq!((import.customers, import.tags), (2, 2));
    assert!(of_kind(&conn, OperationKind::TagAdd).is_empty());
    operations::undo(&mut conn, &[import.id], "t").unwrap();
    let held: i64 = conn
        .query_row("SELECT count(*) FROM assignments", [], |r| r.get(0))
        .unwrap();
    assert_eq!(held, 0, "the import's tags are taken back");
}

#[test]
fn a_rules_run_with_nothing_to_change_is_not_an_operation() {
    let mut conn = super::demo_db(30);
    let vip = super::tag(&conn, "VIP");
    let nobody = Condition::And {
        children: vec![Condition::Field {
            field: "city".into(),
            op: FieldOp::Eq,
            values: vec!["没有这个城市".into()],
        }],
    };
    let input = rule("没人符合", 0, nobody, RuleAction::AddTag { tag_id: vip });
    rules::create(&mut conn, &input, "t").unwrap();

    run_all(&mut conn, None);
    run_all(&mut conn, None);

    assert!(of_kind(&conn, OperationKind::RulesRun).is_empty());
}

#[test]
fn undoing_a_bulk_tag_that_a_later_rules_run_overlapped_names_the_run() {
    let mut conn = super::demo_db(30);
    let vip = super::tag(&conn, "VIP");
    let everyone: Vec<i64> = conn
        .prepare("SELECT id FROM customers")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    let target = TagTarget::Customers { ids: everyone };
    tagging::add(&mut conn, &target, vip, TagSource::Manual, "李娜").unwrap();
    let mine = tagging::remove(&mut conn, &target, vip, TagSource::Manual, "李娜").unwrap();
    let give_back = rule(
        "没有 VIP 的都给 VIP",
        0,
        crate::rules::not(crate::rules::has(vip)),
        RuleAction::AddTag { tag_id: vip },
    );
    rules::create(&mut conn, &give_back, "t").unwrap();
    run_all(&mut conn, None);
    let run = of_kind(&conn, OperationKind::RulesRun);

    let refused = operations::undo(&mut conn, &[mine.operation_id], "李娜").unwrap_err();

    assert_eq!(run.len(), 1);
    assert!(
        matches!(refused, Error::UndoBlocked { ref later, .. } if later == &vec![run[0].id]),
        "{refused:?}"
    );
}
