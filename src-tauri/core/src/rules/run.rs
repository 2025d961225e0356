//! Running rules (all, one, or the time-based ones that are due) in one transaction, the
//! preview that writes nothing, and the run log.

use super::plan::Planner;
use super::store::{self, check};
use super::{
    CustomerRef, Rule, RuleInput, RuleOutcome, RulePreview, RuleRun, RunScope, RunTrigger,
};
use crate::conditions::Index;
use crate::error::{Error, Result};
use crate::jobs::Job;
use crate::operations::{self, OperationKind};
use crate::problem::Problem;
use crate::provenance::{BatchAction, ChangeSource};
use crate::tagging::bulk;
use crate::tagging::TagSource;
use roaring::RoaringBitmap;
use rusqlite::{params, Connection, Transaction};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

/// A time-based rule is re-run by [`run_due`] once its last run is this old (seconds).
pub const DUE_AFTER: i64 = 3_600;

/// How many customers a preview names.
const SAMPLE: usize = 10;

/// Runs the rules `scope` names over its customers in one transaction and logs the run.
/// `index` must be up to date with the database (the desk refreshes it). `progress(done,
/// total)` hears of each rule; setting `cancel` stops the run and changes nothing.
pub fn run(
    conn: &mut Connection,
    index: &Index,
    scope: &RunScope,
    now: i64,
    actor: &str,
    progress: &dyn Fn(usize, usize),
    cancel: &AtomicBool,
) -> Result<RuleRun> {
    if let Some(id) = scope.rule_id {
        if !store::get(conn, id)?.enabled {
            return Err(Error::invalid("rule", Problem::RuleDisabled));
        }
    }
    let only = scope.rule_id;
    run_selected(
        conn,
        index,
        &|r: &Rule| only.is_none_or(|id| id == r.id),
        only,
        scope.customer_ids.as_deref(),
        scope.trigger,
        now,
        actor,
        progress,
        cancel,
        &nothing_more,
    )
}

/// [`run`] reporting to a [`Job`] the UI polls and can cancel.
pub fn run_job(
    conn: &mut Connection,
    index: &Index,
    scope: &RunScope,
    now: i64,
    actor: &str,
    job: &Job,
) -> Result<RuleRun> {
    job.run(|progress, cancel| run(conn, index, scope, now, actor, progress, cancel))
}

/// Runs every enabled rule over `customers` (those an import, edit or new events just
/// touched), so they get what a full run would give them. None when there is nothing to do:
/// no customers, or no enabled rule (then nothing is logged, nor `settle` called). `settle`
/// writes in the run's transaction just before it commits: the follow-up record of the
/// change that owed the run goes with it (see [`crate::follow_up`]).
pub fn run_touched(
    conn: &mut Connection,
    index: &Index,
    customers: &[i64],
    trigger: RunTrigger,
    now: i64,
    actor: &str,
    settle: &dyn Fn(&Transaction, &RuleRun) -> Result<()>,
) -> Result<Option<RuleRun>> {
    if customers.is_empty() || !store::any_enabled(conn)? {
        return Ok(None);
    }
    let never = AtomicBool::new(false);
    run_selected(
        conn,
        index,
        &|_| true,
        None,
        Some(customers),
        trigger,
        now,
        actor,
        &|_, _| {},
        &never,
        settle,
    )
    .map(Some)
}

/// The `settle` of a run no follow-up waits for.
fn nothing_more(_: &Transaction, _: &RuleRun) -> Result<()> {
    Ok(())
}

/// Re-runs the enabled time-based rules whose last run is older than [`DUE_AFTER`], over
/// everyone. The app calls it at start and periodically; None when nothing was due.
pub fn run_due(
    conn: &mut Connection,
    index: &Index,
    now: i64,
    actor: &str,
) -> Result<Option<RuleRun>> {
    let due = |r: &Rule| r.time_based && r.last_run_at.is_none_or(|at| at <= now - DUE_AFTER);
    if !store::list(conn)?.iter().any(|r| r.enabled && due(r)) {
        return Ok(None);
    }
    let never = AtomicBool::new(false);
    run_selected(
        conn,
        index,
        &due,
        None,
        None,
        RunTrigger::Schedule,
        now,
        actor,
        &|_, _| {},
        &never,
        &nothing_more,
    )
    .map(Some)
}

