use super::*;
use crate::customers::{self, CustomerInput};
use crate::db;
use crate::demo::{self, DemoSpec};
use rusqlite::Connection;
use std::path::PathBuf;
use std::sync::atomic::AtomicBool;

fn starter_db() -> Connection {
    let mut conn = db::open_in_memory().unwrap();
    demo::generate(
        &mut conn,
        &DemoSpec {
            customers: 0,
            ..DemoSpec::small()
        },
    )
    .unwrap();
    conn
}

fn xlsx(dir: &tempfile::TempDir, rows: &[&[&str]]) -> PathBuf {
    let path = dir.path().join("种子用户.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (r, row) in rows.iter().enumerate() {
        for (c, value) in row.iter().enumerate() {
            if !value.is_empty() {
                sheet.write_string(r as u32, c as u16, *value).unwrap();
            }
        }
    }
    book.save(&path).unwrap();
    path
}

fn spec(path: &std::path::Path) -> ImportSpec {
    ImportSpec {
        path: path.display().to_string(),
        read: Default::default(),
        header_row: None,
        columns: vec![],
        match_by: MatchBy::Phone,
        policy: MergePolicy::FillEmpty,
        unknown_tags: UnknownTags::Reject,
    }
}

fn count(conn: &Connection, sql: &str) -> i64 {
    conn.query_row(sql, [], |r| r.get(0)).unwrap()
}

fn no_progress(_: usize, _: usize) {}

