//! `BENCH_ONLY=rules`: 20 rules over the bench database — a full run that writes, a full run
//! with nothing to change, a run over 1,000 touched customers — then RFM and lifecycle. The
//! rules are deleted afterwards (taking their tags back) so the dataset stays as generated;
//! RFM and lifecycle do rewrite their two automatic groups.

use rusqlite::Connection;
use std::sync::atomic::AtomicBool;
use std::time::Instant;
use tagdesk_core::conditions::{Cmp, Condition, EventMeasure, FieldOp, Index};
use tagdesk_core::rules::{self, RuleAction, RuleInput, RunScope, RunTrigger};
use tagdesk_core::{clock, lifecycle, rfm};

type Res<T> = Result<T, Box<dyn std::error::Error>>;

fn id(conn: &Connection, name: &str, kind: &str) -> Res<i64> {
    Ok(conn.query_row(
        "SELECT id FROM tag_nodes WHERE name = ?1 AND kind = ?2 AND deleted_at IS NULL",
        [name, kind],
        |r| r.get(0),
    )?)
}

fn event(kind: &str, days: i64, min: f64) -> Condition {
    Condition::Event {
        kind: kind.into(),
        property: None,
        within_days: Some(days),
        measure: EventMeasure::Count,
        cmp: Cmp::Ge,
        value: min,
        value2: None,
    }
}

fn the_rules(conn: &Connection) -> Res<Vec<RuleInput>> {
    let t = |n: &str| id(conn, n, "tag");
    let tag = |n: &str| -> Res<Condition> { Ok(Condition::Tag { tag_id: t(n)? }) };
    let and = |children: Vec<Condition>| Condition::And { children };
    let not = |c: Condition| Condition::Not { child: Box::new(c) };
    let city = |c: &str| Condition::Field {
        field: "city".into(),
        op: FieldOp::Eq,
        values: vec![c.into()],
    };
    let add = |n: &str| -> Res<RuleAction> { Ok(RuleAction::AddTag { tag_id: t(n)? }) };
    let set = |g: &str, n: &str| -> Res<RuleAction> {
        Ok(RuleAction::SetGroup {
            group_id: id(conn, g, "group")?,
            tag_id: t(n)?,
        })
    };
    let remove = |n: &str| -> Res<RuleAction> { Ok(RuleAction::RemoveTag { tag_id: t(n)? }) };
    let specs: Vec<(i64, Condition, RuleAction)> = vec![
        (9, event("浏览定价页", 30, 3.0), add("访问定价页3次以上")?),
        (9, event("下载报告", 90, 1.0), add("下载了产品对比报告")?),
        (8, event("登录", 30, 5.0), set("活跃度", "高活")?),
        (7, event("登录", 30, 1.0), set("活跃度", "中活")?),
        (6, not(event("登录", 30, 1.0)), set("活跃度", "低活")?),
        (
            5,
            and(vec![tag("VIP")?, event("下单", 30, 1.0)]),
            add("活动参与")?,
        ),
        (
            5,
            and(vec![tag("高价值")?, tag("低活")?]),
            set("跟进状态", "待唤醒")?,
        ),
        (
            4,
            and(vec![tag("决策者")?, tag("200人以上")?]),
            add("决策链关键人")?,
        ),
        (4, event("打开邮件", 60, 1.0), add("邮件打开")?),
        (
            4,
            and(vec![tag("邮件打开")?, not(event("打开邮件", 180, 1.0))]),
            remove("邮件打开")?,
        ),
        (3, city("上海"), add("华东")?),
        (3, and(vec![tag("企业版")?, tag("金卡")?]), add("预算充足")?),
        (3, tag("收藏未购买")?, set("跟进状态", "待邀约")?),
        (
            2,
            and(vec![tag("成交")?, event("下单", 90, 2.0)]),
            set("跟进状态", "待复购")?,
        ),
        (2, event("下单", 365, 3.0), add("种子用户")?),
        (
            2,
            and(vec![tag("母婴")?, tag("促销敏感")?]),
            add("活动参与")?,
        ),
        (1, tag("投诉处理中")?, remove("短信回复")?),
        (
            1,
            and(vec![tag("产品试用者")?, not(event("下单", 365, 1.0))]),
            set("跟进状态", "待链接")?,
        ),
        (
            1,
            Condition::Score {
                cmp: Cmp::Ge,
                value: 40.0,
                value2: None,
            },
            add("科技爱好者")?,
        ),
        (
            0,
            and(vec![tag("线下展会")?, tag("线下门店")?]),
            add("浏览产品A")?,
        ),
    ];
    Ok(specs
        .into_iter()
        .enumerate()
        .map(|(i, (priority, condition, action))| RuleInput {
            name: format!("bench-{i:02}"),
            owner: None,
            priority,
            enabled: true,
            condition,
            action,
        })
        .collect())
}

