//! `tagdesk-cli rfm` on orders imported through the CLI: classes, figures and the window.

use super::{cli, imported, s, write};
use std::path::Path;
use tagdesk_core::db;

/// Orders of the first two customers, and one of a phone nobody has.
const ORDERS: &str = "手机,时间,金额
13812345678,2026-03-01 10:00,100
13812345678,2026-03-20 10:00,250
13912345678,2026-01-15 09:00,80
13000000000,2026-01-15 09:00,80
";

/// A database with the three customers and the orders, imported as the monthly script does.
fn with_orders(dir: &Path) -> std::path::PathBuf {
    let db = imported(dir);
    let orders = write(dir, "orders.csv", ORDERS);
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
    db
}

#[test]
fn rfm_classes_sum_to_the_customers_with_orders_and_recency_counts_from_now() {
    let dir = tempfile::tempdir().unwrap();
    let db = with_orders(dir.path());

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
    let db = with_orders(dir.path());

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
