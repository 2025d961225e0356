//! The same events file imported on two laptops (issue 18, docs/TEAM.md "Events"): an imported
//! event's uid is made from its row's key, so after exchange each event is there once on every
//! laptop, in whatever order the imports arrive; two identical orders of one day stay two; a
//! file overlapping another adds only its own rows; undoing either import removes the events
//! on every laptop when it is the latest change of them, as undoing the first of two imports of
//! one file does on one laptop, and an import made later brings them back everywhere.

use super::team_events::{events_by_uid, import_events, latest, orders_csv};
use super::team_exchange::{cases, later, send, team_of};
use rusqlite::Connection;
use std::path::Path;
use tagdesk_core::customers::{self as cust, CustomerInput};
use tagdesk_core::events;
use tagdesk_core::import::ImportSummary;
use tagdesk_core::{operations, team};

/// `n` order rows of the team's customers (the same on every laptop), one a day; the second
/// row repeats the first: the same customer bought the same thing twice that day.
fn order_rows(conn: &Connection, n: usize) -> Vec<String> {
    let phones: Vec<String> = conn
        .prepare("SELECT phone FROM customers WHERE phone IS NOT NULL ORDER BY uid")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let mut rows: Vec<String> = (0..n)
        .map(|i| {
            let day = chrono::NaiveDate::from_ymd_opt(2025, 3, 1).unwrap()
                + chrono::Duration::days(i as i64);
            format!(
                "{},下单,{},{}",
                phones[i % phones.len()],
                day.format("%Y-%m-%d"),
                200 + i
            )
        })
        .collect();
    rows[1] = rows[0].clone();
    rows
}

/// Imports `path`; its summary and operation.
fn import(conn: &mut Connection, path: &Path) -> (ImportSummary, i64) {
    let report = import_events(conn, path);
    assert_eq!(report.summary.rejected, 0, "{:?}", report.problems);
    (report.summary, latest(conn))
}

fn events(conn: &Connection) -> i64 {
    conn.query_row("SELECT count(*) FROM events", [], |r| r.get(0))
        .unwrap()
}

/// The events of the first row's order (customer, day, amount): two, as the file has it twice.
fn first_order_copies(conn: &Connection, row: &str) -> i64 {
    let cells: Vec<&str> = row.split(',').collect();
    conn.query_row(
        "SELECT count(*) FROM events e JOIN customers c ON c.id = e.customer_id
         WHERE c.phone = ?1 AND e.amount = ?2 AND e.source_key IS NOT NULL",
        rusqlite::params![cells[0], cells[3].parse::<f64>().unwrap()],
        |r| r.get(0),
    )
    .unwrap()
}

/// Every laptop holds `n` events, `why` so.
fn each_holds(team: &[Connection], n: i64, why: &str) {
    for (i, conn) in team.iter().enumerate() {
        assert_eq!(events(conn), n, "laptop {i}: {why}");
    }
}

fn assert_all_same(team: &[Connection], what: &str) {
    let first = events_by_uid(&team[0]);
    for (i, conn) in team.iter().enumerate().skip(1) {
        assert_eq!(events_by_uid(conn), first, "{what}: laptop {i} differs");
    }
    for (i, conn) in team.iter().enumerate() {
        assert!(
            cases(conn).is_empty(),
            "{what}: laptop {i} {:?}",
            cases(conn)
        );
    }
}

/// Laptops of one team, each with its team row: events imported there get their uid as they
/// are written, so an import undone before it first travels still sends its removal.
fn team_in(dir: &Path, n: usize) -> Vec<Connection> {
    let team = team_of(n, dir);
    for conn in &team {
        conn.execute(
            "INSERT INTO team(id, team_id, name, folder, device_name, person, joined_at,
                 first_operation_id)
             VALUES (1, 'team-same-events', '销售部', '', 'laptop', '王芳', 1000, 0)",
            [],
        )
        .unwrap();
    }
    team
}

