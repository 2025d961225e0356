//! Doing the follow-up work a change recorded (see [`crate::follow_up`]): right after the
//! change, and at every opening for what a crash cut off, so that an import is never left
//! without the rules it triggered.

use super::Desk;
use crate::error::Result;
use crate::follow_up::{self, FollowUp};
use crate::rules::{self, RuleRun};
use crate::work::Work;
use crate::{clock, value};
use rusqlite::Transaction;

impl Desk {
    /// Does follow-up `id` if it is still owed, right after the change that recorded it.
    pub(super) fn follow_up(&mut self, id: i64) -> Result<Option<RuleRun>> {
        match follow_up::get(self.conn()?, id)? {
            Some(owed) => self.do_follow_up(&owed, false),
            None => Ok(None),
        }
    }

    /// Runs the rules that changes received from the team owe (each applied chunk or pack
    /// section recorded its own, see `team::incoming`), oldest first.
    pub(super) fn finish_received(&mut self) -> Result<()> {
        let owed = follow_up::pending(self.conn()?)?;
        for work in owed.into_iter().filter(|w| w.work == Work::TeamExchange) {
            self.do_follow_up(&work, false)?;
        }
        Ok(())
    }

    /// Does the follow-up work a crash left owed, oldest first, and reads the notices of work
    /// so done that the user has not dismissed. Opening does not fail over it: what could not
    /// be done now stays owed and is tried again at the next opening.
    pub(super) fn finish_owed(&mut self) {
        let owed = self.conn().and_then(|conn| follow_up::pending(conn));
        for work in owed.unwrap_or_default() {
            if self.do_follow_up(&work, true).is_err() {
                break;
            }
        }
        if let Some(w) = self.workspace.as_mut() {
            w.finished = follow_up::finished(&w.conn).unwrap_or_default();
        }
    }

    /// The value refresh `owed` asks for, then the enabled rules over its customers, whose
    /// transaction settles the record. Both may have run already before a crash: a second
    /// run gives the same tags.
    fn do_follow_up(&mut self, owed: &FollowUp, after_crash: bool) -> Result<Option<RuleRun>> {
        if owed.refresh_value {
            value::refresh_after_events(self.conn()?, clock::now(), &owed.actor)?;
        }
        let settle = |tx: &Transaction, run: &RuleRun| {
            follow_up::settle_within(tx, owed.id, after_crash, Some(run))
        };
        // With no rule enabled the index is left to catch up when a segment next asks (after
        // a 100,000-row import that refresh is 0.2 s the import need not wait for).
        let run = match rules::any_enabled(self.conn()?)? {
            false => None,
            true => {
                let (conn, index, _) = self.indexed()?;
                let (customers, trigger) = (&owed.customers, owed.trigger);
                let now = clock::now();
                rules::run_touched(conn, index, customers, trigger, now, &owed.actor, &settle)?
            }
        };
        if run.is_none() {
            follow_up::settle_within(self.conn()?, owed.id, after_crash, None)?;
        }
        Ok(run)
    }
}
