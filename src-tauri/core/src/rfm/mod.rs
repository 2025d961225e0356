//! RFM: recency, frequency and money of each customer's orders in a window, scored 1–5 and
//! mapped to the eight classic classes, kept as the automatic single-select group
//! "RFM 客户价值" (source `rfm`).
//!
//! Choices: scores are quintiles by rank (see [`score::quantile_scores`]) or hand-set cut
//! points; a dimension is "high" when its score is at least `high_from` (default 3, which
//! with quintiles means the customer beats at least 40% of buyers on it). Customers without
//! an order in the window get no class and lose a computed one; a manual class stays.

pub mod score;

use crate::calendar::Calendar;
use crate::db;
use crate::error::{Error, Result};
use crate::jobs::{self, Job};
use crate::operations::{Image, Images};
use crate::problem::Problem;
use crate::tagging::owned;
use crate::tagging::TagSource;
use roaring::RoaringBitmap;
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::sync::atomic::AtomicBool;
use ts_rs::TS;

const SETTINGS_KEY: &str = "rfm_settings";
const SUMMARY_KEY: &str = "rfm_summary";
pub const GROUP: &str = "RFM 客户价值";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export_to = "RfmClass.ts")]
pub enum RfmClass {
    ImportantValue,
    ImportantDevelop,
    ImportantKeep,
    ImportantRetain,
    GeneralValue,
    GeneralDevelop,
    GeneralKeep,
    GeneralRetain,
}

impl RfmClass {
    /// In the order of the starter group's tags.
    pub const ALL: [RfmClass; 8] = [
        RfmClass::ImportantValue,
        RfmClass::ImportantDevelop,
        RfmClass::ImportantKeep,
        RfmClass::ImportantRetain,
        RfmClass::GeneralValue,
        RfmClass::GeneralDevelop,
        RfmClass::GeneralKeep,
        RfmClass::GeneralRetain,
    ];

    /// The tag name.
    pub fn name(self) -> &'static str {
        match self {
            RfmClass::ImportantValue => "重要价值",
            RfmClass::ImportantDevelop => "重要发展",
            RfmClass::ImportantKeep => "重要保持",
            RfmClass::ImportantRetain => "重要挽留",
            RfmClass::GeneralValue => "一般价值",
            RfmClass::GeneralDevelop => "一般发展",
            RfmClass::GeneralKeep => "一般保持",
            RfmClass::GeneralRetain => "一般挽留",
        }
    }
}

/// Hand-set cut points, four per dimension, rising: a score is 1 + the cuts reached.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export_to = "RfmThresholds.ts")]
pub struct RfmThresholds {
    /// Days since the last order; at most the cut counts as reached.
    pub recency_days: [f64; 4],
    pub frequency: [f64; 4],
    pub monetary: [f64; 4],
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "type", rename_all = "snake_case")]
#[ts(export_to = "RfmScoring.ts")]
pub enum RfmScoring {
    /// Quintiles of the customers who ordered in the window.
    Quantile,
    Thresholds {
        thresholds: RfmThresholds,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export_to = "RfmSettings.ts")]
pub struct RfmSettings {
    /// The event kind that is an order.
    pub order_kind: String,
    /// Orders at most this many calendar days before today (and not after now) count.
    pub window_days: i64,
    pub scoring: RfmScoring,
    /// A score from this value up (1–5) is "high".
    pub high_from: u8,
}

impl Default for RfmSettings {
    fn default() -> Self {
        RfmSettings {
            order_kind: "下单".into(),
            window_days: 365,
            scoring: RfmScoring::Quantile,
            high_from: 3,
        }
    }
}

/// One customer's figures.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "RfmRow.ts")]
pub struct RfmRow {
    pub customer_id: i64,
    /// Calendar days from the last order's date to today's, in the user's time zone.
    pub recency_days: i64,
    pub frequency: i64,
    pub monetary: f64,
    pub r: u8,
    pub f: u8,
    pub m: u8,
    pub class: RfmClass,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export_to = "RfmClassSummary.ts")]
pub struct RfmClassSummary {
    pub class: RfmClass,
    pub name: String,
    pub tag_id: i64,
    pub customers: i64,
    pub avg_recency_days: f64,
    pub avg_frequency: f64,
    pub avg_monetary: f64,
}

/// The last RFM run: the classes as the tags now show them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export_to = "RfmSummary.ts")]
pub struct RfmSummary {
    pub run_at: i64,
    pub settings: RfmSettings,
    pub classes: Vec<RfmClassSummary>,
    /// Live customers without an order in the window.
    pub unclassified: i64,
    /// Assignments the run added and removed.
    pub added: i64,
    pub removed: i64,
    /// Customers whose manual class the run left alone (the figures above still count their
    /// computed class).
    #[serde(default)]
    pub kept_manual: i64,
}

