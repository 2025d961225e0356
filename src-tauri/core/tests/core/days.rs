//! Day counts in the user's time zone: RFM recency, lifecycle stages and "within the last N
//! days" conditions count calendar days, in America/New_York across both daylight-saving
//! changes and in Asia/Shanghai, and the machine's zone (TZ) is the one used by default.

use crate::{add_customer, empty_db};
use chrono::TimeZone;
use chrono_tz::America::New_York;
use chrono_tz::Asia::Shanghai;
use rusqlite::{params, Connection};
use tagdesk_core::calendar::Calendar;
use tagdesk_core::conditions::{Cmp, Condition, Ctx, EventMeasure, FieldOp, Index};
use tagdesk_core::lifecycle::{self, LifecycleSettings, LifecycleStage};
use tagdesk_core::rfm::{self, RfmSettings};

fn at<Tz: TimeZone>(zone: &Tz, y: i32, m: u32, d: u32, h: u32) -> i64 {
    zone.with_ymd_and_hms(y, m, d, h, 0, 0)
        .earliest()
        .unwrap()
        .timestamp()
}

/// One customer per moment, each with one order (amount 10) then.
fn orders(conn: &Connection, moments: &[i64]) -> Vec<i64> {
    moments
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let id = add_customer(conn, &format!("客户{i}"), None, None);
            conn.execute(
                "INSERT INTO events(customer_id, kind, occurred_at, amount) VALUES (?1, '下单', ?2, 10)",
                params![id, t],
            )
            .unwrap();
            id
        })
        .collect()
}

/// Orders at local midnight of dates in the winter (EST) and summer (EDT) of 1997–98, as an
/// import of a date-only file on a New York machine stores them.
fn new_york_orders() -> Vec<(i64, i64)> {
    vec![
        (at(&New_York, 1997, 1, 15, 0), 197),
        (at(&New_York, 1997, 3, 8, 0), 145),
        (at(&New_York, 1997, 4, 6, 0), 116),
        (at(&New_York, 1997, 6, 30, 0), 31),
        (at(&New_York, 1997, 7, 30, 0), 1),
        (at(&New_York, 1997, 7, 31, 0), 0),
    ]
}

#[test]
fn rfm_recency_counts_calendar_days_in_new_york_across_the_spring_change() {
    let conn = empty_db();
    let cases = new_york_orders();
    let ids = orders(&conn, &cases.iter().map(|c| c.0).collect::<Vec<_>>());
    // Seen from a summer morning: winter orders are whole days less one hour back.
    let calendar = Calendar::new(New_York, at(&New_York, 1997, 7, 31, 0) + 60);
    let rows = rfm::compute_in(&conn, &RfmSettings::default(), &calendar).unwrap();
    for (id, (_, days)) in ids.iter().zip(&cases) {
        let row = rows.iter().find(|r| r.customer_id == *id).unwrap();
        assert_eq!(row.recency_days, *days, "customer {id}");
    }
}

#[test]
fn rfm_recency_counts_calendar_days_in_new_york_across_the_autumn_change() {
    let conn = empty_db();
    let summer = at(&New_York, 1997, 10, 20, 23);
    let ids = orders(&conn, &[summer, at(&New_York, 1997, 10, 26, 0)]);
    // 1997-10-26 ended summer time; now is just after midnight of a winter day.
    let calendar = Calendar::new(New_York, at(&New_York, 1997, 11, 1, 0) + 60);
    let rows = rfm::compute_in(&conn, &RfmSettings::default(), &calendar).unwrap();
    let days: Vec<i64> = ids
        .iter()
        .map(|id| {
            rows.iter()
                .find(|r| r.customer_id == *id)
                .unwrap()
                .recency_days
        })
        .collect();
    assert_eq!(days, vec![12, 6]);
}

