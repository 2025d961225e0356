//! Files as shops have them: a totals row at the bottom, members without a phone, a name too
//! long for TagDesk, a tags column in a brand-new database, a sheet with headers only.

use super::{csv, run};
use crate::{empty_db, scalar};
use tagdesk_core::import::PreviewOutcome;
use tagdesk_core::import::{self, ImportSpec, KeylessRows, ProblemCode, UnknownTags};
use tagdesk_core::problem::Problem;
use tagdesk_core::ErrorCode;

fn customers(conn: &rusqlite::Connection) -> i64 {
    scalar(conn, "SELECT count(*) FROM customers WHERE ?1 = ?1", 0)
}

#[test]
fn a_totals_row_at_the_bottom_is_skipped_and_listed_in_the_preview() {
    let dir = tempfile::tempdir().unwrap();
    let path = csv(
        &dir,
        "会员导出.csv",
        &[
            &["序号", "姓名", "手机", "消费金额"],
            &["1", "王伟", "13812345678", "120"],
            &["2", "李娜", "13900001111", "80"],
            &["", "合计", "", "200"],
        ],
    );
    let mut conn = empty_db();
    let preview = import::preview(&conn, &ImportSpec::customers(&path)).unwrap();
    assert_eq!((preview.summary.new, preview.summary.skipped), (2, 1));
    assert_eq!(
        preview.summary.rejected, 0,
        "the totals row is not an error"
    );
    let listed = &preview.problems[0];
    assert_eq!(
        (listed.code, listed.row),
        (ProblemCode::SkippedTotalsRow, 4)
    );
    assert_eq!(preview.sample[2].outcome, PreviewOutcome::Skipped);
    let report = run(&mut conn, &ImportSpec::customers(&path)).unwrap();
    assert_eq!(report.summary, preview.summary);
    assert_eq!(customers(&conn), 2, "合计 is no customer");
}

const WITHOUT_PHONES: &[&[&str]] = &[
    &["姓名", "手机", "备注"],
    &["王伟", "13812345678", "老客户"],
    &["张敏", "", "门店登记"],
    &["陈晨", "", ""],
    &["陈晨", "", "同名的另一位"],
];

#[test]
fn rows_without_any_key_are_added_once_and_matched_by_name_on_the_next_import() {
    let dir = tempfile::tempdir().unwrap();
    let path = csv(&dir, "会员.csv", WITHOUT_PHONES);
    let mut conn = empty_db();
    let first = run(&mut conn, &ImportSpec::customers(&path)).unwrap();
    assert_eq!((first.summary.new, first.summary.keyless), (4, 3));
    assert_eq!(customers(&conn), 4, "two people called 陈晨 stay two");

    let again = import::preview(&conn, &ImportSpec::customers(&path)).unwrap();
    assert_eq!(again.summary.new, 0, "an unchanged file adds nothing");
    assert_eq!(again.summary.unchanged, 4);
    let second = run(&mut conn, &ImportSpec::customers(&path)).unwrap();
    assert_eq!(second.summary, again.summary);
    assert_eq!(customers(&conn), 4);

    let changed = csv(
        &dir,
        "会员-二月.csv",
        &[
            &["姓名", "手机", "备注"],
            &["张敏", "", "门店登记"],
            &["陈晨", "", ""],
            &["陈晨", "", "同名的另一位"],
            &["陈晨", "", "第三位"],
        ],
    );
    let third = run(&mut conn, &ImportSpec::customers(&changed)).unwrap();
    assert_eq!((third.summary.new, third.summary.unchanged), (1, 3));
}

#[test]
fn rows_without_any_key_can_be_skipped_and_are_listed() {
    let dir = tempfile::tempdir().unwrap();
    let path = csv(&dir, "会员.csv", WITHOUT_PHONES);
    let mut conn = empty_db();
    let spec = ImportSpec {
        keyless: KeylessRows::Skip,
        ..ImportSpec::customers(&path)
    };
    let preview = import::preview(&conn, &spec).unwrap();
    assert_eq!((preview.summary.new, preview.summary.skipped), (1, 3));
    let rows: Vec<(ProblemCode, u32)> = preview.problems.iter().map(|p| (p.code, p.row)).collect();
    assert_eq!(
        rows,
        [3, 4, 5].map(|r| (ProblemCode::SkippedNoKey, r)),
        "each skipped row is listed"
    );
    let report = run(&mut conn, &spec).unwrap();
    assert_eq!(report.summary, preview.summary);
    assert_eq!(customers(&conn), 1);
}