pub fn settings(conn: &Connection) -> Result<RfmSettings> {
    Ok(match db::meta_get(conn, SETTINGS_KEY)? {
        Some(json) => serde_json::from_str(&json).unwrap_or_default(),
        // Until saved, orders are the first kind declared as one.
        None => RfmSettings {
            order_kind: crate::events::order_kind(conn)?.unwrap_or_else(|| "下单".into()),
            ..RfmSettings::default()
        },
    })
}

pub fn save_settings(conn: &Connection, s: &RfmSettings, actor: &str) -> Result<()> {
    if s.order_kind.trim().is_empty() {
        return Err(Error::invalid("order_kind", Problem::ChooseOrderKind));
    }
    if !(1..=3650).contains(&s.window_days) {
        return Err(Error::invalid(
            "window_days",
            Problem::DaysBetween { min: 1, max: 3650 },
        ));
    }
    if !(1..=5).contains(&s.high_from) {
        return Err(Error::invalid(
            "high_from",
            Problem::ScoreBetween { min: 1, max: 5 },
        ));
    }
    if let RfmScoring::Thresholds { thresholds } = &s.scoring {
        score::check_thresholds(thresholds).map_err(|p| Error::invalid("thresholds", p))?;
    }
    // The history keeps the settings before and after; there is one record of them.
    let before = settings(conn)?;
    db::meta_set(conn, SETTINGS_KEY, &serde_json::to_string(s)?)?;
    let images = Images::of(
        Image::RfmSettings { settings: before },
        Image::RfmSettings {
            settings: s.clone(),
        },
    );
    crate::audit::record_edit(
        conn,
        actor,
        "update",
        "rfm_settings",
        Some(crate::operations::SETTINGS_ID),
        s,
        Some(images),
    )
}

/// Every live customer with an order in the window, scored and classed, days counted on the
/// machine's calendar. Writes nothing.
pub fn compute(conn: &Connection, s: &RfmSettings, now: i64) -> Result<Vec<RfmRow>> {
    compute_in(conn, s, &Calendar::local(now))
}

/// [`compute`] on the days of `calendar`: an order is in the window when it is at most
/// `window_days` calendar days old and not after now; recency is today's date minus the last
/// order's.
pub fn compute_in(conn: &Connection, s: &RfmSettings, calendar: &Calendar) -> Result<Vec<RfmRow>> {
    // One sequential pass over the events table, summed here: through the (kind, time) index
    // every order costs a random read of its row for customer and amount, ~4× slower at 5M
    // events (docs/BENCHMARKS.md).
    let mut stmt = conn.prepare(
        "SELECT customer_id, occurred_at, amount FROM events NOT INDEXED
         WHERE kind = ?1 AND occurred_at >= ?2 AND occurred_at <= ?3",
    )?;
    let now = calendar.now();
    let mut rows = stmt.query(params![s.order_kind, calendar.since(s.window_days), now])?;
    let mut by_customer: HashMap<i64, (i64, i64, f64)> = HashMap::new();
    while let Some(r) = rows.next()? {
        let (id, at, amount): (i64, i64, Option<f64>) = (r.get(0)?, r.get(1)?, r.get(2)?);
        let e = by_customer.entry(id).or_insert((at, 0, 0.0));
        e.0 = e.0.max(at);
        e.1 += 1;
        e.2 += amount.unwrap_or(0.0);
    }
    let live = live_customers(conn)?;
    let mut raw: Vec<(i64, i64, i64, f64)> = by_customer
        .into_iter()
        .filter(|(id, _)| u32::try_from(*id).is_ok_and(|id| live.contains(id)))
        .map(|(id, (last, n, m))| (id, last, n, m))
        .collect();
    raw.sort_unstable_by_key(|r| r.0);
    let days = calendar.counter(s.window_days);
    let recency: Vec<f64> = raw
        .iter()
        .map(|(_, last, _, _)| days.days_ago(*last) as f64)
        .collect();
    let frequency: Vec<f64> = raw.iter().map(|(_, _, n, _)| *n as f64).collect();
    let money: Vec<f64> = raw.iter().map(|(_, _, _, m)| *m).collect();
    let (rs, fs, ms) = match &s.scoring {
        RfmScoring::Quantile => (
            score::quantile_scores(&recency, true),
            score::quantile_scores(&frequency, false),
            score::quantile_scores(&money, false),
        ),
        RfmScoring::Thresholds { thresholds: t } => (
            recency
                .iter()
                .map(|v| score::threshold_score(*v, &t.recency_days, true))
                .collect(),
            frequency
                .iter()
                .map(|v| score::threshold_score(*v, &t.frequency, false))
                .collect(),
            money
                .iter()
                .map(|v| score::threshold_score(*v, &t.monetary, false))
                .collect(),
        ),
    };
    let high = |x: u8| x >= s.high_from;
    Ok(raw
        .iter()
        .enumerate()
        .map(|(i, (id, _, n, m))| RfmRow {
            customer_id: *id,
            recency_days: recency[i] as i64,
            frequency: *n,
            monetary: *m,
            r: rs[i],
            f: fs[i],
            m: ms[i],
            class: score::class(high(rs[i]), high(fs[i]), high(ms[i])),
        })
        .collect())
}

