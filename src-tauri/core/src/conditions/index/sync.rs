//! Keeps the index in step with the database. Temporary triggers (this connection only, never
//! stored in the file) note which customers, assignments and events changed; a refresh
//! re-reads just those. Another connection's write, or a change to the field definitions,
//! makes the whole index rebuild instead.

use super::{load, Index};
use crate::error::Result;
use rusqlite::Connection;

/// Beyond this many changed customers re-reading everything is cheaper than patching.
const PATCH_LIMIT: u64 = 200_000;
/// Beyond this many events outside the sorted arrays the events are re-read and sorted.
const OVERLAY_LIMIT: usize = 200_000;

const TRACKING: &str = "
CREATE TEMP TABLE IF NOT EXISTS index_dirty(customer_id INTEGER PRIMARY KEY);
CREATE TEMP TABLE IF NOT EXISTS index_event_dirty(customer_id INTEGER PRIMARY KEY);
-- Every assignment given (1) or taken (0), in the order it happened; a refresh replays them.
-- A log, not a table keyed by the pair: appending is a quarter of the cost per row of keeping
-- only the latest change (a delete and an insert by key), and a team exchange or a bulk tag
-- writes hundreds of thousands of rows through these triggers. It holds what changed since the
-- last refresh: the app refreshes at least every ten minutes (the rules schedule runs through
-- the index) and on every segment, filter or health question.
CREATE TEMP TABLE IF NOT EXISTS index_tag_log(
    tag_id INTEGER NOT NULL, customer_id INTEGER NOT NULL, present INTEGER NOT NULL);
CREATE TEMP TABLE IF NOT EXISTS index_stale(what TEXT PRIMARY KEY) WITHOUT ROWID;

-- Bodies never rely on OR IGNORE: an outer statement's conflict clause overrides the body's,
-- and an upsert (custom values) turned OR IGNORE into ABORT, failing a re-import with
-- “UNIQUE constraint failed: index_dirty.customer_id”.
CREATE TEMP TRIGGER IF NOT EXISTS index_customer_insert AFTER INSERT ON main.customers
BEGIN INSERT INTO index_dirty SELECT NEW.id WHERE NOT EXISTS (SELECT 1 FROM index_dirty WHERE customer_id = NEW.id); END;
CREATE TEMP TRIGGER IF NOT EXISTS index_customer_update AFTER UPDATE ON main.customers
BEGIN INSERT INTO index_dirty SELECT NEW.id WHERE NOT EXISTS (SELECT 1 FROM index_dirty WHERE customer_id = NEW.id); END;
CREATE TEMP TRIGGER IF NOT EXISTS index_customer_delete AFTER DELETE ON main.customers
BEGIN INSERT INTO index_dirty SELECT OLD.id WHERE NOT EXISTS (SELECT 1 FROM index_dirty WHERE customer_id = OLD.id); END;

CREATE TEMP TRIGGER IF NOT EXISTS index_value_insert AFTER INSERT ON main.custom_values
BEGIN INSERT INTO index_dirty SELECT NEW.customer_id WHERE NOT EXISTS (SELECT 1 FROM index_dirty WHERE customer_id = NEW.customer_id); END;
CREATE TEMP TRIGGER IF NOT EXISTS index_value_update AFTER UPDATE ON main.custom_values
BEGIN INSERT INTO index_dirty SELECT NEW.customer_id WHERE NOT EXISTS (SELECT 1 FROM index_dirty WHERE customer_id = NEW.customer_id); END;
CREATE TEMP TRIGGER IF NOT EXISTS index_value_delete AFTER DELETE ON main.custom_values
BEGIN INSERT INTO index_dirty SELECT OLD.customer_id WHERE NOT EXISTS (SELECT 1 FROM index_dirty WHERE customer_id = OLD.customer_id); END;

-- Not keyed, so no conflict clause applies: an outer `INSERT OR IGNORE INTO assignments`
-- (undo, merge) imposes its own conflict policy on trigger bodies.
CREATE TEMP TRIGGER IF NOT EXISTS index_assignment_insert AFTER INSERT ON main.assignments
BEGIN INSERT INTO index_tag_log VALUES (NEW.tag_id, NEW.customer_id, 1); END;
CREATE TEMP TRIGGER IF NOT EXISTS index_assignment_delete AFTER DELETE ON main.assignments
BEGIN INSERT INTO index_tag_log VALUES (OLD.tag_id, OLD.customer_id, 0); END;
CREATE TEMP TRIGGER IF NOT EXISTS index_assignment_update AFTER UPDATE OF tag_id, customer_id
ON main.assignments
BEGIN
    INSERT INTO index_tag_log VALUES (OLD.tag_id, OLD.customer_id, 0);
    INSERT INTO index_tag_log VALUES (NEW.tag_id, NEW.customer_id, 1);
