//! Applying received declared records (docs/TEAM.md §4): a custom field, event kind, segment,
//! rule or the RFM / lifecycle settings is one last-writer-wins key as a whole — the later
//! save, by (clock, device), is what every laptop keeps. It is written through the same
//! functions an undo uses, so names are checked and a deleted record keeps what it held
//! aside. A record that names something this copy lacks, or that this copy refuses, waits in
//! the inbox with the reason instead of being half written.

use super::clocks::{self, Clock, Record};
use super::inbox::{self, Case};
use super::records_out::SETTINGS;
use super::wire::WireOperation;
use super::{portable, touched};
use crate::error::{Error, Result};
use crate::operations::{self, EditedEntity};
use rusqlite::{params, Connection};
use serde_json::Value;

/// One received `Record` change, inside the received operation `op`.
pub(super) fn apply(
    tx: &rusqlite::Transaction,
    op: &WireOperation,
    entity: EditedEntity,
    uid: &str,
    image: Option<&Value>,
) -> Result<()> {
    let clock = op.clock();
    let here = local_id(tx, entity, uid)?;
    if let Some(id) = here {
        if !clocks::later(tx, Record::Declared, id, entity.as_str(), clock)? {
            return Ok(());
        }
    }
    let image = match image {
        Some(value) => match local_image(tx, entity, value)? {
            Ok(value) => Some(value),
            Err(missing) => return skipped(tx, op, entity, uid, image, missing, None),
        },
        None if here.is_none() => return tombstone(tx, entity, uid, clock),
        None => None,
    };
    let id = match here {
        Some(id) => id,
        None => {
            let table = operations::table_of(entity).expect("settings are always here");
            operations::fresh_id(tx, table, entity.as_str())?
        }
    };
    // A refusal (a name taken here, a condition this copy cannot check) leaves nothing of
    // the record written.
    tx.execute_batch("SAVEPOINT team_record")?;
    let refusal = match write(tx, entity, id, uid, image.as_ref(), &op.author, clock) {
        Ok(()) => return Ok(tx.execute_batch("RELEASE team_record")?),
        Err(Error::Invalid { problem, .. }) => Some(problem),
        Err(Error::Sqlite(rusqlite::Error::SqliteFailure(e, _)))
            if e.code == rusqlite::ErrorCode::ConstraintViolation =>
        {
            None
        }
        Err(e) => return Err(e),
    };
    tx.execute_batch("ROLLBACK TO team_record; RELEASE team_record")?;
    skipped(tx, op, entity, uid, image.as_ref(), Vec::new(), refusal)
}

/// A deletion of a record this copy never had (it came before the record, passed on by a
/// colleague): its clock is kept under an id of its own, so the record's creation, when it
/// arrives, is older and stays out, as on a laptop that read them in order.
fn tombstone(tx: &Connection, entity: EditedEntity, uid: &str, clock: Clock) -> Result<()> {
    let table = operations::table_of(entity).expect("settings are always here");
    let id = operations::fresh_id(tx, table, entity.as_str())?;
    tx.prepare_cached("INSERT INTO record_uids(entity, id, uid) VALUES (?1, ?2, ?3)")?
        .execute(params![entity.as_str(), id, uid])?;
    clocks::remember(tx, Record::Declared, id, entity.as_str(), clock)
}

/// Notes the clock of an own `Record` change when it first travels, so received saves of the
/// same record are ordered against it.
pub(super) fn note_own(
    conn: &Connection,
    op: &WireOperation,
    entity: EditedEntity,
    uid: &str,
) -> Result<()> {
    match local_id(conn, entity, uid)? {
        Some(id) => clocks::note(conn, Record::Declared, id, [entity.as_str()], op.clock()),
        None => Ok(()),
    }
}

fn write(
    tx: &rusqlite::Transaction,
    entity: EditedEntity,
    id: i64,
    uid: &str,
    image: Option<&Value>,
    author: &str,
    clock: Clock,
) -> Result<()> {
    operations::write_received(tx, entity, id, image, author)?;
    if entity == EditedEntity::Rule && image.is_some() {
        touched::add_everyone(tx)?;
    }
    if let Some(table) = operations::table_of(entity).filter(|_| image.is_some()) {
        // A record made here for the first time takes the uid it has everywhere.
        tx.execute(
            &format!("UPDATE {table} SET uid = ?2 WHERE id = ?1 AND uid IS NOT ?2"),
            params![id, uid],
        )?;
    }
    clocks::remember(tx, Record::Declared, id, entity.as_str(), clock)
}

/// The received image with this copy's ids, or the uids it names that this copy lacks.
fn local_image(
    conn: &Connection,
    entity: EditedEntity,
    value: &Value,
) -> Result<std::result::Result<Value, Vec<String>>> {
    let mut value = value.clone();
    let missing = portable::to_local(conn, &mut value)?;
    if !missing.is_empty() {
        return Ok(Err(missing));
    }
    if entity == EditedEntity::Segment {
        if let Some(uids) = value.get("members").cloned() {
            value["members"] = portable::members_to_local(conn, &uids)?;
        }
    }
    Ok(Ok(value))
}

/// This copy's id of record `uid` (the settings: their one record), if it has or had it.
fn local_id(conn: &Connection, entity: EditedEntity, uid: &str) -> Result<Option<i64>> {
    match entity {
        EditedEntity::RfmSettings | EditedEntity::LifecycleSettings if uid == SETTINGS => {
            Ok(Some(operations::SETTINGS_ID))
        }
        _ => portable::record_id(conn, entity.as_str(), uid),
    }
}

fn skipped(
    tx: &Connection,
    op: &WireOperation,
    entity: EditedEntity,
    uid: &str,
    image: Option<&Value>,
    missing: Vec<String>,
    problem: Option<crate::problem::Problem>,
) -> Result<()> {
    let name = image
        .and_then(|v| {
            v.get("name")
                .or_else(|| v.get("label"))
                .or_else(|| v.pointer("/input/name"))
        })
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string();
    let case = Case::RecordSkipped {
        entity,
        record: uid.to_string(),
        name,
        missing,
        problem,
    };
    inbox::record(tx, &op.uid, &case, op.at)
}
