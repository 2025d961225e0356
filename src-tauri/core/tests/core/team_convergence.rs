//! The team's promise in one property (docs/TEAM.md §4): laptops that have seen the same
//! operations hold the same data, whatever order the operations came in. Three laptops edit
//! customers, delete and restore them, create customers (the same phone on two laptops),
//! make, rename, describe, merge and delete tags, move categories, tag customers (new ones
//! with new tags too), save rules and the RFM settings, add and delete events offline, import
//! the same orders file or an overlapping one on several laptops (and undo it), and
//! exchange partial, shuffled, duplicated deliveries, some passing on what a laptop received
//! without what it depends on; after everyone has received everything, their customers, tag
//! trees, tags and events are the same.

use super::team_events::orders_csv;
use super::team_exchange::{
    customers, deliver_everything, deliver_partly, give, later, pick, shuffle, tags_by_uid, take,
    team_of,
};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use rusqlite::Connection;
use std::path::PathBuf;
use std::sync::atomic::AtomicBool;
use tagdesk_core::conditions::Condition;
use tagdesk_core::customers as cust;
use tagdesk_core::events::{self, EventInput};
use tagdesk_core::import::{self, ImportSpec};
use tagdesk_core::operations;
use tagdesk_core::rfm;
use tagdesk_core::rules::{self, RuleAction, RuleInput};
use tagdesk_core::tags::{self, NewNode, NodeKind, TagNodeEdit};
use tagdesk_core::team::{self, wire::WireOperation};

/// What must be equal across the team, by global ids.
pub(super) fn state(conn: &Connection) -> Vec<String> {
    let rows = |sql: &str| -> Vec<String> {
        let mut stmt = conn.prepare(sql).unwrap();
        stmt.query_map([], |r| r.get::<_, String>(0))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    };
    let mut out = rows(
        "SELECT 'customer ' || uid || ' ' || name || ' ' || ifnull(city, '-') || ' '
             || ifnull(company, '-') || ' ' || (deleted_at IS NULL)
         FROM customers ORDER BY uid",
    );
    out.extend(rows(
        "SELECT 'node ' || n.uid || ' ' || ifnull(p.uid, '-') || ' ' || n.name || ' '
             || ifnull(n.meaning, '-')
         FROM tag_nodes n LEFT JOIN tag_nodes p ON p.id = n.parent_id
         WHERE n.deleted_at IS NULL ORDER BY n.uid",
    ));
    out.extend(rows(
        "SELECT 'rule ' || r.uid || ' ' || r.name || ' ' || t.uid || ' ' || c.uid
         FROM rules r JOIN tag_nodes t ON t.id = json_extract(r.action, '$.tag_id')
         JOIN tag_nodes c ON c.id = json_extract(r.condition, '$.tag_id') ORDER BY r.uid",
    ));
    out.extend(rows(
        "SELECT 'event ' || e.uid || ' ' || c.uid || ' ' || e.kind || ' ' || e.occurred_at
             || ' ' || ifnull(e.amount, '-')
         FROM events e JOIN customers c ON c.id = e.customer_id ORDER BY e.uid",
    ));
    out.push(format!("rfm {}", rfm::settings(conn).unwrap().window_days));
    out.extend(
        tags_by_uid(conn)
            .into_iter()
            .map(|(c, t)| format!("tag {c} {t}")),
    );
    out
}

fn assert_same(a: &Connection, b: &Connection, what: &str) {
    let (a, b) = (state(a), state(b));
    let only_a: Vec<_> = a.iter().filter(|r| !b.contains(r)).collect();
    let only_b: Vec<_> = b.iter().filter(|r| !a.contains(r)).collect();
    assert!(
        only_a.is_empty() && only_b.is_empty(),
        "{what}: only on the first {only_a:?}, only on the second {only_b:?}"
    );
}

fn node(
    conn: &Connection,
    name_at_start: &str,
    uid_of: &std::collections::HashMap<String, String>,
) -> i64 {
    conn.query_row(
        "SELECT id FROM tag_nodes WHERE uid = ?1",
        [&uid_of[name_at_start]],
        |r| r.get(0),
    )
    .unwrap()
}

fn uid(conn: &Connection, table: &str, id: i64) -> String {
    conn.query_row(
        &format!("SELECT uid FROM {table} WHERE id = ?1"),
        [id],
        |r| r.get(0),
    )
    .unwrap()
}

