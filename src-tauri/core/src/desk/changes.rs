//! Writes that change what rules look at — events, imports, customer edits, and undoing them
//! from the history — each followed by a run of the enabled rules over the customers it
//! touched, so that tags given by rules stay true without anyone pressing "run".
//!
//! The rules run in their own transaction right after the write commits: they read the
//! condition index, which learns of changes from the committed rows. The write records the
//! run it owes in its own transaction and the run settles that record in its own, so a crash
//! in between leaves the run to the next opening (see [`crate::follow_up`]). A rules run that
//! fails in the open leaves the write in place and is reported as the command's error; the
//! next opening, edit, import or manual run brings the tags up to date.

use super::Desk;
use crate::customers::{self, Customer, CustomerInput};
use crate::error::Result;
use crate::events::{self, EventInput};
use crate::follow_up::{self, Owed};
use crate::import::{self, ImportReport, ImportSpec};
use crate::jobs::Job;
use crate::operations::{self, UndoReport};
use crate::rules::RunTrigger;
use crate::work::Work;
use rusqlite::Transaction;

impl Desk {
    /// Adds an event by hand, then runs the rules for its customer.
    pub fn add_event(&mut self, input: &EventInput) -> Result<i64> {
        self.edit(Work::EventChange, RunTrigger::Event, |tx, actor| {
            let id = events::add_within(tx, input, actor)?;
            Ok((id, input.customer_id))
        })
    }

    /// Deletes an event, then runs the rules for its customer.
    pub fn delete_event(&mut self, id: i64) -> Result<()> {
        self.edit(Work::EventChange, RunTrigger::Event, |tx, actor| {
            let customer = events::delete_within(tx, id, actor)?;
            Ok(((), customer))
        })
    }

    /// Imports customers or events (see [`import::run_job`]), then runs the rules for the
    /// customers the import touched. After events, RFM and lifecycle (where used before) are
    /// recomputed first, so rules that read their classes see this month's orders. The import
    /// records this follow-up in its own transaction, so a crash before it is done leaves it
    /// to the next opening.
    pub fn import(&mut self, spec: &ImportSpec, job: &Job) -> Result<ImportReport> {
        let (conn, actor) = self.conn_as()?;
        let mut report = import::run_job(conn, spec, &actor, job)?;
        let rules = match report.follow_up {
            Some(id) => self.follow_up(id),
            None => Ok(None),
        };
        // After the follow-up, so the search catch-up does not compete with it for the lock.
        self.nudge_search();
        report.rules = rules?;
        Ok(report)
    }

    /// Undoes operations of the history (see [`operations::undo`]), then does the follow-up
    /// work what it changed back owes: after an import's undo the rules for its customers,
    /// and after events RFM and lifecycle first, as after the import itself.
    pub fn undo(&mut self, ids: &[i64]) -> Result<UndoReport> {
        let (conn, actor) = self.conn_as()?;
        let report = operations::undo(conn, ids, &actor)?;
        for id in &report.follow_ups {
            self.follow_up(*id)?;
        }
        Ok(report)
    }

    /// Adds a customer by hand, then runs the rules for them.
    pub fn create_customer(&mut self, input: &CustomerInput) -> Result<i64> {
        self.edit(Work::CustomerEdit, RunTrigger::Edit, |tx, actor| {
            let id = customers::create_within(tx, input, actor)?;
            Ok((id, id))
        })
    }

    /// Saves a customer's attributes, then runs the rules for them.
    pub fn update_customer(&mut self, id: i64, input: &CustomerInput) -> Result<Customer> {
        self.edit(Work::CustomerEdit, RunTrigger::Edit, |tx, actor| {
            customers::update_within(tx, id, input, actor)?;
            Ok(((), id))
        })?;
        customers::get(self.conn()?, id)
    }

    /// Runs `write` (which returns its result and the customer it changed) in a transaction
    /// that also records the rules run it owes, then does that run.
    fn edit<T>(
        &mut self,
        work: Work,
        trigger: RunTrigger,
        write: impl FnOnce(&Transaction, &str) -> Result<(T, i64)>,
    ) -> Result<T> {
        let (conn, actor) = self.conn_as()?;
        let tx = conn.transaction()?;
        let (result, customer) = write(&tx, &actor)?;
        let owed = Owed {
            work,
            actor: &actor,
            refresh_value: false,
            trigger,
            customers: &[customer],
        };
        let follow_up = follow_up::record_within(&tx, &owed)?;
        tx.commit()?;
        if let Some(id) = follow_up {
            self.follow_up(id)?;
        }
        Ok(result)
    }
}
