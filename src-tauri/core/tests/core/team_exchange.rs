//! Team exchange (issue 18, docs/TEAM.md §4): laptops that copied one database, tag customers
//! offline, exchange their operations in any order, with duplicates, and end with the same
//! tags; concurrent single-select sets keep the later one and go to the inbox.

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use rusqlite::Connection;
use std::path::{Path, PathBuf};
use tagdesk_core::demo::{self, DemoSpec};
use tagdesk_core::tagging::{self, TagSource, TagTarget};
use tagdesk_core::team::{self, inbox::Case, wire::WireOperation};
use tagdesk_core::{db, operations};

/// A team of `n` laptops, each a copy of one demo database made a device of its own.
pub(super) fn team_of(n: usize, dir: &Path) -> Vec<Connection> {
    let first = dir.join("device-0.sqlite");
    {
        let mut conn = db::create(&first).unwrap();
        let spec = DemoSpec {
            customers: 40,
            now: 1_763_000_000,
            ..DemoSpec::small()
        };
        demo::generate(&mut conn, &spec).unwrap();
        // Every event has its global id before the copies are made, as when a team starts.
        conn.execute(
            "UPDATE events SET uid = lower(hex(randomblob(16))) WHERE uid IS NULL",
            [],
        )
        .unwrap();
        conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")
            .unwrap();
    }
    let files: Vec<PathBuf> = (0..n)
        .map(|i| dir.join(format!("device-{i}.sqlite")))
        .collect();
    for file in &files[1..] {
        std::fs::copy(&first, file).unwrap();
    }
    files
        .iter()
        .map(|f| {
            let conn = db::open(f).unwrap();
            team::become_new_device(&conn).unwrap();
            conn
        })
        .collect()
}

fn tag(conn: &Connection, name: &str) -> i64 {
    super::tag(conn, name)
}

pub(super) fn customers(conn: &Connection) -> Vec<i64> {
    let mut stmt = conn
        .prepare("SELECT id FROM customers ORDER BY uid")
        .unwrap();
    stmt.query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

/// Every operation `conn` made itself.
pub(super) fn own(conn: &Connection) -> Vec<WireOperation> {
    team::own_after(conn, 0, usize::MAX >> 1)
        .unwrap()
        .into_iter()
        .map(|(_, op)| op)
        .collect()
}

/// The tags every customer holds, by global ids: what must be equal across the team.
pub(super) fn tags_by_uid(conn: &Connection) -> Vec<(String, String)> {
    let mut stmt = conn
        .prepare(
            "SELECT c.uid, t.uid FROM assignments a JOIN customers c ON c.id = a.customer_id
             JOIN tag_nodes t ON t.id = a.tag_id ORDER BY 1, 2",
        )
        .unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

/// Fails naming only the pairs one laptop has and the other lacks.
fn assert_same_tags(a: &Connection, b: &Connection, what: &str) {
    let (a, b) = (tags_by_uid(a), tags_by_uid(b));
    let only_a: Vec<_> = a.iter().filter(|p| !b.contains(p)).collect();
    let only_b: Vec<_> = b.iter().filter(|p| !a.contains(p)).collect();
    assert!(
        only_a.is_empty() && only_b.is_empty(),
        "{what}: only on the first {only_a:?}, only on the second {only_b:?}"
    );
}

pub(super) fn give(conn: &mut Connection, ids: &[i64], tag: i64) {
    tag_by_hand(conn, ids, tag, true);
}

pub(super) fn take(conn: &mut Connection, ids: &[i64], tag: i64) {
    tag_by_hand(conn, ids, tag, false);
}

fn tag_by_hand(conn: &mut Connection, ids: &[i64], tag: i64, present: bool) {
    let target = TagTarget::Customers { ids: ids.to_vec() };
    let change = if present {
        tagging::add
    } else {
        tagging::remove
    };
    change(conn, &target, tag, TagSource::Manual, "t").unwrap();
}

/// Clocks are milliseconds: a pause makes the next operation later on every laptop.
/// The inbox's open cases, without their ids.
pub(super) fn cases(conn: &Connection) -> Vec<Case> {
    team::inbox::open_cases(conn)
        .unwrap()
        .into_iter()
        .map(|e| e.case)
        .collect()
}

/// Whether `customer` holds `tag` on this laptop.
fn holds(conn: &Connection, tag: i64, customer: i64) -> bool {
    conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM assignments WHERE tag_id = ?1 AND customer_id = ?2)",
        [tag, customer],
        |r| r.get(0),
    )
    .unwrap()
}

pub(super) fn later() {
    std::thread::sleep(std::time::Duration::from_millis(3));
}