#[test]
fn a_row_the_run_would_refuse_is_rejected_in_the_preview_and_the_rest_is_imported() {
    let dir = tempfile::tempdir().unwrap();
    let long = "很".repeat(101);
    let path = csv(
        &dir,
        "名单.csv",
        &[
            &["姓名", "手机"],
            &["王伟", "13812345678"],
            &[&long, "13900001111"],
        ],
    );
    let mut conn = empty_db();
    let preview = import::preview(&conn, &ImportSpec::customers(&path)).unwrap();
    assert_eq!((preview.summary.new, preview.summary.rejected), (1, 1));
    let problem = &preview.problems[0];
    assert_eq!((problem.row, problem.column), (3, Some(1)), "{problem:?}");
    assert_eq!(
        problem.problem,
        Problem::NameTooLong { limit: 100 },
        "{problem:?}"
    );
    let report = run(&mut conn, &ImportSpec::customers(&path)).unwrap();
    assert_eq!(report.summary, preview.summary);
    assert_eq!(report.problems, preview.problems);
    assert_eq!(customers(&conn), 1);
}

#[test]
fn a_new_database_takes_a_tags_column_into_a_group_named_after_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = csv(
        &dir,
        "种子用户.csv",
        &[
            &["姓名", "手机", "标签"],
            &["王伟", "13812345678", "种子用户、产品试用者"],
            &["李娜", "13900001111", "种子用户"],
        ],
    );
    let mut conn = empty_db();
    let spec = ImportSpec {
        unknown_tags: UnknownTags::Create { parent_id: None },
        ..ImportSpec::customers(&path)
    };
    let preview = import::preview(&conn, &spec).unwrap();
    assert_eq!((preview.summary.new, preview.summary.rejected), (2, 0));
    let report = run(&mut conn, &spec).unwrap();
    assert_eq!(report.tags_created, 3, "the group 标签 and its two tags");
    let group = crate::node(&conn, "标签");
    let under = scalar(
        &conn,
        "SELECT count(*) FROM assignments a JOIN tag_nodes t ON t.id = a.tag_id
         WHERE t.parent_id = ?1",
        group,
    );
    assert_eq!(under, 3);
    let again = run(&mut conn, &spec).unwrap();
    assert_eq!((again.summary.unchanged, again.tags_created), (2, 0));
}

#[test]
fn a_sheet_with_headers_and_no_rows_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let path = csv(&dir, "空模板.csv", &[&["姓名", "手机", "邮箱"]]);
    let conn = empty_db();
    let err = import::preview(&conn, &ImportSpec::customers(&path)).unwrap_err();
    assert_eq!(err.code(), ErrorCode::Spreadsheet);
    assert!(matches!(err.problem(), Problem::NoDataRows { .. }), "{err}");
}

#[test]
fn full_tag_paths_from_another_database_make_their_categories_and_groups_in_a_new_one() {
    let dir = tempfile::tempdir().unwrap();
    let path = csv(
        &dir,
        "全部客户.csv",
        &[
            &["姓名", "手机", "标签"],
            &[
                "王伟",
                "13812345678",
                "基础属性 / 客户等级 / 普通、种子用户",
            ],
            &["李娜", "13900001111", "交易属性 / 会员等级 / 普通"],
        ],
    );
    let mut conn = empty_db();
    let spec = ImportSpec {
        unknown_tags: UnknownTags::Create { parent_id: None },
        ..ImportSpec::customers(&path)
    };
    let report = run(&mut conn, &spec).unwrap();
    assert_eq!((report.summary.new, report.summary.rejected), (2, 0));
    let group_of = |customer: &str| -> Vec<String> {
        let mut stmt = conn
            .prepare(
                "SELECT g.name || '/' || t.name FROM assignments a
                 JOIN customers c ON c.id = a.customer_id JOIN tag_nodes t ON t.id = a.tag_id
                 JOIN tag_nodes g ON g.id = t.parent_id WHERE c.name = ?1 ORDER BY 1",
            )
            .unwrap();
        let rows = stmt.query_map([customer], |r| r.get(0)).unwrap();
        rows.map(Result::unwrap).collect()
    };
    assert_eq!(group_of("王伟"), ["客户等级/普通", "标签/种子用户"]);
    assert_eq!(group_of("李娜"), ["会员等级/普通"], "two 普通 stay apart");
    let again = run(&mut conn, &spec).unwrap();
    assert_eq!((again.summary.unchanged, again.tags_created), (2, 0));
}
