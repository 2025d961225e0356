//! The condition engine's part of `tagdesk-bench`: index build, live counts of nested trees
//! next to the best plain-SQL formulation of the same question, first sorted pages.

use super::{median, ms, tag_id};
use rusqlite::Connection;
use std::time::Instant;
use tagdesk_core::conditions::{Cmp, Condition, Ctx, EventMeasure, FieldOp, Index};
use tagdesk_core::customers::{CustomerSort, CustomerSortField};
use tagdesk_core::segments::{self, MemberQuery, MemberSource};

pub fn run(conn: &Connection, runs: usize) -> Result<(), Box<dyn std::error::Error>> {
    let started = Instant::now();
    let index = Index::build(conn)?;
    println!(
        "\nsegments: index built in {:.2} s, process RSS now {} MB",
        started.elapsed().as_secs_f64(),
        rss_mb()
    );
    for (part, secs) in &index.build_times {
        println!("  build: {part:<12} {secs:>6.2} s");
    }
    // The dataset's clock: windows are relative to its newest event.
    let now: i64 = conn.query_row("SELECT max(occurred_at) FROM events", [], |r| r.get(0))?;
    let t = |name: &str| tag_id(conn, name).map(|tag_id| Condition::Tag { tag_id });
    let (vip, pro, active, budget, report) = (
        t("VIP")?,
        t("企业版")?,
        t("高活")?,
        t("预算充足")?,
        t("下载了产品对比报告")?,
    );
    let and = |children: Vec<Condition>| Condition::And { children };
    let or = |children: Vec<Condition>| Condition::Or { children };
    let not = |c: Condition| Condition::Not { child: Box::new(c) };
    let q2 = or(vec![
        and(vec![vip.clone(), pro.clone()]),
        and(vec![active.clone(), not(budget.clone())]),
    ]);
    let q3 = and(vec![
        q2.clone(),
        Condition::Field {
            field: "city".into(),
            op: FieldOp::In,
            values: vec!["上海".into(), "北京".into(), "杭州".into()],
        },
        Condition::Event {
            kind: "下单".into(),
            property: None,
            within_days: Some(365),
            measure: EventMeasure::SumAmount,
            cmp: Cmp::Ge,
            value: 1000.0,
            value2: None,
        },
        Condition::Event {
            kind: "登录".into(),
            property: None,
            within_days: Some(90),
            measure: EventMeasure::Count,
            cmp: Cmp::Ge,
            value: 1.0,
            value2: None,
        },
    ]);
    let q4 = and(vec![
        Condition::Event {
            kind: "浏览定价页".into(),
            property: None,
            within_days: Some(30),
            measure: EventMeasure::Count,
            cmp: Cmp::Ge,
            value: 3.0,
            value2: None,
        },
        not(report.clone()),
    ]);
    let id = |c: &Condition| match c {
        Condition::Tag { tag_id } => *tag_id,
        _ => unreachable!(),
    };
    let (a, b, c, d, e) = (id(&vip), id(&pro), id(&active), id(&budget), id(&report));
    let has = |t: i64| format!("c.id IN (SELECT customer_id FROM assignments WHERE tag_id = {t})");
    let sql2 = format!(
        "({} AND {}) OR ({} AND NOT {})",
        has(a),
        has(b),
        has(c),
        has(d)
    );
    let window = |days: i64| now - days * 86_400;
    let sql3 = format!(
        "({sql2}) AND c.city IN ('上海', '北京', '杭州')
         AND c.id IN (SELECT customer_id FROM events WHERE kind = '下单' AND occurred_at BETWEEN {} AND {now}
                      GROUP BY customer_id HAVING sum(amount) >= 1000)
         AND c.id IN (SELECT customer_id FROM events WHERE kind = '登录' AND occurred_at BETWEEN {} AND {now})",
        window(365),
        window(90)
    );
    let sql4 = format!(
        "c.id IN (SELECT customer_id FROM events WHERE kind = '浏览定价页' AND occurred_at BETWEEN {} AND {now}
                  GROUP BY customer_id HAVING count(*) >= 3) AND NOT {}",
        window(30),
        has(e)
    );
    if std::env::var("BENCH_PARTS").is_ok() {
        use tagdesk_core::conditions::index::EventQuery;
        for (kind, days, sum) in [
            ("下单", 365, false),
            ("下单", 365, true),
            ("浏览定价页", 30, false),
        ] {
            let q = EventQuery {
                kind,
                property: None,
                from: now - days * 86_400,
                to: now,
                sum_amount: sum,
            };
            let mut n = 0;
            let t = median(5, || n = index.events.measure(&q, &index.universe).len());
            println!(
                "  measure {kind} {days} d sum={sum}: {:.2} ms ({n} customers)",
                ms(t)
            );
        }
        for (name, q) in [("q3", &q3), ("q4", &q4)] {
            for (i, part) in q.children().into_iter().enumerate() {
                let ctx = Ctx::new(conn, &index, now);
                let t = median(5, || {
                    ctx.eval(part).unwrap();
                });
                println!("  {name} part {i}: {:.2} ms", ms(t));
            }
        }
    }
    let cases = [
        (
            "A ∧ B",
            and(vec![vip.clone(), pro.clone()]),
            format!("{} AND {}", has(a), has(b)),
        ),
        ("(A ∧ B) ∨ (C ∧ ¬D)", q2, sql2),
        ("… ∧ city ∧ spend ∧ recency", q3, sql3),
        ("≥3 K in 30 d ∧ ¬E", q4.clone(), sql4),
    ];
    println!("live count, index vs plain SQL (same answer checked), medians:");
    for (label, tree, sql) in cases {
        let ctx = Ctx::new(conn, &index, now);
        let mut n = 0;
        let fast = median(runs, || n = ctx.eval(&tree).unwrap().len());
        let mut k = 0;
        let counted = median(runs, || k = ctx.eval_counted(&tree).unwrap().0.len());
        assert_eq!(n, k, "{label}: eval and eval_counted disagree");
        let plain_sql =
            format!("SELECT count(*) FROM customers c WHERE c.deleted_at IS NULL AND ({sql})");
        let mut m: u64 = 0;
        let slow = median(runs.min(5), || {
            m = conn
                .query_row(&plain_sql, [], |r| r.get::<_, i64>(0))
                .unwrap() as u64
        });
        assert_eq!(n, m, "{label}: index and SQL disagree");
        println!(
            "  {label:<28} index {:>7.2} ms (every node counted {:>6.2} ms)   SQL {:>8.1} ms   ratio {:>6.0}×  ({n} customers)",
            ms(fast),
            ms(counted),
            ms(slow),
            slow.as_secs_f64() / fast.as_secs_f64()
        );
    }
    for (label, sort) in [
        ("newest first", None),
        (
            "sorted by name",
            Some(CustomerSort {
                field: CustomerSortField::Name,
                descending: false,
                custom_field_id: None,
            }),
        ),
        (
            "sorted by created, desc",
            Some(CustomerSort {
                field: CustomerSortField::CreatedAt,
                descending: true,
                custom_field_id: None,
            }),
        ),
    ] {
        let query = MemberQuery {
            source: MemberSource::Condition {
                condition: Condition::Or {
                    children: vec![vip.clone(), active.clone()],
                },
            },
            sort,
            offset: 0,
            limit: 50,
        };
        let mut total = 0;
        let t = median(runs, || {
            total = segments::page(conn, &index, &query).unwrap().total
        });
        println!(
            "  first page of 50, VIP ∨ 高活, {label:<24} {:>7.2} ms  ({total} members)",
            ms(t)
        );
    }
    println!("  process RSS with the index {} MB", rss_mb());
    Ok(())
}

/// Resident memory of this process, from /proc (Linux).
fn rss_mb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines().find(|l| l.starts_with("VmRSS:")).and_then(|l| {
                l.split_whitespace()
                    .nth(1)
                    .and_then(|kb| kb.parse::<u64>().ok())
            })
        })
        .map_or(0, |kb| kb / 1024)
}