/// Runs the enabled rules `selected` picks. The others that outrank them still claim their
/// customers, so a partial run never overrides a higher rule.
#[allow(clippy::too_many_arguments)]
fn run_selected(
    conn: &mut Connection,
    index: &Index,
    selected: &dyn Fn(&Rule) -> bool,
    rule_id: Option<i64>,
    customers: Option<&[i64]>,
    trigger: RunTrigger,
    now: i64,
    actor: &str,
    progress: &dyn Fn(usize, usize),
    cancel: &AtomicBool,
    settle: &dyn Fn(&Transaction, &RuleRun) -> Result<()>,
) -> Result<RuleRun> {
    let run = |conn: &mut Connection| {
        let clock = Instant::now();
        let tx = conn.transaction()?;
        let operation = operations::begin(
            &tx,
            OperationKind::RulesRun,
            ChangeSource::Rule,
            actor,
            serde_json::json!({ "trigger": trigger.as_str(), "rule_id": rule_id }),
        )?;
        let rules: Vec<Rule> = store::list(&tx)?
            .into_iter()
            .filter(|r| r.enabled)
            .collect();
        let total = rules.len();
        let mut planner = Planner::new(&tx, index, now, scope_of(index, customers));
        let mut outcomes = Vec::new();
        let (mut added, mut removed) = (0, 0);
        for (i, rule) in rules.iter().enumerate() {
            if cancel.load(Ordering::Relaxed) {
                return Err(Error::Cancelled);
            }
            progress(i, total);
            let apply = selected(rule);
            let step = planner.step(rule, apply)?;
            if !apply {
                continue;
            }
            let action = match rule.action {
                super::RuleAction::RemoveTag { .. } => BatchAction::Remove,
                _ => BatchAction::Add,
            };
            let written = bulk::write(
                &tx,
                action,
                rule.action.tag_id(),
                TagSource::Rule(rule.id),
                actor,
                now,
                &step.changes,
            )?;
            added += written.added;
            removed += written.removed;
            // Only a run over everyone brings a time-based rule up to date.
            if customers.is_none() {
                tx.execute(
                    "UPDATE rules SET last_run_at = ?2 WHERE id = ?1",
                    params![rule.id, now],
                )?;
            }
            outcomes.push(step.outcome);
        }
        if cancel.load(Ordering::Relaxed) {
            return Err(Error::Cancelled);
        }
        progress(total, total);
        let applied: Vec<i64> = outcomes.iter().map(|o| o.rule_id).collect();
        crate::tag_usage::note_rules(&tx, &applied, now)?;
        let conflicts: Vec<_> = planner
            .conflicts
            .drain(..)
            .filter(|c| applied.contains(&c.loser_id))
            .collect();
        let mut log = RuleRun {
            id: 0,
            rule_id,
            trigger,
            started_at: now,
            finished_at: now,
            millis: clock.elapsed().as_millis() as i64,
            scanned: planner.scope().len() as i64,
            added,
            removed,
            rules: outcomes,
            conflicts,
        };
        record(&tx, &mut log)?;
        operation.finish_unless_idle(&tx)?;
        settle(&tx, &log)?;
        tx.commit()?;
        Ok(log)
    };
    // A run over everyone writes a tag for hundreds of thousands of customers: the page cache
    // of a bulk tag. One over the few customers a change touched needs no more than the usual.
    match customers {
        None => crate::db::with_bulk_cache(conn, run),
        Some(_) => run(conn),
    }
}

/// Keeps `log` in the rules' run history, finished its whole seconds after it started; sets
/// its id.
fn record(tx: &Transaction, log: &mut RuleRun) -> Result<()> {
    log.finished_at += log.millis / 1000;
    tx.execute(
        "INSERT INTO rule_runs(rule_id, trigger, started_at, finished_at, millis, scanned, added, removed, detail)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            log.rule_id,
            log.trigger.as_str(),
            log.started_at,
            log.finished_at,
            log.millis,
            log.scanned,
            log.added,
            log.removed,
            serde_json::to_string(&serde_json::json!({
                "rules": log.rules, "conflicts": log.conflicts
            }))?
        ],
    )?;
    log.id = tx.last_insert_rowid();
    Ok(())
}

