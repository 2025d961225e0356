//! Migration 0024's second half: a copy that already belongs to a team gives its events their
//! global ids at once, and the same ids on every laptop of the team for the events they share.
//! Such a copy cannot wait for the ids to be given when needed (team start, an operation's
//! wire): the events it shares with its colleagues came with the team's snapshot, without ids,
//! and each laptop would give them different ones, so that a removal (undoing an import made
//! before the team started) would not find them elsewhere. Shared events have the same local
//! id and values on every laptop (the snapshot is a copy of one database), so an id made from
//! them is the same everywhere. Copies outside a team are left as they are.

use rusqlite::functions::FunctionFlags;
use rusqlite::{Connection, Transaction};
use sha2::{Digest, Sha256};

const FUNCTION: &str = "tagdesk_legacy_event_uid";

/// Gives every event without a uid, and every event kept aside, its id made from its values,
/// when this copy is in a team.
pub(super) fn give_in_team(tx: &Transaction) -> rusqlite::Result<()> {
    let in_team: bool = tx.query_row("SELECT EXISTS (SELECT 1 FROM team)", [], |r| r.get(0))?;
    if !in_team {
        return Ok(());
    }
    register(tx)?;
    for table in ["events", "removed_events", "operation_removed_events"] {
        // `table` is one of the three literals above.
        tx.execute(
            &format!(
                "UPDATE {table} SET uid = {FUNCTION}(id, customer_id, kind, occurred_at, amount,
                     properties, source_key)
                 WHERE uid IS NULL"
            ),
            [],
        )?;
    }
    tx.remove_function(FUNCTION, 7)
}

fn register(conn: &Connection) -> rusqlite::Result<()> {
    conn.create_scalar_function(
        FUNCTION,
        7,
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC,
        |ctx| {
            let mut hash = Sha256::new();
            hash.update(ctx.get::<i64>(0)?.to_le_bytes());
            hash.update(ctx.get::<i64>(1)?.to_le_bytes());
            hash.update(ctx.get::<String>(2)?.as_bytes());
            hash.update([0]);
            hash.update(ctx.get::<i64>(3)?.to_le_bytes());
            let amount = ctx.get::<Option<f64>>(4)?;
            hash.update(amount.map_or(u64::MAX, f64::to_bits).to_le_bytes());
            hash.update(ctx.get::<String>(5)?.as_bytes());
            hash.update([0]);
            hash.update(ctx.get::<Option<i64>>(6)?.unwrap_or(i64::MIN).to_le_bytes());
            let digest = hash.finalize();
            Ok(digest[..16]
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect::<String>())
        },
    )
}