#[test]
fn a_tag_given_on_one_laptop_reaches_the_other_and_a_second_exchange_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut team = team_of(2, dir.path());
    let seed = tag(&team[0], "种子用户");
    let ids = customers(&team[0])[..5].to_vec();
    give(&mut team[0], &ids, seed);
    let sent = own(&team[0]);
    assert_eq!(sent.len(), 1, "one operation for five customers");

    let first = team::apply(&mut team[1], &sent).unwrap();
    assert_eq!((first.applied, first.already), (1, 0));
    assert_same_tags(&team[0], &team[1], "after the exchange");
    let before = tags_by_uid(&team[1]);
    let again = team::apply(&mut team[1], &sent).unwrap();
    assert_eq!((again.applied, again.already), (0, 1));
    assert_eq!(tags_by_uid(&team[1]), before);
    // Its own operations coming back change nothing either.
    let echoed = team::apply(&mut team[0], &sent).unwrap();
    assert_eq!(echoed.applied, 0);
    // The received operation is in the history, under the sender's device.
    let device: String = team[1]
        .query_row(
            "SELECT device FROM operations ORDER BY id DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(device, operations::device_id(&team[0]).unwrap());
}

#[test]
fn the_later_of_an_add_and_a_remove_wins_whichever_arrives_first() {
    let dir = tempfile::tempdir().unwrap();
    let mut team = team_of(2, dir.path());
    let seed = tag(&team[0], "种子用户");
    let one = customers(&team[0])[..1].to_vec();
    give(&mut team[0], &one, seed);
    let gave = own(&team[0]);
    team::apply(&mut team[1], &gave).unwrap();
    // Offline: laptop 1 takes it off; later laptop 0 takes it off and gives it back.
    take(&mut team[1], &one, seed);
    later();
    take(&mut team[0], &one, seed);
    later();
    give(&mut team[0], &one, seed);
    let from0 = own(&team[0]);
    let from1 = own(&team[1]);
    team::apply(&mut team[0], &from1).unwrap();
    team::apply(&mut team[1], &from0).unwrap();
    assert_same_tags(&team[0], &team[1], "after the exchange");
    assert!(holds(&team[1], seed, one[0]), "laptop 0 gave it last");
}