/// Computes RFM and brings the group "RFM 客户价值" (created if missing) to it in one
/// transaction and one undoable batch; returns and keeps the summary.
pub fn run(conn: &mut Connection, now: i64, actor: &str) -> Result<RfmSummary> {
    run_with(conn, now, actor, &|_, _| {}, &AtomicBool::new(false))
}

/// [`run`] reporting to a [`Job`] the UI polls and can cancel.
pub fn run_job(conn: &mut Connection, now: i64, actor: &str, job: &Job) -> Result<RfmSummary> {
    job.run(|progress, cancel| run_with(conn, now, actor, progress, cancel))
}

/// The steps [`run_with`] reports: read orders, write the group, keep the summary.
pub const STEPS: usize = 3;

/// [`run`] with `progress(step, STEPS)` after each step; setting `cancel` stops it before the
/// commit, so a cancelled run changes nothing.
pub fn run_with(
    conn: &mut Connection,
    now: i64,
    actor: &str,
    progress: &dyn Fn(usize, usize),
    cancel: &AtomicBool,
) -> Result<RfmSummary> {
    // Its batch rewrites a class for every customer: the page cache of a bulk tag, as rules.
    crate::db::with_bulk_cache(conn, |conn| run_in(conn, now, actor, progress, cancel))
}

fn run_in(
    conn: &mut Connection,
    now: i64,
    actor: &str,
    progress: &dyn Fn(usize, usize),
    cancel: &AtomicBool,
) -> Result<RfmSummary> {
    let stop = |step: usize| jobs::step(progress, cancel, step, STEPS);
    stop(0)?;
    let tx = conn.transaction()?;
    let operation = crate::operations::begin(
        &tx,
        crate::operations::OperationKind::RfmRun,
        crate::provenance::ChangeSource::Rfm,
        actor,
        serde_json::json!({}),
    )?;
    let s = settings(&tx)?;
    let rows = compute(&tx, &s, now)?;
    stop(1)?;
    let (group, tags) = owned::ensure_group(&tx, GROUP)?;
    let tag_of: HashMap<RfmClass, i64> = RfmClass::ALL.iter().copied().zip(tags).collect();
    let mut wanted: HashMap<i64, RoaringBitmap> = HashMap::new();
    for row in &rows {
        wanted
            .entry(tag_of[&row.class])
            .or_default()
            .insert(row.customer_id as u32);
    }
    let live = live_customers(&tx)?;
    let settled = owned::settle_group(&tx, group, &wanted, &live, TagSource::Rfm, actor, now)?;
    stop(2)?;
    let classes = RfmClass::ALL
        .iter()
        .map(|class| {
            let of: Vec<&RfmRow> = rows.iter().filter(|r| r.class == *class).collect();
            let n = of.len() as f64;
            let avg = |f: &dyn Fn(&RfmRow) -> f64| {
                if of.is_empty() {
                    0.0
                } else {
                    of.iter().map(|r| f(r)).sum::<f64>() / n
                }
            };
            RfmClassSummary {
                class: *class,
                name: class.name().into(),
                tag_id: tag_of[class],
                customers: of.len() as i64,
                avg_recency_days: avg(&|r| r.recency_days as f64),
                avg_frequency: avg(&|r| r.frequency as f64),
                avg_monetary: avg(&|r| r.monetary),
            }
        })
        .collect();
    let summary = RfmSummary {
        run_at: now,
        settings: s,
        classes,
        unclassified: live.len() as i64 - rows.len() as i64,
        added: settled.written.added,
        removed: settled.written.removed,
        kept_manual: settled.kept_manual,
    };
    db::meta_set(&tx, SUMMARY_KEY, &serde_json::to_string(&summary)?)?;
    stop(STEPS)?;
    operation.finish_unless_idle(&tx)?;
    tx.commit()?;
    Ok(summary)
}

/// The summary of the last run, if RFM has run.
pub fn summary(conn: &Connection) -> Result<Option<RfmSummary>> {
    Ok(db::meta_get(conn, SUMMARY_KEY)?.and_then(|json| serde_json::from_str(&json).ok()))
}

/// Whether the settings were ever saved (then a person cares about the classes).
pub(crate) fn configured(conn: &Connection) -> Result<bool> {
    Ok(db::meta_get(conn, SETTINGS_KEY)?.is_some())
}

pub(crate) fn live_customers(conn: &Connection) -> Result<RoaringBitmap> {
    let mut stmt = conn.prepare("SELECT id FROM customers WHERE deleted_at IS NULL ORDER BY id")?;
    let mut rows = stmt.query([])?;
    let mut set = RoaringBitmap::new();
    while let Some(r) = rows.next()? {
        let id: i64 = r.get(0)?;
        if set.try_push(id as u32).is_err() {
            set.insert(id as u32);
        }
    }
    Ok(set)
}
