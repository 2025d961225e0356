//! One exchange through the team folder (docs/TEAM.md §5): write this device's new operations
//! as one chunk, then read every other device's chunks after how far this copy has applied it,
//! each chunk applied in one transaction with the cursor that records it.

use super::exchange::folder::{Seen, TeamFolder};
use super::inbox;
use super::membership::{self, folder_error, membership};
use super::outgoing::wire_of;
use super::received::apply_run;
use crate::error::{Error, Result};
use crate::operations;
use crate::problem::Problem;
use rusqlite::{params, Connection};
use serde::Serialize;
use ts_rs::TS;

/// Operations per chunk written: a week of a busy team fits one; a first exchange after a
/// long offline stretch writes a few.
const CHUNK_OPERATIONS: usize = 2_000;

/// Own chunks read by everyone that are merged into one (see `TeamFolder::compact`).
const COMPACT_AFTER_PARTS: usize = 8;

/// A new snapshot for joiners after this many own operations since the last one, so a
/// colleague joining later reads a recent copy and few chunks.
const SNAPSHOT_EVERY: u64 = 2_000;

/// Operations received from one device in an exchange.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "DeviceCount.ts")]
pub struct DeviceCount {
    pub device: String,
    pub person: String,
    pub operations: i64,
}

/// What one exchange did.
#[derive(Debug, Clone, Default, PartialEq, Serialize, TS)]
#[ts(export_to = "ExchangeReport.ts")]
pub struct ExchangeReport {
    pub sent: i64,
    pub applied: i64,
    pub already: i64,
    pub pending: i64,
    /// New cases in the conflict inbox.
    pub inbox: i64,
    /// Files skipped this time, with why; the next exchange reads them again.
    pub skipped: Vec<Problem>,
    pub from: Vec<DeviceCount>,
}

/// What an automatic exchange found.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(tag = "state", rename_all = "snake_case")]
#[ts(export_to = "AutoExchange.ts")]
pub enum AutoExchange {
    NotInTeam,
    /// The team folder is not there now (a NAS offline, a USB stick elsewhere): skipped without
    /// a word in the files, the Team page says so.
    Unreachable {
        folder: String,
    },
    Exchanged {
        report: ExchangeReport,
    },
}

/// Whether an exchange could run now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reach {
    NotInTeam,
    Unreachable { folder: String },
    Reachable,
}

/// Whether this database is in a team whose folder can be reached now.
pub fn reach(conn: &Connection) -> Result<Reach> {
    let Some(member) = membership(conn)? else {
        return Ok(Reach::NotInTeam);
    };
    // The team.json the owner wrote once: absent when the drive holding the folder is not
    // mounted, or a synced folder is not synced to this laptop yet.
    Ok(if member.folder.join("team.json").is_file() {
        Reach::Reachable
    } else {
        Reach::Unreachable {
            folder: member.folder.display().to_string(),
        }
    })
}

/// Exchanges when this database is in a team whose folder can be reached now; the app calls it
/// (through the desk, which adds its follow-up work) at start, every few minutes and when its
/// window comes back after a pause.
pub fn exchange_if_reachable(conn: &mut Connection, now: i64) -> Result<AutoExchange> {
    Ok(match reach(conn)? {
        Reach::NotInTeam => AutoExchange::NotInTeam,
        Reach::Unreachable { folder } => AutoExchange::Unreachable { folder },
        Reach::Reachable => AutoExchange::Exchanged {
            report: exchange(conn, now)?,
        },
    })
}

/// Exchanges with the team folder now.
pub fn exchange(conn: &mut Connection, now: i64) -> Result<ExchangeReport> {
    let member = membership(conn)?.ok_or(Error::invalid("team", Problem::NotInTeam))?;
    let folder = TeamFolder::open(&member.folder, &member.team_id).map_err(folder_error)?;
    let me = operations::device_id(conn)?;
    let inbox_before = inbox::newest(conn)?;
    let mut report = ExchangeReport {
        sent: send(conn, &folder, &me)?,
        ..ExchangeReport::default()
    };
    membership::write_device(conn, &folder, &me)?;
    crate::db::with_exchange_cache(conn, |conn| receive(conn, &folder, &me, now, &mut report))?;
    let seen = applied(conn)?;
    folder.write_seen(&me, &seen).map_err(folder_error)?;
    // Housekeeping that a later exchange does as well if this one cannot (a file a cloud
    // drive still holds open): it never decides what anyone receives.
    let _ = folder.compact(&me, COMPACT_AFTER_PARTS);
    refresh_snapshot(conn, &folder, &me)?;
    conn.execute("UPDATE team SET last_exchange_at = ?1 WHERE id = 1", [now])?;
    report.inbox = inbox::opened_after(conn, inbox_before)?;
    Ok(report)
}