/// This laptop's id of what `uid` names in `table` (after merges), if it has it.
fn here(conn: &Connection, table: &str, entity: &str, uid: &str) -> Option<i64> {
    conn.query_row(
        &format!(
            "SELECT id FROM {table} WHERE uid = coalesce(
                 (SELECT to_uid FROM uid_aliases WHERE entity = ?2 AND from_uid = ?1), ?1)"
        ),
        rusqlite::params![uid, entity],
        |r| r.get(0),
    )
    .ok()
}

/// Laptop `from` passes on a random part of everything it has, its own operations and those
/// it received: a colleague's tag may reach `to` before the customer it names.
fn relay(rng: &mut StdRng, team: &mut [Connection], from: usize, to: usize) {
    let mut ops: Vec<WireOperation> = team::own_after(&team[from], 0, usize::MAX >> 1)
        .unwrap()
        .into_iter()
        .map(|(_, op)| op)
        .collect();
    let mut stmt = team[from]
        .prepare("SELECT payload FROM received_operations WHERE pending IS NULL")
        .unwrap();
    ops.extend(
        stmt.query_map([], |r| r.get::<_, String>(0))
            .unwrap()
            .map(|p| serde_json::from_str(&p.unwrap()).unwrap()),
    );
    drop(stmt);
    shuffle(rng, &mut ops);
    ops.truncate(rng.random_range(0..=ops.len()));
    team::apply(&mut team[to], &ops).unwrap();
}

/// Two orders files of the `pool`'s customers: rows 0–5 and rows 3–8, rows 4 and 5 the same
/// order twice.
fn orders_files(dir: &std::path::Path, conn: &Connection, pool: &[i64]) -> [PathBuf; 2] {
    let rows: Vec<String> = (0..9)
        .map(|i| {
            let phone: String = conn
                .query_row(
                    "SELECT phone FROM customers WHERE id = ?1",
                    [pool[i % pool.len()]],
                    |r| r.get(0),
                )
                .unwrap();
            let i = if i == 5 { 4 } else { i };
            format!("{phone},下单,2025-05-{:02},{}", 1 + i, 300 + i)
        })
        .collect();
    [
        orders_csv(dir, "五月上.csv", &rows[..6]),
        orders_csv(dir, "五月下.csv", &rows[3..]),
    ]
}

/// The seeds to run: 32 in CI; `TAGDESK_CONVERGENCE_SEEDS=300..1300` runs a longer search.
fn seeds() -> std::ops::Range<u64> {
    let wanted = std::env::var("TAGDESK_CONVERGENCE_SEEDS").unwrap_or_default();
    match wanted.split_once("..") {
        Some((a, b)) => a.parse().unwrap()..b.parse().unwrap(),
        None => 0..32,
    }
}