END;

CREATE TEMP TRIGGER IF NOT EXISTS index_event_insert AFTER INSERT ON main.events
BEGIN INSERT INTO index_event_dirty SELECT NEW.customer_id WHERE NOT EXISTS (SELECT 1 FROM index_event_dirty WHERE customer_id = NEW.customer_id); END;
CREATE TEMP TRIGGER IF NOT EXISTS index_event_update AFTER UPDATE ON main.events
BEGIN
    INSERT INTO index_event_dirty SELECT OLD.customer_id WHERE NOT EXISTS (SELECT 1 FROM index_event_dirty WHERE customer_id = OLD.customer_id);
    INSERT INTO index_event_dirty SELECT NEW.customer_id WHERE NOT EXISTS (SELECT 1 FROM index_event_dirty WHERE customer_id = NEW.customer_id);
END;
CREATE TEMP TRIGGER IF NOT EXISTS index_event_delete AFTER DELETE ON main.events
BEGIN INSERT INTO index_event_dirty SELECT OLD.customer_id WHERE NOT EXISTS (SELECT 1 FROM index_event_dirty WHERE customer_id = OLD.customer_id); END;

CREATE TEMP TRIGGER IF NOT EXISTS index_tree_insert AFTER INSERT ON main.tag_nodes
BEGIN INSERT INTO index_stale SELECT 'tree' WHERE NOT EXISTS (SELECT 1 FROM index_stale WHERE what = 'tree'); END;
CREATE TEMP TRIGGER IF NOT EXISTS index_tree_update AFTER UPDATE OF parent_id, kind, weight, deleted_at
ON main.tag_nodes
BEGIN INSERT INTO index_stale SELECT 'tree' WHERE NOT EXISTS (SELECT 1 FROM index_stale WHERE what = 'tree'); END;
CREATE TEMP TRIGGER IF NOT EXISTS index_tree_delete AFTER DELETE ON main.tag_nodes
BEGIN INSERT INTO index_stale SELECT 'tree' WHERE NOT EXISTS (SELECT 1 FROM index_stale WHERE what = 'tree'); END;

CREATE TEMP TRIGGER IF NOT EXISTS index_fields_insert AFTER INSERT ON main.custom_fields
BEGIN INSERT INTO index_stale SELECT 'fields' WHERE NOT EXISTS (SELECT 1 FROM index_stale WHERE what = 'fields'); END;
CREATE TEMP TRIGGER IF NOT EXISTS index_fields_update AFTER UPDATE OF kind ON main.custom_fields
BEGIN INSERT INTO index_stale SELECT 'fields' WHERE NOT EXISTS (SELECT 1 FROM index_stale WHERE what = 'fields'); END;
CREATE TEMP TRIGGER IF NOT EXISTS index_fields_delete AFTER DELETE ON main.custom_fields
BEGIN INSERT INTO index_stale SELECT 'fields' WHERE NOT EXISTS (SELECT 1 FROM index_stale WHERE what = 'fields'); END;
";

pub fn track_changes(conn: &Connection) -> Result<()> {
    conn.execute_batch(TRACKING)?;
    Ok(())
}

/// The triggers a bulk write of new rows turns off ([`Untracked`]).
const NEW_ROW_TRIGGERS: [&str; 3] = [
    "index_customer_insert",
    "index_value_insert",
    "index_assignment_insert",
];

/// A bulk write of new customers and their tags, with the per-row tracking off: for 100,000
/// imported customers the triggers' 500,000 small writes cost half as much again as the import
/// (3.4 s instead of 2.3 s). What the write changed is recorded afterwards, a statement per
/// kind, by [`Untracked::finish`]. Turning the triggers off is part of the caller's
/// transaction, so a rollback turns them back on.
#[must_use = "finish records the changes and turns the tracking back on"]
pub struct Untracked {
    tracking: bool,
}

