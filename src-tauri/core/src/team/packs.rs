//! Sync packs for a team without a shared folder at hand (docs/TEAM.md §5): a `.tdpack` file
//! sent by mail or IM holding, per device, every operation this laptop can pass on by seq — its
//! own and all it received — so whoever applies it lacks nothing this laptop had. Applying a pack
//! twice changes nothing: each section goes after the receiver's cursor for its device, and each
//! operation is applied once by uid.

use super::exchange::pack::{self, Section};
use super::exchange::reason_problem;
use super::inbox;
use super::membership::membership;
use super::outgoing::wire_of;
use super::received::apply_run;
use super::sync::{number_outbox, DeviceCount, ExchangeReport};
use crate::error::{Error, Result};
use crate::operations;
use crate::problem::Problem;
use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;
use std::path::Path;
use ts_rs::TS;

/// What a pack made here holds.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "PackMade.ts")]
pub struct PackMade {
    /// This laptop's own operations.
    pub own: i64,
    /// Operations of other devices passed on.
    pub others: i64,
    /// Other devices whose operations it passes on.
    pub devices: i64,
}

/// Writes a sync pack to `path` (a file the user chose in the save dialog).
pub fn make_file(conn: &Connection, path: &Path) -> Result<PackMade> {
    let (bytes, made) = make(conn)?;
    std::fs::write(path, bytes)?;
    Ok(made)
}

/// The bytes of a sync pack with everything this laptop can pass on. Everything, not what the
/// receiver lacks: a pack goes to people whose cursors this laptop does not know, and a larger
/// file costs less than a colleague who misses a change (the receiver skips what it has).
pub fn make(conn: &Connection) -> Result<(Vec<u8>, PackMade)> {
    let member = membership(conn)?.ok_or(Error::invalid("team", Problem::NotInTeam))?;
    let me = operations::device_id(conn)?;
    number_outbox(conn, &me)?;
    let mut sections = Vec::new();
    let own = conn
        .prepare_cached("SELECT seq, operation_id FROM team_outbox ORDER BY seq")?
        .query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    if let Some(&(first, _)) = own.first() {
        let records = own
            .iter()
            .map(|(_, id)| Ok(serde_json::to_vec(&wire_of(conn, *id)?)?))
            .collect::<Result<Vec<Vec<u8>>>>()?;
        sections.push(section(&me, first as u64, records));
    }
    let own_count = own.len() as i64;
    let mut others = 0;
    let mut stmt = conn.prepare_cached(
        "SELECT device, seq, payload FROM received_operations
         WHERE seq IS NOT NULL AND device <> ?1 ORDER BY device, seq",
    )?;
    let mut rows = stmt.query([&me])?;
    while let Some(row) = rows.next()? {
        let (device, seq, payload): (String, i64, String) = (row.get(0)?, row.get(1)?, row.get(2)?);
        let seq = seq as u64;
        others += 1;
        // A run of consecutive seqs is one section; a gap (operations received before their
        // seqs were kept) starts another.
        match sections.last_mut() {
            Some(s) if s.device == device && s.last + 1 == seq => {
                s.last = seq;
                s.records.push(payload.into_bytes());
            }
            _ => sections.push(section(&device, seq, vec![payload.into_bytes()])),
        }
    }
    let mut devices: Vec<&str> = sections
        .iter()
        .map(|s| s.device.as_str())
        .filter(|d| *d != me)
        .collect();
    devices.dedup();
    let made = PackMade {
        own: own_count,
        others,
        devices: devices.len() as i64,
    };
    // Ids made by this program: a refusal would be a fault of the program.
    let bytes = pack::write(&member.team_id, &me, &sections)
        .map_err(|_| Error::invalid("team", Problem::Internal))?;
    Ok((bytes, made))
}

fn section(device: &str, first: u64, records: Vec<Vec<u8>>) -> Section {
    Section {
        device: device.to_string(),
        first,
        last: first + records.len() as u64 - 1,
        records,
    }
}

