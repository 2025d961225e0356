//! Five laptops through one hub: random operations of every common kind, random disconnects
//! (a laptop that does not exchange for a while, answers lost after the hub took a push), and
//! in the end identical data everywhere, with every operation at the hub exactly once.

use super::{new_customer, team, NOW};
use crate::team_convergence::state;
use crate::team_exchange::{customers, give, take};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use rusqlite::Connection;
use tagdesk_core::customers as cust;
use tagdesk_core::hub::{self, HubRole};
use tagdesk_core::tags::{self, TagNodeEdit};

fn tag_ids(conn: &Connection) -> Vec<i64> {
    let mut stmt = conn
        .prepare("SELECT id FROM tag_nodes WHERE kind = 'tag' AND deleted_at IS NULL ORDER BY uid")
        .unwrap();
    stmt.query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

fn own_uids(conn: &Connection) -> Vec<String> {
    let me = tagdesk_core::operations::device_id(conn).unwrap();
    let mut stmt = conn
        .prepare("SELECT uid FROM operations WHERE device = ?1 AND id > (SELECT first_operation_id FROM team)")
        .unwrap();
    stmt.query_map([me], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

#[test]
fn five_laptops_with_random_disconnects_converge_through_the_hub_and_lose_nothing() {
    let mut t = team();
    let mut laptops = vec![];
    for name in ["li", "chen", "sun", "zhou"] {
        let address = t.add(name, HubRole::Editor, None);
        laptops.push(t.join(&address));
    }
    let owner = std::mem::replace(&mut t.owner, tagdesk_core::db::open_in_memory().unwrap());
    laptops.insert(0, owner);
    let mut rng = StdRng::seed_from_u64(20);
    for round in 0..80 {
        let d = rng.random_range(0..laptops.len());
        let conn = &mut laptops[d];
        let pool = customers(conn);
        let pool = &pool[..10];
        let tags = tag_ids(conn);
        match rng.random_range(0..10) {
            0..=3 => {
                let who = [pool[rng.random_range(0..pool.len())]];
                let tag = tags[rng.random_range(0..tags.len())];
                if rng.random_bool(0.7) {
                    give(conn, &who, tag);
                } else {
                    take(conn, &who, tag);
                }
            }
            4 | 5 => {
                let id = pool[rng.random_range(0..pool.len())];
                let mut input = cust::get(conn, id).unwrap().input;
                input.city = Some(format!("城市{round}"));
                cust::update(conn, id, &input, "t").unwrap();
            }
            6 => {
                // The same phone on two laptops is one customer after exchange.
                new_customer(
                    conn,
                    &format!("新客户{round}"),
                    &format!("1380000{:04}", round % 3),
                );
            }
            7 => {
                let tag = tags[rng.random_range(0..tags.len())];
                let name: String = conn
                    .query_row("SELECT name FROM tag_nodes WHERE id = ?1", [tag], |r| {
                        r.get(0)
                    })
                    .unwrap();
                let edit = TagNodeEdit {
                    name: format!("{}·{round}", name.split('·').next().unwrap()),
                    ..TagNodeEdit::default()
                };
                let _ = tags::update(conn, tag, &edit, "t");
            }
            _ => {
                if let Ok(Some(latest)) = tagdesk_core::operations::own_latest(conn, "t", None) {
                    let _ = tagdesk_core::operations::undo(conn, &[latest.id], "t");
                }
            }
        }
        match rng.random_range(0..10) {
            // Offline for now.
            0..=3 => {}
            // The hub took the push but the answer was lost: the next push repeats it.
            4 => {
                hub::exchange(conn, NOW).unwrap();
                conn.execute("UPDATE team_hub SET pushed_seq = max(0, pushed_seq - 3), pulled_pos = max(0, pulled_pos - 5)", [])
                    .unwrap();
            }
            _ => {
                hub::exchange(conn, NOW).unwrap();
            }
        }
    }
    for _ in 0..2 {
        for conn in laptops.iter_mut() {
            hub::exchange(conn, NOW).unwrap();
        }
    }
    let first = state(&laptops[0]);
    for (i, conn) in laptops.iter().enumerate().skip(1) {
        let other = state(conn);
        let only_first: Vec<_> = first.iter().filter(|r| !other.contains(r)).collect();
        let only_other: Vec<_> = other.iter().filter(|r| !first.contains(r)).collect();
        assert!(
            only_first.is_empty() && only_other.is_empty(),
            "laptop {i}: only on the owner's {only_first:?}, only on this one {only_other:?}"
        );
    }
    // Every laptop's every operation reached every other laptop.
    for (i, conn) in laptops.iter().enumerate() {
        for uid in own_uids(conn) {
            for (j, other) in laptops.iter().enumerate() {
                if i != j {
                    let known: bool = other
                        .query_row(
                            "SELECT EXISTS (SELECT 1 FROM received_operations WHERE uid = ?1)",
                            [&uid],
                            |r| r.get(0),
                        )
                        .unwrap();
                    assert!(known, "operation {uid} of laptop {i} missing on laptop {j}");
                }
            }
        }
    }
}