fn undo(conn: &mut Connection, id: i64) {
    operations::undo(conn, &[id], "t").unwrap();
}

#[test]
fn the_same_file_imported_on_two_laptops_is_there_once_everywhere_whatever_the_order() {
    let dir = tempfile::tempdir().unwrap();
    let mut team = team_in(dir.path(), 3);
    let before = events(&team[0]);
    let rows = order_rows(&team[0], 40);
    let path = orders_csv(dir.path(), "三月订单.csv", &rows);
    let (boss, _) = import(&mut team[0], &path);
    later();
    let (rep, _) = import(&mut team[1], &path);
    assert_eq!(
        (boss.new, rep.new),
        (40, 40),
        "each laptop imported every row"
    );

    send(&mut team, 0, 1);
    send(&mut team, 1, 0);
    // Laptop 2 hears of the later import first.
    send(&mut team, 1, 2);
    send(&mut team, 0, 2);
    for (i, conn) in team.iter().enumerate() {
        assert_eq!(events(conn), before + 40, "laptop {i}: each order once");
        assert_eq!(
            first_order_copies(conn, &rows[0]),
            2,
            "laptop {i}: the same order twice on one day is two orders"
        );
    }
    assert_all_same(&team, "after exchange");

    let (again, _) = import(&mut team[2], &path);
    assert_eq!(
        (again.new, again.unchanged),
        (0, 40),
        "importing the file where both imports arrived adds nothing, as on one laptop"
    );
}

#[test]
fn a_file_that_overlaps_a_colleagues_adds_only_the_rows_it_alone_has() {
    let dir = tempfile::tempdir().unwrap();
    let mut team = team_in(dir.path(), 2);
    let before = events(&team[0]);
    let mut rows = order_rows(&team[0], 60);
    // Two identical orders in the part both files hold.
    rows[31] = rows[30].clone();
    let february = orders_csv(dir.path(), "二月.csv", &rows[..40]);
    let march = orders_csv(dir.path(), "三月.csv", &rows[20..]);
    import(&mut team[0], &february);
    import(&mut team[1], &march);

    send(&mut team, 1, 0);
    send(&mut team, 0, 1);
    for (i, conn) in team.iter().enumerate() {
        assert_eq!(
            events(conn),
            before + 60,
            "laptop {i}: the 20 shared rows once"
        );
        assert_eq!(first_order_copies(conn, &rows[30]), 2, "laptop {i}");
    }
    assert_all_same(&team, "after exchange");
}

#[test]
fn undoing_either_import_later_removes_the_events_on_every_laptop_and_a_new_import_brings_them_back(
) {
    let dir = tempfile::tempdir().unwrap();
    let mut team = team_in(dir.path(), 3);
    let before = events(&team[0]);
    let path = orders_csv(dir.path(), "三月订单.csv", &order_rows(&team[0], 30));
    let (_, boss) = import(&mut team[0], &path);
    later();
    import(&mut team[1], &path);
    send(&mut team, 1, 0);
    send(&mut team, 0, 1);

    later();
    undo(&mut team[0], boss);
    assert_eq!(events(&team[0]), before, "the undo removed the events here");
    send(&mut team, 0, 1);
    // Laptop 2 hears of the undo before the colleague's import.
    send(&mut team, 0, 2);
    send(&mut team, 1, 2);
    each_holds(
        &team,
        before,
        "the undo is the latest change of those events",
    );
    assert_all_same(&team, "after the undo");

    later();
    let (back, _) = import(&mut team[1], &path);
    assert_eq!(back.new, 30, "the file is imported again, as on one laptop");
    send(&mut team, 1, 0);
    send(&mut team, 1, 2);
    each_holds(&team, before + 30, "back once");
    assert_all_same(&team, "after the new import");
}

