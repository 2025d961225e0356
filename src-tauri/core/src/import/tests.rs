use super::*;
use crate::customers::{self, CustomerInput};
use crate::demo;
use crate::problem::Problem;
use rusqlite::Connection;
use std::path::PathBuf;
use std::sync::atomic::AtomicBool;

fn starter_db() -> Connection {
    demo::starter_db()
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
    let dry = analyse(&conn, &ImportSpec::customers(&path)).unwrap();
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
        .any(|p| p.row == 7 && matches!(p.problem, Problem::PhoneScientific { .. })));
    assert!(dry.problems.iter().any(|p| p.row == 8
        && p.problem
            == Problem::NoSuchTag {
                item: "不存在的标签".into()
            }));
    assert_eq!(
        count(&conn, "SELECT count(*) FROM customers"),
        0,
        "a dry run writes nothing"
    );

    let report = run(
        &mut conn,
        &ImportSpec::customers(&path),
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
        &ImportSpec::customers(&path),
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
        .any(|p| p.row == 5 && p.problem == Problem::DuplicateCustomer { first_row: 4 }));
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
    let mut s = ImportSpec::customers(&path);
    s.unknown_tags = UnknownTags::Create {
        parent_id: Some(parent),
    };
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
    let plan = analyse(&conn, &ImportSpec::customers(&path)).unwrap();
    assert_eq!(plan.summary.rejected, 1);
    assert!(
        matches!(&plan.problems[0].problem, Problem::TwoSingleSelectTags { group } if group.contains("生命周期")),
        "{:?}",
        plan.problems[0]
    );
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
        &ImportSpec::customers(&path),
        "t",
        &no_progress,
        &AtomicBool::new(true),
    )
    .unwrap_err();
    assert!(matches!(err, crate::Error::Cancelled));
    assert_eq!(count(&conn, "SELECT count(*) FROM customers"), 0);
    // The user saw the cancel: nothing is left to say at the next start.
    assert_eq!(crate::interrupted::list(&conn).unwrap(), vec![]);
}

#[test]
fn a_file_without_a_name_column_is_refused_before_anything_happens() {
    let dir = tempfile::tempdir().unwrap();
    let path = xlsx(&dir, &[&["手机", "城市"], &["13800000001", "上海"]]);
    let mut conn = starter_db();
    let spec = ImportSpec::customers(&path);
    let plan = analyse(&conn, &spec).unwrap();
    assert_eq!(plan.unmapped, Some(Problem::ChooseNameColumn));
    assert_eq!(plan.headers, ["手机", "城市"], "the headers, to be mapped");
    assert_eq!(
        plan.sample[0].cells,
        ["13800000001", "上海"],
        "and the first rows"
    );
    assert!(plan.rows.is_empty(), "nothing is planned");
    let err = run(&mut conn, &spec, "t", &no_progress, &AtomicBool::new(false)).unwrap_err();
    assert!(err.to_string().contains("names"), "{err}");
}

/// A sheet of `n` generated customers (name, phone, company, tags) under a header row.
fn many(dir: &tempfile::TempDir, n: usize) -> PathBuf {
    let rows: Vec<Vec<String>> = (0..n)
        .map(|i| {
            vec![
                format!("客户{i:04}"),
                format!("139{i:08}"),
                format!("星河{i:04}科技"),
                if i % 2 == 0 {
                    "种子用户、VIP"
                } else {
                    "种子用户"
                }
                .to_string(),
            ]
        })
        .collect();
    let mut all: Vec<Vec<&str>> = vec![vec!["姓名", "手机", "公司", "标签"]];
    all.extend(rows.iter().map(|r| r.iter().map(String::as_str).collect()));
    let refs: Vec<&[&str]> = all.iter().map(Vec::as_slice).collect();
    xlsx(dir, &refs)
}

fn found(conn: &Connection, fragment: &str) -> Vec<String> {
    customers::list(
        conn,
        &customers::CustomerQuery {
            search: Some(fragment.into()),
            limit: 50,
            ..Default::default()
        },
    )
    .unwrap()
    .items
    .into_iter()
    .map(|r| r.name)
    .collect()
}

#[test]
fn imported_and_updated_customers_are_found_by_short_and_long_fragments() {
    let dir = tempfile::tempdir().unwrap();
    // More rows than one statement writes, so several statements and a partial one run.
    let path = many(&dir, 2 * customers::RECORDS_PER_STATEMENT + 7);
    let mut conn = starter_db();
    let existing = customers::create(
        &conn,
        &CustomerInput {
            name: "王伟".into(),
            phone: Some("13900000003".into()),
            ..Default::default()
        },
        "t",
    )
    .unwrap();
    let mut s = ImportSpec::customers(&path);
    s.policy = MergePolicy::Overwrite;
    let report = run(&mut conn, &s, "t", &no_progress, &AtomicBool::new(false)).unwrap();
    assert_eq!(
        (report.summary.new, report.summary.updated),
        (2 * customers::RECORDS_PER_STATEMENT as i64 + 6, 1)
    );

    assert_eq!(found(&conn, "客户0150"), vec!["客户0150"], "3+ characters");
    assert_eq!(found(&conn, "星河0206科技"), vec!["客户0206"], "by company");
    assert_eq!(
        found(&conn, "13900000207"),
        Vec::<String>::new(),
        "no such row"
    );
    assert_eq!(found(&conn, "13900000206"), vec!["客户0206"], "by phone");
    assert_eq!(
        customers::count(
            &conn,
            &customers::CustomerQuery {
                search: Some("客".into()),
                ..Default::default()
            }
        )
        .unwrap(),
        2 * customers::RECORDS_PER_STATEMENT as i64 + 7,
        "one CJK character finds every imported customer"
    );
    assert_eq!(
        found(&conn, "客户0003"),
        vec!["客户0003"],
        "the updated customer is found by its new name"
    );
    assert!(
        found(&conn, "王伟").is_empty(),
        "and no longer by the name the file replaced"
    );
    assert_eq!(
        customers::get(&conn, existing).unwrap().input.name,
        "客户0003"
    );
}

