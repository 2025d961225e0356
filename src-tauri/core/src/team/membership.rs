//! This copy's place in a team (the `team` row): starting a team, joining one from its
//! snapshot, and what the Team page shows about it.

use super::exchange::container::FORMAT_VERSION;
use super::exchange::folder::{DeviceFile, TeamFile, TeamFolder};
use crate::error::{Error, Result};
use crate::operations;
use crate::problem::Problem;
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use std::path::{Path, PathBuf};
use ts_rs::TS;

/// This laptop, as the team sees it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "DeviceInfo.ts")]
pub struct DeviceInfo {
    pub id: String,
    pub name: String,
    pub person: String,
}

/// The team this copy belongs to.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "TeamInfo.ts")]
pub struct TeamInfo {
    pub id: String,
    pub name: String,
    /// The team's folder (TagDesk-<name>-<id>) inside the shared folder.
    pub folder: String,
    pub last_exchange_at: Option<i64>,
}

/// Another device of the team and what this copy has received from it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "DeviceSeen.ts")]
pub struct DeviceSeen {
    pub id: String,
    pub name: String,
    pub person: String,
    /// Operations applied from it.
    pub received: i64,
    pub last_received_at: Option<i64>,
    /// How many seconds its clock was ahead of this laptop's when its latest operations came,
    /// when more than five minutes: a warning, the operations were applied all the same.
    pub clock_ahead: Option<i64>,
    pub clock_ahead_seen_at: Option<i64>,
}

/// What the Team page shows.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "TeamStatus.ts")]
pub struct TeamStatus {
    pub device: DeviceInfo,
    pub team: Option<TeamInfo>,
    pub devices: Vec<DeviceSeen>,
    pub inbox_open: i64,
    /// Operations kept untouched for a newer TagDesk.
    pub pending: i64,
}

/// The team row, for the exchange.
pub(crate) struct Membership {
    pub team_id: String,
    pub name: String,
    pub folder: PathBuf,
    pub device_name: String,
    pub person: String,
    pub written_seq: i64,
}

pub(crate) fn membership(conn: &Connection) -> Result<Option<Membership>> {
    Ok(conn
        .query_row(
            "SELECT team_id, name, folder, device_name, person, written_seq FROM team WHERE id = 1",
            [],
            |r| {
                Ok(Membership {
                    team_id: r.get(0)?,
                    name: r.get(1)?,
                    folder: PathBuf::from(r.get::<_, String>(2)?),
                    device_name: r.get(3)?,
                    person: r.get(4)?,
                    written_seq: r.get(5)?,
                })
            },
        )
        .optional()?)
}

