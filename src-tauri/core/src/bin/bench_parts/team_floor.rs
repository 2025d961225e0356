//! The floor under applying a week (`team.rs`): the week's net changes to the data alone, the
//! assignments it took off and gave and the customers it edited, written as plain statements
//! on a fresh copy of the laptop that was away: one statement per row, except the bulk tag's
//! tag, given in one. No operation, received row, batch, clock or inbox check is written. What
//! the apply takes beyond this is what keeping the week's history, undo and merge costs; the
//! floor itself is what the pages of this database cost on this machine.
//!
//! The changes are the difference between the away copy before and after the timed apply
//! (`away-run.sqlite`, left by the last run), worked out before the clock starts.

use crate::team::{copy_settled, cpu_secs, mid_secs, remove_db, Res};
use rusqlite::{params, Connection};
use std::path::Path;

/// Runs the floor `runs` times; returns the median of its processor time, in seconds.
pub fn run(dir: &Path, runs: usize) -> Res<f64> {
    let copy = dir.join("floor-run.sqlite");
    let mut times = Vec::new();
    for _ in 0..runs.clamp(1, 7) {
        remove_db(&copy);
        copy_settled(&dir.join("away.sqlite"), &copy)?;
        let mut conn = tagdesk_core::db::open(&copy)?;
        // As during an exchange (`db::with_exchange_cache`).
        conn.pragma_update(None, "cache_size", -512 * 1024)?;
        let changes = differences(&conn, &dir.join("away-run.sqlite"))?;
        crate::statements::start(&mut conn);
        let cpu = cpu_secs();
        write(&conn, &changes)?;
        times.push(cpu_secs() - cpu);
        crate::statements::print(&mut conn, "floor");
        eprintln!(
            "  floor: {} assignments off, {} given ({} by one bulk statement), {} customers edited in {:.2} s of processor time",
            changes.removed, changes.added, changes.bulk, changes.customers, times[times.len() - 1]
        );
    }
    Ok(mid_secs(times))
}

struct Differences {
    removed: i64,
    added: i64,
    bulk: i64,
    customers: i64,
    /// The tag given to the most customers (the bulk tag).
    bulk_tag: i64,
}

/// Lists the week's changes in temporary tables of `conn` (the copy before the week).
fn differences(conn: &Connection, after: &Path) -> Res<Differences> {
    conn.execute("ATTACH DATABASE ?1 AS after", [after.to_string_lossy()])?;
    conn.execute_batch(
        "CREATE TEMP TABLE floor_removed AS
             SELECT tag_id, customer_id FROM main.assignments
             EXCEPT SELECT tag_id, customer_id FROM after.assignments;
         CREATE TEMP TABLE floor_added AS
             SELECT tag_id, customer_id, source, source_ref, actor, at FROM after.assignments a
             WHERE NOT EXISTS (SELECT 1 FROM main.assignments m
                               WHERE m.tag_id = a.tag_id AND m.customer_id = a.customer_id);
         -- The tags made during the week (the bulk tag's among them), before the clock starts:
         -- a handful of rows.
         INSERT INTO main.tag_nodes SELECT * FROM after.tag_nodes
             WHERE id NOT IN (SELECT id FROM main.tag_nodes) ORDER BY id;
         CREATE TEMP TABLE floor_customers AS
             SELECT id, notes, city, updated_at FROM after.customers
             EXCEPT SELECT id, notes, city, updated_at FROM main.customers;",
    )?;
    conn.execute("DETACH DATABASE after", [])?;
    let count = |sql: &str| -> rusqlite::Result<i64> { conn.query_row(sql, [], |r| r.get(0)) };
    let bulk_tag: i64 = conn.query_row(
        "SELECT tag_id FROM temp.floor_added GROUP BY tag_id ORDER BY count(*) DESC LIMIT 1",
        [],
        |r| r.get(0),
    )?;
    Ok(Differences {
        removed: count("SELECT count(*) FROM temp.floor_removed")?,
        added: count("SELECT count(*) FROM temp.floor_added")?,
        bulk: conn.query_row(
            "SELECT count(*) FROM temp.floor_added WHERE tag_id = ?1",
            [bulk_tag],
            |r| r.get(0),
        )?,
        customers: count("SELECT count(*) FROM temp.floor_customers")?,
        bulk_tag,
    })
}

/// The changes in one transaction, as the app's statements would write them.
fn write(conn: &Connection, changes: &Differences) -> Res<()> {
    conn.execute_batch("BEGIN IMMEDIATE")?;
    let removed: Vec<(i64, i64)> = conn
        .prepare("SELECT tag_id, customer_id FROM temp.floor_removed")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut take =
        conn.prepare("DELETE FROM assignments WHERE tag_id = ?1 AND customer_id = ?2")?;
    for (tag, customer) in removed {
        take.execute([tag, customer])?;
    }
    let added: Vec<(i64, i64)> = conn
        .prepare("SELECT tag_id, customer_id FROM temp.floor_added WHERE tag_id <> ?1")?
        .query_map([changes.bulk_tag], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut give = conn.prepare(
        "INSERT OR IGNORE INTO assignments(tag_id, customer_id, source, actor, at)
         VALUES (?1, ?2, 'manual', 'floor', 0)",
    )?;
    for (tag, customer) in added {
        give.execute([tag, customer])?;
    }
    conn.execute(
        "INSERT OR IGNORE INTO assignments(tag_id, customer_id, source, source_ref, actor, at)
         SELECT tag_id, customer_id, source, source_ref, actor, at FROM temp.floor_added
         WHERE tag_id = ?1",
        [changes.bulk_tag],
    )?;
    let edited: Vec<(i64, Option<String>, Option<String>, i64)> = conn
        .prepare("SELECT id, notes, city, updated_at FROM temp.floor_customers")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut edit =
        conn.prepare("UPDATE customers SET notes = ?2, city = ?3, updated_at = ?4 WHERE id = ?1")?;
    for (id, notes, city, at) in edited {
        edit.execute(params![id, notes, city, at])?;
    }
    conn.execute_batch("COMMIT")?;
    Ok(())
}
