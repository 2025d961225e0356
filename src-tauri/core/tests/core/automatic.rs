//! RFM, lifecycle and follow-ups against independent computations on generated data.

use crate::{add_customer, empty_db, tag};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rusqlite::{params, Connection};
use std::collections::HashMap;
use tagdesk_core::conditions::Index;
use tagdesk_core::lifecycle::{self, LifecycleSettings};
use tagdesk_core::rfm::{self, score, RfmClass, RfmScoring, RfmSettings, RfmThresholds};
use tagdesk_core::scores::{self, FollowupQuery};

const NOW: i64 = 1_763_000_000;
const DAY: i64 = 86_400;

/// The machine's calendar date of a moment, as days since 1970-01-01, straight from chrono.
fn local_day(at: i64) -> i64 {
    use chrono::TimeZone;
    let date = chrono::Local.timestamp_opt(at, 0).unwrap().date_naive();
    (date - chrono::NaiveDate::default()).num_days()
}

struct Order {
    customer: i64,
    kind: &'static str,
    at: i64,
    amount: Option<f64>,
}

/// `n` customers (every tenth deleted) with random events: orders inside and outside the
/// window, some in the future, some without an amount, and other kinds.
fn shop(n: usize, seed: u64) -> (Connection, Vec<i64>, Vec<Order>) {
    let conn = empty_db();
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let ids: Vec<i64> = (0..n)
        .map(|i| add_customer(&conn, &format!("客户{i}"), None, None))
        .collect();
    let mut orders = Vec::new();
    for id in &ids {
        for _ in 0..rng.random_range(0..6) {
            let kind = if rng.random_bool(0.7) {
                "下单"
            } else {
                "访问官网"
            };
            let at = NOW - rng.random_range(-5 * DAY..500 * DAY);
            let amount = rng
                .random_bool(0.9)
                .then(|| rng.random_range(1..500) as f64 * 10.0);
            // Same-day ties on purpose: recency is whole days.
            orders.push(Order {
                customer: *id,
                kind,
                at: at - at % DAY,
                amount,
            });
        }
    }
    for o in &orders {
        conn.execute(
            "INSERT INTO events(customer_id, kind, occurred_at, amount) VALUES (?1, ?2, ?3, ?4)",
            params![o.customer, o.kind, o.at, o.amount],
        )
        .unwrap();
    }
    for id in ids.iter().step_by(10) {
        conn.execute(
            "UPDATE customers SET deleted_at = ?2 WHERE id = ?1",
            [*id, NOW],
        )
        .unwrap();
    }
    (conn, ids, orders)
}

/// Scores by counting, for each value, the values strictly worse: O(n²), obviously right.
fn naive_scores(values: &[f64], lower_is_better: bool) -> Vec<u8> {
    let n = values.len();
    values
        .iter()
        .map(|v| {
            let worse = values
                .iter()
                .filter(|x| if lower_is_better { *x > v } else { *x < v })
                .count();
            let mut s = 1;
            while s < 5 && worse * 5 >= s * n {
                s += 1;
            }
            s as u8
        })
        .collect()
}