#[test]
fn an_import_made_after_a_colleagues_undo_it_had_not_seen_keeps_the_events_everywhere() {
    let dir = tempfile::tempdir().unwrap();
    let mut team = team_in(dir.path(), 3);
    let before = events(&team[0]);
    let path = orders_csv(dir.path(), "三月订单.csv", &order_rows(&team[0], 30));
    let (_, boss) = import(&mut team[0], &path);
    later();
    undo(&mut team[0], boss);
    later();
    // The rep imports the file offline, after the boss's undo.
    import(&mut team[1], &path);

    send(&mut team, 0, 1);
    send(&mut team, 1, 0);
    send(&mut team, 1, 2);
    send(&mut team, 0, 2);
    each_holds(&team, before + 30, "the later import wins");
    assert_all_same(&team, "after exchange");
}

#[test]
fn an_undo_later_than_a_colleagues_import_it_had_not_seen_removes_the_events_everywhere() {
    let dir = tempfile::tempdir().unwrap();
    let mut team = team_in(dir.path(), 3);
    let before = events(&team[0]);
    let path = orders_csv(dir.path(), "三月订单.csv", &order_rows(&team[0], 30));
    import(&mut team[1], &path);
    later();
    let (_, boss) = import(&mut team[0], &path);
    later();
    undo(&mut team[0], boss);

    send(&mut team, 1, 0);
    send(&mut team, 0, 1);
    send(&mut team, 0, 2);
    send(&mut team, 1, 2);
    each_holds(&team, before, "the undo is the latest change");
    assert_all_same(&team, "after exchange");
}

#[test]
fn the_same_person_created_on_two_laptops_gets_the_files_orders_once() {
    let dir = tempfile::tempdir().unwrap();
    let mut team = team_in(dir.path(), 2);
    let person = |name: &str| CustomerInput {
        name: name.to_string(),
        phone: Some("13900007777".into()),
        ..CustomerInput::default()
    };
    cust::create(&team[0], &person("林木"), "t").unwrap();
    later();
    cust::create(&team[1], &person("林木（门店）"), "t").unwrap();
    let rows = vec![
        "13900007777,下单,2025-04-01,66".to_string(),
        "13900007777,下单,2025-04-01,66".to_string(),
        "13900007777,下单,2025-04-09,120".to_string(),
    ];
    let path = orders_csv(dir.path(), "四月.csv", &rows);
    import(&mut team[0], &path);
    import(&mut team[1], &path);

    send(&mut team, 1, 0);
    send(&mut team, 0, 1);
    for (i, conn) in team.iter().enumerate() {
        let orders: i64 = conn
            .query_row(
                "SELECT count(*) FROM events e JOIN customers c ON c.id = e.customer_id
                 WHERE c.phone = '13900007777'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(
            orders, 3,
            "laptop {i}: one customer with the file's three orders"
        );
    }
    assert_all_same(&team, "after exchange");
}

#[test]
fn an_imported_event_has_the_uid_made_from_its_row_in_a_team_and_from_its_start() {
    let dir = tempfile::tempdir().unwrap();
    let shared = dir.path().join("共享");
    std::fs::create_dir_all(&shared).unwrap();
    let mut conn = super::team_folder::owner(dir.path());
    let rows = order_rows(&conn, 20);
    // Imported before the team starts: no uid until it does.
    import(&mut conn, &orders_csv(dir.path(), "一月.csv", &rows[..10]));
    team::start(&conn, &shared, "销售部", "王芳", 1_000).unwrap();
    // Imported in the team: its uid as it is written.
    import(&mut conn, &orders_csv(dir.path(), "二月.csv", &rows[10..]));
    let mut stmt = conn
        .prepare("SELECT source_key, uid FROM events WHERE source_key IS NOT NULL")
        .unwrap();
    let keyed: Vec<(i64, String)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(keyed.len(), 20);
    for (key, uid) in keyed {
        assert_eq!(uid, events::imported_uid(key));
    }
}
