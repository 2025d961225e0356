//! What both imports (customers, events) do around their writes: the operation of the
//! history their changes join, and the commit that records them with the work they owe.
//! Kept apart from either run so that neither calls into the other.

use super::{ImportSpec, ImportSummary, ImportWhat};
use crate::audit;
use crate::error::{Error, Result};
use crate::follow_up;
use crate::interrupted::{self, Note};
use crate::operations::{self, OperationKind};
use crate::rules::RunTrigger;
use crate::work::Work;
use rusqlite::Transaction;
use std::sync::atomic::{AtomicBool, Ordering};

/// What an import wrote, as its commit records it.
pub(super) struct Written<'a> {
    pub summary: &'a ImportSummary,
    /// The customers added, changed or given events: the rules owe them a run.
    pub customers: &'a [i64],
    /// The records it created and changed, kept with its operation for its undo.
    pub records: operations::Records,
}

/// Begins the import's operation of the history: its tags and records join it.
pub(super) fn begin_operation(
    tx: &Transaction,
    spec: &ImportSpec,
    actor: &str,
) -> Result<operations::Open> {
    let kind = match spec.what {
        ImportWhat::Customers => OperationKind::ImportCustomers,
        ImportWhat::Events => OperationKind::ImportEvents,
    };
    operations::begin(
        tx,
        kind,
        crate::provenance::ChangeSource::Import,
        actor,
        serde_json::json!({ "file": spec.path }),
    )
}

/// Records the import in the audit log with the follow-up work it owes (the rules over the
/// customers it touched; after events, RFM and lifecycle first), takes its note back and
/// commits, unless it was cancelled at the last moment: both kinds of import end here, so a
/// cancel up to the commit changes nothing, and a commit never happens without its follow-up
/// on record. Returns the follow-up's id.
#[allow(clippy::too_many_arguments)]
pub(super) fn commit(
    tx: Transaction,
    operation: operations::Open,
    actor: &str,
    note: &Note,
    spec: &ImportSpec,
    written: &Written,
    cancel: &AtomicBool,
) -> Result<Option<i64>> {
    let what = match spec.what {
        ImportWhat::Customers => "customers",
        ImportWhat::Events => "events",
    };
    audit::record(
        &tx,
        actor,
        "import",
        what,
        None,
        &(&spec.path, written.summary),
    )?;
    let owed = follow_up::Owed {
        work: work_of(spec),
        actor,
        refresh_value: spec.what == ImportWhat::Events,
        trigger: RunTrigger::Import,
        customers: written.customers,
    };
    let follow_up = follow_up::record_within(&tx, &owed)?;
    written.records.save(&tx, operation.id())?;
    operation.set_customers(&tx, written.customers.len() as i64)?;
    operation.finish(&tx)?;
    interrupted::finish_within(&tx, note)?;
    if cancel.load(Ordering::Relaxed) {
        return Err(Error::Cancelled);
    }
    tx.commit()?;
    Ok(follow_up)
}

/// The import as notices of cut-off work name it.
pub(super) fn work_of(spec: &ImportSpec) -> Work {
    let file = spec.path.clone();
    match spec.what {
        ImportWhat::Customers => Work::CustomersImport { file },
        ImportWhat::Events => Work::EventsImport { file },
    }
}