#[test]
fn laptops_that_have_seen_the_same_operations_hold_the_same_customers_tree_and_tags() {
    const CITIES: [&str; 4] = ["杭州", "宁波", "苏州", "南京"];
    const COMPANIES: [&str; 3] = ["青木科技", "晨光文具", "远山咨询"];
    for seed in seeds() {
        let dir = tempfile::tempdir().unwrap();
        let mut team = team_of(3, dir.path());
        let mut rng = StdRng::seed_from_u64(seed);
        let tag_names = [
            "种子用户",
            "产品试用者",
            "银卡",
            "金卡",
            "VIP",
            "高活",
            "低活",
        ];
        let categories = ["基础属性", "行为特征", "偏好", "价值"];
        let uid_of: std::collections::HashMap<String, String> = tag_names
            .iter()
            .chain(&categories)
            .map(|n| {
                let uid: String = team[0]
                    .query_row(
                        "SELECT uid FROM tag_nodes WHERE name = ?1 AND kind <> 'group'",
                        [n],
                        |r| r.get(0),
                    )
                    .unwrap();
                (n.to_string(), uid)
            })
            .collect();
        let all = customers(&team[0]);
        let pool = &all[..8];
        let files = orders_files(dir.path(), &team[0], pool);
        // Customers and tags made during the run, by uid (their ids differ per laptop).
        let (mut new_customers, mut new_tags) = (Vec::<String>::new(), Vec::<String>::new());
        let group: String = team[0]
            .query_row(
                "SELECT p.uid FROM tag_nodes t JOIN tag_nodes p ON p.id = t.parent_id
                 WHERE t.uid = ?1",
                [&uid_of["银卡"]],
                |r| r.get(0),
            )
            .unwrap();
        for round in 0..24 {
            let d = rng.random_range(0..team.len());
            let conn = &mut team[d];
            let action = rng.random_range(0..26);
            match action {
                0..=2 => {
                    let ids = pick(&mut rng, pool);
                    let t = node(
                        conn,
                        tag_names[rng.random_range(0..tag_names.len())],
                        &uid_of,
                    );
                    if rng.random_bool(0.6) {
                        give(conn, &ids, t);
                    } else {
                        take(conn, &ids, t);
                    }
                }
                3..=5 => {
                    let id = pool[rng.random_range(0..pool.len())];
                    let mut input = cust::get(conn, id).unwrap().input;
                    input.city = Some(CITIES[rng.random_range(0..CITIES.len())].into());
                    if rng.random_bool(0.5) {
                        input.company =
                            Some(COMPANIES[rng.random_range(0..COMPANIES.len())].into());
                    }
                    cust::update(conn, id, &input, "t").unwrap();
                }
                6 => {
                    let id = pool[rng.random_range(0..pool.len())];
                    if rng.random_bool(0.5) {
                        cust::soft_delete(conn, &[id], "t").unwrap();
                    } else {
                        cust::restore(conn, &[id], "t").unwrap();
                    }
                }
                7 | 8 => {
                    let t = node(
                        conn,
                        tag_names[rng.random_range(0..tag_names.len())],
                        &uid_of,
                    );
                    let (name, meaning): (String, Option<String>) = conn
                        .query_row(
                            "SELECT name, meaning FROM tag_nodes WHERE id = ?1",
                            [t],
                            |r| Ok((r.get(0)?, r.get(1)?)),
                        )
                        .unwrap();
                    let mut edit = TagNodeEdit {
                        name,
                        meaning,
                        ..TagNodeEdit::default()
                    };
                    if rng.random_bool(0.5) {
                        edit.name = format!("{}·{round}{d}", edit.name.split('·').next().unwrap());
                    } else {
                        edit.meaning = Some(format!("说明 {round}{d}"));
                    }
                    let _ = tags::update(conn, t, &edit, "t");
                }
                9 => {
                    // Categories move under one another (or back to the top): cycles may loom.
                    let a = node(
                        conn,
                        categories[rng.random_range(0..categories.len())],
                        &uid_of,
                    );
                    let b = node(
                        conn,
                        categories[rng.random_range(0..categories.len())],
                        &uid_of,
                    );
                    let parent = (a != b && rng.random_bool(0.7)).then_some(b);
                    let _ = tags::move_node(conn, a, parent, 0, "t");
                }
                10 => {
                    if let Ok(Some(latest)) = operations::own_latest(conn, "t", None) {
                        let _ = operations::undo(conn, &[latest.id], "t");
                    }
                }
                11 => {
                    let mut settings = rfm::settings(conn).unwrap();
                    settings.window_days = [90, 180, 365][rng.random_range(0..3)];
                    rfm::save_settings(conn, &settings, "t").unwrap();
                }
                12 | 13 => {
                    // A rule made, renamed to give another tag, or deleted: whole records,
                    // naming tags by local id on each laptop.
                    let t = node(
                        conn,
                        tag_names[rng.random_range(0..tag_names.len())],
                        &uid_of,
                    );
                    let input = |name: String| RuleInput {
                        name,
                        owner: None,
                        priority: 0,
                        enabled: false,
                        condition: Condition::Tag { tag_id: t },
                        action: RuleAction::AddTag { tag_id: t },
                    };
                    let existing = rules::list(conn).unwrap();
                    match existing.get(rng.random_range(0..=existing.len())) {
                        None => {
                            let _ = rules::create(conn, &input(format!("规则{round}{d}")), "t");
                        }
                        Some(rule) if rng.random_bool(0.7) => {
                            let name =
                                format!("{}·{round}{d}", rule.name.split('·').next().unwrap());
                            let _ = rules::update(conn, rule.id, &input(name), "t");
                        }
                        Some(rule) => {
                            let _ = rules::delete(conn, rule.id, "t");
                        }
                    }
                }
                14 => {
                    let input = EventInput {
                        customer_id: pool[rng.random_range(0..pool.len())],
                        kind: "下单".into(),
                        occurred_at: 1_764_590_400 + round as i64 * 3_600,
                        amount: Some((10 * round as usize + d) as f64),
                        properties: Default::default(),
                    };
                    let _ = events::add(conn, &input, "t");
                }
                15 | 16 => {
                    // An event of the pool's customers deleted by hand, mostly one of the
                    // newest here (added here or received, so its adding may not have reached
                    // a third laptop yet), sometimes one every laptop had from the start.
                    let ids: Vec<i64> = conn
                        .prepare(
                            "SELECT e.id FROM events e WHERE e.customer_id IN
                                 (SELECT value FROM json_each(?1)) ORDER BY e.id DESC LIMIT 4",
                        )
                        .unwrap()
                        .query_map([serde_json::to_string(pool).unwrap()], |r| r.get(0))
                        .unwrap()
                        .map(Result::unwrap)
                        .collect();
                    if !ids.is_empty() {
                        let _ = events::delete(conn, ids[rng.random_range(0..ids.len())], "t");
                    }
                }
                17 => {
                    // One of two overlapping orders files (two identical orders in the part
                    // both hold), imported here: the same rows are the same events everywhere.
                    let file = &files[rng.random_range(0..files.len())];
                    let _ = import::run(
                        conn,
                        &ImportSpec::events(file),
                        "t",
                        &|_, _| {},
                        &AtomicBool::new(false),
                    );
                }
                21 => {
                    let phones = ["13900000001", "13900000002", "13900000003"];
                    let input = cust::CustomerInput {
                        name: format!("新客{round}{d}"),
                        phone: rng
                            .random_bool(0.7)
                            .then(|| phones[rng.random_range(0..phones.len())].to_string()),
                        ..cust::CustomerInput::default()
                    };
                    if let Ok(id) = cust::create(conn, &input, "t") {
                        new_customers.push(uid(conn, "customers", id));
                    }
                }
                22 | 23 if !new_customers.is_empty() => {
                    let customer = &new_customers[rng.random_range(0..new_customers.len())];
                    let tag = match new_tags.get(rng.random_range(0..=new_tags.len())) {
                        Some(t) => here(conn, "tag_nodes", "tag", t),
                        None => Some(node(conn, "种子用户", &uid_of)),
                    };
                    if let (Some(c), Some(t)) = (here(conn, "customers", "customer", customer), tag)
                    {
                        let deleted: bool = conn
                            .query_row(
                                "SELECT deleted_at IS NOT NULL FROM tag_nodes WHERE id = ?1",
                                [t],
                                |r| r.get(0),
                            )
                            .unwrap();
                        if !deleted {
                            if rng.random_bool(0.7) {
                                give(conn, &[c], t);
                            } else {
                                take(conn, &[c], t);
                            }
                        }
                    }
                }
                24 => {
                    if let Some(parent) = here(conn, "tag_nodes", "tag", &group) {
                        let name = format!("新标签{round}{d}");
                        let made = NewNode::new(Some(parent), NodeKind::Tag, &name);
                        if let Ok(id) = tags::create(conn, &made, "t") {
                            new_tags.push(uid(conn, "tag_nodes", id));
                        }
                    }
                }
                25 if !new_tags.is_empty() => {
                    let source = &new_tags[rng.random_range(0..new_tags.len())];
                    if let Some(source) = here(conn, "tag_nodes", "tag", source) {
                        if rng.random_bool(0.5) {
                            let _ = tags::delete(conn, source, true, "t");
                        } else {
                            let target = node(conn, "金卡", &uid_of);
                            let _ = tags::merge(conn, &[source], target, "t");
                        }
                    }
                }
                _ if rng.random_bool(0.5) => {
                    let from = (d + 1 + rng.random_range(0..team.len() - 1)) % team.len();
                    relay(&mut rng, &mut team, from, d);
                }
                _ => deliver_partly(&mut rng, &mut team, d),
            }
            later();
        }
        deliver_everything(&mut rng, &mut team);
        for i in 1..team.len() {
            assert_same(&team[0], &team[i], &format!("seed {seed}, laptop {i}"));
        }
    }
}