fn scope_of(index: &Index, customers: Option<&[i64]>) -> RoaringBitmap {
    match customers {
        None => index.universe.clone(),
        Some(ids) => {
            let mut set: RoaringBitmap = ids
                .iter()
                .filter_map(|id| u32::try_from(*id).ok())
                .collect();
            set &= &index.universe;
            set
        }
    }
}

/// What `input` (a new rule, or rule `id` edited) would change if it were enabled and ran now
/// over everyone, with the enabled rules that outrank it taken into account. Writes nothing.
pub fn preview(
    conn: &Connection,
    index: &Index,
    id: Option<i64>,
    input: &RuleInput,
    now: i64,
) -> Result<RulePreview> {
    let name = check(conn, input)?;
    let candidate = Rule {
        id: id.unwrap_or(0),
        name,
        owner: input.owner.clone(),
        priority: input.priority,
        enabled: true,
        time_based: input.condition.uses_time(),
        condition: input.condition.clone(),
        action: input.action,
        last_run_at: None,
        created_at: now,
        updated_at: now,
    };
    let mut rules: Vec<Rule> = store::list(conn)?
        .into_iter()
        .filter(|r| r.enabled && Some(r.id) != id)
        .collect();
    rules.push(candidate.clone());
    rules.sort_by_key(|r| (-r.priority, r.id));
    let mut planner = Planner::new(conn, index, now, index.universe.clone());
    let mut result = None;
    for rule in &rules {
        if rule.id == candidate.id {
            result = Some(planner.step(rule, true)?);
            break;
        }
        planner.step(rule, false)?;
    }
    let step = result.expect("the candidate is among the rules");
    let conflicts = planner
        .conflicts
        .drain(..)
        .filter(|c| c.loser_id == candidate.id)
        .collect();
    Ok(RulePreview {
        outcome: step.outcome,
        gain_sample: sample(conn, &step.gained)?,
        lose_sample: sample(conn, &step.lost)?,
        conflicts,
    })
}

fn sample(conn: &Connection, ids: &RoaringBitmap) -> Result<Vec<CustomerRef>> {
    let mut stmt = conn.prepare_cached("SELECT name FROM customers WHERE id = ?1")?;
    ids.iter()
        .take(SAMPLE)
        .map(|id| {
            Ok(CustomerRef {
                id: id as i64,
                name: stmt.query_row([id], |r| r.get(0))?,
            })
        })
        .collect()
}

/// The most recent runs, newest first.
pub fn log(conn: &Connection, limit: i64) -> Result<Vec<RuleRun>> {
    let mut stmt = conn.prepare(
        "SELECT id, rule_id, trigger, started_at, finished_at, millis, scanned, added, removed, detail
         FROM rule_runs ORDER BY id DESC LIMIT ?1",
    )?;
    let rows = stmt.query_map([limit.clamp(1, 1000)], |r| {
        let detail: String = r.get(9)?;
        let trigger: String = r.get(2)?;
        Ok((
            RuleRun {
                id: r.get(0)?,
                rule_id: r.get(1)?,
                trigger: RunTrigger::parse(&trigger),
                started_at: r.get(3)?,
                finished_at: r.get(4)?,
                millis: r.get(5)?,
                scanned: r.get(6)?,
                added: r.get(7)?,
                removed: r.get(8)?,
                rules: Vec::new(),
                conflicts: Vec::new(),
            },
            detail,
        ))
    })?;
    rows.map(|row| {
        let (mut run, detail) = row?;
        #[derive(serde::Deserialize, Default)]
        #[serde(default)]
        struct Detail {
            rules: Vec<RuleOutcome>,
            conflicts: Vec<super::RuleConflict>,
        }
        let d: Detail = serde_json::from_str(&detail).unwrap_or_default();
        run.rules = d.rules;
        run.conflicts = d.conflicts;
        Ok(run)
    })
    .collect()
}
