//! The customers received changes touched in one apply (a temporary table of this connection):
//! this laptop's rules then run over them, as after an import or an edit.

use crate::error::Result;
use rusqlite::Connection;

/// Starts an empty list.
pub(super) fn start(conn: &Connection) -> Result<()> {
    conn.execute_batch(
        "CREATE TEMP TABLE IF NOT EXISTS team_touched(customer_id INTEGER PRIMARY KEY);
         DELETE FROM temp.team_touched;",
    )?;
    Ok(())
}

/// Adds customer `id`.
pub(super) fn add(conn: &Connection, id: i64) -> Result<()> {
    conn.prepare_cached("INSERT OR IGNORE INTO temp.team_touched(customer_id) VALUES (?1)")?
        .execute([id])?;
    Ok(())
}

/// Adds the customers a tag change named (`temp.team_customers`, see `ids::load_customers`).
pub(super) fn add_loaded(conn: &Connection) -> Result<()> {
    conn.prepare_cached(
        "INSERT OR IGNORE INTO temp.team_touched(customer_id) SELECT id FROM temp.team_customers",
    )?
    .execute([])?;
    Ok(())
}

/// Adds the customers of a run of tag changes (`temp.run_pairs`, see `tag_runs`).
pub(super) fn add_run_pairs(conn: &Connection) -> Result<()> {
    conn.prepare_cached(
        "INSERT OR IGNORE INTO temp.team_touched(customer_id)
         SELECT customer_id FROM temp.run_pairs WHERE true",
    )?
    .execute([])?;
    Ok(())
}

/// Adds every customer: a rule received new or changed runs over all of them here, as it
/// ran (or will run) over all of them where it was saved. Noted once (customer ids start at
/// 1, so 0 stands for everyone), however many rules came in; `take` lists them.
pub(super) fn add_everyone(conn: &Connection) -> Result<()> {
    conn.prepare_cached("INSERT OR IGNORE INTO temp.team_touched(customer_id) VALUES (?1)")?
        .execute([EVERYONE])?;
    Ok(())
}

const EVERYONE: i64 = 0;

/// The customers touched, and an empty list again.
pub(super) fn take(conn: &Connection) -> Result<Vec<i64>> {
    let everyone: bool = conn
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM temp.team_touched WHERE customer_id = ?1)")?
        .query_row([EVERYONE], |r| r.get(0))?;
    let sql = match everyone {
        true => "SELECT id FROM customers WHERE deleted_at IS NULL ORDER BY id",
        false => "SELECT customer_id FROM temp.team_touched ORDER BY customer_id",
    };
    let ids = conn
        .prepare(sql)?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<i64>>>()?;
    conn.prepare_cached("DELETE FROM temp.team_touched")?
        .execute([])?;
    Ok(ids)
}
