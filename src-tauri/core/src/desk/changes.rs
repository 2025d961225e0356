//! Writes that change what rules look at — events, imports, customer edits — each followed by
//! a run of the enabled rules over the customers it touched, so that tags given by rules stay
//! true without anyone pressing "run".
//!
//! The rules run in their own transaction right after the write commits: they read the
//! condition index, which learns of changes from the committed rows. A failed rules run
//! leaves the write in place and is reported as the command's error; the next edit, import
//! or manual run brings the tags up to date.

use super::Desk;
use crate::clock;
use crate::customers::{self, Customer, CustomerInput};
use crate::error::Result;
use crate::events::{self, EventInput};
use crate::import::{self, ImportReport, ImportSpec, ImportWhat};
use crate::jobs::Job;
use crate::rules::{self, RuleRun, RunTrigger};
use crate::value;

impl Desk {
    /// Runs the enabled rules over `customers`; None when no rule is enabled or no one was
    /// touched.
    pub fn rerun_rules(
        &mut self,
        customers: Vec<i64>,
        trigger: RunTrigger,
    ) -> Result<Option<RuleRun>> {
        // With nothing to run the index is left to catch up when a segment next asks
        // (after a 100,000-row import that refresh is 0.2 s the import need not wait for).
        if customers.is_empty() || !rules::any_enabled(self.conn()?)? {
            return Ok(None);
        }
        let (conn, index, actor) = self.indexed()?;
        rules::run_touched(conn, index, &customers, trigger, clock::now(), &actor)
    }

    /// Adds an event by hand, then runs the rules for its customer.
    pub fn add_event(&mut self, input: &EventInput) -> Result<i64> {
        let (conn, actor) = self.conn_as()?;
        let id = events::add(conn, input, &actor)?;
        self.rerun_rules(vec![input.customer_id], RunTrigger::Event)?;
        Ok(id)
    }

    /// Deletes an event, then runs the rules for its customer.
    pub fn delete_event(&mut self, id: i64) -> Result<()> {
        let (conn, actor) = self.conn_as()?;
        let customer = events::delete(conn, id, &actor)?;
        self.rerun_rules(vec![customer], RunTrigger::Event)?;
        Ok(())
    }

    /// Imports customers or events (see [`import::run_job`]), then runs the rules for the
    /// customers the import touched. After events, RFM and lifecycle (where used before) are
    /// recomputed first, so rules that read their classes see this month's orders.
    pub fn import(&mut self, spec: &ImportSpec, job: &Job) -> Result<ImportReport> {
        let (conn, actor) = self.conn_as()?;
        let mut report = import::run_job(conn, spec, &actor, job)?;
        if spec.what == ImportWhat::Events && !report.customers.is_empty() {
            value::refresh_after_events(conn, clock::now(), &actor)?;
        }
        self.nudge_search();
        report.rules = self.rerun_rules(report.customers.clone(), RunTrigger::Import)?;
        Ok(report)
    }

    /// Adds a customer by hand, then runs the rules for them.
    pub fn create_customer(&mut self, input: &CustomerInput) -> Result<i64> {
        let (conn, actor) = self.conn_as()?;
        let id = customers::create(conn, input, &actor)?;
        self.rerun_rules(vec![id], RunTrigger::Edit)?;
        Ok(id)
    }

    /// Saves a customer's attributes, then runs the rules for them.
    pub fn update_customer(&mut self, id: i64, input: &CustomerInput) -> Result<Customer> {
        let (conn, actor) = self.conn_as()?;
        let customer = customers::update(conn, id, input, &actor)?;
        self.rerun_rules(vec![id], RunTrigger::Edit)?;
        Ok(customer)
    }
}
