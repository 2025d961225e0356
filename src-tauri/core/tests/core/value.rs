//! RFM and lifecycle runs as the Value page drives them: cancellable, honest about manual
//! choices they keep, and rerun after events only where a person used them.

use crate::{add_customer, empty_db, tag};
use rusqlite::{params, Connection};
use std::cell::Cell;
use std::sync::atomic::{AtomicBool, Ordering};
use tagdesk_core::error::Error;
use tagdesk_core::lifecycle::{self, LifecycleSettings};
use tagdesk_core::rfm::{self, RfmSettings};
use tagdesk_core::value;

const NOW: i64 = 1_763_000_000;
const DAY: i64 = 86_400;

/// Twelve buyers with one to twelve orders each, and two customers who never ordered.
fn shop() -> (Connection, Vec<i64>) {
    let conn = empty_db();
    let mut ids = Vec::new();
    for i in 0..14 {
        let id = add_customer(&conn, &format!("客户{i}"), None, None);
        for k in 0..if i < 12 { i + 1 } else { 0 } {
            conn.execute(
                "INSERT INTO events(customer_id, kind, occurred_at, amount) VALUES (?1, '下单', ?2, ?3)",
                params![id, NOW - (k * 7 + i) * DAY, 100.0 * (i + 1) as f64],
            )
            .unwrap();
        }
        ids.push(id);
    }
    (conn, ids)
}

