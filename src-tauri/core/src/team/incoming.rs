//! Applying what other devices sent (docs/TEAM.md §3): in one transaction, in clock order,
//! each operation once. Nothing received is dropped silently: each operation is applied, was
//! already here, or is kept as pending (a newer format) with the reason; each change that
//! could not land as it came is in the inbox.

use super::tag_runs::Run;
use super::wire::{Change, WireOperation, FORMAT};
use super::{
    customers_in, events_in, node_places, nodes_in, outgoing, records_in, tag_pairs, touched,
    waiting,
};
use crate::error::Result;
use crate::follow_up::{self, Owed};
use crate::operations::{self, EditedEntity};
use crate::rules::RunTrigger;
use crate::work::Work;
use rusqlite::{params, Connection, Transaction};

/// What one exchange did with the operations it received.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Applied {
    pub applied: usize,
    /// Received before (a file read twice, a pack applied again) or made here.
    pub already: usize,
    /// Of a newer format than this app reads: kept, waiting for an update of TagDesk.
    pub pending: usize,
    /// The latest wall time (`at`, seconds) the texts carry, applied or not: how far ahead
    /// the sender's clock is (`received::apply_run`).
    pub newest_at: Option<i64>,
}

/// Applies operations received as JSON texts (one per operation), all in one transaction.
pub fn apply_texts(conn: &mut Connection, texts: &[String]) -> Result<Applied> {
    let tx = conn.transaction()?;
    let report = apply_texts_in(&tx, texts, None)?;
    tx.commit()?;
    Ok(report)
}

/// Where received texts stand in their sender's numbering: its device and the seq of the first
/// (the others follow on).
pub(crate) type Numbered<'a> = Option<(&'a str, u64)>;

/// [`apply_texts`] in the caller's transaction (which also moves the sender's cursor, so a
/// crash applies neither or both).
pub(crate) fn apply_texts_in(
    tx: &Transaction,
    texts: &[String],
    numbered: Numbered,
) -> Result<Applied> {
    let mut report = Applied::default();
    let mut readable = Vec::new();
    for (i, text) in texts.iter().enumerate() {
        let seq = numbered.map(|(device, first)| (device, (first + i as u64) as i64));
        match serde_json::from_str::<WireOperation>(text) {
            Ok(op) if op.format <= FORMAT => {
                report.newest_at = report.newest_at.max(Some(op.at));
                readable.push(Received { op, text, seq });
            }
            _ => {
                if keep_pending(tx, text)? {
                    report.pending += 1;
                } else {
                    report.already += 1;
                }
                note_unread(tx, text, seq, &mut report)?;
            }
        }
    }
    let applied = apply_in(tx, readable, Runs::Gathered)?;
    Ok(Applied {
        applied: applied.applied,
        already: report.already + applied.already,
        pending: report.pending,
        newest_at: report.newest_at,
    })
}

/// The fields of an operation this app cannot read that its bookkeeping still uses.
#[derive(serde::Deserialize)]
struct Stamp {
    uid: String,
    at: Option<i64>,
}

/// Notes where a text this app cannot read stands in its sender's numbering, and its time. One
/// that is not even JSON with a uid was kept under a digest of its text; it cannot be passed on
/// by seq, which leaves a gap a pack's receiver reads around (`received::apply_run`).
fn note_unread(
    tx: &Transaction,
    text: &str,
    seq: Option<(&str, i64)>,
    report: &mut Applied,
) -> Result<()> {
    let Ok(stamp) = serde_json::from_str::<Stamp>(text) else {
        return Ok(());
    };
    report.newest_at = report.newest_at.max(stamp.at);
    note_seq(tx, &stamp.uid, text, seq)
}

/// Keeps where `uid` stands in its sender's numbering, for an operation not kept with its seq
/// as it was applied: one this copy knew before without a received row (made here, or come
/// with the team's snapshot) gets one now, so it can be passed on.
fn note_seq(tx: &Transaction, uid: &str, text: &str, seq: Option<(&str, i64)>) -> Result<()> {
    let Some((device, seq)) = seq else {
        return Ok(());
    };
    tx.prepare_cached(
        "INSERT INTO received_operations(uid, operation_id, payload, device, seq)
         VALUES (?1, (SELECT id FROM operations WHERE uid = ?1), ?2, ?3, ?4)
         ON CONFLICT(uid) DO UPDATE SET device = excluded.device, seq = excluded.seq
         WHERE received_operations.seq IS NULL",
    )?
    .execute(params![uid, text, device, seq])?;
    Ok(())
}

