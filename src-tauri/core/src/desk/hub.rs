//! The desk's side of the team hub: starting a team on a hub, joining from one (which opens the
//! new database), and exchanging through it with the desk's follow-up work after changes.

use super::Desk;
use crate::clock;
use crate::error::Result;
use crate::hub::{self, HubAddress};
use crate::jobs::Job;
use crate::problem::Problem;
use crate::team::sync::AutoExchange;
use crate::team::{self, ExchangeReport, TeamStatus};

impl Desk {
    /// Puts the open database's team on the hub at `address` (set up now; the login becomes its
    /// owner). A database in no team starts one named `name`.
    pub fn hub_start(&mut self, address: &HubAddress, name: &str, job: &Job) -> Result<TeamStatus> {
        let actor = self.actor();
        let conn = self.conn()?;
        job.run(|_, _| hub::start_with(conn, address, name, &actor, clock::now(), job))?;
        self.team_status()
    }

    /// Joins the team on the hub at `address`: a new database from the hub's copy for this
    /// login, opened in place of the current one (which stays on disk as it is).
    pub fn hub_join(&mut self, address: &HubAddress, job: &Job) -> Result<TeamStatus> {
        let target = self.fresh_path("team");
        let actor = self.actor();
        let device_name = team::status(self.conn()?, &actor)?.device.name;
        job.run(|_, _| hub::join_with(address, &target, &device_name, clock::now(), job))?;
        self.open(&target)?;
        self.finish_received()?;
        self.team_status()
    }

    /// Joins this laptop's team hub again with the same login: this laptop's changes are sent
    /// first (offline, nothing happens), then a new database made from the hub's copy for this
    /// person now is opened in place of this one, which stays on disk as it is. Brings back the
    /// earlier tags of a private group this laptop removed and its person may now see.
    pub fn hub_join_again(&mut self, job: &Job) -> Result<TeamStatus> {
        let link = hub::local::link(self.conn()?)?
            .ok_or(crate::error::Error::invalid("team", Problem::NotInTeam))?;
        self.hub_exchange()?;
        self.hub_join(&link.address, job)
    }

    /// Exchanges through the hub now, and through the team folder too when the team has one
    /// that can be reached (a laptop may use both; each operation is applied once).
    pub(super) fn hub_exchange(&mut self) -> Result<ExchangeReport> {
        let mut report = hub::exchange(self.conn()?, clock::now())?;
        if has_folder(self.conn()?)? {
            let folder = team::exchange_now(self.conn()?, clock::now())?;
            report.sent += folder.sent;
            report.applied += folder.applied;
            report.already += folder.already;
            report.pending += folder.pending;
            report.inbox += folder.inbox;
            report.skipped.extend(folder.skipped);
            report.from.extend(folder.from);
        }
        self.finish_received()?;
        Ok(report)
    }

    /// The app's scheduled exchange for a database on a hub: a hub out of reach is reported as
    /// the folder is (TagDesk goes on offline), never as an error.
    pub(super) fn hub_exchange_auto(&mut self) -> Result<AutoExchange> {
        match self.hub_exchange() {
            Ok(report) => Ok(AutoExchange::Exchanged { report }),
            Err(e) => match e.problem() {
                Problem::HubUnreachable { host, port } => Ok(AutoExchange::Unreachable {
                    folder: format!("{host}:{port}"),
                }),
                Problem::HubConnectionLost => Ok(AutoExchange::Unreachable {
                    folder: String::new(),
                }),
                _ => Err(e),
            },
        }
    }
}

/// Whether the team also has a folder reachable now (a team started on a hub has none).
fn has_folder(conn: &rusqlite::Connection) -> Result<bool> {
    let folder: String =
        conn.query_row("SELECT folder FROM team WHERE id = 1", [], |r| r.get(0))?;
    Ok(!folder.is_empty() && matches!(team::sync::reach(conn)?, team::sync::Reach::Reachable))
}