#[test]
fn tag_counts_and_the_customer_counter_match_a_recount_after_import() {
    let dir = tempfile::tempdir().unwrap();
    let path = many(&dir, 250);
    let mut conn = starter_db();
    run(
        &mut conn,
        &ImportSpec::customers(&path),
        "t",
        &no_progress,
        &AtomicBool::new(false),
    )
    .unwrap();
    let stale = count(
        &conn,
        "SELECT count(*) FROM (
             SELECT a.tag_id, count(*) AS n FROM assignments a
             JOIN customers c ON c.id = a.customer_id AND c.deleted_at IS NULL GROUP BY a.tag_id) r
         LEFT JOIN tag_stats s ON s.tag_id = r.tag_id
         WHERE s.customers IS NOT r.n",
    );
    assert_eq!(stale, 0, "every tag's maintained count equals its recount");
    assert_eq!(
        customers::live_customers(&conn).unwrap(),
        count(
            &conn,
            "SELECT count(*) FROM customers WHERE deleted_at IS NULL"
        )
    );
    let vip = count(
        &conn,
        "SELECT s.customers FROM tag_stats s JOIN tag_nodes t ON t.id = s.tag_id WHERE t.name = 'VIP'",
    );
    assert_eq!(vip, 125);
}

#[test]
fn imported_tags_show_who_and_when_in_the_customer_history() {
    let dir = tempfile::tempdir().unwrap();
    let path = many(&dir, 3);
    let mut conn = starter_db();
    run(
        &mut conn,
        &ImportSpec::customers(&path),
        "李娜",
        &no_progress,
        &AtomicBool::new(false),
    )
    .unwrap();
    let id = count(&conn, "SELECT id FROM customers WHERE name = '客户0000'");
    let history = customers::profile(&conn, id).unwrap().history;
    assert_eq!(history.len(), 2, "种子用户 and VIP: {history:?}");
    assert!(history.iter().all(|h| h.actor == "李娜"
        && h.source == crate::provenance::ChangeSource::Import
        && h.action == crate::provenance::TagAction::Add
        && h.at > 0));
}

#[test]
fn a_second_row_with_the_same_external_id_is_rejected_naming_the_first_and_the_rest_is_imported() {
    let dir = tempfile::tempdir().unwrap();
    let path = xlsx(
        &dir,
        &[
            &["姓名", "手机", "外部编号"],
            &["甲", "13800000001", "A-1"],
            &["乙", "13800000002", "A-1"],
        ],
    );
    let mut conn = starter_db();
    let mut s = ImportSpec::customers(&path);
    s.columns = vec![
        ColumnTarget::Attribute {
            attribute: Attribute::Name,
        },
        ColumnTarget::Attribute {
            attribute: Attribute::Phone,
        },
        ColumnTarget::Attribute {
            attribute: Attribute::ExternalId,
        },
    ];
    let dry = analyse(&conn, &s).unwrap();
    let report = run(&mut conn, &s, "t", &no_progress, &AtomicBool::new(false)).unwrap();
    assert_eq!(
        report.summary, dry.summary,
        "the preview said what the run did"
    );
    assert_eq!((report.summary.new, report.summary.rejected), (1, 1));
    let problem = &report.problems[0];
    assert_eq!((problem.row, problem.column), (3, Some(3)));
    assert_eq!(problem.code, ProblemCode::ExternalIdTaken);
    assert_eq!(
        problem.problem,
        Problem::ExternalIdInFile {
            value: "A-1".into(),
            first_row: 2
        }
    );
    assert_eq!(count(&conn, "SELECT count(*) FROM customers"), 1);
}

#[test]
fn progress_rises_to_its_total() {
    let dir = tempfile::tempdir().unwrap();
    let path = many(&dir, 1200);
    let mut conn = starter_db();
    let seen = std::cell::RefCell::new(Vec::new());
    run(
        &mut conn,
        &ImportSpec::customers(&path),
        "t",
        &|done, total| seen.borrow_mut().push((done, total)),
        &AtomicBool::new(false),
    )
    .unwrap();
    let seen = seen.into_inner();
    assert!(seen.windows(2).all(|w| w[0].0 <= w[1].0), "{seen:?}");
    assert!(seen.len() > 3, "{seen:?}");
    let (done, total) = *seen.last().unwrap();
    assert_eq!(done, total);
}