/// Applies `operations`, all in one transaction.
pub fn apply(conn: &mut Connection, operations: &[WireOperation]) -> Result<Applied> {
    apply_with(conn, operations, Runs::Gathered)
}

/// [`apply`], each operation alone as before runs of small tag changes were gathered
/// (`tag_runs`): the reference the runs are tested against (tests/core/team_runs.rs).
#[doc(hidden)]
pub fn apply_alone(conn: &mut Connection, operations: &[WireOperation]) -> Result<Applied> {
    apply_with(conn, operations, Runs::Alone)
}

/// Whether small tag changes are gathered into runs.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Runs {
    Gathered,
    Alone,
}

fn apply_with(conn: &mut Connection, operations: &[WireOperation], runs: Runs) -> Result<Applied> {
    let texts = operations
        .iter()
        .map(serde_json::to_string)
        .collect::<serde_json::Result<Vec<_>>>()?;
    let tx = conn.transaction()?;
    let report = apply_in(
        &tx,
        operations
            .iter()
            .cloned()
            .zip(texts.iter())
            .map(|(op, text)| Received {
                op,
                text,
                seq: None,
            })
            .collect(),
        runs,
    )?;
    tx.commit()?;
    Ok(report)
}

/// A readable operation received, with its text and, when it came numbered, its sender's seq.
struct Received<'a> {
    op: WireOperation,
    text: &'a str,
    seq: Option<(&'a str, i64)>,
}

fn apply_in(tx: &Transaction, mut operations: Vec<Received>, runs: Runs) -> Result<Applied> {
    // Clock order: the same on every device, whatever order the files came in.
    operations.sort_by(|a, b| a.op.clock().cmp(&b.op.clock()));
    outgoing::work_out_pending(tx)?;
    touched::start(tx)?;
    let me = operations::device_id(tx)?;
    let mut report = Applied::default();
    let mut author = None;
    let mut events = false;
    // Small tag changes gather into a run, written together before anything else is applied.
    let mut run = Run::default();
    for Received { op, text, seq } in operations {
        if op.device == me || known(tx, &op.uid)? {
            note_seq(tx, &op.uid, text, seq)?;
            report.already += 1;
            continue;
        }
        if runs == Runs::Alone || !run.take(tx, &op, text, seq)? {
            run.apply_beside(tx, &op, || apply_one(tx, &op, text, seq))?;
        }
        events |= op.changes.iter().any(moves_value);
        author.get_or_insert(op.author);
        report.applied += 1;
    }
    run.flush(tx)?;
    events |= waiting::apply_arrived(tx)?;
    node_places::replay_if_owed(tx)?;
    // Rule, RFM and lifecycle tags do not travel: this laptop's rules run over the customers
    // that changed, after RFM and lifecycle are recomputed when events or their settings came,
    // owed in this transaction so a crash leaves the run to the next opening.
    let customers = touched::take(tx)?;
    follow_up::record_within(
        tx,
        &Owed {
            work: Work::TeamExchange,
            actor: author.as_deref().unwrap_or_default(),
            refresh_value: events,
            trigger: RunTrigger::Exchange,
            customers: &customers,
        },
    )?;
    Ok(report)
}

/// Whether a received change moves RFM and lifecycle classes: events, or their settings.
fn moves_value(change: &Change) -> bool {
    match change {
        Change::Events { .. } | Change::EventsRemoved { .. } => true,
        Change::Record { entity, .. } => matches!(
            entity,
            EditedEntity::RfmSettings | EditedEntity::LifecycleSettings
        ),
        _ => false,
    }
}