impl Untracked {
    /// Turns off the tracking of inserted customers, custom values and assignments (when
    /// this connection tracks changes at all).
    pub fn begin(conn: &Connection) -> Result<Untracked> {
        let tracking: bool = conn.query_row(
            "SELECT count(*) > 0 FROM temp.sqlite_master WHERE type = 'trigger' AND name = ?1",
            [NEW_ROW_TRIGGERS[0]],
            |r| r.get(0),
        )?;
        if tracking {
            for name in NEW_ROW_TRIGGERS {
                conn.execute_batch(&format!("DROP TRIGGER IF EXISTS temp.{name}"))?;
            }
        }
        Ok(Untracked { tracking })
    }

    /// Turns off the tracking of assignments given and taken (not of customers), for a bulk
    /// change of one tag's holders whose changes [`Untracked::note_tag`] records afterwards
    /// (undoing a merge of a tag 200,000 customers hold: the triggers took over half the time).
    pub fn begin_assignments(conn: &Connection) -> Result<Untracked> {
        let tracking: bool = conn.query_row(
            "SELECT count(*) > 0 FROM temp.sqlite_master WHERE type = 'trigger' AND name = ?1",
            ["index_assignment_insert"],
            |r| r.get(0),
        )?;
        if tracking {
            conn.execute_batch(
                "DROP TRIGGER IF EXISTS temp.index_assignment_insert;
                 DROP TRIGGER IF EXISTS temp.index_assignment_delete;",
            )?;
        }
        Ok(Untracked { tracking })
    }

    /// Records that `tag` was given to (`present`) or taken off the customers `ids`, a JSON
    /// array, while the tracking was off.
    pub fn note_tag(&self, conn: &Connection, tag: i64, ids: &str, present: bool) -> Result<()> {
        if self.tracking {
            conn.execute(
                "INSERT INTO temp.index_tag_log(tag_id, customer_id, present)
                 SELECT ?1, value, ?3 FROM json_each(?2)",
                rusqlite::params![tag, ids, present],
            )?;
        }
        Ok(())
    }

    /// Records `customers` (inserted, with their custom values) as changed and every
    /// assignment of the tagging `batches` as added, then turns the tracking back on.
    pub fn finish(self, conn: &Connection, customers: &[i64], batches: &[i64]) -> Result<()> {
        if !self.tracking {
            return Ok(());
        }
        conn.execute(
            "INSERT OR IGNORE INTO temp.index_dirty(customer_id) SELECT value FROM json_each(?1)",
            [serde_json::to_string(customers)?],
        )?;
        conn.execute(
            "INSERT INTO temp.index_tag_log(tag_id, customer_id, present)
             SELECT tag_id, customer_id, 1 FROM main.tag_batch_members
             WHERE batch_id IN (SELECT value FROM json_each(?1)) AND action = 'add'",
            [serde_json::to_string(batches)?],
        )?;
        track_changes(conn)
    }
}

pub fn forget_changes(conn: &Connection) -> Result<()> {
    conn.execute_batch(
        "DELETE FROM temp.index_dirty; DELETE FROM temp.index_event_dirty;
         DELETE FROM temp.index_tag_log; DELETE FROM temp.index_stale;",
    )?;
    Ok(())
}

/// Changes when another connection commits (this connection's own commits do not count).
pub fn data_version(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("PRAGMA data_version", [], |r| r.get(0))?)
}

pub fn refresh(index: &mut Index, conn: &Connection) -> Result<()> {
    let stale: Vec<String> = conn
        .prepare("SELECT what FROM temp.index_stale")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let dirty = load::dirty_ids(conn)?;
    if data_version(conn)? != index.data_version
        || stale.iter().any(|s| s == "fields")
        || dirty.len() > PATCH_LIMIT
    {
        *index = Index::build(conn)?;
        return Ok(());
    }
    if !dirty.is_empty() {
        index.universe -= &dirty;
        load::customers(conn, index, true)?;
        load::custom_values(conn, index, true)?;
    }
    if stale.iter().any(|s| s == "tree") {
        load::tree(conn, index)?;
    }
    load::tag_deltas(conn, index)?;
    if stale.iter().any(|s| s == "tree") {
        index.recompute_scores();
    }
    let event_dirty = load::event_dirty_ids(conn)?;
    if !event_dirty.is_empty() {
        if index.events.overlay_len() + event_dirty.len() as usize > OVERLAY_LIMIT {
            index.events = load::events(conn)?;
        } else {
            let fresh = load::changed_events(conn)?;
            index.events.replace(&event_dirty, fresh);
        }
    }
    forget_changes(conn)
}