#[test]
fn two_laptops_setting_a_single_select_group_keep_the_later_tag_and_list_the_case() {
    let dir = tempfile::tempdir().unwrap();
    let mut team = team_of(2, dir.path());
    let (vip, silver) = (tag(&team[0], "VIP"), tag(&team[0], "银卡"));
    // A customer holding neither: one already holding 银卡 would make laptop 1's set a no-op.
    let one: Vec<i64> = vec![team[0]
        .query_row(
            "SELECT id FROM customers WHERE id NOT IN
                 (SELECT customer_id FROM assignments WHERE tag_id IN (?1, ?2)) LIMIT 1",
            [vip, silver],
            |r| r.get(0),
        )
        .unwrap()];
    give(&mut team[0], &one, vip);
    later();
    give(&mut team[1], &one, silver);
    let from0 = own(&team[0]);
    let from1 = own(&team[1]);
    team::apply(&mut team[0], &from1).unwrap();
    team::apply(&mut team[1], &from0).unwrap();
    assert_same_tags(&team[0], &team[1], "after the exchange");
    for conn in &team {
        let group: Vec<i64> = conn
            .prepare("SELECT tag_id FROM assignments WHERE customer_id = ?1 AND tag_id IN (?2, ?3)")
            .unwrap()
            .query_map([one[0], vip, silver], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        assert_eq!(group, vec![silver], "银卡 was set later");
        let cases = team::inbox::open_cases(conn).unwrap();
        assert_eq!(cases.len(), 1, "{cases:?}");
        let vip_uid: String = conn
            .query_row("SELECT uid FROM tag_nodes WHERE id = ?1", [vip], |r| {
                r.get(0)
            })
            .unwrap();
        assert!(
            matches!(&cases[0].case, Case::SingleSelect { dropped, .. } if *dropped == vip_uid)
        );
    }

    // Laptop 1 uses the other (VIP): once laptop 0 receives that choice, its own case is
    // answered too and closes by itself; both hold VIP.
    let case = team::inbox::open_cases(&team[1]).unwrap()[0].id;
    team::inbox_view::resolve(&mut team[1], case, true, "t", tagdesk_core::clock::now()).unwrap();
    exchange(&mut team);
    for conn in &team {
        assert!(cases(conn).is_empty(), "{:?}", cases(conn));
        let held: i64 = conn
            .query_row(
                "SELECT tag_id FROM assignments WHERE customer_id = ?1 AND tag_id IN (?2, ?3)",
                [one[0], vip, silver],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(held, vip);
    }
}

/// Random offline work on three laptops (multi- and single-select tags given and taken, undo),
/// exchanged in random order with duplicates and partial deliveries, ends with the same tags
/// everywhere once everyone has received everything.
#[test]
fn laptops_that_have_seen_the_same_operations_hold_the_same_tags() {
    for seed in 0..24u64 {
        let dir = tempfile::tempdir().unwrap();
        let mut team = team_of(3, dir.path());
        let mut rng = StdRng::seed_from_u64(seed);
        let names = ["种子用户", "产品试用者", "银卡", "金卡", "VIP"];
        let tags: Vec<i64> = names.iter().map(|n| tag(&team[0], n)).collect();
        let all = customers(&team[0]);
        let pool = &all[..8];
        for _round in 0..20 {
            let d = rng.random_range(0..team.len());
            let conn = &mut team[d];
            match rng.random_range(0..10) {
                0..=3 => {
                    let ids = pick(&mut rng, pool);
                    give(conn, &ids, tags[rng.random_range(0..tags.len())]);
                }
                4..=6 => {
                    let ids = pick(&mut rng, pool);
                    take(conn, &ids, tags[rng.random_range(0..tags.len())]);
                }
                7 => {
                    if let Ok(Some(latest)) = operations::own_latest(conn, "t", None) {
                        let _ = operations::undo(conn, &[latest.id], "t");
                    }
                }
                _ => deliver_partly(&mut rng, &mut team, d),
            }
            later();
        }
        deliver_everything(&mut rng, &mut team);
        for i in 1..team.len() {
            assert_same_tags(&team[0], &team[i], &format!("seed {seed}, laptop {i}"));
        }
    }
}

/// A partial, shuffled, duplicated delivery to laptop `to` from another one.
pub(super) fn deliver_partly(rng: &mut StdRng, team: &mut [Connection], to: usize) {
    let from = (to + 1 + rng.random_range(0..team.len() - 1)) % team.len();
    let mut ops = own(&team[from]);
    let keep = rng.random_range(0..=ops.len());
    ops.truncate(keep);
    let dup = ops.clone();
    ops.extend(dup);
    shuffle(rng, &mut ops);
    team::apply(&mut team[to], &ops).unwrap();
}

/// Every laptop receives every operation, each in its own shuffled order.
pub(super) fn deliver_everything(rng: &mut StdRng, team: &mut [Connection]) {
    let everything: Vec<WireOperation> = team.iter().flat_map(own).collect();
    for conn in team {
        let mut ops = everything.clone();
        shuffle(rng, &mut ops);
        team::apply(conn, &ops).unwrap();
    }
}

/// Sends everything laptop `from` made to laptop `to`.
pub(super) fn send(team: &mut [Connection], from: usize, to: usize) {
    let ops = own(&team[from]);
    team::apply(&mut team[to], &ops).unwrap();
}

/// Laptops 0 and 1 send each other everything, so both have seen the same operations.
pub(super) fn exchange(team: &mut [Connection]) {
    send(team, 0, 1);
    send(team, 1, 0);
}

pub(super) fn pick(rng: &mut StdRng, pool: &[i64]) -> Vec<i64> {
    let n = rng.random_range(1..=3);
    (0..n)
        .map(|_| pool[rng.random_range(0..pool.len())])
        .collect()
}

pub(super) fn shuffle<T>(rng: &mut StdRng, items: &mut [T]) {
    for i in (1..items.len()).rev() {
        items.swap(i, rng.random_range(0..=i));
    }
}

/// An exchange remembers how far it looked for own operations not yet worked out for the wire
/// (`outgoing::work_out_pending`). When the newest operation it saw is taken away (as a hub
/// hides one), the next own operation takes its id; it must still be worked out before
/// received changes are ordered against it.
#[test]
fn an_own_change_that_takes_the_id_of_an_operation_taken_away_still_orders_received_ones() {
    let dir = tempfile::tempdir().unwrap();
    let mut team = team_of(2, dir.path());
    let seed = tag(&team[0], "种子用户");
    // Customers the demo did not give the tag: `other` must lack it for the operation below
    // to change nothing (its uids, so the order, are new in every run).
    let lacking: Vec<i64> = customers(&team[0])
        .into_iter()
        .filter(|&c| !holds(&team[0], seed, c))
        .collect();
    let (one, other) = (&lacking[..1], &lacking[1..2]);
    give(&mut team[0], one, seed);
    let gave = own(&team[0]);
    team::apply(&mut team[1], &gave).unwrap();
    // Laptop 1 takes the tag from a customer who lacks it: on laptop 0 the newest operation
    // when it next exchanges (here with nothing new), taken away there afterwards.
    take(&mut team[1], other, seed);
    let nothing = own(&team[1]);
    team::apply(&mut team[0], &nothing).unwrap();
    team::apply(&mut team[0], &[]).unwrap();
    let newest: i64 = team[0]
        .query_row("SELECT max(id) FROM operations", [], |r| r.get(0))
        .unwrap();
    team[0]
        .execute_batch(&format!(
            "UPDATE received_operations SET operation_id = NULL WHERE operation_id = {newest};
             DELETE FROM operations WHERE id = {newest};"
        ))
        .unwrap();
    // Laptop 1 gives the tag again; later laptop 0 takes it off, in the id given back.
    take(&mut team[1], one, seed);
    give(&mut team[1], one, seed);
    later();
    take(&mut team[0], one, seed);
    let taken: i64 = team[0]
        .query_row("SELECT max(id) FROM operations", [], |r| r.get(0))
        .unwrap();
    assert_eq!(taken, newest, "the id was given again");
    let from1 = own(&team[1]);
    team::apply(&mut team[0], &from1).unwrap();
    assert!(!holds(&team[0], seed, one[0]), "laptop 0 took it off last");
    let from0 = own(&team[0]);
    team::apply(&mut team[1], &from0).unwrap();
    assert_same_tags(&team[0], &team[1], "after the exchange");
}
