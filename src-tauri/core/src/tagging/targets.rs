//! Materialises a target into `temp.tag_target`, so every statement of a batch joins one
//! indexed set instead of repeating the filter.

use super::TagTarget;
use crate::customers::Filter;
use crate::error::Result;
use rusqlite::{params_from_iter, Connection};

pub(super) fn load(conn: &Connection, target: &TagTarget) -> Result<i64> {
    conn.execute_batch(
        "CREATE TEMP TABLE IF NOT EXISTS tag_target(id INTEGER PRIMARY KEY);
         DELETE FROM temp.tag_target;",
    )?;
    match target {
        TagTarget::Customers { ids } => {
            // One statement over a JSON array: a per-id INSERT costs a round trip each.
            conn.execute(
                "INSERT OR IGNORE INTO temp.tag_target(id)
                 SELECT c.id FROM json_each(?1) j JOIN customers c ON c.id = j.value
                 WHERE c.deleted_at IS NULL",
                [serde_json::to_string(ids)?],
            )?;
        }
        TagTarget::Matching { query } => {
            let filter = Filter::of(conn, query)?;
            conn.execute(
                &format!(
                    "INSERT OR IGNORE INTO temp.tag_target(id) {}",
                    filter.select("c.id")
                ),
                params_from_iter(filter.args.iter()),
            )?;
        }
    }
    Ok(conn.query_row("SELECT count(*) FROM temp.tag_target", [], |r| r.get(0))?)
}
