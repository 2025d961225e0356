//! The events import's real run: the dry run's plan written in one transaction.

use super::{analyse, PlannedEvent};
use crate::error::{Error, Result};
use crate::events;
use crate::import::plan::{ImportPlan, Outcome};
use crate::import::{ColumnTarget, ImportSpec};
use rusqlite::{params, Connection};
use std::collections::{BTreeSet, HashMap};
use std::sync::atomic::{AtomicBool, Ordering};

/// Rows between two progress reports (and cancel checks).
const STEP: usize = 1000;

/// What an events run wrote, for the report and the rules that follow.
pub struct Written {
    pub plan: ImportPlan<PlannedEvent>,
    pub kinds_created: i64,
    pub customers: Vec<i64>,
    /// The follow-up work recorded with the events (see [`crate::follow_up`]).
    pub follow_up: Option<i64>,
}

/// Writes the planned events in one transaction: the kinds to declare, the property keys the
/// file brings, then the events. A cancel or a failure leaves the database untouched.
pub fn run(
    conn: &mut Connection,
    spec: &ImportSpec,
    actor: &str,
    note: &crate::interrupted::Note,
    progress: &dyn Fn(usize, usize),
    cancel: &AtomicBool,
) -> Result<Written> {
    let tx = conn.transaction()?;
    let operation = crate::import::commit::begin_operation(&tx, spec, actor)?;
    let plan = analyse(&tx, spec)?.mapped()?;
    let keys: Vec<String> = plan
        .columns
        .iter()
        .filter_map(|c| match c {
            ColumnTarget::EventProperty { key } if !key.trim().is_empty() => Some(key.clone()),
            _ => None,
        })
        .collect();
    let fresh: Vec<&PlannedEvent> = plan
        .rows
        .iter()
        .filter(|r| r.outcome == Outcome::New)
        .collect();
    let used: BTreeSet<&str> = fresh.iter().map(|e| e.kind.as_str()).collect();
    let mut names: HashMap<&str, String> = HashMap::new();
    for kind in &used {
        names.insert(kind, events::declare(&tx, kind, &keys, false)?);
    }
    let total = fresh.len();
    let mut customers = BTreeSet::new();
    // The events added, for the undo of this import.
    let mut records = crate::operations::Records::default();
    {
        // In a team each event gets its global id as it is written (see migration 0024), made
        // from its key: the same row imported on a colleague's laptop is the same event.
        let mut insert = tx.prepare_cached(&format!(
            "INSERT INTO events(customer_id, kind, occurred_at, amount, properties, source_key, uid)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, {})",
            events::imported_uid_in_team("?6")
        ))?;
        for (i, e) in fresh.iter().enumerate() {
            if i % STEP == 0 {
                if cancel.load(Ordering::Relaxed) {
                    return Err(Error::Cancelled);
                }
                progress(i, total);
            }
            insert.execute(params![
                e.customer_id,
                names[e.kind.as_str()],
                e.occurred_at,
                e.amount,
                e.properties,
                e.source_key
            ])?;
            records.event_added(tx.last_insert_rowid());
            customers.insert(e.customer_id);
        }
    }
    // Keyless events these rows were found to be take the rows' keys (see `identity`).
    let mut adopt = tx.prepare_cached("UPDATE events SET source_key = ?2 WHERE id = ?1")?;
    for e in &plan.rows {
        if let (Outcome::Unchanged { .. }, Some(id)) = (&e.outcome, e.adopt) {
            adopt.execute(params![id, e.source_key])?;
        }
    }
    drop(adopt);
    progress(total, total);
    let customers: Vec<i64> = customers.into_iter().collect();
    let written = crate::import::commit::Written {
        summary: &plan.summary,
        customers: &customers,
        records,
    };
    let follow_up =
        crate::import::commit::commit(tx, operation, actor, note, spec, &written, cancel)?;
    Ok(Written {
        kinds_created: plan.kinds_to_create.len() as i64,
        customers,
        follow_up,
        plan,
    })
}