#[test]
fn rfm_figures_and_scores_match_an_independent_computation() {
    for seed in 0..4 {
        let (conn, ids, orders) = shop(300, seed);
        let settings = RfmSettings::default();
        let live: Vec<i64> = ids
            .iter()
            .copied()
            .enumerate()
            .filter(|(i, _)| i % 10 != 0)
            .map(|(_, id)| id)
            .collect();
        let mut by_customer: HashMap<i64, (i64, i64, f64)> = HashMap::new();
        for o in orders.iter().filter(|o| {
            // At most 365 calendar days old, not in the future.
            o.kind == "下单"
                && local_day(NOW) - local_day(o.at) <= 365
                && o.at <= NOW
                && live.contains(&o.customer)
        }) {
            let e = by_customer.entry(o.customer).or_insert((i64::MIN, 0, 0.0));
            e.0 = e.0.max(o.at);
            e.1 += 1;
            e.2 += o.amount.unwrap_or(0.0);
        }
        let mut want: Vec<(i64, i64, i64, f64)> = by_customer
            .iter()
            .map(|(id, (last, n, m))| (*id, local_day(NOW) - local_day(*last), *n, *m))
            .collect();
        want.sort_by_key(|w| w.0);
        let r = naive_scores(&want.iter().map(|w| w.1 as f64).collect::<Vec<_>>(), true);
        let f = naive_scores(&want.iter().map(|w| w.2 as f64).collect::<Vec<_>>(), false);
        let m = naive_scores(&want.iter().map(|w| w.3).collect::<Vec<_>>(), false);

        let got = rfm::compute(&conn, &settings, NOW).unwrap();
        assert_eq!(got.len(), want.len(), "seed {seed}: customers with orders");
        for (i, (row, w)) in got.iter().zip(&want).enumerate() {
            assert_eq!(
                (row.customer_id, row.recency_days, row.frequency),
                (w.0, w.1, w.2)
            );
            assert!((row.monetary - w.3).abs() < 1e-6);
            assert_eq!(
                (row.r, row.f, row.m),
                (r[i], f[i], m[i]),
                "seed {seed} customer {}",
                w.0
            );
            assert_eq!(row.class, score::class(r[i] >= 3, f[i] >= 3, m[i] >= 3));
        }
    }
}

#[test]
fn quantile_edge_cases_agree_with_the_naive_scores() {
    let cases: Vec<Vec<f64>> = vec![
        vec![],
        vec![5.0],
        vec![5.0, 5.0],
        vec![1.0, 2.0, 3.0, 4.0],
        vec![2.0; 7],
        vec![1.0, 1.0, 1.0, 1.0, 9.0],
        vec![0.0, 100.0, 0.0, 100.0, 50.0, 50.0, 50.0],
    ];
    for v in cases {
        for lower in [false, true] {
            assert_eq!(
                score::quantile_scores(&v, lower),
                naive_scores(&v, lower),
                "{v:?} {lower}"
            );
        }
    }
}

