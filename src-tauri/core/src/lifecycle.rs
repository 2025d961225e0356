//! Lifecycle stages from orders and the last interaction (any event), kept as the automatic
//! single-select group "生命周期" (source `lifecycle`): 潜客 never ordered; 新客 first order
//! within `new_days`; 活跃 last interaction within `active_days`; 沉默 within `silent_days`;
//! 流失 longer ago. Checked in that order; events after `now` are ignored. A manual stage stays.

use crate::calendar::Calendar;
use crate::db;
use crate::error::{Error, Result};
use crate::jobs::{self, Job};
use crate::operations::{Image, Images};
use crate::problem::Problem;
use crate::tagging::{owned, TagSource};
use roaring::RoaringBitmap;
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::sync::atomic::AtomicBool;
use ts_rs::TS;

const SETTINGS_KEY: &str = "lifecycle_settings";
const REPORT_KEY: &str = "lifecycle_report";
pub const GROUP: &str = "生命周期";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export_to = "LifecycleSettings.ts")]
pub struct LifecycleSettings {
    /// The event kind that is an order.
    pub order_kind: String,
    pub new_days: i64,
    pub active_days: i64,
    pub silent_days: i64,
}

impl Default for LifecycleSettings {
    fn default() -> Self {
        LifecycleSettings {
            order_kind: "下单".into(),
            new_days: 30,
            active_days: 60,
            silent_days: 180,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export_to = "LifecycleStage.ts")]
pub enum LifecycleStage {
    Prospect,
    New,
    Active,
    Silent,
    Lost,
}

impl LifecycleStage {
    /// In the order of the starter group's tags.
    pub const ALL: [LifecycleStage; 5] = [
        LifecycleStage::Prospect,
        LifecycleStage::New,
        LifecycleStage::Active,
        LifecycleStage::Silent,
        LifecycleStage::Lost,
    ];

