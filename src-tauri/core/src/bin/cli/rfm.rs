//! `rfm`: computes RFM and updates the group RFM 客户价值 exactly as the value page's button
//! does, then prints the classes (and with `--per-customer` each customer's figures), so a
//! monthly script can refresh the classes and hand the figures on.

use crate::args::Args;
use crate::{print_json, Failure};
use chrono::{Local, NaiveDate, TimeZone};
use serde_json::json;
use std::path::Path;
use tagdesk_core::desk::Desk;
use tagdesk_core::rfm::{self, RfmRow, RfmSummary};
use tagdesk_core::{clock, customers};

/// One customer's figures as printed.
struct Figures {
    external_id: Option<String>,
    name: String,
    row: RfmRow,
}

pub fn run(words: &[String]) -> Result<(), Failure> {
    let args = Args::parse(
        words,
        &["--db", "--now", "--window-days"],
        &["--per-customer", "--json"],
    )?;
    args.no_positional()?;
    let db_path = Path::new(args.required("--db")?);
    let now = match args.value("--now") {
        Some(date) => end_of_day(date)?,
        None => clock::now(),
    };
    let window_days: Option<i64> = args.number("--window-days")?;

    let mut desk = Desk::on_file(db_path)?;
    let (conn, actor) = desk.conn_as()?;
    if let Some(days) = window_days {
        // Saved as the settings page saves it, so the app's RFM page and the next run after
        // an events import use the window the classes were computed with.
        let mut settings = rfm::settings(conn)?;
        settings.window_days = days;
        rfm::save_settings(conn, &settings, &actor)?;
    }
    let summary = rfm::run(conn, now, &actor)?;
    let per_customer = match args.switch("--per-customer") {
        false => None,
        true => {
            let rows = rfm::compute(conn, &summary.settings, now)?;
            let mut figures = Vec::with_capacity(rows.len());
            for row in rows {
                let customer = customers::get(conn, row.customer_id)?;
                figures.push(Figures {
                    external_id: customer.input.external_id,
                    name: customer.input.name,
                    row,
                });
            }
            Some(figures)
        }
    };
    if args.switch("--json") {
        print_json(&as_json(&summary, now, per_customer.as_deref()))
    } else {
        print_human(&summary, now, per_customer.as_deref());
        Ok(())
    }
}

/// The last second of `date` on the machine's calendar: every order of that day counts, and
/// days since an order are counted to that date.
fn end_of_day(date: &str) -> Result<i64, Failure> {
    let day = NaiveDate::parse_from_str(date, "%Y-%m-%d")
        .map_err(|_| Failure::usage(format!("--now must be a date YYYY-MM-DD, not “{date}”")))?;
    let last_second = day.and_hms_opt(23, 59, 59).expect("23:59:59 is a time");
    Local
        .from_local_datetime(&last_second)
        .latest()
        .map(|t| t.timestamp())
        .ok_or_else(|| Failure::usage(format!("--now {date}: that day has no end here")))
}

fn local_date(at: i64) -> String {
    Local
        .timestamp_opt(at, 0)
        .latest()
        .map(|t| t.format("%Y-%m-%d").to_string())
        .unwrap_or_default()
}

fn with_orders(summary: &RfmSummary) -> i64 {
    summary.classes.iter().map(|c| c.customers).sum()
}

fn as_json(summary: &RfmSummary, now: i64, per_customer: Option<&[Figures]>) -> serde_json::Value {
    let classes: Vec<serde_json::Value> = summary
        .classes
        .iter()
        .map(|c| json!({ "class": c.class, "name": c.name, "customers": c.customers }))
        .collect();
    let mut out = json!({
        "now": local_date(now),
        "order_kind": summary.settings.order_kind,
        "window_days": summary.settings.window_days,
        "classes": classes,
        "customers_with_orders": with_orders(summary),
        "customers_without_orders": summary.unclassified,
    });
    if let Some(figures) = per_customer {
        out["customers"] = figures
            .iter()
            .map(|f| {
                json!({
                    "external_id": f.external_id,
                    "name": f.name,
                    "recency_days": f.row.recency_days,
                    "frequency": f.row.frequency,
                    "monetary": f.row.monetary,
                    "class": f.row.class,
                })
            })
            .collect();
    }
    out
}

fn print_human(summary: &RfmSummary, now: i64, per_customer: Option<&[Figures]>) {
    println!(
        "RFM on {}, orders “{}” of the last {} days: {} customers with orders, {} without",
        local_date(now),
        summary.settings.order_kind,
        summary.settings.window_days,
        with_orders(summary),
        summary.unclassified
    );
    for class in &summary.classes {
        println!("  {:<8}{:>8}", class.name, class.customers);
    }
    if let Some(figures) = per_customer {
        println!("external id\tname\trecency days\tfrequency\tmonetary\tclass");
        for f in figures {
            println!(
                "{}\t{}\t{}\t{}\t{:.2}\t{}",
                f.external_id.as_deref().unwrap_or(""),
                f.name,
                f.row.recency_days,
                f.row.frequency,
                f.row.monetary,
                f.row.class.name()
            );
        }
    }
}