fn apply_one(
    tx: &Transaction,
    op: &WireOperation,
    text: &str,
    seq: Option<(&str, i64)>,
) -> Result<()> {
    let made = op.made();
    let open = operations::begin_received(tx, op.kind, op.source, &made)?;
    // Customers first (a tag given to a customer made in the same operation needs it), then
    // tag removals: a single-select set on the sender took the group's other tag off in the
    // same operation, which is not a conflict with the tag it gave.
    let mut changes: Vec<&Change> = op.changes.iter().collect();
    changes.sort_by_key(|c| match c {
        Change::TagNode { .. } => 0,
        Change::TagMerged { .. } => 1,
        Change::Record { .. } => 2,
        Change::Customer { .. } => 3,
        Change::Events { .. } => 4,
        Change::EventsRemoved { .. } => 5,
        Change::Tags { present, .. } => 6 + u8::from(*present),
    });
    // Counted as it goes while every change is a tag change, or an edit of a customer's
    // fields (which writes no tag), and at most one batch changed anyone (most received
    // operations); otherwise `finish` counts the members.
    let mut counted = Some(tag_pairs::Wrote::default());
    for change in changes {
        if !matches!(change, Change::Tags { .. }) && !edits_fields(change) {
            counted = None;
        }
        match change {
            Change::Customer {
                customer,
                alive,
                cells,
                merge,
            } => customers_in::apply(tx, op, customer, *alive, cells, *merge)?,
            Change::TagNode { node, alive, cells } => nodes_in::apply(tx, op, node, *alive, cells)?,
            Change::TagMerged { from, to } => nodes_in::merged(tx, op, from, to)?,
            Change::Record {
                entity,
                record,
                image,
            } => records_in::apply(tx, op, *entity, record, image.as_ref())?,
            Change::Tags {
                tag,
                present,
                source,
                customers,
            } => {
                let wrote = tag_pairs::apply(tx, op, tag, *present, *source, customers)?;
                counted = counted.and_then(|c| c.and(wrote));
            }
            Change::Events { kind, events } => events_in::added(tx, op, kind, events)?,
            Change::EventsRemoved { events } => events_in::removed(tx, op, events)?,
        }
    }
    let id = match counted {
        Some(c) => open.finish_counted(tx, c.customers, c.batches as i64)?,
        None => open.finish(tx)?,
    };
    customers_in::describe(tx, id, &op.changes)?;
    events_in::describe(tx, id, &op.changes)?;
    keep_received(tx, &op.uid, id, text, seq)
}

/// Whether `change` only edits a customer's fields (no creation, deletion or merge): it
/// touches no tag, and tells nothing about tags.
pub(super) fn edits_fields(change: &Change) -> bool {
    matches!(
        change,
        Change::Customer {
            alive: None,
            merge: false,
            ..
        }
    )
}

/// Keeps received operation `uid` (applied as operation `id`) and its text. With its seq at
/// once: noting it afterwards (`received::note_seq`) rewrote the row, payload and all (7 MB for
/// a 200,000-customer bulk tag).
pub(super) fn keep_received(
    tx: &Transaction,
    uid: &str,
    id: i64,
    text: &str,
    seq: Option<(&str, i64)>,
) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO received_operations(uid, operation_id, payload, device, seq)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![uid, id, text, seq.map(|s| s.0), seq.map(|s| s.1)])?;
    Ok(())
}

fn known(tx: &Transaction, uid: &str) -> Result<bool> {
    Ok(tx
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM received_operations WHERE uid = ?1)
                 OR EXISTS (SELECT 1 FROM operations WHERE uid = ?1)",
        )?
        .query_row([uid], |r| r.get(0))?)
}

/// Keeps an operation this app cannot read, untouched, until an update can; returns false
/// when it was already kept. One without even a uid is kept under its text's digest.
fn keep_pending(tx: &Transaction, text: &str) -> Result<bool> {
    let value: Option<serde_json::Value> = serde_json::from_str(text).ok();
    let uid = value
        .as_ref()
        .and_then(|v| v.get("uid"))
        .and_then(|u| u.as_str())
        .map(str::to_string)
        .unwrap_or_else(|| format!("unreadable-{:016x}", fxhash(text)));
    let format = value
        .as_ref()
        .and_then(|v| v.get("format"))
        .and_then(|f| f.as_u64());
    let reason = match format {
        Some(f) if f > u64::from(FORMAT) => "newer_format",
        _ => "unreadable",
    };
    let inserted = tx
        .prepare_cached(
            "INSERT OR IGNORE INTO received_operations(uid, payload, pending) VALUES (?1, ?2, ?3)",
        )?
        .execute(params![uid, text, reason])?;
    Ok(inserted > 0)
}

/// A stable digest of a text (FNV-1a), to name an unreadable operation the same each time.
fn fxhash(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
    })
}
