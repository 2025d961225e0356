//! The maintained per-tag customer counts (`tag_stats`).

use crate::error::Result;
use rusqlite::{params, Connection};

/// Applies one tagging batch's changes to the counts, from its member list: +1 per add,
/// -1 per remove, for customers that are not deleted. `members` is how many the batch has.
pub(crate) fn apply_batch(conn: &Connection, batch_id: i64, members: i64) -> Result<()> {
    if members >= LARGE && few_deleted(conn, members)? {
        return apply_large_batch(conn, batch_id);
    }
    conn.prepare_cached(
        "INSERT INTO tag_stats(tag_id, customers)
         SELECT m.tag_id, sum(CASE m.action WHEN 'add' THEN 1 ELSE -1 END)
         FROM tag_batch_members m JOIN customers c ON c.id = m.customer_id AND c.deleted_at IS NULL
         WHERE m.batch_id = ?1 GROUP BY m.tag_id
         ON CONFLICT(tag_id) DO UPDATE SET customers = customers + excluded.customers",
    )?
    .execute([batch_id])?;
    Ok(())
}

/// From this many members a batch's counts come from all of them less the deleted customers'
/// (when those are fewer): looking up each member's customer cost a 200,000-customer bulk tag
/// 50 ms, reading the deleted customers' members 2.
const LARGE: i64 = 10_000;

/// Whether fewer customers are deleted than a quarter of `members` (read no further).
fn few_deleted(conn: &Connection, members: i64) -> Result<bool> {
    let quarter = members / 4;
    let deleted: i64 = conn
        .prepare_cached(
            "SELECT count(*) FROM (SELECT 1 FROM customers WHERE deleted_at IS NOT NULL LIMIT ?1)",
        )?
        .query_row([quarter], |r| r.get(0))?;
    Ok(deleted < quarter)
}

/// [`apply_batch`] for a large batch: each member counted, then the deleted customers' taken
/// back out, found from the deleted customers' side.
fn apply_large_batch(conn: &Connection, batch_id: i64) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO tag_stats(tag_id, customers)
         SELECT tag_id, sum(delta) FROM (
             SELECT m.tag_id, CASE m.action WHEN 'add' THEN 1 ELSE -1 END AS delta
             FROM tag_batch_members m WHERE m.batch_id = ?1
             UNION ALL
             SELECT m.tag_id, CASE m.action WHEN 'add' THEN -1 ELSE 1 END
             FROM customers c CROSS JOIN tag_batch_members m
                 ON m.batch_id = ?1 AND m.customer_id = c.id
             WHERE c.deleted_at IS NOT NULL)
         WHERE true GROUP BY tag_id
         ON CONFLICT(tag_id) DO UPDATE SET customers = customers + excluded.customers",
    )?
    .execute([batch_id])?;
    Ok(())
}

/// Adds `delta` to one tag's count.
pub(crate) fn adjust(conn: &Connection, tag_id: i64, delta: i64) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO tag_stats(tag_id, customers) VALUES (?1, ?2)
         ON CONFLICT(tag_id) DO UPDATE SET customers = customers + excluded.customers",
    )?
    .execute(params![tag_id, delta])?;
    Ok(())
}

/// Subtracts the assignments a batch took away from live customers (`tag_batch_removed`).
pub(crate) fn subtract_removed(conn: &Connection, batch_id: i64) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO tag_stats(tag_id, customers)
         SELECT tag_id, -count(*) FROM tag_batch_removed WHERE batch_id = ?1 GROUP BY tag_id
         ON CONFLICT(tag_id) DO UPDATE SET customers = customers + excluded.customers",
    )?
    .execute([batch_id])?;
    Ok(())
}

/// Counts the given tags again from their assignments (after merges, deletions, imports).
pub(crate) fn recount(conn: &Connection, tag_ids: &[i64]) -> Result<()> {
    let ids = serde_json::to_string(tag_ids)?;
    conn.prepare_cached("DELETE FROM tag_stats WHERE tag_id IN (SELECT value FROM json_each(?1))")?
        .execute([&ids])?;
    conn.prepare_cached(
        "INSERT INTO tag_stats(tag_id, customers)
         SELECT a.tag_id, count(*) FROM assignments a
         JOIN customers c ON c.id = a.customer_id AND c.deleted_at IS NULL
         WHERE a.tag_id IN (SELECT value FROM json_each(?1)) GROUP BY a.tag_id",
    )?
    .execute(params![ids])?;
    Ok(())
}

/// Counts every tag again.
pub(crate) fn recount_all(conn: &Connection) -> Result<()> {
    conn.prepare_cached("DELETE FROM tag_stats")?.execute([])?;
    conn.prepare_cached(
        "INSERT INTO tag_stats(tag_id, customers)
         SELECT a.tag_id, count(*) FROM assignments a
         JOIN customers c ON c.id = a.customer_id AND c.deleted_at IS NULL GROUP BY a.tag_id",
    )?
    .execute([])?;
    Ok(())
}
