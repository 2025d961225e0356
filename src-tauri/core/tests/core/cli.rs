//! `tagdesk-cli` run as a script runs it: the real binary on temporary files, judged by its
//! exit code, its output and what the database holds afterwards.

use rusqlite::Connection;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;
use tagdesk_core::conditions::{Condition, FieldOp, Index};
use tagdesk_core::customers::search;
use tagdesk_core::db;
use tagdesk_core::segments::{self, SegmentInput, SegmentKind};
use tagdesk_core::spreadsheet::{self, Cell, ReadOptions};
use tagdesk_core::tags::{self, NewNode, NodeKind};

/// What one run of the binary left.
struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

impl Run {
    /// The one JSON object the command printed, after checking it succeeded.
    fn json(&self) -> Value {
        assert_eq!(self.code, Some(0), "the command succeeds: {}", self.stderr);
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is one JSON object ({e}): {}", self.stdout))
    }
}

fn cli(args: &[&str]) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_tagdesk-cli"))
        .args(args)
        .output()
        .expect("tagdesk-cli runs");
    Run {
        code: output.status.code(),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// Three customers, the third with a phone number that is not one.
const CUSTOMERS: &str = "姓名,手机,城市,外部编号
王伟,13812345678,杭州,C001
李娜,13912345678,上海,C002
张三,12345,北京,C003
";

/// Orders of the first two customers, and one of a phone nobody has.
const ORDERS: &str = "手机,时间,金额
13812345678,2026-03-01 10:00,100
13812345678,2026-03-20 10:00,250
13912345678,2026-01-15 09:00,80
13000000000,2026-01-15 09:00,80
";

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

fn s(path: &Path) -> &str {
    path.to_str().expect("temporary paths are UTF-8")
}

fn customers_in(db: &Path) -> i64 {
    let conn = db::open(db).unwrap();
    conn.query_row(
        "SELECT count(*) FROM customers WHERE deleted_at IS NULL",
        [],
        |r| r.get(0),
    )
    .unwrap()
}

/// A database holding the three customers, imported through the CLI.
fn imported(dir: &Path) -> PathBuf {
    let file = write(dir, "customers.csv", CUSTOMERS);
    let db = dir.join("shop.sqlite");
    cli(&["import", s(&file), "--db", s(&db), "--json"]).json();
    db
}

fn text_rows(path: &Path) -> Vec<Vec<String>> {
    let table = spreadsheet::read(path, &ReadOptions::default()).unwrap();
    table
        .rows
        .iter()
        .map(|r| r.iter().map(Cell::text).collect())
        .collect()
}

fn column(rows: &[Vec<String>], header: &str) -> Vec<String> {
    let at = rows[0]
        .iter()
        .position(|h| h == header)
        .unwrap_or_else(|| panic!("a column {header} in {:?}", rows[0]));
    rows[1..].iter().map(|r| r[at].clone()).collect()
}

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
fn export_writes_every_customer_to_csv_and_xlsx_that_read_back() {
    let dir = tempfile::tempdir().unwrap();
    let db = imported(dir.path());
    for name in ["all.csv", "all.xlsx"] {
        let out = dir.path().join(name);

        let run = cli(&["export", s(&out), "--db", s(&db)]);

        assert_eq!(run.code, Some(0), "{name}: {}", run.stderr);
        let rows = text_rows(&out);
        assert_eq!(rows.len(), 3, "{name}: a header and two customers");
        assert_eq!(column(&rows, "姓名"), ["王伟", "李娜"], "{name}");
        assert_eq!(column(&rows, "外部编号"), ["C001", "C002"], "{name}");
    }
}

#[test]
fn export_of_a_saved_segment_writes_only_its_members() {
    let dir = tempfile::tempdir().unwrap();
    let db = imported(dir.path());
    let mut conn: Connection = db::open(&db).unwrap();
    let index = Index::build(&conn).unwrap();
    let in_hangzhou = SegmentInput {
        name: "杭州客户".into(),
        kind: SegmentKind::Dynamic,
        condition: Condition::And {
            children: vec![Condition::Field {
                field: "city".into(),
                op: FieldOp::Eq,
                values: vec!["杭州".into()],
            }],
        },
        pinned: false,
    };
    segments::create(&mut conn, &index, &in_hangzhou, "t").unwrap();
    drop(conn);
    let out = dir.path().join("hangzhou.csv");

    let run = cli(&["export", s(&out), "--db", s(&db), "--segment", "杭州客户"]);

    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_eq!(column(&text_rows(&out), "姓名"), ["王伟"]);
}

#[test]
fn export_of_an_unknown_segment_fails_on_stderr_and_writes_no_file() {
    let dir = tempfile::tempdir().unwrap();
    let db = imported(dir.path());
    let out = dir.path().join("none.csv");

    let run = cli(&["export", s(&out), "--db", s(&db), "--segment", "不存在"]);

    assert_eq!(run.code, Some(1));
    assert!(run.stderr.contains("“不存在”"), "{}", run.stderr);
    assert!(!out.exists());
}

#[test]
fn export_to_another_extension_is_refused_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = imported(dir.path());
    let out = dir.path().join("customers.txt");

    let run = cli(&["export", s(&out), "--db", s(&db)]);

    assert_eq!(run.code, Some(2));
    assert!(run.stderr.contains(".txt"), "{}", run.stderr);
    assert!(!out.exists());
}

