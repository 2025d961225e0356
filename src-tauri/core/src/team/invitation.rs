//! Invitation files (`.tagdesk-invite`): how a colleague who cannot reach the team's shared
//! folder joins, from a file sent by mail or IM (docs/TEAM.md §5). It holds what a snapshot in
//! the folder holds (the whole database at the inviter's written seq) and where the team folder
//! is, so the joiner exchanges by sync packs, or by the folder once it is reachable at that path.
//!
//! It is an exchange container of kind `Invitation` (team id, inviter device and seq in the
//! header; checksummed), whose payload is a u32 length, a JSON [`About`], then the database.

use super::exchange::container::{self, Header, Kind, Reason};
use super::exchange::folder::TeamFolder;
use super::membership::{self, membership};
use super::snapshot::{self, Joiner, WholeCopy};
use crate::error::{Error, Result};
use crate::operations;
use crate::problem::Problem;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use ts_rs::TS;

/// What an invitation made here holds, for the Team page to say.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "InvitationMade.ts")]
pub struct InvitationMade {
    /// The team's name.
    pub team: String,
    /// The team folder's path on this laptop, which the joiner's copy will look for.
    pub folder: String,
    /// The file's size in bytes.
    pub bytes: i64,
}

/// What the header does not say: names for the joiner, and the folder to look for.
#[derive(Debug, Serialize, Deserialize)]
struct About {
    team_name: String,
    folder: String,
}

/// Writes an invitation to join this database's team to `path` (chosen in the save dialog).
pub fn make_invitation(conn: &Connection, path: &Path) -> Result<InvitationMade> {
    let member = membership(conn)?.ok_or(Error::invalid("team", Problem::NotInTeam))?;
    let (seq, database) = snapshot::whole_copy(conn)?;
    let about = About {
        team_name: member.name.clone(),
        folder: member.folder.display().to_string(),
    };
    let about_json = serde_json::to_vec(&about)?;
    let mut payload = Vec::with_capacity(4 + about_json.len() + database.len());
    payload.extend_from_slice(&(about_json.len() as u32).to_le_bytes());
    payload.extend_from_slice(&about_json);
    payload.extend_from_slice(&database);
    let header = Header {
        kind: Kind::Invitation,
        team: member.team_id,
        device: operations::device_id(conn)?,
        first: seq,
        last: seq,
    };
    // Ids made by this program: a refusal would be a fault of the program.
    let bytes = container::write(&header, &payload)
        .map_err(|_| Error::invalid("team", Problem::Internal))?;
    std::fs::write(path, &bytes)?;
    Ok(InvitationMade {
        team: about.team_name,
        folder: about.folder,
        bytes: bytes.len() as i64,
    })
}

/// Makes a new database at `target` from the invitation `file`: a device of its own, named
/// `device_name` for `person`, that has applied what the inviter had. The file is checked whole
/// first; a file that is not an invitation, or is damaged, leaves nothing at `target`.
pub fn join_from_invitation(
    file: &Path,
    target: &Path,
    device_name: &str,
    person: &str,
    now: i64,
) -> Result<()> {
    let bytes = std::fs::read(file)?;
    let name = file.display().to_string();
    let (header, payload) = container::read_any_team(&bytes, Kind::Invitation)
        .map_err(|reason| Error::invalid("file", problem(&reason, &name)))?;
    let (about, database) = parts(&payload)
        .ok_or_else(|| Error::invalid("file", problem(&Reason::Corrupted, &name)))?;
    let folder = PathBuf::from(&about.folder);
    let copy = WholeCopy {
        bytes: database,
        device: &header.device,
        seq: header.first,
        folder: &folder,
    };
    let joiner = Joiner {
        device_name,
        person,
        now,
    };
    let (conn, device) = snapshot::start_from(&copy, target, &joiner)?;
    // Where the folder is reachable at the same path, the team sees this laptop there as it
    // does after a folder join. Where it is not, joining is done all the same: packs work, and
    // the Team page shows the folder out of reach.
    if let Ok(team_folder) = TeamFolder::open(&folder, &header.team) {
        let _ = membership::write_device(&conn, &team_folder, &device);
    }
    Ok(())
}

/// The payload's [`About`] and database; `None` when they do not parse (a writer fault, since
/// the payload passed its checksum).
fn parts(payload: &[u8]) -> Option<(About, &[u8])> {
    let len = u32::from_le_bytes(payload.get(..4)?.try_into().ok()?) as usize;
    let about = serde_json::from_slice(payload.get(4..4usize.checked_add(len)?)?).ok()?;
    Some((about, payload.get(4 + len..)?))
}

/// The problem the user sees for an invitation `file` refused for `reason`.
fn problem(reason: &Reason, file: &str) -> Problem {
    let file = file.to_string();
    match reason {
        Reason::Truncated | Reason::Corrupted => Problem::InvitationDamaged { file },
        Reason::FutureVersion { found, supported } => Problem::InvitationTooNew {
            file,
            found: i64::from(*found),
            supported: i64::from(*supported),
        },
        Reason::NotTagDesk | Reason::WrongKind { .. } | Reason::Foreign { .. } => {
            Problem::NotAnInvitation { file }
        }
    }
}