#[test]
fn a_seed_list_under_a_title_row_is_mapped_validated_and_imported() {
    let dir = tempfile::tempdir().unwrap();
    let path = xlsx(
        &dir,
        &[
            &["2025年种子用户名单"],
            &["姓名", "微信", "手机", "在哪认识", "标签"],
            &[
                "王伟",
                "wx_ww",
                "138 1234 5678",
                "微信群",
                "种子用户、产品试用者",
            ],
            &["李娜", "", "+86 139-0000-1111", "朋友介绍", "种子用户"],
            &["张敏", "", "12345", "", ""],
            &["", "", "", "", ""],
            &["赵云", "", "1.38123E+10", "", ""],
            &["陈晨", "", "", "线下活动", "不存在的标签"],
        ],
    );
    let mut conn = starter_db();
    let dry = analyse(&conn, &spec(&path)).unwrap();
    assert_eq!(dry.header_row, 2, "the title row is skipped");
    assert_eq!(
        dry.columns[0],
        ColumnTarget::Attribute {
            attribute: Attribute::Name
        }
    );
    assert_eq!(
        dry.columns[1],
        ColumnTarget::Ignore,
        "微信 has no built-in meaning"
    );
    assert_eq!(
        dry.columns[3],
        ColumnTarget::Attribute {
            attribute: Attribute::Source
        }
    );
    assert_eq!(
        dry.summary,
        ImportSummary {
            new: 2,
            rejected: 3,
            ..Default::default()
        }
    );
    let phone_problem = dry
        .problems
        .iter()
        .find(|p| p.row == 5)
        .expect("row 5 is reported");
    assert_eq!(
        (
            phone_problem.column,
            phone_problem.header.as_str(),
            phone_problem.value.as_str()
        ),
        (Some(3), "手机", "12345")
    );
    assert!(dry
        .problems
        .iter()
        .any(|p| p.row == 7 && p.reason.contains("lost digits")));
    assert!(dry
        .problems
        .iter()
        .any(|p| p.row == 8 && p.reason.contains("不存在的标签")));
    assert_eq!(
        count(&conn, "SELECT count(*) FROM customers"),
        0,
        "a dry run writes nothing"
    );

    let report = run(
        &mut conn,
        &spec(&path),
        "李娜",
        &no_progress,
        &AtomicBool::new(false),
    )
    .unwrap();
    assert_eq!(report.summary.new, 2);
    assert_eq!(count(&conn, "SELECT count(*) FROM customers"), 2);
    let tagged = count(
        &conn,
        "SELECT count(*) FROM assignments a JOIN tag_nodes t ON t.id = a.tag_id
         WHERE t.name = '种子用户' AND a.source = 'import'",
    );
    assert_eq!(tagged, 2);
    let phone: String = conn
        .query_row(
            "SELECT phone FROM customers WHERE name = '李娜'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(phone, "13900001111");
}

#[test]
fn gbk_csv_matched_by_phone_fills_only_empty_fields_and_reports_in_file_duplicates() {
    let dir = tempfile::tempdir().unwrap();
    let mut conn = starter_db();
    let existing = customers::create(
        &conn,
        &CustomerInput {
            name: "王伟".into(),
            phone: Some("13812345678".into()),
            city: Some("杭州".into()),
            ..Default::default()
        },
        "t",
    )
    .unwrap();
    let text = "会员名单导出\n姓名,手机号,城市,公司,生日\n王大伟,+86 138 1234 5678,上海,云图科技,2025/1/3\n新客户,13900002222,北京,,2025年1月3日\n重复,13900002222,北京,,\n";
    let (bytes, _, _) = encoding_rs::GBK.encode(text);
    let path = dir.path().join("members.csv");
    std::fs::write(&path, &bytes).unwrap();

    let report = run(
        &mut conn,
        &spec(&path),
        "t",
        &no_progress,
        &AtomicBool::new(false),
    )
    .unwrap();
    assert_eq!(
        report.summary,
        ImportSummary {
            new: 1,
            updated: 1,
            duplicates_in_file: 1,
            ..Default::default()
        }
    );
    let c = customers::get(&conn, existing).unwrap().input;
    assert_eq!(c.name, "王伟", "fill-empty keeps the stored name");
    assert_eq!(c.city.as_deref(), Some("杭州"), "and the stored city");
    assert_eq!(
        c.company.as_deref(),
        Some("云图科技"),
        "but fills the empty company"
    );
    assert_eq!(c.birthday.as_deref(), Some("2025-01-03"));
    assert!(report
        .problems
        .iter()
        .any(|p| p.row == 5 && p.reason.contains("row 4")));
}

#[test]
fn unknown_tags_can_be_created_under_a_chosen_parent() {
    let dir = tempfile::tempdir().unwrap();
    let path = xlsx(
        &dir,
        &[
            &["姓名", "标签"],
            &["甲", "新标签, 种子用户"],
            &["乙", "新标签"],
        ],
    );
    let mut conn = starter_db();
    let parent: i64 = conn
        .query_row(
            "SELECT id FROM tag_nodes WHERE name = '种子用户' AND kind = 'group'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let mut s = spec(&path);
    s.unknown_tags = UnknownTags::Create { parent_id: parent };
    let report = run(&mut conn, &s, "t", &no_progress, &AtomicBool::new(false)).unwrap();
    assert_eq!(report.tags_created, 1);
    let held = count(&conn, "SELECT count(*) FROM assignments a JOIN tag_nodes t ON t.id = a.tag_id WHERE t.name = '新标签'");
    assert_eq!(held, 2);
}

#[test]
fn two_tags_of_a_single_select_group_in_one_row_are_rejected() {
    let dir = tempfile::tempdir().unwrap();
    let path = xlsx(&dir, &[&["姓名", "标签"], &["甲", "潜客, 活跃"]]);
    let conn = starter_db();
    let plan = analyse(&conn, &spec(&path)).unwrap();
    assert_eq!(plan.summary.rejected, 1);
    assert!(plan.problems[0].reason.contains("生命周期"));
}

#[test]
fn a_cancelled_import_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = xlsx(
        &dir,
        &[
            &["姓名", "手机"],
            &["甲", "13800000001"],
            &["乙", "13800000002"],
        ],
    );
    let mut conn = starter_db();
    let err = run(
        &mut conn,
        &spec(&path),
        "t",
        &no_progress,
        &AtomicBool::new(true),
    )
    .unwrap_err();
    assert!(matches!(err, crate::Error::Cancelled));
    assert_eq!(count(&conn, "SELECT count(*) FROM customers"), 0);
}

#[test]
fn a_file_without_a_name_column_is_refused_before_anything_happens() {
    let dir = tempfile::tempdir().unwrap();
    let path = xlsx(&dir, &[&["手机", "城市"], &["13800000001", "上海"]]);
    let conn = starter_db();
    let err = analyse(&conn, &spec(&path)).unwrap_err();
    assert!(err.to_string().contains("names"), "{err}");
}
