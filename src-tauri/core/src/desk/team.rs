//! The desk's side of a team: starting and joining (joining opens the team's database) and
//! exchanging now, with the desk's author as the person and its follow-up work after changes.

use super::Desk;
use crate::clock;
use crate::error::Result;
use crate::team::sync::{AutoExchange, Reach};
use crate::team::{self, invitation::InvitationMade, packs::PackMade, ExchangeReport, TeamStatus};
use std::path::Path;

impl Desk {
    /// What the Team page shows about the open database.
    pub fn team_status(&mut self) -> Result<TeamStatus> {
        let actor = self.actor();
        team::status(self.conn()?, &actor)
    }

    /// Makes the open database the first device of a new team in `shared` (a folder the user
    /// chose in the folder dialog).
    pub fn team_start(&mut self, shared: &Path, name: &str) -> Result<TeamStatus> {
        let actor = self.actor();
        team::start(self.conn()?, shared, name, &actor, clock::now())?;
        self.team_status()
    }

    /// Joins the team whose folder is `chosen`: a new database from its snapshot, opened in
    /// place of the current one (which stays on disk as it is).
    pub fn team_join(&mut self, chosen: &Path) -> Result<TeamStatus> {
        let target = self.fresh_path("team");
        let actor = self.actor();
        let device_name = team::status(self.conn()?, &actor)?.device.name;
        team::join(chosen, &target, &device_name, &actor, clock::now())?;
        self.open(&target)?;
        self.team_status()
    }

    /// Joins the team of the invitation `file` (chosen in the open dialog) as
    /// [`Desk::team_join`] joins from a folder.
    pub fn team_join_invitation(&mut self, file: &Path) -> Result<TeamStatus> {
        let target = self.fresh_path("team");
        let actor = self.actor();
        let device_name = team::status(self.conn()?, &actor)?.device.name;
        team::invitation::join_from_invitation(file, &target, &device_name, &actor, clock::now())?;
        self.open(&target)?;
        self.team_status()
    }

    /// Writes an invitation file to `path` (chosen in the save dialog).
    pub fn team_invitation_make(&mut self, path: &Path) -> Result<InvitationMade> {
        team::invitation::make_invitation(self.conn()?, path)
    }

    /// Sets this laptop's name and the person's display name.
    pub fn team_set_device(&mut self, name: &str, person: &str) -> Result<TeamStatus> {
        team::membership::set_device(self.conn()?, name, person)?;
        self.team_status()
    }

    /// Exchanges with the team's hub, or its folder, now.
    pub fn team_exchange(&mut self) -> Result<ExchangeReport> {
        if crate::hub::linked(self.conn()?)? {
            return self.hub_exchange();
        }
        let report = team::exchange_now(self.conn()?, clock::now())?;
        self.finish_received()?;
        Ok(report)
    }

    /// Exchanges when in a team whose folder is reachable now (the app's schedule), as
    /// [`Desk::team_exchange`] does.
    pub fn team_exchange_auto(&mut self) -> Result<AutoExchange> {
        if crate::hub::linked(self.conn()?)? {
            return self.hub_exchange_auto();
        }
        Ok(match team::sync::reach(self.conn()?)? {
            Reach::NotInTeam => AutoExchange::NotInTeam,
            Reach::Unreachable { folder } => AutoExchange::Unreachable { folder },
            Reach::Reachable => AutoExchange::Exchanged {
                report: self.team_exchange()?,
            },
        })
    }

    /// Writes a sync pack to `path` (chosen in the save dialog).
    pub fn team_pack_make(&mut self, path: &Path) -> Result<PackMade> {
        team::packs::make_file(self.conn()?, path)
    }

    /// Applies the sync pack at `path`.
    pub fn team_pack_apply(&mut self, path: &Path) -> Result<ExchangeReport> {
        let report = team::packs::apply_file(self.conn()?, path, clock::now())?;
        self.finish_received()?;
        Ok(report)
    }
}