#[test]
fn rfm_run_keeps_one_class_tag_per_buyer_and_respects_manual_choices() {
    let (mut conn, ids, _) = shop(200, 7);
    let summary = rfm::run(&mut conn, NOW, "测试").unwrap();
    let rows = rfm::compute(&conn, &rfm::settings(&conn).unwrap(), NOW).unwrap();
    assert_eq!(
        summary.classes.iter().map(|c| c.customers).sum::<i64>(),
        rows.len() as i64
    );
    let class_of = |conn: &Connection, id: i64| -> Vec<(String, String)> {
        conn.prepare(
            "SELECT n.name, a.source FROM assignments a JOIN tag_nodes n ON n.id = a.tag_id
             JOIN tag_nodes g ON g.id = n.parent_id WHERE g.name = 'RFM 客户价值' AND a.customer_id = ?1",
        )
        .unwrap()
        .query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
    };
    for row in &rows {
        assert_eq!(
            class_of(&conn, row.customer_id),
            vec![(row.class.name().to_string(), "rfm".to_string())]
        );
    }
    let summed: i64 = conn
        .query_row(
            "SELECT count(*) FROM assignments a JOIN tag_nodes n ON n.id = a.tag_id
             JOIN tag_nodes g ON g.id = n.parent_id WHERE g.name = 'RFM 客户价值'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(
        summed,
        rows.len() as i64,
        "no class for customers without orders"
    );
    let kept = rfm::summary(&conn).unwrap().expect("the summary is kept");
    let counts = |s: &rfm::RfmSummary| s.classes.iter().map(|c| c.customers).collect::<Vec<_>>();
    assert_eq!(
        (kept.run_at, kept.unclassified),
        (NOW, summary.unclassified)
    );
    assert_eq!(counts(&kept), counts(&summary));

    // Orders age out: a buyer set by hand keeps the hand-set class, the others lose theirs.
    let buyer = rows[0].customer_id;
    let other = rows[1].customer_id;
    let vip = tag(&conn, "重要价值");
    conn.execute("DELETE FROM assignments WHERE customer_id = ?1 AND tag_id IN (SELECT id FROM tag_nodes WHERE parent_id = (SELECT parent_id FROM tag_nodes WHERE id = ?2))", [buyer, vip]).unwrap();
    conn.execute(
        "INSERT INTO assignments(tag_id, customer_id, source, actor, at) VALUES (?1, ?2, 'manual', 'x', 0)",
        [vip, buyer],
    )
    .unwrap();
    let later = NOW + 2_000 * DAY;
    let second = rfm::run(&mut conn, later, "测试").unwrap();
    assert_eq!(second.classes.iter().map(|c| c.customers).sum::<i64>(), 0);
    assert_eq!(
        class_of(&conn, buyer),
        vec![("重要价值".to_string(), "manual".to_string())]
    );
    assert!(class_of(&conn, other).is_empty());
    assert!(ids.len() > rows.len());
}

#[test]
fn rfm_settings_are_checked_and_thresholds_score_by_hand() {
    let (mut conn, _, _) = shop(60, 3);
    let bad = RfmSettings {
        scoring: RfmScoring::Thresholds {
            thresholds: RfmThresholds {
                recency_days: [30.0, 7.0, 90.0, 180.0],
                frequency: [1.0, 2.0, 3.0, 4.0],
                monetary: [100.0, 500.0, 1000.0, 5000.0],
            },
        },
        ..RfmSettings::default()
    };
    assert!(rfm::save_settings(&conn, &bad, "测试").is_err());
    let good = RfmSettings {
        scoring: RfmScoring::Thresholds {
            thresholds: RfmThresholds {
                recency_days: [7.0, 30.0, 90.0, 180.0],
                frequency: [1.0, 2.0, 3.0, 4.0],
                monetary: [100.0, 500.0, 1000.0, 5000.0],
            },
        },
        ..RfmSettings::default()
    };
    rfm::save_settings(&conn, &good, "测试").unwrap();
    assert_eq!(rfm::settings(&conn).unwrap(), good);
    for row in rfm::compute(&conn, &good, NOW).unwrap() {
        assert_eq!(row.f, (row.frequency.min(4) + 1) as u8);
    }
    rfm::run(&mut conn, NOW, "测试").unwrap();
}

#[test]
fn rfm_creates_its_group_when_the_tree_lacks_it() {
    let (mut conn, _, _) = shop(30, 1);
    rfm::run(&mut conn, NOW, "测试").unwrap();
    for class in RfmClass::ALL {
        tag(&conn, class.name());
    }
    let (mode, origin): (String, String) = conn
        .query_row(
            "SELECT select_mode, origin FROM tag_nodes WHERE name = 'RFM 客户价值'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!((mode.as_str(), origin.as_str()), ("single", "automatic"));
}

#[test]
fn lifecycle_stages_move_with_the_clock() {
    let mut conn = empty_db();
    let prospect = add_customer(&conn, "只看不买", None, None);
    let buyer = add_customer(&conn, "买过一次", None, None);
    let event = |id: i64, kind: &str, at: i64| {
        conn.execute(
            "INSERT INTO events(customer_id, kind, occurred_at, amount) VALUES (?1, ?2, ?3, 99)",
            params![id, kind, at],
        )
        .unwrap();
    };
    event(prospect, "访问官网", NOW - DAY);
    event(buyer, "下单", NOW - 10 * DAY);
    let stage_of = |conn: &Connection, id: i64| -> String {
        conn.query_row(
            "SELECT n.name FROM assignments a JOIN tag_nodes n ON n.id = a.tag_id
             JOIN tag_nodes g ON g.id = n.parent_id WHERE g.name = '生命周期' AND a.customer_id = ?1",
            [id],
            |r| r.get(0),
        )
        .unwrap()
    };
    let expect = [
        (NOW, "新客"),
        (NOW + 25 * DAY, "活跃"),
        (NOW + 100 * DAY, "沉默"),
        (NOW + 200 * DAY, "流失"),
    ];
    for (now, stage) in expect {
        let report = lifecycle::run(&mut conn, now, "测试").unwrap();
        assert_eq!(stage_of(&conn, buyer), stage, "at {now}");
        assert_eq!(stage_of(&conn, prospect), "潜客");
        assert_eq!(report.stages.iter().map(|s| s.customers).sum::<i64>(), 2);
    }
    let idle = lifecycle::run(&mut conn, NOW + 200 * DAY, "测试").unwrap();
    assert_eq!((idle.added, idle.removed), (0, 0));

    let shorter = LifecycleSettings {
        silent_days: 300,
        ..LifecycleSettings::default()
    };
    lifecycle::save_settings(&conn, &shorter, "测试").unwrap();
    lifecycle::run(&mut conn, NOW + 200 * DAY, "测试").unwrap();
    assert_eq!(stage_of(&conn, buyer), "沉默");
    let bad = LifecycleSettings {
        silent_days: 10,
        ..LifecycleSettings::default()
    };
    assert!(lifecycle::save_settings(&conn, &bad, "测试").is_err());
}

#[test]
fn followups_rank_by_score_and_name_the_tags_that_gave_points() {
    let conn = empty_db();
    let cat = tagdesk_core::tags::create_node(
        &conn,
        &tagdesk_core::tags::NewNode::new(None, tagdesk_core::tags::NodeKind::Category, "线索"),
    )
    .unwrap();
    let mk = |name, weight| {
        tagdesk_core::tags::create_node(
            &conn,
            &tagdesk_core::tags::NewNode {
                weight,
                ..tagdesk_core::tags::NewNode::new(
                    Some(cat),
                    tagdesk_core::tags::NodeKind::Tag,
                    name,
                )
            },
        )
        .unwrap()
    };
    let pricing = mk("访问定价页3次以上", 3.0);
    let boss = mk("决策者", 5.0);
    let noise = mk("打开邮件未点击", -1.0);
    let c: Vec<i64> = (0..5)
        .map(|i| add_customer(&conn, &format!("客户{i}"), None, None))
        .collect();
    let give = |t: i64, id: i64| {
        conn.execute(
            "INSERT INTO assignments(tag_id, customer_id, source, actor, at) VALUES (?1, ?2, 'manual', 'x', 0)",
            [t, id],
        )
        .unwrap();
    };
    give(pricing, c[0]);
    give(boss, c[1]);
    give(pricing, c[1]);
    give(boss, c[2]);
    give(noise, c[3]);
    give(pricing, c[4]);
    let index = Index::build(&conn).unwrap();
    let page = scores::followups(
        &conn,
        &index,
        &FollowupQuery {
            offset: 0,
            limit: 2,
        },
    )
    .unwrap();
    assert_eq!(page.total, 4, "only positive scores");
    let got: Vec<(i64, f64)> = page
        .items
        .iter()
        .map(|f| (f.customer_id, f.score))
        .collect();
    assert_eq!(got, vec![(c[1], 8.0), (c[2], 5.0)]);
    let reasons: Vec<(&str, f64)> = page.items[0]
        .reasons
        .iter()
        .map(|r| (r.tag_name.as_str(), r.points))
        .collect();
    assert_eq!(reasons, vec![("决策者", 5.0), ("访问定价页3次以上", 3.0)]);
    let next = scores::followups(
        &conn,
        &index,
        &FollowupQuery {
            offset: 2,
            limit: 2,
        },
    )
    .unwrap();
    let got: Vec<i64> = next.items.iter().map(|f| f.customer_id).collect();
    assert_eq!(got, vec![c[0], c[4]], "ties: older customer first");
}
