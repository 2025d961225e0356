//! Sending this device's operations to the hub: numbered as for the folder (the outbox seqs),
//! in batches, each answered with the position the hub gave it or why it refused it. A retry
//! after a lost answer sends the same operations again, which the hub accepts once.

use super::address::call_error;
use super::local;
use super::refusals;
use crate::error::Result;
use crate::operations;
use crate::team::outgoing::wire_of;
use crate::team::sync::number_outbox;
use postgres::Client;
use rusqlite::{params, Connection};

/// Operations per push: one round trip each, small enough for the hub to check in well under a
/// second.
const PUSH_BATCH: i64 = 500;

/// What one push did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Pushed {
    pub accepted: i64,
    pub refused: i64,
}

/// Pushes every own operation the hub has not confirmed yet.
pub(crate) fn push(conn: &Connection, client: &mut Client, device_name: &str) -> Result<Pushed> {
    let me = operations::device_id(conn)?;
    number_outbox(conn, &me)?;
    let mut pushed = Pushed::default();
    loop {
        let after = local::link(conn)?.map(|l| l.pushed_seq).unwrap_or(0);
        let batch: Vec<(i64, i64)> = conn
            .prepare_cached(
                "SELECT seq, operation_id FROM team_outbox WHERE seq > ?1 ORDER BY seq LIMIT ?2",
            )?
            .query_map(params![after, PUSH_BATCH], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let Some(&(last, _)) = batch.last() else {
            if pushed == Pushed::default() {
                name_device(client, &me, device_name)?;
            }
            return Ok(pushed);
        };
        let items = batch
            .iter()
            .map(|(seq, id)| {
                let op = wire_of(conn, *id)?;
                Ok(serde_json::json!({ "uid": op.uid, "seq": seq, "payload": op }))
            })
            .collect::<Result<Vec<_>>>()?;
        let rows = client
            .query(
                "SELECT uid, pos, refusal::text FROM tagdesk_hub.push($1, $2, $3, $4::text::jsonb)",
                &[
                    &me,
                    &device_name,
                    &env!("CARGO_PKG_VERSION"),
                    &serde_json::Value::Array(items).to_string(),
                ],
            )
            .map_err(call_error)?;
        for row in rows {
            let uid: String = row.get(0);
            match row.get::<_, Option<String>>(2) {
                Some(why) => {
                    refusals::keep(conn, &uid, &why)?;
                    pushed.refused += 1;
                }
                None => pushed.accepted += 1,
            }
        }
        conn.execute("UPDATE team_hub SET pushed_seq = ?1 WHERE id = 1", [last])?;
    }
}

/// Tells the hub this laptop's name when it has nothing to push and the hub does not know the
/// name yet: a push names its device, so the owner right after starting the hub (who has pushed
/// nothing) was shown in the audit trail by its id, and a laptop renamed on the Team page kept
/// its old name until its next change. An empty push changes nothing else.
fn name_device(client: &mut Client, me: &str, device_name: &str) -> Result<()> {
    let known: Option<String> = client
        .query_opt(
            "SELECT name FROM tagdesk_hub.devices() WHERE device = $1",
            &[&me],
        )
        .map_err(call_error)?
        .map(|row| row.get(0));
    if known.as_deref() == Some(device_name) {
        return Ok(());
    }
    client
        .query(
            "SELECT uid FROM tagdesk_hub.push($1, $2, $3, '[]'::jsonb)",
            &[&me, &device_name, &env!("CARGO_PKG_VERSION")],
        )
        .map_err(call_error)?;
    Ok(())
}