#[test]
fn export_and_rfm_refuse_a_missing_database_instead_of_creating_one() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("typo.sqlite");
    let out = dir.path().join("out.csv");
    for run in [
        cli(&["export", s(&out), "--db", s(&db)]),
        cli(&["rfm", "--db", s(&db)]),
    ] {
        assert_eq!(run.code, Some(1));
        assert!(run.stderr.contains("not found"), "{}", run.stderr);
    }
    assert!(!db.exists());
}

#[test]
fn rfm_classes_sum_to_the_customers_with_orders_and_recency_counts_from_now() {
    let dir = tempfile::tempdir().unwrap();
    let db = imported(dir.path());
    let orders = write(dir.path(), "orders.csv", ORDERS);
    let events = cli(&[
        "import",
        s(&orders),
        "--db",
        s(&db),
        "--kind",
        "events",
        "--event-kind",
        "下单",
        "--create-kinds",
        "--json",
    ])
    .json();
    assert_eq!(events["new"], 3, "{events}");
    assert_eq!(events["rejected"], 1, "the phone nobody has");

    let out = cli(&[
        "rfm",
        "--db",
        s(&db),
        "--now",
        "2026-03-31",
        "--per-customer",
        "--json",
    ])
    .json();

    let classes = out["classes"].as_array().unwrap();
    assert_eq!(classes.len(), 8, "every class is listed, empty ones too");
    let sum: i64 = classes
        .iter()
        .map(|c| c["customers"].as_i64().unwrap())
        .sum();
    assert_eq!(out["customers_with_orders"], 2);
    assert_eq!(sum, 2, "each customer with orders is in one class");
    let customers = out["customers"].as_array().unwrap();
    let wang = customers
        .iter()
        .find(|c| c["external_id"] == "C001")
        .expect("王伟 ordered");
    assert_eq!(wang["recency_days"], 11, "2026-03-20 to 2026-03-31");
    assert_eq!(wang["frequency"], 2);
    assert_eq!(wang["monetary"], 350.0);
    let li = customers
        .iter()
        .find(|c| c["external_id"] == "C002")
        .unwrap();
    assert_eq!(li["recency_days"], 75, "2026-01-15 to 2026-03-31");
}

#[test]
fn rfm_window_days_is_saved_and_drops_older_orders() {
    let dir = tempfile::tempdir().unwrap();
    let db = imported(dir.path());
    let orders = write(dir.path(), "orders.csv", ORDERS);
    cli(&[
        "import",
        s(&orders),
        "--db",
        s(&db),
        "--kind",
        "events",
        "--event-kind",
        "下单",
        "--create-kinds",
    ]);

    let out = cli(&[
        "rfm",
        "--db",
        s(&db),
        "--now",
        "2026-03-31",
        "--window-days",
        "30",
        "--json",
    ])
    .json();

    assert_eq!(out["window_days"], 30);
    assert_eq!(
        out["customers_with_orders"], 1,
        "李娜's January order is older"
    );
    assert!(
        out.get("customers").is_none(),
        "figures only with --per-customer"
    );
    let conn = db::open(&db).unwrap();
    let saved = tagdesk_core::rfm::settings(&conn).unwrap();
    assert_eq!(saved.window_days, 30);
}

/// A large import leaves its search entries to the desk's catch-up, which the next command
/// starts on opening; that command's import, reading before it writes, must wait for a
/// catch-up step to end rather than fail with "database is locked" (the monthly script runs
/// the customers file, then the orders file, back to back).
#[test]
fn an_import_right_after_a_large_one_waits_for_the_search_catch_up() {
    let dir = tempfile::tempdir().unwrap();
    let rows = search::DEFER_FROM + 1_000;
    let mut text = String::from("姓名,手机\n");
    for i in 0..rows {
        text.push_str(&format!("客户{i},139{i:08}\n"));
    }
    let file = write(dir.path(), "large.csv", &text);
    let db = dir.path().join("shop.sqlite");
    cli(&["import", s(&file), "--db", s(&db)]);

    let again = cli(&["import", s(&file), "--db", s(&db), "--json"]).json();

    assert_eq!(again["unchanged"], rows as i64);
}

/// Every command writes right after opening, while the desk's search catch-up takes its first
/// look; a transaction that read before writing fails at once ("database is locked", no
/// waiting) if the write lock is held then, so the catch-up must not take it for nothing.
#[test]
fn the_search_catch_up_with_nothing_to_do_takes_no_write_lock() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shop.sqlite");
    let writer = db::create(&path).unwrap();
    let mut worker = db::open(&path).unwrap();
    worker.busy_timeout(std::time::Duration::ZERO).unwrap();
    writer.execute_batch("BEGIN IMMEDIATE").unwrap();

    let more = search::catch_up(&mut worker, 100);

    assert!(
        matches!(more, Ok(false)),
        "nothing to catch up, and no lock asked for: {more:?}"
    );
    writer.execute_batch("ROLLBACK").unwrap();
}
