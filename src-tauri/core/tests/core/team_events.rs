//! Events travel between a team's laptops (issue 18, docs/TEAM.md §1): an event added by hand
//! or imported reaches the others once, under one uid everywhere; undoing the import removes
//! its events everywhere and the redo brings back the same ones; events whose customer or kind
//! a laptop lacks wait in its inbox; a joiner has the uids of the snapshot's events; RFM on
//! the receiving laptop follows the events it received.

use super::team_exchange::{cases, customers, later, own, send, team_of};
use super::team_folder::owner;
use rusqlite::Connection;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;
use tagdesk_core::customers::{self as cust, CustomerInput};
use tagdesk_core::events::{self, EventInput, EventKindInput};
use tagdesk_core::follow_up;
use tagdesk_core::import::{self, ImportReport, ImportSpec};
use tagdesk_core::operations;
use tagdesk_core::team::{self, inbox::Case, wire::Change};
use tagdesk_core::work::Work;
use tagdesk_core::{db, rfm, value};

/// 2025-12-01, noon UTC.
const DECEMBER: i64 = 1_764_590_400;

/// Every event by global ids, with its values: what must be equal across the team.
pub(super) fn events_by_uid(conn: &Connection) -> Vec<String> {
    let mut stmt = conn
        .prepare(
            "SELECT e.uid || ' ' || c.uid || ' ' || e.kind || ' ' || e.occurred_at || ' '
                 || ifnull(e.amount, '-') || ' ' || e.properties
             FROM events e JOIN customers c ON c.id = e.customer_id ORDER BY e.uid",
        )
        .unwrap();
    stmt.query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

fn copies_of(conn: &Connection, uid: &str) -> i64 {
    conn.query_row("SELECT count(*) FROM events WHERE uid = ?1", [uid], |r| {
        r.get(0)
    })
    .unwrap()
}

fn event_uid(conn: &Connection, id: i64) -> String {
    conn.query_row("SELECT uid FROM events WHERE id = ?1", [id], |r| r.get(0))
        .unwrap()
}

fn order(conn: &Connection, customer: i64, at: i64, amount: f64) -> i64 {
    let input = EventInput {
        customer_id: customer,
        kind: "下单".into(),
        occurred_at: at,
        amount: Some(amount),
        properties: BTreeMap::from([("product".to_string(), "茶叶".to_string())]),
    };
    events::add(conn, &input, "t").unwrap()
}

/// A file of `n` orders of the customers of `conn` that have a phone, one a day.
fn orders_file(dir: &Path, conn: &Connection, n: usize) -> PathBuf {
    let phones: Vec<String> = conn
        .prepare("SELECT phone FROM customers WHERE phone IS NOT NULL AND deleted_at IS NULL")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let rows: Vec<String> = (0..n)
        .map(|i| {
            let day = chrono::NaiveDate::from_ymd_opt(2025, 1, 1).unwrap()
                + chrono::Duration::days((i % 300) as i64);
            format!(
                "{},下单,{},{}",
                phones[i % phones.len()],
                day.format("%Y-%m-%d"),
                100 + i
            )
        })
        .collect();
    orders_csv(dir, "订单.csv", &rows)
}

/// The orders file `name` in `dir`: `rows` (phone, event, date, amount) under the header the
/// events import maps.
pub(super) fn orders_csv(dir: &Path, name: &str, rows: &[String]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(
        &path,
        format!("手机号,事件,日期,金额\n{}\n", rows.join("\n")),
    )
    .unwrap();
    path
}

/// Imports the events file at `path` as the app does.
pub(super) fn import_events(conn: &mut Connection, path: &Path) -> ImportReport {
    import::run(
        conn,
        &ImportSpec::events(path),
        "t",
        &|_, _| {},
        &AtomicBool::new(false),
    )
    .unwrap()
}

fn import_orders(conn: &mut Connection, path: &Path) -> i64 {
    let report = import_events(conn, path);
    assert!(report.summary.new > 0, "{:?}", report.problems);
    latest(conn)
}

pub(super) fn latest(conn: &Connection) -> i64 {
    conn.query_row("SELECT max(id) FROM operations", [], |r| r.get(0))
        .unwrap()
}

fn undo(conn: &mut Connection, id: i64) -> i64 {
    operations::undo(conn, &[id], "t").unwrap().undo_operations[0]
}

fn uids_added_by(conn: &Connection, operation: i64) -> Vec<String> {
    own(conn)
        .into_iter()
        .filter(|op| op.uid == operation_uid(conn, operation))
        .flat_map(|op| op.changes)
        .flat_map(|c| match c {
            Change::Events { events, .. } => events.into_iter().map(|e| e.uid).collect(),
            _ => Vec::new(),
        })
        .collect()
}

fn operation_uid(conn: &Connection, id: i64) -> String {
    conn.query_row("SELECT uid FROM operations WHERE id = ?1", [id], |r| {
        r.get(0)
    })
    .unwrap()
}

#[test]
fn an_event_added_by_hand_reaches_the_other_laptop_once_even_when_sent_twice() {
    let dir = tempfile::tempdir().unwrap();
    let mut team = team_of(2, dir.path());
    let customer = customers(&team[0])[3];
    let id = order(&team[0], customer, DECEMBER, 88.5);
    let uid = event_uid(&team[0], id);

    send(&mut team, 0, 1);
    let sent = own(&team[0]);
    let again = team::apply(&mut team[1], &sent).unwrap();
    assert_eq!((again.applied, again.already), (0, 1));
    assert_eq!(copies_of(&team[1], &uid), 1, "the event is there once");
    assert_eq!(events_by_uid(&team[0]), events_by_uid(&team[1]));

    // The same event in another operation (an undone deletion) adds nothing a second time.
    events::delete(&team[0], id, "t").unwrap();
    let deletion = latest(&team[0]);
    undo(&mut team[0], deletion);
    send(&mut team, 0, 1);
    assert_eq!(copies_of(&team[1], &uid), 1);
    assert_eq!(events_by_uid(&team[0]), events_by_uid(&team[1]));
    assert!(cases(&team[1]).is_empty(), "{:?}", cases(&team[1]));
}

#[test]
fn an_events_import_travels_as_one_operation_and_its_undo_and_redo_follow() {
    let dir = tempfile::tempdir().unwrap();
    let mut team = team_of(2, dir.path());
    let file = orders_file(dir.path(), &team[0], 500);
    let import = import_orders(&mut team[0], &file);
    let sent = own(&team[0]);
    assert_eq!(sent.len(), 1, "one operation for the whole file");
    let uids = uids_added_by(&team[0], import);
    assert_eq!(uids.len(), 500, "every row of the file travels");

    send(&mut team, 0, 1);
    assert_eq!(events_by_uid(&team[0]), events_by_uid(&team[1]));
    let customers_counted = |conn: &Connection| -> i64 {
        conn.query_row(
            "SELECT customers FROM operations WHERE uid = ?1",
            [&sent[0].uid],
            |r| r.get(0),
        )
        .unwrap()
    };
    assert!(customers_counted(&team[0]) > 0);
    assert_eq!(
        customers_counted(&team[1]),
        customers_counted(&team[0]),
        "the history there counts the customers the import gave events to"
    );

    later();
    let undone = undo(&mut team[0], import);
    send(&mut team, 0, 1);
    assert!(
        uids.iter().all(|u| copies_of(&team[1], u) == 0),
        "undoing the import removed its events on the other laptop"
    );
    assert_eq!(events_by_uid(&team[0]), events_by_uid(&team[1]));

    later();
    undo(&mut team[0], undone);
    send(&mut team, 0, 1);
    assert!(
        uids.iter().all(|u| copies_of(&team[1], u) == 1),
        "the redo brought back the same events, under the same uids"
    );
    assert_eq!(events_by_uid(&team[0]), events_by_uid(&team[1]));
    assert!(cases(&team[1]).is_empty(), "{:?}", cases(&team[1]));
}

#[test]
fn a_removal_that_arrives_before_the_event_keeps_it_away() {
    let dir = tempfile::tempdir().unwrap();
    let mut team = team_of(3, dir.path());
    let id = order(&team[0], customers(&team[0])[0], DECEMBER, 10.0);
    let uid = event_uid(&team[0], id);
    send(&mut team, 0, 1);
    later();
    let here = team[1]
        .query_row("SELECT id FROM events WHERE uid = ?1", [&uid], |r| r.get(0))
        .unwrap();
    events::delete(&team[1], here, "t").unwrap();
    // Laptop 2 hears of the deletion first, then of the adding.
    send(&mut team, 1, 2);
    send(&mut team, 0, 2);
    assert_eq!(copies_of(&team[2], &uid), 0);
    send(&mut team, 1, 0);
    assert_eq!(events_by_uid(&team[0]), events_by_uid(&team[2]));
    assert_eq!(events_by_uid(&team[1]), events_by_uid(&team[2]));
}

#[test]
fn events_whose_customer_or_kind_the_receiver_lacks_wait_in_its_inbox() {
    let dir = tempfile::tempdir().unwrap();
    let mut team = team_of(2, dir.path());
    let input = CustomerInput {
        name: "新客户".into(),
        ..Default::default()
    };
    let newcomer = cust::create(&team[0], &input, "t").unwrap();
    let id = order(&team[0], newcomer, DECEMBER, 5.0);
    let kind = EventKindInput {
        name: "到店".into(),
        description: String::new(),
        properties: Vec::new(),
        is_order: false,
    };
    events::create_kind(&team[0], &kind, "t").unwrap();
    let visit = EventInput {
        customer_id: customers(&team[0])[0],
        kind: "到店".into(),
        occurred_at: DECEMBER,
        amount: None,
        properties: BTreeMap::new(),
    };
    let visit = events::add(&team[0], &visit, "t").unwrap();
    let ops = own(&team[0]);
    assert_eq!(ops.len(), 4);
    // Only the two events arrive: not the customer, not the kind.
    team::apply(&mut team[1], &[ops[1].clone(), ops[3].clone()]).unwrap();

    let (customer_uid, order_kind, visit_kind): (String, String, String) = team[0]
        .query_row(
            "SELECT (SELECT uid FROM customers WHERE id = ?1),
                    (SELECT uid FROM event_kinds WHERE name = '下单'),
                    (SELECT uid FROM event_kinds WHERE name = '到店')",
            [newcomer],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert_eq!(
        cases(&team[1]),
        vec![
            Case::EventsOfUnknownCustomers {
                event_kind: order_kind,
                customers: vec![customer_uid],
                events: vec![event_uid(&team[0], id)],
            },
            Case::EventsOfUnknownKind {
                event_kind: visit_kind,
                events: vec![event_uid(&team[0], visit)],
            },
        ]
    );
    assert_eq!(copies_of(&team[1], &event_uid(&team[0], id)), 0);
}

#[test]
fn an_event_of_a_kind_removed_here_comes_back_with_the_kind_when_the_removal_is_undone() {
    let dir = tempfile::tempdir().unwrap();
    let mut team = team_of(2, dir.path());
    let id = order(&team[0], customers(&team[0])[2], DECEMBER, 12.0);
    let uid = event_uid(&team[0], id);
    let kind = events::find_kind(&team[1], "下单").unwrap().unwrap().id;
    events::delete_kind(&team[1], kind, true, "t").unwrap();
    let removal = latest(&team[1]);

    send(&mut team, 0, 1);
    assert_eq!(
        copies_of(&team[1], &uid),
        0,
        "kept aside with the kind's events"
    );
    assert!(cases(&team[1]).is_empty(), "{:?}", cases(&team[1]));
    later();
    undo(&mut team[1], removal);
    assert_eq!(copies_of(&team[1], &uid), 1, "back with the kind");

    send(&mut team, 1, 0);
    assert_eq!(events_by_uid(&team[0]), events_by_uid(&team[1]));
}

/// An empty shared folder, and the owner's database (not in a team yet) with an import of 40
/// orders made; returns the import's operation.
fn shared_and_owner_with_import(dir: &Path) -> (PathBuf, Connection, i64) {
    let shared = dir.join("共享");
    std::fs::create_dir_all(&shared).unwrap();
    let mut a = owner(dir);
    let file = orders_file(dir, &a, 40);
    let import = import_orders(&mut a, &file);
    (shared, a, import)
}

#[test]
fn a_joiner_has_the_snapshots_event_uids_and_removals_of_those_events_reach_it() {
    let dir = tempfile::tempdir().unwrap();
    // An import made before the team started, undone after a colleague joined.
    let (shared, mut a, import) = shared_and_owner_with_import(dir.path());
    // An event added by hand by a TagDesk before events had uids: neither its row nor the
    // history's image of it has one. Its adding is undone after the colleague joined.
    let old = order(&a, customers(&a)[0], DECEMBER, 7.0);
    let adding = latest(&a);
    a.execute("UPDATE events SET uid = NULL WHERE id = ?1", [old])
        .unwrap();
    a.execute(
        "UPDATE operations SET detail = json_remove(detail, '$.after.event.uid') WHERE id = ?1",
        [adding],
    )
    .unwrap();
    let without: i64 = a
        .query_row("SELECT count(*) FROM events WHERE uid IS NULL", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert!(without > 40, "events made outside a team have no uid yet");
    team::start(&a, &shared, "华东销售", "老王", 1_000).unwrap();
    let joined = dir.path().join("colleague.sqlite");
    team::join(&shared, &joined, "小李的笔记本", "小李", 1_001).unwrap();
    let mut b = db::open(&joined).unwrap();
    let missing: i64 = b
        .query_row("SELECT count(*) FROM events WHERE uid IS NULL", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(missing, 0, "every event of the snapshot has its uid");
    assert_eq!(events_by_uid(&a), events_by_uid(&b));

    let (by_hand, uid): (i64, String) = a
        .query_row(
            "SELECT id, uid FROM events WHERE source_key IS NULL ORDER BY id LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    events::delete(&a, by_hand, "t").unwrap();
    undo(&mut a, import);
    let old = event_uid(&a, old);
    undo(&mut a, adding);
    team::exchange_now(&mut a, 2_000).unwrap();
    team::exchange_now(&mut b, 2_001).unwrap();
    assert_eq!(copies_of(&b, &uid), 0, "the deletion reached the colleague");
    assert_eq!(
        copies_of(&b, &old),
        0,
        "so did undoing an adding made before uids"
    );
    assert_eq!(
        events_by_uid(&a),
        events_by_uid(&b),
        "the undone import's events are gone there too"
    );
}

/// Takes the database at `path` back to schema 23, as a TagDesk before events had uids left it.
fn before_event_uids(path: &Path) {
    let conn = Connection::open(path).unwrap();
    conn.execute_batch(
        "DROP INDEX events_uid; DROP INDEX removed_events_uid;
         DROP INDEX operation_removed_events_uid;
         ALTER TABLE events DROP COLUMN uid; ALTER TABLE removed_events DROP COLUMN uid;
         ALTER TABLE operation_removed_events DROP COLUMN uid;
         DROP TABLE team_event_clocks;
         DROP TABLE team_node_places; DROP TABLE team_node_origins;
         CREATE TABLE team_node_moves(node_id INTEGER PRIMARY KEY, before TEXT NOT NULL);
         DROP TABLE hub_forgotten_groups; DROP TABLE hub_group_owners; DROP TABLE team_hub; DROP TABLE tag_usage; ALTER TABLE tag_nodes DROP COLUMN core;
         DROP INDEX tag_batches_tag; DROP INDEX tag_history_tag;
         DELETE FROM meta WHERE key = 'tag_usage_since';
         PRAGMA user_version = 23;",
    )
    .unwrap();
}

#[test]
fn a_team_formed_before_events_had_uids_gives_the_same_uids_on_every_laptop_when_it_updates() {
    let dir = tempfile::tempdir().unwrap();
    let (shared, a, import) = shared_and_owner_with_import(dir.path());
    team::start(&a, &shared, "华东销售", "老王", 1_000).unwrap();
    let joined = dir.path().join("colleague.sqlite");
    team::join(&shared, &joined, "小李的笔记本", "小李", 1_001).unwrap();
    drop(a);
    let owned = dir.path().join("owner.sqlite");
    before_event_uids(&owned);
    before_event_uids(&joined);

    let (mut a, mut b) = (db::open(&owned).unwrap(), db::open(&joined).unwrap());
    let missing: i64 = a
        .query_row("SELECT count(*) FROM events WHERE uid IS NULL", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(missing, 0, "the update gave every event its uid");
    assert_eq!(
        events_by_uid(&a),
        events_by_uid(&b),
        "the same uids on both laptops"
    );
    undo(&mut a, import);
    team::exchange_now(&mut a, 2_000).unwrap();
    team::exchange_now(&mut b, 2_001).unwrap();
    assert_eq!(
        events_by_uid(&a),
        events_by_uid(&b),
        "undoing the import removed its events on the colleague's laptop too"
    );
}

/// RFM tags by customer uid and tag name (the RFM group is made on each laptop).
fn rfm_tags(conn: &Connection) -> Vec<(String, String)> {
    let mut stmt = conn
        .prepare(
            "SELECT c.uid, t.name FROM assignments a JOIN customers c ON c.id = a.customer_id
             JOIN tag_nodes t ON t.id = a.tag_id WHERE a.source = 'rfm' ORDER BY 1, 2",
        )
        .unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

#[test]
fn rfm_on_the_receiving_laptop_follows_the_events_it_received() {
    let dir = tempfile::tempdir().unwrap();
    let mut team = team_of(2, dir.path());
    let now = DECEMBER + 86_400;
    for conn in team.iter_mut() {
        rfm::run(conn, now, "t").unwrap();
    }
    let before = rfm_tags(&team[1]);
    let quiet = customers(&team[0])
        .into_iter()
        .rev()
        .find(|&c| {
            team[0]
                .query_row(
                    "SELECT count(*) FROM events WHERE customer_id = ?1",
                    [c],
                    |r| r.get::<_, i64>(0),
                )
                .unwrap()
                == 0
        })
        .unwrap_or(customers(&team[0])[0]);
    for day in 0..6 {
        order(&team[0], quiet, DECEMBER - day * 86_400, 50_000.0);
    }
    rfm::run(&mut team[0], now, "t").unwrap();

    send(&mut team, 0, 1);
    let owed = follow_up::pending(&team[1]).unwrap();
    let exchange = owed
        .iter()
        .find(|w| w.work == Work::TeamExchange)
        .expect("the exchange owes follow-up work");
    assert!(
        exchange.refresh_value,
        "events came: RFM and lifecycle rerun"
    );
    // What the desk does with it (desk/follow_up.rs), at the clock laptop 0 ran RFM at.
    value::refresh_after_events(&mut team[1], now, "t").unwrap();
    let after = rfm_tags(&team[1]);
    assert_ne!(after, before, "the received orders moved RFM classes");
    assert_eq!(after, rfm_tags(&team[0]));
}

#[test]
fn an_operation_with_events_is_written_in_the_format_that_added_them_the_others_as_before() {
    // An app of the version before events reads format 1: it keeps an events operation
    // pending ("update TagDesk") and still applies every other operation.
    let dir = tempfile::tempdir().unwrap();
    let team = team_of(2, dir.path());
    let customer = customers(&team[0])[1];
    order(&team[0], customer, DECEMBER, 12.0);
    cust::update(
        &team[0],
        customer,
        &CustomerInput {
            city: Some("宁波".into()),
            ..cust::get(&team[0], customer).unwrap().input
        },
        "t",
    )
    .unwrap();
    let sent = own(&team[0]);
    let formats: Vec<(bool, u16)> = sent
        .iter()
        .map(|op| {
            let events = op
                .changes
                .iter()
                .any(|c| matches!(c, Change::Events { .. } | Change::EventsRemoved { .. }));
            (events, op.format)
        })
        .collect();
    assert_eq!(formats, vec![(true, 2), (false, 1)]);
}
