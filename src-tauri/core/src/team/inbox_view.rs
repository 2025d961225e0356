//! The conflict inbox as the Team page shows it (names instead of global ids), and deciding a
//! case: keep what the exchange chose, or take the other ("keep the other").

use super::inbox::{open_cases, Case};
use crate::customers;
use crate::error::{Error, Result};
use crate::operations::EditedEntity;
use crate::problem::Problem;
use crate::tagging::{self, TagSource, TagTarget};
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use ts_rs::TS;

/// One open case of the inbox.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "InboxItem.ts")]
pub struct InboxItem {
    pub id: i64,
    pub at: i64,
    pub from_device: String,
    pub from_person: String,
    pub case: InboxCase,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[ts(export_to = "InboxCase.ts")]
pub enum InboxCase {
    /// `kept` was set later than `dropped` in a single-select group of one customer.
    SingleSelect {
        customer_id: Option<i64>,
        customer: String,
        group: String,
        kept: String,
        dropped: String,
    },
    /// A change named a tag this copy does not have.
    UnknownTag { tag: String, customers: i64 },
    /// A change named customers this copy does not have.
    UnknownCustomers { tag: String, customers: i64 },
    /// An edit of a customer this copy does not have.
    UnknownCustomer { fields: Vec<String> },
    /// A customer deleted here was edited elsewhere; it stays deleted unless restored.
    EditOfDeleted {
        customer_id: Option<i64>,
        customer: String,
    },
    /// Fields of a received customer that could not be written here (attribute keys, or a
    /// custom field's uid).
    FieldsNotWritten {
        customer_id: Option<i64>,
        customer: String,
        fields: Vec<String>,
    },
    /// A change of a tag, group or category this copy does not have.
    UnknownNode,
    /// A move of `node` that would have put it beneath itself here was skipped.
    MoveSkipped { node: String },
    /// Merging `from` into `to` was not possible here.
    MergeSkipped { from: String, to: String },
    /// A record saved on another laptop (named `name`) was not written here: it names
    /// `missing` things this copy lacks, or `problem` says why this copy refused it.
    RecordSkipped {
        entity: EditedEntity,
        name: String,
        missing: i64,
        problem: Option<Problem>,
    },
    /// `events` events added on another laptop were not added here: their kind is not here.
    EventsOfUnknownKind { events: i64 },
    /// `events` events of `event_kind` added on another laptop were not added here: they belong to
    /// `customers` customers this copy does not have.
    EventsOfUnknownCustomers {
        event_kind: String,
        customers: i64,
        events: i64,
    },
    /// The team hub refused an operation of this laptop, for `problem`.
    HubRefused { problem: Problem },
}

pub fn items(conn: &Connection) -> Result<Vec<InboxItem>> {
    open_cases(conn)?
        .into_iter()
        .map(|entry| {
            let (at, from_device, from_person): (i64, String, String) = conn.query_row(
                "SELECT i.at, coalesce(d.name, o.device, ''), coalesce(d.person, o.author, '')
                 FROM team_inbox i LEFT JOIN operations o ON o.uid = i.operation_uid
                 LEFT JOIN team_devices d ON d.device = o.device WHERE i.id = ?1",
                [entry.id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )?;
            Ok(InboxItem {
                id: entry.id,
                at,
                from_device,
                from_person,
                case: view(conn, &entry.case)?,
            })
        })
        .collect()
}

fn view(conn: &Connection, case: &Case) -> Result<InboxCase> {
    Ok(match case {
        Case::SingleSelect {
            customer,
            kept,
            dropped,
        } => {
            let (customer_id, name) = customer_named(conn, customer)?;
            InboxCase::SingleSelect {
                customer_id,
                customer: name,
                group: tag_field(conn, kept, "g.name")?,
                kept: tag_field(conn, kept, "t.name")?,
                dropped: tag_field(conn, dropped, "t.name")?,
            }
        }
        Case::UnknownTag { tag, customers, .. } => InboxCase::UnknownTag {
            tag: tag.clone(),
            customers: customers.len() as i64,
        },
        Case::UnknownCustomers { tag, customers, .. } => InboxCase::UnknownCustomers {
            tag: tag_field(conn, tag, "t.name")?,
            customers: customers.len() as i64,
        },
        Case::UnknownCustomer { cells, .. } => InboxCase::UnknownCustomer {
            fields: cells.keys().cloned().collect(),
        },
        Case::EditOfDeleted { customer } => {
            let (customer_id, customer) = customer_named(conn, customer)?;
            InboxCase::EditOfDeleted {
                customer_id,
                customer,
            }
        }
        Case::UnknownNode { .. } => InboxCase::UnknownNode,
        Case::MoveSkipped { node } => InboxCase::MoveSkipped {
            node: tag_field(conn, node, "t.name")?,
        },
        Case::MergeSkipped { from, to } => InboxCase::MergeSkipped {
            from: tag_field(conn, from, "t.name")?,
            to: tag_field(conn, to, "t.name")?,
        },
        Case::RecordSkipped {
            entity,
            name,
            missing,
            problem,
            ..
        } => InboxCase::RecordSkipped {
            entity: *entity,
            name: name.clone(),
            missing: missing.len() as i64,
            problem: problem.clone(),
        },
        Case::EventsOfUnknownKind { events, .. } => InboxCase::EventsOfUnknownKind {
            events: events.len() as i64,
        },
        Case::EventsOfUnknownCustomers {
            event_kind,
            customers,
            events,
        } => InboxCase::EventsOfUnknownCustomers {
            event_kind: conn
                .query_row(
                    "SELECT name FROM event_kinds WHERE uid = ?1",
                    [event_kind],
                    |r| r.get(0),
                )
                .optional()?
                .unwrap_or_else(|| event_kind.clone()),
            customers: customers.len() as i64,
            events: events.len() as i64,
        },
        Case::HubRefused {
            reason,
            group,
            department,
            entity,
        } => {
            let group = match group {
                Some(uid) => Some(tag_field(conn, uid, "t.name")?),
                None => None,
            };
            InboxCase::HubRefused {
                problem: refusal_problem(reason, group, department.as_ref(), entity.as_ref()),
            }
        }
        Case::FieldsNotWritten { customer, fields } => {
            let (customer_id, customer) = customer_named(conn, customer)?;
            InboxCase::FieldsNotWritten {
                customer_id,
                customer,
                fields: fields.clone(),
            }
        }
    })
}

/// A customer's local id and name by uid (after merges); the uid itself when unknown.
fn customer_named(conn: &Connection, uid: &str) -> Result<(Option<i64>, String)> {
    Ok(conn
        .query_row(
            "SELECT id, name FROM customers WHERE uid = coalesce(
                 (SELECT to_uid FROM uid_aliases WHERE entity = 'customer' AND from_uid = ?1), ?1)",
            [uid],
            |r| Ok((Some(r.get(0)?), r.get(1)?)),
        )
        .optional()?
        .unwrap_or((None, uid.to_string())))
}

/// A tag's name (`t.name`) or its group's (`g.name`), by uid; the uid itself when unknown.
fn tag_field(conn: &Connection, uid: &str, column: &str) -> Result<String> {
    // `column` is one of this module's literals, never input.
    let name: Option<String> = conn
        .query_row(
            &format!(
                "SELECT {column} FROM tag_nodes t LEFT JOIN tag_nodes g ON g.id = t.parent_id
                 WHERE t.uid = ?1"
            ),
            [uid],
            |r| r.get(0),
        )
        .optional()?;
    Ok(name.unwrap_or_else(|| uid.to_string()))
}

/// Closes case `id`. `keep_other` gives the customer the tag the exchange did not keep, as the
/// user's own operation (which travels, so the team ends with the same choice).
pub fn resolve(
    conn: &mut Connection,
    id: i64,
    keep_other: bool,
    actor: &str,
    now: i64,
) -> Result<()> {
    let case = open_cases(conn)?
        .into_iter()
        .find(|e| e.id == id)
        .ok_or(Error::invalid("case", Problem::InboxCaseGone))?
        .case;
    if let (true, Case::EditOfDeleted { customer }) = (keep_other, &case) {
        // Restoring is the user's own operation: it travels, and its later clock brings the
        // customer back on every laptop.
        let (id, _) = customer_named(conn, customer)?;
        let id = id.ok_or(Error::invalid("customer", Problem::InboxCaseGone))?;
        customers::restore(conn, &[id], actor)?;
    }
    if keep_other {
        if let Case::SingleSelect {
            customer, dropped, ..
        } = &case
        {
            let ids: Option<(i64, i64)> = conn
                .query_row(
                    "SELECT c.id, t.id FROM customers c, tag_nodes t
                     WHERE c.uid = ?1 AND t.uid = ?2 AND t.deleted_at IS NULL",
                    [customer, dropped],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?;
            let (customer, tag) = ids.ok_or(Error::invalid("tag", Problem::InboxCaseGone))?;
            tagging::add(
                conn,
                &TagTarget::Customers {
                    ids: vec![customer],
                },
                tag,
                TagSource::Manual,
                actor,
            )?;
        }
    }
    conn.execute(
        "UPDATE team_inbox SET resolved_at = ?2, resolution = ?3 WHERE id = ?1",
        params![id, now, if keep_other { "other" } else { "kept" }],
    )?;
    Ok(())
}

/// The problem a hub refusal shows (the hub's reason code and its parameters), with the group
/// named by `group_name`. Worded here, with the other cases, so the team module never reaches
/// up into the hub (which builds on it).
fn refusal_problem(
    reason: &str,
    group_name: Option<String>,
    department: Option<&String>,
    entity: Option<&String>,
) -> Problem {
    match reason {
        "hub_viewer_read_only" => Problem::HubViewerReadOnly,
        "hub_group_owned" => Problem::HubGroupOwned {
            group: group_name.unwrap_or_default(),
            department: department.cloned().unwrap_or_default(),
        },
        "hub_needs_admin" => Problem::HubAdminOnly {
            entity: entity.cloned().unwrap_or_default(),
        },
        _ => Problem::HubFailed,
    }
}