fn group_assignments(conn: &Connection, group: &str) -> Vec<(i64, i64, String)> {
    conn.prepare(
        "SELECT a.customer_id, a.tag_id, a.source FROM assignments a
         JOIN tag_nodes n ON n.id = a.tag_id JOIN tag_nodes g ON g.id = n.parent_id
         WHERE g.name = ?1 ORDER BY 1, 2",
    )
    .unwrap()
    .query_map([group], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
    .unwrap()
    .collect::<rusqlite::Result<_>>()
    .unwrap()
}

fn batches(conn: &Connection) -> i64 {
    conn.query_row("SELECT count(*) FROM tag_batches", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn rfm_run_reports_each_step_and_a_cancel_after_writing_changes_nothing() {
    let (mut conn, _) = shop();
    rfm::run(&mut conn, NOW, "测试").unwrap();
    let before = group_assignments(&conn, rfm::GROUP);
    let summary_before = rfm::summary(&conn).unwrap();
    let batches_before = batches(&conn);

    let seen = Cell::new(Vec::new());
    let cancel = AtomicBool::new(false);
    let later = NOW + 400 * DAY;
    let result = rfm::run_with(
        &mut conn,
        later,
        "测试",
        &|done, total| {
            let mut v = seen.take();
            v.push((done, total));
            seen.set(v);
            // Cancel once the group has been written, just before the commit.
            if done == 2 {
                cancel.store(true, Ordering::Relaxed);
            }
        },
        &cancel,
    );
    assert!(matches!(result, Err(Error::Cancelled)), "{result:?}");
    assert_eq!(seen.take(), vec![(0, 3), (1, 3), (2, 3)]);
    assert_eq!(
        group_assignments(&conn, rfm::GROUP),
        before,
        "tags untouched"
    );
    assert_eq!(
        rfm::summary(&conn).unwrap(),
        summary_before,
        "summary untouched"
    );
    assert_eq!(batches(&conn), batches_before, "no undo batch left behind");

    let done = rfm::run(&mut conn, later, "测试").unwrap();
    assert!(done.removed > 0, "the same run without cancel does write");
}

#[test]
fn lifecycle_run_cancelled_changes_nothing_and_the_last_report_is_kept() {
    let (mut conn, _) = shop();
    assert_eq!(lifecycle::last_report(&conn).unwrap(), None);
    let cancel = AtomicBool::new(true);
    let result = lifecycle::run_with(&mut conn, NOW, "测试", &|_, _| {}, &cancel);
    assert!(matches!(result, Err(Error::Cancelled)));
    assert!(group_assignments(&conn, lifecycle::GROUP).is_empty());
    assert_eq!(lifecycle::last_report(&conn).unwrap(), None);

    let report = lifecycle::run(&mut conn, NOW, "测试").unwrap();
    assert_eq!(report.run_at, NOW);
    assert_eq!(report.stages.iter().map(|s| s.customers).sum::<i64>(), 14);
    assert_eq!(lifecycle::last_report(&conn).unwrap(), Some(report));
}

#[test]
fn runs_keep_manual_choices_and_say_how_many_they_kept() {
    let (mut conn, ids) = shop();
    lifecycle::run(&mut conn, NOW, "测试").unwrap();
    rfm::run(&mut conn, NOW, "测试").unwrap();
    // A salesperson knows better for two customers: a buyer marked lost, a prospect marked active.
    let lost = tag(&conn, "流失");
    let active = tag(&conn, "活跃");
    let retain = tag(&conn, "一般挽留");
    for (customer, tag_id, group) in [
        (ids[11], lost, lifecycle::GROUP),
        (ids[13], active, lifecycle::GROUP),
        (ids[11], retain, rfm::GROUP),
    ] {
        conn.execute(
            "DELETE FROM assignments WHERE customer_id = ?1 AND tag_id IN
             (SELECT n.id FROM tag_nodes n JOIN tag_nodes g ON g.id = n.parent_id WHERE g.name = ?2)",
            params![customer, group],
        )
        .unwrap();
        conn.execute(
            "INSERT INTO assignments(tag_id, customer_id, source, actor, at) VALUES (?1, ?2, 'manual', 'x', 0)",
            [tag_id, customer],
        )
        .unwrap();
    }
    let report = lifecycle::run(&mut conn, NOW, "测试").unwrap();
    assert_eq!(report.kept_manual, 2);
    let summary = rfm::run(&mut conn, NOW, "测试").unwrap();
    assert_eq!(summary.kept_manual, 1);
    let held = |conn: &Connection, group: &str, customer: i64| -> Vec<(i64, String)> {
        group_assignments(conn, group)
            .into_iter()
            .filter(|(c, _, _)| *c == customer)
            .map(|(_, t, s)| (t, s))
            .collect()
    };
    assert_eq!(
        held(&conn, lifecycle::GROUP, ids[11]),
        vec![(lost, "manual".into())]
    );
    assert_eq!(
        held(&conn, lifecycle::GROUP, ids[13]),
        vec![(active, "manual".into())]
    );
    assert_eq!(
        held(&conn, rfm::GROUP, ids[11]),
        vec![(retain, "manual".into())]
    );
}

#[test]
fn refresh_after_events_reruns_only_what_was_used_before() {
    let (mut conn, ids) = shop();
    let untouched = value::refresh_after_events(&mut conn, NOW, "测试").unwrap();
    assert_eq!((untouched.rfm, untouched.lifecycle), (None, None));
    assert!(
        group_assignments(&conn, rfm::GROUP).is_empty(),
        "no group grown unasked"
    );

    rfm::run(&mut conn, NOW, "测试").unwrap();
    let prospect = ids[12];
    conn.execute(
        "INSERT INTO events(customer_id, kind, occurred_at, amount) VALUES (?1, '下单', ?2, 5000)",
        params![prospect, NOW - DAY],
    )
    .unwrap();
    let refreshed = value::refresh_after_events(&mut conn, NOW, "测试").unwrap();
    let rfm = refreshed.rfm.expect("RFM had run, so it reruns");
    assert_eq!(rfm.classes.iter().map(|c| c.customers).sum::<i64>(), 13);
    assert!(group_assignments(&conn, rfm::GROUP)
        .iter()
        .any(|(c, _, _)| *c == prospect));
    assert_eq!(refreshed.lifecycle, None, "lifecycle was never used");

    lifecycle::save_settings(&conn, &LifecycleSettings::default(), "测试").unwrap();
    let again = value::refresh_after_events(&mut conn, NOW, "测试").unwrap();
    assert!(again.lifecycle.is_some(), "saved thresholds count as used");
    assert_eq!(again.rfm.map(|s| (s.added, s.removed)), Some((0, 0)));
}

#[test]
fn saved_rfm_settings_alone_make_refresh_run_rfm() {
    let (mut conn, _) = shop();
    rfm::save_settings(&conn, &RfmSettings::default(), "测试").unwrap();
    let refreshed = value::refresh_after_events(&mut conn, NOW, "测试").unwrap();
    assert_eq!(
        refreshed
            .rfm
            .map(|s| s.classes.iter().map(|c| c.customers).sum::<i64>()),
        Some(12)
    );
}
