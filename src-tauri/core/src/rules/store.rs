//! Saved rules: list, get, create, update, delete, with their checks.

use super::{Rule, RuleAction, RuleInput};
use crate::audit;
use crate::clock;
use crate::conditions::{self, Condition};
use crate::db::{json_column, json_column_or};
use crate::error::{Error, Result};
use crate::operations::{Image, Images};
use crate::problem::{Problem, Thing};
use crate::provenance::BatchAction;
use crate::tagging::bulk::{self, Changes};
use crate::tagging::TagSource;
use roaring::RoaringBitmap;
use rusqlite::{params, Connection, OptionalExtension, Row, Transaction};

const COLUMNS: &str =
    "id, name, owner, priority, enabled, condition, action, last_run_at, created_at, updated_at";

fn from_row(r: &Row) -> rusqlite::Result<Rule> {
    // A tree that no longer parses (written by a newer version) matches no one.
    let condition: Condition = json_column_or(r, 5, || Condition::Or { children: vec![] })?;
    let action = json_column(r, 6)?;
    Ok(Rule {
        id: r.get(0)?,
        name: r.get(1)?,
        owner: r.get(2)?,
        priority: r.get(3)?,
        enabled: r.get(4)?,
        time_based: condition.uses_time(),
        condition,
        action,
        last_run_at: r.get(7)?,
        created_at: r.get(8)?,
        updated_at: r.get(9)?,
    })
}

/// Whether any rule is switched on (the runs after a data change have nothing to do otherwise).
pub fn any_enabled(conn: &Connection) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM rules WHERE enabled = 1)",
        [],
        |r| r.get(0),
    )?)
}

