//! The history's part of `tagdesk-bench` (issue 15 target: the history page's first screen
//! ≤ 50 ms with 100,000 operations stored):
//!
//!     BENCH_ONLY=history cargo run --release -p tagdesk-core --bin tagdesk-bench -- --operations 100000 --runs 21
//!
//! Generates (seeded, once) DIR/history-N.sqlite: 10,000 demo customers with the starter tag
//! tree, then N operations written with the schema of migration 0011 in one transaction, as
//! `operations::record` and `tagging::apply` write them: mostly single tag_add / tag_remove
//! operations with one batch each (most touch a few customers, 2% a few hundred to 2,000),
//! rules runs with a batch per rule that changed something, RFM and lifecycle runs, imports
//! naming their file, undos pointing at what they took back, and edits without batches; six
//! authors of whom one made only 0.3% of them. Then times `operations::list`'s first page of
//! 50 (unfiltered, by author, by kind, by a month's dates) and `operations::get`.

use super::{median, ms};
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use rusqlite::{params, Connection};
use std::path::Path;
use std::time::Instant;
use tagdesk_core::operations::{self, OperationKind, OperationQuery};
use tagdesk_core::{db, demo};

const CUSTOMERS: usize = 10_000;
const PEOPLE: [(&str, u32); 5] = [
    ("王强", 40),
    ("李娜", 25),
    ("张伟", 20),
    ("陈静", 10),
    ("刘洋", 5),
];
/// Made 0.3% of the operations, none of them recent: the filter that finds its 50 slowest.
const RARE_AUTHOR: &str = "赵敏";

pub fn run(data: &Path, operations: usize, runs: usize) -> Result<(), Box<dyn std::error::Error>> {
    let path = data.join(format!("history-{operations}.sqlite"));
    if !path.exists() {
        std::fs::create_dir_all(data)?;
        let started = Instant::now();
        let mut conn = db::create(&path)?;
        demo::generate(
            &mut conn,
            &demo::DemoSpec {
                customers: CUSTOMERS,
                events_per_customer: 1.0,
                with_history: false,
                ..demo::DemoSpec::small()
            },
        )?;
        fill(&mut conn, operations)?;
        drop(conn);
        eprintln!(
            "generated {} in {:.0} s",
            path.display(),
            started.elapsed().as_secs_f64()
        );
    }
    let conn = db::open(&path)?;
    let count = |sql: &str| conn.query_row(sql, [], |r| r.get::<_, i64>(0));
    println!(
        "\nhistory: {} operations, {} batches, {} changed pairs; {runs} runs each, medians",
        count("SELECT count(*) FROM operations")?,
        count("SELECT count(*) FROM tag_batches")?,
        count("SELECT count(*) FROM tag_batch_members")?
    );
    let page = |q: OperationQuery| OperationQuery { limit: 50, ..q };
    let month_ago_a_year: i64 = count("SELECT max(at) - 365 * 86400 FROM operations")?;
    let cases = [
        ("first page, no filter", page(OperationQuery::default())),
        (
            "by author 王强 (40%)",
            page(OperationQuery {
                author: Some("王强".into()),
                ..Default::default()
            }),
        ),
        (
            "by author 赵敏 (0.3%, none recent)",
            page(OperationQuery {
                author: Some(RARE_AUTHOR.into()),
                ..Default::default()
            }),
        ),
        (
            "by kind tag_add (45%)",
            page(OperationQuery {
                kind: Some(OperationKind::TagAdd),
                ..Default::default()
            }),
        ),
        (
            "by kind import_customers (0.5%)",
            page(OperationQuery {
                kind: Some(OperationKind::ImportCustomers),
                ..Default::default()
            }),
        ),
        (
            "by author and kind (陈静, rfm_run)",
            page(OperationQuery {
                author: Some("陈静".into()),
                kind: Some(OperationKind::RfmRun),
                ..Default::default()
            }),
        ),
        (
            "by author and kind, < 50 match (赵敏, import_events)",
            page(OperationQuery {
                author: Some(RARE_AUTHOR.into()),
                kind: Some(OperationKind::ImportEvents),
                ..Default::default()
            }),
        ),
        (
            "one month a year back",
            page(OperationQuery {
                from: Some(month_ago_a_year - 30 * 86400),
                to: Some(month_ago_a_year),
                ..Default::default()
            }),
        ),
    ];
    for (label, query) in cases {
        let mut shown = 0;
        let t = median(runs, || {
            shown = operations::list(&conn, &query).unwrap().items.len()
        });
        println!("  list {label:<52} {:>8.2} ms  ({shown} shown)", ms(t));
    }
    let typical: i64 =
        count("SELECT max(o.id) FROM operations o WHERE o.kind = 'tag_add' AND o.customers = 1")?;
    let largest: i64 = count(
        "SELECT operation_id FROM tag_batches GROUP BY operation_id ORDER BY sum(changed) DESC LIMIT 1",
    )?;
    for (label, id) in [
        ("a one-customer tag_add", typical),
        ("the largest", largest),
    ] {
        let mut total = 0;
        let t = median(runs, || {
            total = operations::get(&conn, id).unwrap().total_changes
        });
        println!(
            "  get {label:<53} {:>8.2} ms  ({total} changed pairs)",
            ms(t)
        );
    }
    Ok(())
}

