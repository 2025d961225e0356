//! Receiving what the team pushed to the hub: everything after this copy's position, in the
//! hub's order, a page at a time; each page applied in one transaction with the position that
//! records it, so a crash applies a page wholly or not at all and never twice.

use super::address::call_error;
use crate::error::Result;
use crate::operations;
use crate::team::received::apply_run;
use crate::team::sync::{DeviceCount, ExchangeReport};
use postgres::Client;
use rusqlite::{params, Connection};

/// Operations per page pulled: one round trip and one transaction each.
const PULL_PAGE: i64 = 2_000;

/// One operation as the hub sent it.
struct Pulled {
    pos: i64,
    device: String,
    seq: i64,
    payload: String,
}

/// Pulls and applies everything after this copy's position.
pub(crate) fn pull(
    conn: &mut Connection,
    client: &mut Client,
    now: i64,
    report: &mut ExchangeReport,
) -> Result<()> {
    let me = operations::device_id(conn)?;
    note_devices(conn, client, &me)?;
    loop {
        let after: i64 =
            conn.query_row("SELECT pulled_pos FROM team_hub WHERE id = 1", [], |r| {
                r.get(0)
            })?;
        let page: Vec<Pulled> = client
            .query(
                "SELECT pos, device, seq, payload FROM tagdesk_hub.pull($1, $2, $3)",
                &[&me, &after, &(PULL_PAGE as i32)],
            )
            .map_err(call_error)?
            .into_iter()
            .map(|r| Pulled {
                pos: r.get(0),
                device: r.get(1),
                seq: r.get(2),
                payload: r.get(3),
            })
            .collect();
        let Some(last) = page.last().map(|p| p.pos) else {
            return Ok(());
        };
        let tx = conn.transaction()?;
        for run in runs(&page) {
            if run[0].device == me {
                continue;
            }
            let texts: Vec<String> = run.iter().map(|p| p.payload.clone()).collect();
            let applied = apply_run(&tx, &run[0].device, run[0].seq as u64, &texts, now)?;
            report.applied += applied.applied as i64;
            report.already += applied.already as i64;
            report.pending += applied.pending as i64;
            count_from(&tx, report, &run[0].device, applied.applied as i64)?;
        }
        tx.execute(
            "UPDATE team_hub SET pulled_pos = ?1, last_exchange_at = ?2 WHERE id = 1",
            params![last, now],
        )?;
        tx.commit()?;
    }
}

/// The page cut where the device changes or its seqs stop following on: each run is what
/// `apply_run` takes (one device's operations from a seq on).
fn runs(page: &[Pulled]) -> Vec<&[Pulled]> {
    let mut runs = Vec::new();
    let mut start = 0;
    for i in 1..=page.len() {
        let cut = i == page.len()
            || page[i].device != page[i - 1].device
            || page[i].seq != page[i - 1].seq + 1;
        if cut {
            runs.push(&page[start..i]);
            start = i;
        }
    }
    runs
}

/// Names the team's devices as the hub knows them, for the Team page and the report.
fn note_devices(conn: &Connection, client: &mut Client, me: &str) -> Result<()> {
    let rows = client
        .query(
            "SELECT device, name, person FROM tagdesk_hub.devices()",
            &[],
        )
        .map_err(call_error)?;
    let mut stmt = conn.prepare_cached(
        "INSERT INTO team_devices(device, name, person) VALUES (?1, ?2, ?3)
         ON CONFLICT(device) DO UPDATE SET name = excluded.name, person = excluded.person",
    )?;
    for row in rows {
        let device: String = row.get(0);
        if device != me {
            stmt.execute(params![
                device,
                row.get::<_, String>(1),
                row.get::<_, String>(2)
            ])?;
        }
    }
    Ok(())
}

fn count_from(
    conn: &Connection,
    report: &mut ExchangeReport,
    device: &str,
    applied: i64,
) -> Result<()> {
    if applied == 0 {
        return Ok(());
    }
    let (name, person): (String, String) = conn.query_row(
        "SELECT name, person FROM team_devices WHERE device = ?1",
        [device],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    match report
        .from
        .iter_mut()
        .find(|d| d.device == name && d.person == person)
    {
        Some(seen) => seen.operations += applied,
        None => report.from.push(DeviceCount {
            device: name,
            person,
            operations: applied,
        }),
    }
    Ok(())
}