/// Numbers this device's new operations and writes those not yet in the folder; returns how
/// many it wrote. A crash after writing a chunk and before recording it writes the same chunk
/// again next time (same seqs, same content), which readers skip as already seen.
fn send(conn: &Connection, folder: &TeamFolder, me: &str) -> Result<i64> {
    number_outbox(conn, me)?;
    let mut sent = 0;
    loop {
        let written = membership(conn)?.map(|m| m.written_seq).unwrap_or(0);
        let batch: Vec<(i64, i64)> = conn
            .prepare_cached(
                "SELECT seq, operation_id FROM team_outbox WHERE seq > ?1 ORDER BY seq LIMIT ?2",
            )?
            .query_map(params![written, CHUNK_OPERATIONS as i64], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        let Some(&(first, _)) = batch.first() else {
            return Ok(sent);
        };
        let records = batch
            .iter()
            .map(|(_, id)| Ok(serde_json::to_vec(&wire_of(conn, *id)?)?))
            .collect::<Result<Vec<Vec<u8>>>>()?;
        folder
            .write_chunk(me, first as u64, &records)
            .map_err(folder_error)?;
        let last = first + batch.len() as i64 - 1;
        conn.execute("UPDATE team SET written_seq = ?1 WHERE id = 1", [last])?;
        sent += batch.len() as i64;
    }
}

/// Numbers this device's operations made since it last numbered them, in the order they were
/// made: the seqs the other devices count their cursors in, for the folder and packs alike.
pub(crate) fn number_outbox(conn: &Connection, me: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO team_outbox(operation_id)
         SELECT id FROM operations
         WHERE device = ?1 AND id > (SELECT first_operation_id FROM team WHERE id = 1)
           AND id > (SELECT coalesce(max(operation_id), 0) FROM team_outbox)
         ORDER BY id",
        [me],
    )?;
    Ok(())
}

/// Reads and applies every other device's chunks after this copy's cursor for it.
fn receive(
    conn: &mut Connection,
    folder: &TeamFolder,
    me: &str,
    now: i64,
    report: &mut ExchangeReport,
) -> Result<()> {
    let cursors = applied(conn)?;
    let devices = folder.devices().map_err(folder_error)?;
    // One transaction for every device's chunks: a week's chunks of all devices touch the same
    // pages over and over, and each commit wrote them all to the log again (a fifth of a week's
    // apply with one per chunk, still a sixth with one per device). A crash applies all of them,
    // cursors included, or none.
    let tx = conn.transaction()?;
    for (device, plan) in folder.incoming(me, &cursors).map_err(folder_error)? {
        let info = devices
            .iter()
            .find(|(d, _)| *d == device)
            .and_then(|(_, i)| i.clone());
        let (name, person) = info.map(|i| (i.name, i.person)).unwrap_or_default();
        tx.execute(
            "INSERT INTO team_devices(device, name, person) VALUES (?1, ?2, ?3)
             ON CONFLICT(device) DO UPDATE SET name = excluded.name, person = excluded.person",
            params![device, name, person],
        )?;
        let mut received = 0;
        for planned in plan.reads {
            let records = match folder.read_chunk(&planned.chunk) {
                Ok(records) => records,
                Err(e) => {
                    let file = planned.chunk.path.display().to_string();
                    report.skipped.extend(e.problem(&file));
                    // Never past a chunk not read: the cursor would skip its operations.
                    break;
                }
            };
            let texts: Vec<String> = records[planned.skip.min(records.len())..]
                .iter()
                .map(|r| String::from_utf8_lossy(r).into_owned())
                .collect();
            let first = planned.chunk.first + planned.skip as u64;
            let applied = apply_run(&tx, &device, first, &texts, now)?;
            received += applied.applied as i64;
            report.applied += applied.applied as i64;
            report.already += applied.already as i64;
            report.pending += applied.pending as i64;
        }
        if received > 0 {
            report.from.push(DeviceCount {
                device: name.clone(),
                person: person.clone(),
                operations: received,
            });
        }
    }
    tx.commit()?;
    Ok(())
}

/// Writes a fresh snapshot when this device has written [`SNAPSHOT_EVERY`] operations since
/// its last one.
fn refresh_snapshot(conn: &Connection, folder: &TeamFolder, me: &str) -> Result<()> {
    let written = membership(conn)?.map(|m| m.written_seq).unwrap_or(0) as u64;
    let last = folder
        .snapshots()
        .map_err(folder_error)?
        .into_iter()
        .filter(|s| s.device == me)
        .map(|s| s.seq)
        .max();
    if written >= last.unwrap_or(0) + SNAPSHOT_EVERY {
        super::snapshot::write(conn, folder, me)?;
    }
    Ok(())
}

/// How far this copy has applied each other device: the cursors it reads after and the
/// seen.json it writes.
fn applied(conn: &Connection) -> Result<Seen> {
    Ok(conn
        .prepare_cached("SELECT device, applied_seq FROM team_devices")?
        .query_map([], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)? as u64))
        })?
        .collect::<rusqlite::Result<_>>()?)
}