pub fn status(conn: &Connection, default_person: &str) -> Result<TeamStatus> {
    let id = operations::device_id(conn)?;
    let member = membership(conn)?;
    // Through the folder or the hub, whichever was later.
    let last_exchange_at: Option<i64> = conn
        .query_row(
            "SELECT max(coalesce(t.last_exchange_at, h.last_exchange_at),
                        coalesce(h.last_exchange_at, t.last_exchange_at))
             FROM team t LEFT JOIN team_hub h ON h.id = 1 WHERE t.id = 1",
            [],
            |r| r.get(0),
        )
        .optional()?
        .flatten();
    let device = DeviceInfo {
        id,
        name: member
            .as_ref()
            .map(|m| m.device_name.clone())
            .unwrap_or_else(host_name),
        person: member
            .as_ref()
            .map(|m| m.person.clone())
            .unwrap_or_else(|| default_person.to_string()),
    };
    let team = member.map(|m| TeamInfo {
        id: m.team_id,
        name: m.name,
        folder: m.folder.display().to_string(),
        last_exchange_at,
    });
    let devices = conn
        .prepare(
            "SELECT device, name, person, received, last_received_at, clock_ahead,
                    clock_ahead_seen_at FROM team_devices
             ORDER BY last_received_at IS NULL, last_received_at DESC, device",
        )?
        .query_map([], |r| {
            Ok(DeviceSeen {
                id: r.get(0)?,
                name: r.get(1)?,
                person: r.get(2)?,
                received: r.get(3)?,
                last_received_at: r.get(4)?,
                clock_ahead: r.get(5)?,
                clock_ahead_seen_at: r.get(6)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let (inbox_open, pending) = conn.query_row(
        "SELECT (SELECT count(*) FROM team_inbox WHERE resolved_at IS NULL),
                (SELECT count(*) FROM received_operations WHERE pending IS NOT NULL)",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    Ok(TeamStatus {
        device,
        team,
        devices,
        inbox_open,
        pending,
    })
}

/// Makes this database the first device of a new team whose folder goes inside `shared`, and
/// leaves a snapshot there for the colleagues who join.
pub fn start(conn: &Connection, shared: &Path, name: &str, person: &str, now: i64) -> Result<()> {
    let name = name.trim();
    if name.is_empty() {
        return Err(Error::invalid("name", Problem::NameRequired));
    }
    if membership(conn)?.is_some() {
        return Err(Error::invalid("team", Problem::AlreadyInTeam));
    }
    let team = TeamFile {
        id: new_team_id(),
        name: name.to_string(),
        format_version: FORMAT_VERSION,
    };
    let folder = TeamFolder::create(shared, &team).map_err(folder_error)?;
    let device = operations::device_id(conn)?;
    conn.execute(
        "INSERT INTO team(id, team_id, name, folder, device_name, person, joined_at, first_operation_id)
         VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, (SELECT coalesce(max(id), 0) FROM operations))",
        params![team.id, team.name, folder.root().display().to_string(), host_name(), person, now],
    )?;
    write_device(conn, &folder, &device)?;
    // Every event gets its global id now, once: the snapshot carries them to joiners, and an
    // undo of an import made before the team started removes them everywhere by them.
    super::events_out::give_uids(conn)?;
    super::snapshot::write(conn, &folder, &device)?;
    Ok(())
}

/// Makes this database a team's first device without a team folder (a team on a hub), or
/// returns the team it is in already; the team's id either way.
pub(crate) fn start_without_folder(
    conn: &Connection,
    name: &str,
    person: &str,
    now: i64,
) -> Result<String> {
    if let Some(member) = membership(conn)? {
        return Ok(member.team_id);
    }
    let id = new_team_id();
    conn.execute(
        "INSERT INTO team(id, team_id, name, folder, device_name, person, joined_at, first_operation_id)
         VALUES (1, ?1, ?2, '', ?3, ?4, ?5, (SELECT coalesce(max(id), 0) FROM operations))",
        params![id, name, host_name(), person, now],
    )?;
    // As for a folder team: every event gets its global id once, before the first snapshot.
    super::events_out::give_uids(conn)?;
    Ok(id)
}

/// Sets this laptop's name and the person's display name, here and in the team folder.
pub fn set_device(conn: &Connection, name: &str, person: &str) -> Result<()> {
    let (name, person) = (name.trim(), person.trim());
    if name.is_empty() || person.is_empty() {
        return Err(Error::invalid("name", Problem::NameRequired));
    }
    conn.execute(
        "UPDATE team SET device_name = ?1, person = ?2 WHERE id = 1",
        params![name, person],
    )?;
    Ok(())
}

pub(crate) fn write_device(conn: &Connection, folder: &TeamFolder, device: &str) -> Result<()> {
    let Some(m) = membership(conn)? else {
        return Ok(());
    };
    let info = DeviceFile {
        name: m.device_name,
        person: m.person,
        app_version: env!("CARGO_PKG_VERSION").to_string(),
    };
    folder.write_device(device, &info).map_err(folder_error)
}

pub(crate) fn folder_error(e: super::exchange::folder::FolderError) -> Error {
    Error::invalid("folder", e.problem())
}

fn new_team_id() -> String {
    use rand::Rng;
    let mut rng = rand::rng();
    (0..16)
        .map(|_| char::from_digit(rng.random_range(0..16), 16).expect("a hex digit"))
        .collect()
}

/// The machine's name, as a first name for this laptop.
fn host_name() -> String {
    std::fs::read_to_string("/etc/hostname")
        .ok()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .or_else(|| std::env::var("COMPUTERNAME").ok())
        .unwrap_or_else(|| "TagDesk".to_string())
}
