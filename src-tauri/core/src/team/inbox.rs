//! The conflict inbox (冲突收件箱): what an exchange could not apply as it came, kept with the
//! reason and what to do about it, so that nothing received is dropped silently.

use crate::error::Result;
use crate::operations::EditedEntity;
use crate::problem::Problem;
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashSet};

/// One case, in global ids (they stay meaningful if the records move or merge later).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Case {
    /// Two tags of a single-select group were set for one customer on different laptops at
    /// the same time: the later stayed, `dropped` can be chosen instead ("keep the other").
    SingleSelect {
        customer: String,
        kept: String,
        dropped: String,
    },
    /// A tag change named a tag this copy does not have (deleted here, or not received yet).
    UnknownTag {
        tag: String,
        present: bool,
        customers: Vec<String>,
    },
    /// A tag change named customers this copy does not have.
    UnknownCustomers {
        tag: String,
        present: bool,
        customers: Vec<String>,
    },
    /// An edit of a customer this copy does not have (the values it set are kept here).
    UnknownCustomer {
        customer: String,
        cells: BTreeMap<String, Option<String>>,
    },
    /// A customer deleted here was edited on another laptop: it stays deleted; "restore"
    /// brings it back with the edit.
    EditOfDeleted { customer: String },
    /// Fields of a received customer that could not be written: a custom field this copy
    /// does not have, an external id another customer here holds.
    FieldsNotWritten {
        customer: String,
        fields: Vec<String>,
    },
    /// A change of a tag node this copy does not have.
    UnknownNode { node: String },
    /// A move that would have put a node beneath itself here (moved concurrently elsewhere).
    MoveSkipped { node: String },
    /// A merge the tree here does not allow (the target is no longer a tag, or a
    /// single-select group would hold two tags).
    MergeSkipped { from: String, to: String },
    /// A custom field, event kind, segment, rule or settings saved on another laptop that
    /// could not be written here: it names tags, groups, segments or custom fields this copy
    /// does not have (`missing`), or this copy refused it (`problem`, e.g. its name is taken).
    RecordSkipped {
        entity: EditedEntity,
        record: String,
        name: String,
        missing: Vec<String>,
        problem: Option<Problem>,
    },
    /// Events added on another laptop of a kind this copy has never had (not received yet):
    /// not added. (Those of a kind removed here wait with the kind's own events.)
    EventsOfUnknownKind {
        event_kind: String,
        events: Vec<String>,
    },
    /// Events added on another laptop for customers this copy does not have: not added.
    EventsOfUnknownCustomers {
        event_kind: String,
        customers: Vec<String>,
        events: Vec<String>,
    },
    /// The team hub refused this laptop's operation: its author lacks the right (`reason`, the
    /// hub's code, with the group and department or the kind of record it concerns). The change
    /// stays on this laptop only.
    HubRefused {
        reason: String,
        group: Option<String>,
        department: Option<String>,
        entity: Option<String>,
    },
}

impl Case {
    fn kind(&self) -> &'static str {
        match self {
            Case::SingleSelect { .. } => "single_select",
            Case::UnknownTag { .. } => "unknown_tag",
            Case::UnknownCustomers { .. } => "unknown_customers",
            Case::UnknownCustomer { .. } => "unknown_customer",
            Case::EditOfDeleted { .. } => "edit_of_deleted",
            Case::FieldsNotWritten { .. } => "fields_not_written",
            Case::UnknownNode { .. } => "unknown_node",
            Case::MoveSkipped { .. } => "move_skipped",
            Case::MergeSkipped { .. } => "merge_skipped",
            Case::RecordSkipped { .. } => "record_skipped",
            Case::EventsOfUnknownKind { .. } => "events_of_unknown_kind",
            Case::EventsOfUnknownCustomers { .. } => "events_of_unknown_customers",
            Case::HubRefused { .. } => "hub_refused",
        }
    }
}

/// An open case with the operation it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub id: i64,
    pub operation_uid: String,
    pub case: Case,
}

pub(crate) fn record(conn: &Connection, operation_uid: &str, case: &Case, at: i64) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO team_inbox(kind, operation_uid, detail, at) VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![
        case.kind(),
        operation_uid,
        serde_json::to_string(case)?,
        at
    ])?;
    Ok(())
}