#[test]
fn rfm_recency_and_window_count_calendar_days_in_shanghai() {
    let conn = empty_db();
    let now = at(&Shanghai, 2025, 3, 10, 8);
    let ids = orders(
        &conn,
        &[
            at(&Shanghai, 2025, 3, 9, 23),
            at(&Shanghai, 2025, 3, 10, 0),
            at(&Shanghai, 2024, 3, 10, 0),
            at(&Shanghai, 2024, 3, 9, 23),
        ],
    );
    let rows = rfm::compute_in(
        &conn,
        &RfmSettings::default(),
        &Calendar::new(Shanghai, now),
    )
    .unwrap();
    let days: Vec<Option<i64>> = ids
        .iter()
        .map(|id| {
            rows.iter()
                .find(|r| r.customer_id == *id)
                .map(|r| r.recency_days)
        })
        .collect();
    // 2024-03-10 is 365 days back (2024 was a leap year): inside the 365-day window.
    assert_eq!(days, vec![Some(1), Some(0), Some(365), None]);
}

#[test]
fn lifecycle_stages_count_calendar_days_in_new_york_across_daylight_saving() {
    let conn = empty_db();
    let s = LifecycleSettings::default();
    // Now is just after a winter midnight; the orders are at summer-time midnights, so each
    // is a whole number of dates and one hour back.
    let now = at(&New_York, 1997, 11, 25, 0) + 60;
    let cases = [
        ((1997, 10, 26), LifecycleStage::New),
        ((1997, 10, 25), LifecycleStage::Active),
        ((1997, 9, 26), LifecycleStage::Active),
        ((1997, 9, 25), LifecycleStage::Silent),
        ((1997, 5, 29), LifecycleStage::Silent),
        ((1997, 5, 28), LifecycleStage::Lost),
    ];
    let moments: Vec<i64> = cases
        .iter()
        .map(|((y, m, d), _)| at(&New_York, *y, *m, *d, 0))
        .collect();
    let ids = orders(&conn, &moments);
    let stages = lifecycle::compute_in(&conn, &s, &Calendar::new(New_York, now)).unwrap();
    for (id, (date, want)) in ids.iter().zip(&cases) {
        let got = stages.iter().find(|(c, _)| c == id).unwrap().1;
        assert_eq!(got, *want, "an order on {date:?}");
    }
}

fn ordered_within(days: i64) -> Condition {
    Condition::Event {
        kind: "下单".into(),
        property: None,
        within_days: Some(days),
        measure: EventMeasure::Count,
        cmp: Cmp::Ge,
        value: 1.0,
        value2: None,
    }
}

fn created_within(days: i64) -> Condition {
    Condition::Field {
        field: "created_at".into(),
        op: FieldOp::WithinLastDays,
        values: vec![days.to_string()],
    }
}

/// The customers (by position in `ids`) matching `c` on `calendar`.
fn matching(conn: &Connection, c: &Condition, calendar: &Calendar, ids: &[i64]) -> Vec<usize> {
    let index = Index::build(conn).unwrap();
    let set = Ctx::new(conn, &index, calendar.now())
        .with_calendar(calendar.clone())
        .eval(c)
        .unwrap();
    (0..ids.len())
        .filter(|i| set.contains(ids[*i] as u32))
        .collect()
}

#[test]
fn within_the_last_days_counts_calendar_days_in_new_york_across_both_changes() {
    let conn = empty_db();
    // Summer now, winter orders: the spring change lies between.
    let spring = [
        at(&New_York, 1997, 3, 2, 0),
        at(&New_York, 1997, 3, 1, 23) + 1_800,
    ];
    let ids = orders(&conn, &spring);
    let calendar = Calendar::new(New_York, at(&New_York, 1997, 6, 1, 0) + 60);
    assert_eq!(
        matching(&conn, &ordered_within(91), &calendar, &ids),
        vec![0]
    );
    // Winter now, summer orders: the autumn change lies between.
    let conn = empty_db();
    let autumn = [
        at(&New_York, 1997, 10, 1, 0),
        at(&New_York, 1997, 9, 30, 23),
    ];
    let ids = orders(&conn, &autumn);
    let calendar = Calendar::new(New_York, at(&New_York, 1997, 12, 1, 0) + 60);
    assert_eq!(
        matching(&conn, &ordered_within(61), &calendar, &ids),
        vec![0]
    );
}

