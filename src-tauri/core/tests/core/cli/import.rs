//! `tagdesk-cli import`: counts, problems, dry runs, new tags and the command line's mistakes.

use super::{cli, customers_in, imported, s, write, CUSTOMERS};
use tagdesk_core::db;
use tagdesk_core::tags::{self, NewNode, NodeKind};

#[test]
fn importing_into_a_missing_database_creates_it_and_prints_counts_and_problems_as_json() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "customers.csv", CUSTOMERS);
    let db = dir.path().join("new").join("shop.sqlite");

    let out = cli(&["import", s(&file), "--db", s(&db), "--json"]).json();

    assert!(db.is_file(), "the database was created");
    assert_eq!(out["new"], 2);
    assert_eq!(out["updated"], 0);
    assert_eq!(out["unchanged"], 0);
    assert_eq!(out["rejected"], 1);
    assert_eq!(out["skipped"], 0);
    assert_eq!(out["duplicates_in_file"], 0);
    assert_eq!(out["dry_run"], false);
    let problem = &out["problems"][0];
    assert_eq!(problem["code"], "invalid_value");
    assert_eq!(problem["row"], 4, "the header is row 1");
    assert_eq!(problem["column"], 2, "手机 is the second column");
    assert_eq!(problem["value"], "12345");
    assert_eq!(customers_in(&db), 2);
}

#[test]
fn a_workbooks_sheet_is_chosen_by_name_or_else_the_first_with_a_table() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("导出.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    for (name, who) in [
        ("说明", None),
        ("一月", Some("一月客户")),
        ("二月", Some("二月客户")),
    ] {
        let sheet = book.add_worksheet().set_name(name).unwrap();
        sheet.write(0, 0, "姓名").unwrap();
        // The notes sheet holds one cell: no table.
        if let Some(who) = who {
            sheet.write(0, 1, "手机").unwrap();
            sheet.write(1, 0, who).unwrap();
        }
    }
    book.save(&file).unwrap();
    let db = dir.path().join("shop.sqlite");

    cli(&["import", s(&file), "--db", s(&db), "--json"]).json();
    cli(&[
        "import",
        s(&file),
        "--db",
        s(&db),
        "--sheet",
        "二月",
        "--json",
    ])
    .json();

    let conn = rusqlite::Connection::open(&db).unwrap();
    let names: Vec<String> = conn
        .prepare("SELECT name FROM customers ORDER BY id")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(names, ["一月客户", "二月客户"]);
}

#[test]
fn importing_the_same_file_again_leaves_every_customer_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let db = imported(dir.path());
    let file = dir.path().join("customers.csv");

    let again = cli(&["import", s(&file), "--db", s(&db), "--json"]).json();

    assert_eq!(again["new"], 0);
    assert_eq!(again["updated"], 0);
    assert_eq!(again["unchanged"], 2);
    assert_eq!(again["rejected"], 1);
    assert_eq!(customers_in(&db), 2);
}

#[test]
fn a_dry_run_reports_what_the_import_would_do_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "customers.csv", CUSTOMERS);
    let missing = dir.path().join("missing.sqlite");

    let planned = cli(&[
        "import",
        s(&file),
        "--db",
        s(&missing),
        "--dry-run",
        "--json",
    ])
    .json();
    assert!(!missing.exists(), "a dry run creates no database");
    assert_eq!(planned["dry_run"], true);
    assert_eq!(planned["new"], 2);
    assert_eq!(planned["rejected"], 1);
    assert_eq!(planned["problems"][0]["code"], "invalid_value");

    let db = dir.path().join("empty.sqlite");
    drop(db::create(&db).unwrap());
    let planned = cli(&["import", s(&file), "--db", s(&db), "--dry-run", "--json"]).json();
    assert_eq!(planned["new"], 2);
    assert_eq!(customers_in(&db), 0, "the dry run added no one");
}

#[test]
fn import_without_json_prints_a_summary_line_and_the_problems() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "customers.csv", CUSTOMERS);
    let db = dir.path().join("shop.sqlite");

    let run = cli(&["import", s(&file), "--db", s(&db)]);

    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(
        run.stdout
            .contains("2 new, 0 updated, 0 unchanged, 1 rejected"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("row 4, column 2 (手机) [invalid_value]"),
        "{}",
        run.stdout
    );
}