/// Closes the open case `case` of operation `operation_uid`, if there is one: what it was
/// about no longer holds.
pub(crate) fn close(conn: &Connection, operation_uid: &str, case: &Case, how: &str) -> Result<()> {
    conn.prepare_cached(
        "UPDATE team_inbox SET resolved_at = ?4, resolution = ?5
         WHERE resolved_at IS NULL AND operation_uid = ?1 AND kind = ?2 AND detail = ?3",
    )?
    .execute(params![
        operation_uid,
        case.kind(),
        serde_json::to_string(case)?,
        crate::clock::now(),
        how
    ])?;
    Ok(())
}

/// Closes the open single-select cases of the customers in `temp.team_customers` that left
/// out `tag`, which a later change has now given them: "use the other" was chosen (here or on
/// another laptop), so the case has nothing left to ask.
pub(crate) fn settle_answered(conn: &Connection, tag: &str, at: i64) -> Result<()> {
    conn.prepare_cached(
        "UPDATE team_inbox SET resolved_at = ?2, resolution = 'settled'
         WHERE resolved_at IS NULL AND kind = 'single_select'
           AND json_extract(detail, '$.dropped') = ?1
           AND EXISTS (
               SELECT 1 FROM customers c JOIN temp.team_customers t ON t.id = c.id
               WHERE c.uid = json_extract(detail, '$.customer'))",
    )?
    .execute(params![tag, at])?;
    Ok(())
}

/// [`settle_answered`] for the customers `customers` (a JSON array of ids): a run of received
/// changes settles each change's cases with its own customers (team/tag_runs.rs).
pub(crate) fn settle_answered_for(
    conn: &Connection,
    tag: &str,
    at: i64,
    customers: &str,
) -> Result<()> {
    conn.prepare_cached(
        "UPDATE team_inbox SET resolved_at = ?2, resolution = 'settled'
         WHERE resolved_at IS NULL AND kind = 'single_select'
           AND json_extract(detail, '$.dropped') = ?1
           AND EXISTS (
               SELECT 1 FROM json_each(?3) j JOIN customers c ON c.id = j.value
               WHERE c.uid = json_extract(detail, '$.customer'))",
    )?
    .execute(params![tag, at, customers])?;
    Ok(())
}

/// The tags open single-select cases dropped (their uids): a run of received changes settles
/// cases only for the tags among them, instead of asking once per change (team/tag_runs).
pub(crate) fn dropped_in_open_cases(conn: &Connection) -> Result<HashSet<String>> {
    Ok(conn
        .prepare_cached(
            "SELECT DISTINCT json_extract(detail, '$.dropped') FROM team_inbox
             WHERE resolved_at IS NULL AND kind = 'single_select'",
        )?
        .query_map([], |r| r.get::<_, Option<String>>(0))?
        .filter_map(|r| r.transpose())
        .collect::<rusqlite::Result<HashSet<String>>>()?)
}

/// The newest case's id, before an exchange: the cases it opens come after it.
pub(crate) fn newest(conn: &Connection) -> Result<i64> {
    // Cached: a run of received tag changes asks beside each customer edit (tag_runs.rs).
    Ok(conn
        .prepare_cached("SELECT coalesce(max(id), 0) FROM team_inbox")?
        .query_row([], |r| r.get(0))?)
}

/// The cases opened after case `id` and still open: what an exchange added to the inbox (a
/// case it opened and settled itself, a change that waited and then landed, is not new).
pub(crate) fn opened_after(conn: &Connection, id: i64) -> Result<i64> {
    Ok(conn.query_row(
        "SELECT count(*) FROM team_inbox WHERE id > ?1 AND resolved_at IS NULL",
        [id],
        |r| r.get(0),
    )?)
}

/// The cases nobody has resolved yet, oldest first.
pub fn open_cases(conn: &Connection) -> Result<Vec<Entry>> {
    let mut stmt = conn.prepare(
        "SELECT id, operation_uid, detail FROM team_inbox WHERE resolved_at IS NULL ORDER BY id",
    )?;
    let rows = stmt
        .query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    rows.into_iter()
        .map(|(id, operation_uid, detail)| {
            Ok(Entry {
                id,
                operation_uid,
                case: serde_json::from_str(&detail)?,
            })
        })
        .collect()
}