#[test]
fn a_moment_field_within_the_last_days_uses_its_own_dates_offset_in_new_york() {
    let conn = empty_db();
    let ids: Vec<i64> = (0..2)
        .map(|i| add_customer(&conn, &format!("客户{i}"), None, None))
        .collect();
    // Created at 00:30 summer time, 1997-07-01: with winter's offset it read as June 30.
    let created = [
        at(&New_York, 1997, 7, 1, 0) + 1_800,
        at(&New_York, 1997, 6, 30, 23),
    ];
    for (id, t) in ids.iter().zip(created) {
        conn.execute(
            "UPDATE customers SET created_at = ?2 WHERE id = ?1",
            [*id, t],
        )
        .unwrap();
    }
    let calendar = Calendar::new(New_York, at(&New_York, 1997, 12, 1, 12));
    assert_eq!(
        matching(&conn, &created_within(153), &calendar, &ids),
        vec![0]
    );
}

#[test]
fn within_the_last_days_counts_calendar_days_in_shanghai() {
    let conn = empty_db();
    let ids = orders(
        &conn,
        &[at(&Shanghai, 2025, 3, 3, 0), at(&Shanghai, 2025, 3, 2, 23)],
    );
    let calendar = Calendar::new(Shanghai, at(&Shanghai, 2025, 3, 10, 0) + 60);
    assert_eq!(
        matching(&conn, &ordered_within(7), &calendar, &ids),
        vec![0]
    );
}

/// Set by the parent of [`the_machine_zone_counts_days_when_tz_is_new_york`].
const CHILD: &str = "TAGDESK_TEST_TZ_CHILD";

/// The default calendar is the machine's: this test runs itself again with TZ set to
/// America/New_York, and the child checks RFM recency, lifecycle stages and an event window
/// through the plain entry points (`rfm::compute`, `lifecycle::compute`, `Ctx::new`).
#[test]
fn the_machine_zone_counts_days_when_tz_is_new_york() {
    if std::env::var_os(CHILD).is_some() {
        let conn = empty_db();
        let cases = new_york_orders();
        let ids = orders(&conn, &cases.iter().map(|c| c.0).collect::<Vec<_>>());
        let now = at(&New_York, 1997, 7, 31, 0) + 60;
        let rows = rfm::compute(&conn, &RfmSettings::default(), now).unwrap();
        for (id, (_, days)) in ids.iter().zip(&cases) {
            let row = rows.iter().find(|r| r.customer_id == *id).unwrap();
            assert_eq!(row.recency_days, *days, "customer {id}");
        }
        let stages = lifecycle::compute(&conn, &LifecycleSettings::default(), now).unwrap();
        let stage_of = |id: &i64| stages.iter().find(|(c, _)| c == id).unwrap().1;
        assert_eq!(stage_of(&ids[1]), LifecycleStage::Silent, "145 days");
        assert_eq!(stage_of(&ids[3]), LifecycleStage::Active, "31 days");
        assert_eq!(stage_of(&ids[4]), LifecycleStage::New, "1 day");
        let index = Index::build(&conn).unwrap();
        let within = Ctx::new(&conn, &index, now)
            .eval(&ordered_within(116))
            .unwrap();
        let hit: Vec<usize> = (0..ids.len())
            .filter(|i| within.contains(ids[*i] as u32))
            .collect();
        assert_eq!(hit, vec![2, 3, 4, 5], "orders at most 116 days old");
        return;
    }
    let name = "days::the_machine_zone_counts_days_when_tz_is_new_york";
    let out = std::process::Command::new(std::env::current_exe().unwrap())
        .args([name, "--exact", "--test-threads=1"])
        .env("TZ", "America/New_York")
        .env(CHILD, "1")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success() && stdout.contains("1 passed"),
        "the child under TZ=America/New_York failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