/// Writes `n` operations over two years up to now, as the app's code paths write them.
fn fill(conn: &mut Connection, n: usize) -> rusqlite::Result<()> {
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(15);
    let tx = conn.transaction()?;
    let tags: Vec<i64> = tx
        .prepare("SELECT id FROM tag_nodes WHERE kind = 'tag' AND deleted_at IS NULL")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let device = "b3nch0d3v1ce";
    let now = tagdesk_core::clock::now();
    let span = 2 * 365 * 86400;
    let mut op = tx.prepare(
        "INSERT INTO operations(uid, device, hlc, author, kind, source, at, customers, tags,
                                entity, entity_id, detail, undoes)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
    )?;
    let mut batch = tx.prepare(
        "INSERT INTO tag_batches(action, tag_id, source, actor, at, changed, undoes, operation_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    let mut member = tx.prepare(
        "INSERT OR IGNORE INTO tag_batch_members(batch_id, customer_id, tag_id, action)
         VALUES (?1, ?2, ?3, ?4)",
    )?;
    let mut undone = tx.prepare("UPDATE operations SET undone_by = ?2 WHERE id = ?1")?;
    let mut batch_undone = tx.prepare("UPDATE tag_batches SET undone_by = ?2 WHERE id = ?1")?;
    // Recent hand tagging operations an undo may take back: (operation, batch, tag, action).
    let mut undoable: Vec<(i64, i64, i64, &str)> = Vec::new();
    let people: Vec<(&str, u32)> = PEOPLE.to_vec();
    for i in 0..n {
        let at = now - span + (span as u128 * i as u128 / n as u128) as i64;
        let hlc = (at * 1000 + (i % 1000) as i64) * 65_536;
        let uid = format!("{device}-{hlc:x}");
        let author = if i < n * 9 / 10 && rng.random_range(0..1000) < 3 {
            RARE_AUTHOR
        } else {
            people.choose_weighted(&mut rng, |p| p.1).expect("people").0
        };
        let roll = rng.random_range(0..1000);
        let tag = *tags.choose(&mut rng).expect("tags");
        // (kind, source, detail, entity, batches: [(action, tag, members)])
        let (kind, source, detail, entity, batches): (_, _, _, _, Vec<(&str, i64, usize)>) =
            match roll {
                0..=649 => {
                    let action = if roll < 450 { "add" } else { "remove" };
                    let kind = if roll < 450 {
                        OperationKind::TagAdd
                    } else {
                        OperationKind::TagRemove
                    };
                    let size = match rng.random_range(0..100) {
                        0..=84 => rng.random_range(1..=3),
                        85..=97 => rng.random_range(4..=100),
                        _ => rng.random_range(100..=2_000),
                    };
                    let detail = serde_json::json!({ "tag_id": tag });
                    (kind, "manual", detail, None, vec![(action, tag, size)])
                }
                650..=749 => {
                    let rules = rng.random_range(1..=5);
                    let batches = (0..rules)
                        .map(|_| {
                            let action = if rng.random_bool(0.8) {
                                "add"
                            } else {
                                "remove"
                            };
                            let tag = *tags.choose(&mut rng).expect("tags");
                            (action, tag, rng.random_range(1..=200))
                        })
                        .collect();
                    let detail = serde_json::json!({ "trigger": "focus", "rule_id": null });
                    (OperationKind::RulesRun, "rule", detail, None, batches)
                }
                750..=769 => {
                    let batches = (0..rng.random_range(1..=4))
                        .map(|_| ("add", *tags.choose(&mut rng).expect("tags"), 300))
                        .collect();
                    (
                        OperationKind::RfmRun,
                        "rfm",
                        serde_json::json!({}),
                        None,
                        batches,
                    )
                }
                770..=789 => {
                    let batches = (0..rng.random_range(1..=3))
                        .map(|_| ("add", *tags.choose(&mut rng).expect("tags"), 200))
                        .collect();
                    let kind = OperationKind::LifecycleRun;
                    (kind, "lifecycle", serde_json::json!({}), None, batches)
                }
                790..=799 => {
                    let (kind, file) = if roll < 795 {
                        (OperationKind::ImportCustomers, "客户")
                    } else {
                        (OperationKind::ImportEvents, "订单")
                    };
                    let path = format!("/Users/wq/Downloads/{file}-{}.xlsx", i % 97);
                    let batches = match kind {
                        OperationKind::ImportCustomers => vec![("add", tag, 500)],
                        _ => Vec::new(),
                    };
                    (
                        kind,
                        "import",
                        serde_json::json!({ "file": path }),
                        None,
                        batches,
                    )
                }
                800..=829 if !undoable.is_empty() => {
                    let pick = rng.random_range(undoable.len().saturating_sub(20)..undoable.len());
                    let (target, target_batch, tag, action) = undoable.swap_remove(pick);
                    let back = if action == "add" { "remove" } else { "add" };
                    let members: Vec<i64> = tx
                        .prepare_cached(
                            "SELECT customer_id FROM tag_batch_members WHERE batch_id = ?1",
                        )?
                        .query_map([target_batch], |r| r.get(0))?
                        .collect::<rusqlite::Result<_>>()?;
                    let kind = OperationKind::Undo.as_str();
                    op.execute(params![
                        uid,
                        device,
                        hlc,
                        author,
                        kind,
                        "manual",
                        at,
                        members.len() as i64,
                        1,
                        None::<&str>,
                        None::<i64>,
                        serde_json::json!({ "tag_id": tag }).to_string(),
                        target
                    ])?;
                    let id = tx.last_insert_rowid();
                    undone.execute(params![target, id])?;
                    batch.execute(params![
                        "undo",
                        tag,
                        "manual",
                        author,
                        at,
                        members.len() as i64,
                        target_batch,
                        id
                    ])?;
                    let b = tx.last_insert_rowid();
                    batch_undone.execute(params![target_batch, b])?;
                    for c in members {
                        member.execute(params![b, c, tag, back])?;
                    }
                    continue;
                }
                _ => {
                    let entity = *[
                        "customer",
                        "customer",
                        "tag_node",
                        "segment",
                        "rule",
                        "custom_field",
                    ]
                    .choose(&mut rng)
                    .expect("entities");
                    let action = *["update", "update", "create", "delete"]
                        .choose(&mut rng)
                        .expect("actions");
                    let detail = serde_json::json!({ "action": action });
                    (
                        OperationKind::Edit,
                        "manual",
                        detail,
                        Some(entity),
                        Vec::new(),
                    )
                }
            };
        let entity_id = entity.map(|_| rng.random_range(1..=CUSTOMERS as i64));
        let customers_touched = match entity {
            Some("customer") => 1,
            _ => batches.iter().map(|b| b.2).sum::<usize>().min(CUSTOMERS),
        };
        op.execute(params![
            uid,
            device,
            hlc,
            author,
            kind.as_str(),
            source,
            at,
            customers_touched as i64,
            batches.len() as i64,
            entity,
            entity_id,
            detail.to_string(),
            None::<i64>
        ])?;
        let id = tx.last_insert_rowid();
        for (action, tag, size) in batches {
            batch.execute(params![
                action,
                tag,
                source,
                author,
                at,
                size as i64,
                None::<i64>,
                id
            ])?;
            let b = tx.last_insert_rowid();
            let first = rng.random_range(1..=CUSTOMERS - size.min(CUSTOMERS - 1));
            let step = rng.random_range(1..=3);
            for k in 0..size {
                let c = (first + k * step - 1) % CUSTOMERS + 1;
                member.execute(params![b, c as i64, tag, action])?;
            }
            if source == "manual" {
                undoable.push((id, b, tag, action));
            }
        }
    }
    drop((op, batch, member, undone, batch_undone));
    tx.commit()
}