fn clear(conn: &mut Connection) -> Res<()> {
    for r in rules::list(conn)?
        .into_iter()
        .filter(|r| r.name.starts_with("bench-"))
    {
        rules::delete(conn, r.id, "bench")?;
    }
    Ok(())
}

fn timed<T>(label: &str, f: impl FnOnce() -> Res<T>) -> Res<T> {
    let (started, cpu) = (Instant::now(), thread_cpu_ms());
    let out = f()?;
    // The memory too: the runs write with a larger page cache while they run.
    println!(
        "  {label:<44} {:>9.1} ms  (CPU {:>7.0} ms; RSS {:.0} MB, peak {:.0} MB)",
        started.elapsed().as_secs_f64() * 1000.0,
        thread_cpu_ms() - cpu,
        crate::opening::status_mb("VmRSS:"),
        crate::opening::status_mb("VmHWM:"),
    );
    Ok(out)
}

/// This thread's CPU time (user + system) from /proc: on a machine shared with other builds the
/// wall time says more about the neighbours than about the code.
fn thread_cpu_ms() -> f64 {
    let stat = std::fs::read_to_string("/proc/thread-self/stat").unwrap_or_default();
    // Fields after the parenthesised command name; utime and stime are the 12th and 13th.
    let rest = stat.rsplit(')').next().unwrap_or("");
    let f: Vec<f64> = rest
        .split_whitespace()
        .map(|x| x.parse().unwrap_or(0.0))
        .collect();
    f.get(11)
        .zip(f.get(12))
        .map_or(0.0, |(u, s)| (u + s) * 10.0)
}

pub fn run(conn: &mut Connection) -> Res<()> {
    // BENCH_RULES=skip times only RFM and lifecycle (e.g. to profile them alone).
    if std::env::var("BENCH_RULES").is_ok_and(|v| v == "skip") {
        return value(conn, clock::now());
    }
    println!("\nrules");
    clear(conn)?;
    for input in the_rules(conn)? {
        rules::create(conn, &input, "bench")?;
    }
    let now = clock::now();
    let never = AtomicBool::new(false);
    let mut index = timed("build the condition index", || Ok(Index::build(conn)?))?;
    let go = |conn: &mut Connection, index: &Index, customers: Option<Vec<i64>>| {
        rules::run(
            conn,
            index,
            &RunScope {
                rule_id: None,
                customer_ids: customers,
                trigger: RunTrigger::Manual,
            },
            now,
            "bench",
            &|_, _| {},
            &never,
        )
    };
    let first = timed("20 rules, everyone, first run (writes)", || {
        Ok(go(conn, &index, None)?)
    })?;
    println!(
        "    added {}, removed {}, conflicts {}",
        first.added,
        first.removed,
        first.conflicts.len()
    );
    timed("refresh the index after it", || Ok(index.refresh(conn)?))?;
    let second = timed("20 rules, everyone, nothing to change", || {
        Ok(go(conn, &index, None)?)
    })?;
    println!("    added {}, removed {}", second.added, second.removed);
    index.refresh(conn)?;
    let step = (index.universe.len() as usize / 1_000).max(1);
    let touched: Vec<i64> = index
        .universe
        .iter()
        .step_by(step)
        .take(1_000)
        .map(i64::from)
        .collect();
    let third = timed("20 rules, 1,000 touched customers", || {
        Ok(go(conn, &index, Some(touched))?)
    })?;
    println!(
        "    scanned {}, added {}, removed {}",
        third.scanned, third.added, third.removed
    );
    value(conn, now)?;
    timed("delete the 20 rules (taking their tags back)", || {
        clear(conn)
    })?;
    Ok(())
}

/// RFM, then lifecycle, over everyone; the first time they write their groups.
fn value(conn: &mut Connection, now: i64) -> Res<()> {
    let summary = timed("RFM over everyone (compute + group)", || {
        Ok(rfm::run(conn, now, "bench")?)
    })?;
    println!(
        "    classified {}, added {}, removed {}",
        summary.classes.iter().map(|c| c.customers).sum::<i64>(),
        summary.added,
        summary.removed
    );
    let stages = timed("lifecycle over everyone", || {
        Ok(lifecycle::run(conn, now, "bench")?)
    })?;
    println!("    added {}, removed {}", stages.added, stages.removed);
    Ok(())
}