    pub fn name(self) -> &'static str {
        match self {
            LifecycleStage::Prospect => "潜客",
            LifecycleStage::New => "新客",
            LifecycleStage::Active => "活跃",
            LifecycleStage::Silent => "沉默",
            LifecycleStage::Lost => "流失",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export_to = "LifecycleCount.ts")]
pub struct LifecycleCount {
    pub stage: LifecycleStage,
    pub name: String,
    pub tag_id: i64,
    pub customers: i64,
}

/// A lifecycle run, kept as the last one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export_to = "LifecycleReport.ts")]
pub struct LifecycleReport {
    #[serde(default)]
    pub run_at: i64,
    /// Computed stages; a customer who kept a manual stage still counts under the computed one.
    pub stages: Vec<LifecycleCount>,
    pub added: i64,
    pub removed: i64,
    /// Customers whose manual stage the run left alone.
    #[serde(default)]
    pub kept_manual: i64,
}

pub fn settings(conn: &Connection) -> Result<LifecycleSettings> {
    Ok(match db::meta_get(conn, SETTINGS_KEY)? {
        Some(json) => serde_json::from_str(&json).unwrap_or_default(),
        // Until saved, orders are the first kind declared as one.
        None => LifecycleSettings {
            order_kind: crate::events::order_kind(conn)?.unwrap_or_else(|| "下单".into()),
            ..LifecycleSettings::default()
        },
    })
}

pub fn save_settings(conn: &Connection, s: &LifecycleSettings, actor: &str) -> Result<()> {
    if s.order_kind.trim().is_empty() {
        return Err(Error::invalid("order_kind", Problem::ChooseOrderKind));
    }
    if s.new_days < 1 || s.active_days < 1 {
        return Err(Error::invalid("new_days", Problem::AtLeastOneDay));
    }
    if s.silent_days <= s.active_days {
        return Err(Error::invalid("silent_days", Problem::SilentAfterActive));
    }
    // The history keeps the settings before and after; there is one record of them.
    let before = settings(conn)?;
    db::meta_set(conn, SETTINGS_KEY, &serde_json::to_string(s)?)?;
    let images = Images::of(
        Image::LifecycleSettings { settings: before },
        Image::LifecycleSettings {
            settings: s.clone(),
        },
    );
    crate::audit::record_edit(
        conn,
        actor,
        "update",
        "lifecycle_settings",
        Some(crate::operations::SETTINGS_ID),
        s,
        Some(images),
    )
}

/// The day boundaries the stages are decided by, worked out once for a run: a moment at or
/// after `new_from` is at most `new_days` calendar days old, and so on.
pub struct Thresholds {
    new_from: i64,
    active_from: i64,
    silent_from: i64,
}

impl Thresholds {
    pub fn new(s: &LifecycleSettings, calendar: &Calendar) -> Self {
        Thresholds {
            new_from: calendar.since(s.new_days),
            active_from: calendar.since(s.active_days),
            silent_from: calendar.since(s.silent_days),
        }
    }
}

/// The stage of a customer from their first order and last interaction (unix seconds).
pub fn stage(t: &Thresholds, first_order: Option<i64>, last_touch: Option<i64>) -> LifecycleStage {
    let Some(first) = first_order else {
        return LifecycleStage::Prospect;
    };
    let last = last_touch.unwrap_or(first);
    if first >= t.new_from {
        LifecycleStage::New
    } else if last >= t.active_from {
        LifecycleStage::Active
    } else if last >= t.silent_from {
        LifecycleStage::Silent
    } else {
        LifecycleStage::Lost
    }
}

/// Every live customer's stage, days counted on the machine's calendar. Writes nothing.
pub fn compute(
    conn: &Connection,
    s: &LifecycleSettings,
    now: i64,
) -> Result<Vec<(i64, LifecycleStage)>> {
    compute_in(conn, s, &Calendar::local(now))
}

/// [`compute`] on the days of `calendar`: "within N days" is at most N calendar days before
/// today's date.
pub fn compute_in(
    conn: &Connection,
    s: &LifecycleSettings,
    calendar: &Calendar,
) -> Result<Vec<(i64, LifecycleStage)>> {
    // One sequential pass over the events, folded here (first order, last touch): the two
    // GROUP BY subqueries read every order's row at random through the (kind, time) index.
    let mut stmt = conn.prepare(
        "SELECT customer_id, kind = ?1, occurred_at FROM events NOT INDEXED WHERE occurred_at <= ?2",
    )?;
    let mut rows = stmt.query(params![s.order_kind, calendar.now()])?;
    let mut seen: HashMap<i64, (Option<i64>, i64)> = HashMap::new();
    while let Some(r) = rows.next()? {
        let (id, order, at): (i64, bool, i64) = (r.get(0)?, r.get(1)?, r.get(2)?);
        let e = seen.entry(id).or_insert((None, at));
        e.1 = e.1.max(at);
        if order {
            e.0 = Some(e.0.map_or(at, |first: i64| first.min(at)));
        }
    }
    let live = crate::rfm::live_customers(conn)?;
    let thresholds = Thresholds::new(s, calendar);
    Ok(live
        .iter()
        .map(|id| {
            let (first, last) = seen
                .get(&i64::from(id))
                .map_or((None, None), |(f, l)| (*f, Some(*l)));
            (i64::from(id), stage(&thresholds, first, last))
        })
        .collect())
}

/// Brings the group "生命周期" (created if missing) to every customer's stage, in one
/// transaction and one undoable batch; returns and keeps the report.
pub fn run(conn: &mut Connection, now: i64, actor: &str) -> Result<LifecycleReport> {
    run_with(conn, now, actor, &|_, _| {}, &AtomicBool::new(false))
}

/// [`run`] reporting to a [`Job`] the UI polls and can cancel.
pub fn run_job(conn: &mut Connection, now: i64, actor: &str, job: &Job) -> Result<LifecycleReport> {
    job.run(|progress, cancel| run_with(conn, now, actor, progress, cancel))
}

/// The steps [`run_with`] reports: read events, write the group, keep the report.
pub const STEPS: usize = 3;

/// [`run`] with `progress(step, STEPS)` after each step; setting `cancel` stops it before the
/// commit, so a cancelled run changes nothing.
pub fn run_with(
    conn: &mut Connection,
    now: i64,
    actor: &str,
    progress: &dyn Fn(usize, usize),
    cancel: &AtomicBool,
) -> Result<LifecycleReport> {
    // Its batch rewrites a class for every customer: the page cache of a bulk tag, as rules.
    crate::db::with_bulk_cache(conn, |conn| run_in(conn, now, actor, progress, cancel))
}

fn run_in(
    conn: &mut Connection,
    now: i64,
    actor: &str,
    progress: &dyn Fn(usize, usize),
    cancel: &AtomicBool,
) -> Result<LifecycleReport> {
    let stop = |step: usize| jobs::step(progress, cancel, step, STEPS);
    stop(0)?;
    let tx = conn.transaction()?;
    let operation = crate::operations::begin(
        &tx,
        crate::operations::OperationKind::LifecycleRun,
        crate::provenance::ChangeSource::Lifecycle,
        actor,
        serde_json::json!({}),
    )?;
    let s = settings(&tx)?;
    let stages = compute(&tx, &s, now)?;
    stop(1)?;
    let (group, tags) = owned::ensure_group(&tx, GROUP)?;
    let tag_of: HashMap<LifecycleStage, i64> =
        LifecycleStage::ALL.iter().copied().zip(tags).collect();
    let mut wanted: HashMap<i64, RoaringBitmap> = HashMap::new();
    let mut live = RoaringBitmap::new();
    for (id, st) in &stages {
        wanted.entry(tag_of[st]).or_default().insert(*id as u32);
        live.insert(*id as u32);
    }
    let settled =
        owned::settle_group(&tx, group, &wanted, &live, TagSource::Lifecycle, actor, now)?;
    stop(2)?;
    let report = LifecycleReport {
        run_at: now,
        stages: LifecycleStage::ALL
            .iter()
            .map(|st| LifecycleCount {
                stage: *st,
                name: st.name().into(),
                tag_id: tag_of[st],
                customers: wanted.get(&tag_of[st]).map_or(0, |w| w.len() as i64),
            })
            .collect(),
        added: settled.written.added,
        removed: settled.written.removed,
        kept_manual: settled.kept_manual,
    };
    db::meta_set(&tx, REPORT_KEY, &serde_json::to_string(&report)?)?;
    stop(STEPS)?;
    operation.finish_unless_idle(&tx)?;
    tx.commit()?;
    Ok(report)
}

/// The report of the last run, if lifecycle has run.
pub fn last_report(conn: &Connection) -> Result<Option<LifecycleReport>> {
    Ok(db::meta_get(conn, REPORT_KEY)?.and_then(|json| serde_json::from_str(&json).ok()))
}

/// Whether the thresholds were ever saved (then a person cares about the stages).
pub(crate) fn configured(conn: &Connection) -> Result<bool> {
    Ok(db::meta_get(conn, SETTINGS_KEY)?.is_some())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use chrono_tz::America::New_York;

    const DAY: i64 = 86_400;

    #[test]
    fn stages_follow_orders_and_the_last_interaction() {
        let s = LifecycleSettings::default();
        let now = 1_000 * DAY + 12 * 3_600;
        let t = Thresholds::new(&s, &Calendar::new(chrono::Utc, now));
        let ago = |d: i64| Some(now - d * DAY);
        assert_eq!(stage(&t, None, ago(1)), LifecycleStage::Prospect);
        assert_eq!(stage(&t, ago(30), ago(30)), LifecycleStage::New);
        assert_eq!(stage(&t, ago(31), ago(31)), LifecycleStage::Active);
        assert_eq!(stage(&t, ago(400), ago(60)), LifecycleStage::Active);
        assert_eq!(stage(&t, ago(400), ago(61)), LifecycleStage::Silent);
        assert_eq!(stage(&t, ago(400), ago(180)), LifecycleStage::Silent);
        assert_eq!(stage(&t, ago(400), ago(181)), LifecycleStage::Lost);
    }

    #[test]
    fn stage_thresholds_count_calendar_days_across_daylight_saving_in_new_york() {
        let s = LifecycleSettings::default();
        let local = |y, m, d, h| {
            New_York
                .with_ymd_and_hms(y, m, d, h, 0, 0)
                .unwrap()
                .timestamp()
        };
        // Now is summer time; the order 30 calendar days back is still winter time, so it is
        // 30 days less one hour ago: new, as any order of that date.
        let now = local(1997, 4, 26, 12);
        let t = Thresholds::new(&s, &Calendar::new(New_York, now));
        let first = local(1997, 3, 27, 0);
        assert_eq!(stage(&t, Some(first), Some(first)), LifecycleStage::New);
        let older = local(1997, 3, 26, 23);
        assert_eq!(stage(&t, Some(older), Some(older)), LifecycleStage::Active);
    }
}