#[test]
fn import_words_its_problems_in_the_language_asked_for() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "customers.csv", CUSTOMERS);
    let db = dir.path().join("shop.sqlite");

    let run = cli(&[
        "import",
        s(&file),
        "--db",
        s(&db),
        "--dry-run",
        "--language",
        "zh-CN",
    ]);

    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(run.stdout.contains("“12345”不是手机号"), "{}", run.stdout);
}

#[test]
fn unknown_tags_are_created_under_the_first_top_level_group_the_wizard_offers() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("shop.sqlite");
    let conn = db::create(&db).unwrap();
    let first = tags::create_node(&conn, &NewNode::new(None, NodeKind::Category, "偏好")).unwrap();
    tags::create_node(&conn, &NewNode::new(None, NodeKind::Category, "其他")).unwrap();
    drop(conn);
    let file = write(
        dir.path(),
        "tagged.csv",
        "姓名,手机,标签\n王伟,13812345678,爱喝茶\n",
    );

    let out = cli(&[
        "import",
        s(&file),
        "--db",
        s(&db),
        "--unknown-tags",
        "create",
        "--json",
    ])
    .json();

    assert_eq!(out["new"], 1, "{out}");
    let conn = db::open(&db).unwrap();
    let parent: i64 = conn
        .query_row(
            "SELECT parent_id FROM tag_nodes WHERE name = '爱喝茶'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(parent, first);
}

#[test]
fn a_new_database_takes_a_tags_column_into_a_group_named_after_it() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(
        dir.path(),
        "tagged.csv",
        "姓名,手机,标签\n王伟,13812345678,爱喝茶\n",
    );
    let db = dir.path().join("shop.sqlite");

    let out = cli(&[
        "import",
        s(&file),
        "--db",
        s(&db),
        "--unknown-tags",
        "create",
        "--json",
    ])
    .json();

    assert_eq!(out["new"], 1, "{out}");
    let conn = db::open(&db).unwrap();
    let group: String = conn
        .query_row(
            "SELECT g.name FROM tag_nodes t JOIN tag_nodes g ON g.id = t.parent_id
             WHERE t.name = '爱喝茶'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(group, "标签");
}

/// A database created for an import that then failed is removed, so a retry starts afresh.
#[test]
fn a_failed_import_into_a_missing_database_leaves_no_database() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("missing.csv");
    let db = dir.path().join("shop.sqlite");

    let run = cli(&["import", s(&file), "--db", s(&db)]);

    assert_eq!(run.code, Some(1));
    assert!(run.stderr.contains("missing.csv"), "{}", run.stderr);
    assert!(!db.exists(), "no empty database is left behind");
}

#[test]
fn an_unknown_option_is_a_usage_error_with_exit_code_2() {
    let run = cli(&["import", "x.csv", "--db", "x.sqlite", "--merge", "phone"]);
    assert_eq!(run.code, Some(2));
    assert!(
        run.stderr.contains("unknown option --merge"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("usage:"), "the usage follows");
    assert!(run.stdout.is_empty());
}

#[test]
fn keyless_skip_leaves_out_rows_without_phone_email_or_external_id() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(
        dir.path(),
        "keyless.csv",
        "姓名,手机\n王伟,13812345678\n无号客户,\n",
    );
    let db = dir.path().join("shop.sqlite");

    let out = cli(&[
        "import",
        s(&file),
        "--db",
        s(&db),
        "--keyless",
        "skip",
        "--json",
    ])
    .json();

    assert_eq!(out["new"], 1, "{out}");
    assert_eq!(out["skipped"], 1, "{out}");
    assert_eq!(out["keyless"], 1, "{out}");
    assert_eq!(customers_in(&db), 1);
}

#[test]
fn a_flag_for_the_other_kind_of_file_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "customers.csv", CUSTOMERS);
    let db = dir.path().join("shop.sqlite");

    let run = cli(&["import", s(&file), "--db", s(&db), "--event-kind", "下单"]);

    assert_eq!(run.code, Some(2));
    assert!(
        run.stderr.contains("--event-kind is for --kind events"),
        "{}",
        run.stderr
    );
    assert!(!db.exists(), "nothing was done");
}
