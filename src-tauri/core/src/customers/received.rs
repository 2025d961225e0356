//! Customers as a team exchange writes them: under the global id they came with, and without
//! an audit of their own (the received operation is their history).

use super::record::{insert_row, update_row};
use super::CustomerInput;
use crate::error::Result;
use rusqlite::{params, Connection};

/// Creates a customer a team exchange received, under its global id: cleaned on the laptop
/// that made it and recorded in the history as the received operation, so no audit here.
pub(crate) fn insert_received(
    conn: &Connection,
    uid: &str,
    c: &CustomerInput,
    now: i64,
) -> Result<i64> {
    let id = insert_row(conn, c, now)?;
    conn.prepare_cached("UPDATE customers SET uid = ?2 WHERE id = ?1")?
        .execute(params![id, uid])?;
    Ok(id)
}

/// Saves a customer's record as a team exchange received it (see [`insert_received`]); custom
/// values not named in `c` stay as they are.
pub(crate) fn save_received(conn: &Connection, id: i64, c: &CustomerInput, now: i64) -> Result<()> {
    update_row(conn, id, c, now)
}
