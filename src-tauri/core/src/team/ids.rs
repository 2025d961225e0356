//! Global ids (migration 0017): what a change names, found here as this copy's rows. A uid
//! that a merge retired (`uid_aliases`) leads to the record it became.

use crate::error::Result;
use rusqlite::{params, Connection, OptionalExtension};

/// The local id of the tag node `uid` names (after merges), if this copy has it.
pub(crate) fn tag_id(conn: &Connection, uid: &str) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached(
            "SELECT id FROM tag_nodes WHERE uid = coalesce(
                 (SELECT to_uid FROM uid_aliases WHERE entity = 'tag' AND from_uid = ?1), ?1)",
        )?
        .query_row([uid], |r| r.get(0))
        .optional()?)
}

/// The local id of the tag node `uid` itself, not following merges: a rename, move or deletion
/// of a tag merged away elsewhere is of that tag, never of the one it went into.
pub(crate) fn node_id(conn: &Connection, uid: &str) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached("SELECT id FROM tag_nodes WHERE uid = ?1")?
        .query_row([uid], |r| r.get(0))
        .optional()?)
}

/// The uid of tag node `id`, if this copy still has it (a node removed for good has none).
pub(crate) fn node_uid(conn: &Connection, id: i64) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT uid FROM tag_nodes WHERE id = ?1")?
        .query_row([id], |r| r.get(0))
        .optional()?)
}

/// Whether a merge retired tag `uid` into another (here or on another laptop).
pub(crate) fn merged_away(conn: &Connection, uid: &str) -> Result<bool> {
    Ok(conn
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM uid_aliases WHERE entity = 'tag' AND from_uid = ?1)",
        )?
        .query_row([uid], |r| r.get(0))?)
}

/// The local id of the customer `uid` names (after merges), deleted or not, if this copy has it.
pub(crate) fn customer_id(conn: &Connection, uid: &str) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached(
            "SELECT id FROM customers WHERE uid = coalesce(
                 (SELECT to_uid FROM uid_aliases WHERE entity = 'customer' AND from_uid = ?1), ?1)",
        )?
        .query_row([uid], |r| r.get(0))
        .optional()?)
}

/// Keeps that record `from` of `entity` ('customer' or 'tag') became `to`, for changes naming
/// `from` that arrive later; aliases that led to `from` now lead to `to`.
pub(crate) fn alias(conn: &Connection, entity: &str, from: &str, to: &str) -> Result<()> {
    conn.prepare_cached("UPDATE uid_aliases SET to_uid = ?3 WHERE entity = ?1 AND to_uid = ?2")?
        .execute(params![entity, from, to])?;
    conn.prepare_cached(
        "INSERT OR REPLACE INTO uid_aliases(entity, from_uid, to_uid) VALUES (?1, ?2, ?3)",
    )?
    .execute(params![entity, from, to])?;
    Ok(())
}

/// [`tag_id`] for a node that is not deleted: tags given to a deleted tag go to the inbox.
pub(crate) fn live_tag_id(conn: &Connection, uid: &str) -> Result<Option<i64>> {
    let Some(id) = tag_id(conn, uid)? else {
        return Ok(None);
    };
    let live: bool = conn
        .prepare_cached("SELECT deleted_at IS NULL FROM tag_nodes WHERE id = ?1")?
        .query_row([id], |r| r.get(0))?;
    Ok(live.then_some(id))
}

/// Fills `temp.team_customers` with the local ids of the customers `uids` names (after
/// merges); returns the uids this copy does not know.
pub(crate) fn load_customers(conn: &Connection, uids: &[String]) -> Result<Vec<String>> {
    // Cached statements, not a batch: this runs once per received tag change.
    conn.prepare_cached("CREATE TEMP TABLE IF NOT EXISTS team_customers(id INTEGER PRIMARY KEY)")?
        .execute([])?;
    conn.prepare_cached("DELETE FROM temp.team_customers")?
        .execute([])?;
    let list = serde_json::to_string(uids)?;
    let found = conn
        .prepare_cached(
            "INSERT OR IGNORE INTO temp.team_customers(id)
         SELECT c.id FROM json_each(?1) j CROSS JOIN customers c ON c.uid = coalesce(
             (SELECT to_uid FROM uid_aliases WHERE entity = 'customer' AND from_uid = j.value),
             j.value)",
        )?
        .execute([&list])?;
    if found == uids.len() {
        return Ok(Vec::new());
    }
    let mut stmt = conn.prepare(
        "SELECT j.value FROM json_each(?1) j WHERE NOT EXISTS (
             SELECT 1 FROM customers c WHERE c.uid = coalesce(
                 (SELECT to_uid FROM uid_aliases WHERE entity = 'customer' AND from_uid = j.value),
                 j.value))",
    )?;
    let unknown = stmt
        .query_map([&list], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<String>>>()?;
    Ok(unknown)
}

/// Whether this copy has any of the customers `uids` names (after merges).
pub(crate) fn any_customer(conn: &Connection, uids: &[String]) -> Result<bool> {
    Ok(conn
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM json_each(?1) j JOIN customers c ON c.uid = coalesce(
                 (SELECT to_uid FROM uid_aliases WHERE entity = 'customer' AND from_uid = j.value),
                 j.value))",
        )?
        .query_row([serde_json::to_string(uids)?], |r| r.get(0))?)
}