/// Applies the sync pack at `path` (a file the user chose in the open dialog).
pub fn apply_file(conn: &mut Connection, path: &Path, now: i64) -> Result<ExchangeReport> {
    let bytes = std::fs::read(path)?;
    apply(conn, &bytes, &path.display().to_string(), now)
}

/// Applies a sync pack: checked whole first (a damaged or another team's pack is refused with
/// its reason, nothing of it applied), then each section in one transaction with its device's
/// cursor.
pub fn apply(conn: &mut Connection, bytes: &[u8], file: &str, now: i64) -> Result<ExchangeReport> {
    let member = membership(conn)?.ok_or(Error::invalid("team", Problem::NotInTeam))?;
    let pack = pack::read(bytes, &member.team_id)
        .map_err(|reason| Error::invalid("file", reason_problem(&reason, file)))?;
    let me = operations::device_id(conn)?;
    let inbox_before = inbox::newest(conn)?;
    let mut report = ExchangeReport::default();
    crate::db::with_exchange_cache(conn, |conn| {
        apply_sections(conn, &pack.sections, &me, now, &mut report)
    })?;
    report.inbox = inbox::opened_after(conn, inbox_before)?;
    Ok(report)
}

/// Applies each section not made here, in a transaction of its own with its device's cursor.
fn apply_sections(
    conn: &mut Connection,
    sections: &[Section],
    me: &str,
    now: i64,
    report: &mut ExchangeReport,
) -> Result<()> {
    for section in sections {
        if section.device == me {
            report.already += section.records.len() as i64;
            continue;
        }
        let cursor: u64 = conn
            .query_row(
                "SELECT applied_seq FROM team_devices WHERE device = ?1",
                [&section.device],
                |r| r.get::<_, i64>(0),
            )
            .optional()?
            .unwrap_or(0) as u64;
        let records = section.after(cursor);
        if records.is_empty() {
            // Applied before: not even a transaction.
            report.already += section.records.len() as i64;
            continue;
        }
        let first = section.last + 1 - records.len() as u64;
        let texts: Vec<String> = records
            .iter()
            .map(|r| String::from_utf8_lossy(r).into_owned())
            .collect();
        let tx = conn.transaction()?;
        let applied = apply_run(&tx, &section.device, first, &texts, now)?;
        tx.commit()?;
        report.applied += applied.applied as i64;
        report.already += (section.records.len() - records.len() + applied.already) as i64;
        report.pending += applied.pending as i64;
        if applied.applied > 0 {
            let from = who(conn, &section.device, &texts)?;
            match report.from.iter_mut().find(|f| f.device == from.device) {
                Some(f) => f.operations += applied.applied as i64,
                None => report.from.push(DeviceCount {
                    operations: applied.applied as i64,
                    ..from
                }),
            }
        }
    }
    Ok(())
}

/// The device's name and person as the Team page knows them; for a device never seen in a
/// folder (a pack carries no device.json), its id and the author of its latest operation.
fn who(conn: &Connection, device: &str, texts: &[String]) -> Result<DeviceCount> {
    let (name, person): (String, String) = conn.query_row(
        "SELECT name, person FROM team_devices WHERE device = ?1",
        [device],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let person = if person.is_empty() {
        let author = texts
            .iter()
            .rev()
            .find_map(|t| serde_json::from_str::<Author>(t).ok())
            .map(|a| a.author)
            .unwrap_or_default();
        conn.execute(
            "UPDATE team_devices SET person = ?2 WHERE device = ?1 AND person = ''",
            rusqlite::params![device, author],
        )?;
        author
    } else {
        person
    };
    Ok(DeviceCount {
        device: if name.is_empty() {
            device.to_string()
        } else {
            name
        },
        person,
        operations: 0,
    })
}

#[derive(serde::Deserialize)]
struct Author {
    author: String,
}