/// Every rule in run order: highest priority first, then oldest first.
pub fn list(conn: &Connection) -> Result<Vec<Rule>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM rules ORDER BY priority DESC, id"
    ))?;
    let rows = stmt.query_map([], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn get(conn: &Connection, id: i64) -> Result<Rule> {
    conn.query_row(
        &format!("SELECT {COLUMNS} FROM rules WHERE id = ?1"),
        [id],
        from_row,
    )
    .optional()?
    .ok_or(Error::NotFound {
        what: Thing::Rule,
        id: id.to_string(),
    })
}

/// Saves a new rule; returns its id. It runs with the next run (or `rules_run`).
pub fn create(conn: &mut Connection, input: &RuleInput, actor: &str) -> Result<i64> {
    let tx = conn.transaction()?;
    let id = create_within(&tx, None, input, actor)?;
    tx.commit()?;
    Ok(id)
}

/// [`create`] inside the caller's transaction; with `id` when a deleted rule comes back (an
/// undo), so the tags it gave, which name it by id, are its own again.
pub(crate) fn create_within(
    tx: &Transaction,
    id: Option<i64>,
    input: &RuleInput,
    actor: &str,
) -> Result<i64> {
    let name = check(tx, input)?;
    let now = clock::now();
    // A deleted rule's id is not given again (see above).
    let (id, action) = match id {
        Some(id) => (id, "restore"),
        None => (crate::operations::fresh_id(tx, "rules", "rule")?, "create"),
    };
    tx.execute(
        "INSERT INTO rules(id, name, owner, priority, enabled, condition, action, created_at, updated_at)
         VALUES (?8, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
        params![
            name,
            clean_owner(&input.owner),
            input.priority,
            input.enabled,
            serde_json::to_string(&input.condition)?,
            serde_json::to_string(&input.action)?,
            now,
            id
        ],
    )?;
    let images = Images::of(Image::Rule { rule: None }, image(tx, id)?);
    audit::record_edit(
        tx,
        actor,
        action,
        "rule",
        Some(id),
        &serde_json::json!({ "name": name }),
        Some(images),
    )?;
    Ok(id)
}

/// A rule as the history keeps it: what the editor would save to make it again.
fn image(conn: &Connection, id: i64) -> Result<Image> {
    let r = get(conn, id)?;
    Ok(Image::Rule {
        rule: Some(RuleInput {
            name: r.name,
            owner: r.owner,
            priority: r.priority,
            enabled: r.enabled,
            condition: r.condition,
            action: r.action,
        }),
    })
}

/// Saves a rule. When its action now gives another tag, the tag it gave before is taken back
/// (one batch) so nothing is left that no rule owns.
pub fn update(conn: &mut Connection, id: i64, input: &RuleInput, actor: &str) -> Result<Rule> {
    let tx = conn.transaction()?;
    update_within(&tx, id, input, actor)?;
    tx.commit()?;
    get(conn, id)
}

/// [`update`] inside the caller's transaction (an undo writing a rule back).
pub(crate) fn update_within(
    tx: &Transaction,
    id: i64,
    input: &RuleInput,
    actor: &str,
) -> Result<()> {
    let old = get(tx, id)?;
    let before = image(tx, id)?;
    let name = check(tx, input)?;
    let now = clock::now();
    if old.action.tag_id() != input.action.tag_id() {
        take_back(tx, id, old.action.tag_id(), actor, now)?;
    }
    tx.execute(
        "UPDATE rules SET name = ?2, owner = ?3, priority = ?4, enabled = ?5, condition = ?6,
                          action = ?7, updated_at = ?8
         WHERE id = ?1",
        params![
            id,
            name,
            clean_owner(&input.owner),
            input.priority,
            input.enabled,
            serde_json::to_string(&input.condition)?,
            serde_json::to_string(&input.action)?,
            now
        ],
    )?;
    let images = Images::of(before, image(tx, id)?);
    audit::record_edit(
        tx,
        actor,
        "update",
        "rule",
        Some(id),
        &serde_json::json!({ "name": name }),
        Some(images),
    )
}

/// Deletes a rule and takes back the tags it gave (as one undoable batch); returns how many.
/// To keep them, disable the rule instead.
pub fn delete(conn: &mut Connection, id: i64, actor: &str) -> Result<i64> {
    let tx = conn.transaction()?;
    let removed = delete_within(&tx, id, actor)?;
    tx.commit()?;
    Ok(removed)
}

/// [`delete`] inside the caller's transaction (an undo of the rule's creation).
pub(crate) fn delete_within(tx: &Transaction, id: i64, actor: &str) -> Result<i64> {
    let rule = get(tx, id)?;
    let before = image(tx, id)?;
    let removed = take_back(tx, id, rule.action.tag_id(), actor, clock::now())?;
    tx.execute("DELETE FROM rules WHERE id = ?1", [id])?;
    audit::record_edit(
        tx,
        actor,
        "delete",
        "rule",
        Some(id),
        &serde_json::json!({ "name": rule.name, "removed": removed }),
        Some(Images::of(before, Image::Rule { rule: None })),
    )?;
    Ok(removed)
}

/// Removes every assignment of `tag_id` that rule `id` gave.
fn take_back(tx: &Transaction, id: i64, tag_id: i64, actor: &str, now: i64) -> Result<i64> {
    let mut given = RoaringBitmap::new();
    let mut stmt = tx.prepare(
        "SELECT customer_id FROM assignments WHERE tag_id = ?1 AND source = 'rule' AND source_ref = ?2",
    )?;
    for cid in stmt.query_map(params![tag_id, id], |r| r.get::<_, i64>(0))? {
        given.insert(cid? as u32);
    }
    let changes = Changes {
        remove: vec![(tag_id, given)],
        add: vec![],
    };
    Ok(bulk::write(
        tx,
        BatchAction::Remove,
        tag_id,
        TagSource::Rule(id),
        actor,
        now,
        &changes,
    )?
    .removed)
}

fn clean_owner(owner: &Option<String>) -> Option<String> {
    owner
        .as_deref()
        .map(str::trim)
        .filter(|o| !o.is_empty())
        .map(String::from)
}

/// Checks a rule before it is saved or previewed; returns its cleaned name.
pub(super) fn check(conn: &Connection, input: &RuleInput) -> Result<String> {
    let name = input.name.trim();
    if name.is_empty() {
        return Err(Error::invalid("name", Problem::NameRequired));
    }
    if name.chars().count() > 100 {
        return Err(Error::invalid("name", Problem::NameTooLong { limit: 100 }));
    }
    conditions::validate(conn, &input.condition, None)?;
    let tag = input.action.tag_id();
    let found: Option<(String, Option<i64>, bool)> = conn
        .query_row(
            "SELECT kind, parent_id, archived_at IS NOT NULL FROM tag_nodes
             WHERE id = ?1 AND deleted_at IS NULL",
            [tag],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    let (kind, parent, archived) =
        found.ok_or_else(|| Error::invalid("action", Problem::UnknownTag { tag }))?;
    if kind != "tag" {
        return Err(Error::invalid("action", Problem::RuleGivesTags));
    }
    if archived && !matches!(input.action, RuleAction::RemoveTag { .. }) {
        return Err(Error::invalid("action", Problem::TagArchived));
    }
    if let RuleAction::SetGroup { group_id, .. } = input.action {
        let mode: Option<Option<String>> = conn
            .query_row(
                "SELECT select_mode FROM tag_nodes
                 WHERE id = ?1 AND kind = 'group' AND deleted_at IS NULL",
                [group_id],
                |r| r.get(0),
            )
            .optional()?;
        match mode {
            None => {
                return Err(Error::invalid(
                    "action",
                    Problem::UnknownTagGroup { group: group_id },
                ))
            }
            Some(m) if m.as_deref() != Some("single") => {
                return Err(Error::invalid("action", Problem::SingleSelectOnly))
            }
            Some(_) if parent != Some(group_id) => {
                return Err(Error::invalid("action", Problem::TagNotInGroup))
            }
            Some(_) => {}
        }
    }
    Ok(name.to_string())
}
