//! Names of tag nodes received from the team: two laptops can create the same name under one
//! parent, and a restored node can find its name taken; both keep every node, numbered.

use super::clocks::{self, Clock, Record, ALIVE};
use crate::error::Result;
use crate::tags;
use rusqlite::{params, Connection, OptionalExtension};

/// The name a received node created as `wanted` gets. Two laptops that created the same name
/// under one parent keep both nodes (a merge can join them): the earlier creation keeps the
/// name and the later one is numbered, `行业 (2)`, on every laptop alike.
pub(super) fn name_for_creation(
    tx: &Connection,
    parent: Option<i64>,
    wanted: &str,
    clock: Clock,
) -> Result<String> {
    let sibling: Option<i64> = tx
        .prepare_cached(
            "SELECT id FROM tag_nodes WHERE ifnull(parent_id, 0) = ifnull(?1, 0) AND name_key = ?2",
        )?
        .query_row(params![parent, tags::name_key(wanted)], |r| r.get(0))
        .optional()?;
    let Some(sibling) = sibling else {
        return Ok(wanted.to_string());
    };
    if clocks::later(tx, Record::TagNode, sibling, ALIVE, clock)? {
        // The node here is the earlier creation (or older than the team).
        return numbered(tx, parent, wanted, None);
    }
    let renamed = numbered(tx, parent, wanted, Some(sibling))?;
    tx.prepare_cached("UPDATE tag_nodes SET name = ?2, name_key = ?3 WHERE id = ?1")?
        .execute(params![sibling, renamed, tags::name_key(&renamed)])?;
    Ok(wanted.to_string())
}

/// `name (2)`, `name (3)` …: the first no sibling but `except` has.
fn numbered(
    tx: &Connection,
    parent: Option<i64>,
    name: &str,
    except: Option<i64>,
) -> Result<String> {
    let mut n = 2;
    loop {
        let candidate = format!("{name} ({n})");
        if free_name(tx, parent, &candidate, except)? == candidate {
            return Ok(candidate);
        }
        n += 1;
    }
}

/// `name`, or `name (2)`, `name (3)` … when a live sibling here already has it.
pub(super) fn free_name(
    tx: &Connection,
    parent: Option<i64>,
    name: &str,
    except: Option<i64>,
) -> Result<String> {
    let taken =
        |candidate: &str| -> Result<bool> {
            Ok(tx
            .prepare_cached(
                "SELECT EXISTS (SELECT 1 FROM tag_nodes WHERE ifnull(parent_id, 0) = ifnull(?1, 0)
                     AND name_key = ?2 AND id <> ifnull(?3, -1))",
            )?
            .query_row(params![parent, tags::name_key(candidate), except], |r| r.get(0))?)
        };
    let mut candidate = name.to_string();
    let mut n = 2;
    while taken(&candidate)? {
        candidate = format!("{name} ({n})");
        n += 1;
    }
    Ok(candidate)
}
