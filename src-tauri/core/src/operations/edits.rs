//! Undoing an edit of a record. A customer or tag node edit keeps the record before and after
//! (its images) in the operation's detail; undoing it writes the before-image back through the
//! same domain function the edit went through, so validation, search entries and the
//! condition index stay right, and the undo keeps the images swapped so it can be undone too.
//! An edit is in the way of undoing an earlier one when it changed the same record.

use super::edits_records;
use crate::custom_fields::{self, CustomValue, FieldImage};
use crate::customers::{self, CustomerInput};
use crate::error::{Error, Result};
use crate::events::{EventImage, EventKindInput};
use crate::lifecycle::LifecycleSettings;
use crate::problem::Thing;
use crate::rfm::RfmSettings;
use crate::rules::RuleInput;
use crate::segments::SegmentImage;
use crate::tags::{self, TagNodeEdit};
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};

/// One side of an edit, enough to write that state back.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(tag = "shape", rename_all = "snake_case")]
pub(crate) enum Image {
    /// A customer's attributes with all its custom values.
    Customer {
        input: CustomerInput,
    },
    /// Whether the customers were deleted.
    CustomersDeleted {
        deleted: bool,
    },
    /// A tag node's name and dictionary fields.
    TagNode {
        edit: TagNodeEdit,
    },
    /// Where a tag node stands in the tree.
    TagPlace {
        parent: Option<i64>,
        position: i64,
    },
    /// Which nodes of a tag node's subtree (itself included), or of the nodes a bulk archive
    /// named (the edit's ids), are archived.
    TagArchived {
        archived: Vec<i64>,
    },
    /// Whether a tag is in the core tag pool.
    TagCore {
        core: bool,
    },
    /// A custom field's definition; None when it does not exist (its values wait aside).
    CustomField {
        field: Option<FieldImage>,
    },
    /// An event kind as the settings page saves it; None when it does not exist.
    EventKind {
        kind: Option<EventKindInput>,
    },
    /// An event added by hand; None when it does not exist.
    Event {
        event: Option<EventImage>,
    },
    /// A saved segment with its frozen members; None when it does not exist.
    Segment {
        segment: Option<SegmentImage>,
    },
    /// A rule as the editor saves it; None when it does not exist.
    Rule {
        rule: Option<RuleInput>,
    },
    RfmSettings {
        settings: RfmSettings,
    },
    LifecycleSettings {
        settings: LifecycleSettings,
    },
    /// Tag nodes as they were (before a merge or deletion, after a creation); writing them back
    /// also puts back the assignments and conditions the undone operation changed.
    TagNodes {
        nodes: Vec<tags::NodeSnapshot>,
    },
    /// A node and its subtree gone: deleted (`force`: even if customers hold it), or not
    /// created, which needs it unused.
    TagNodesGone {
        root: i64,
        force: bool,
    },
    /// Tags merged into `target`.
    TagsMerged {
        sources: Vec<i64>,
        target: i64,
    },
}

/// The record before and after an edit; `ids` when it changed several records.
pub(crate) struct Images {
    pub before: Image,
    pub after: Image,
    pub ids: Option<Vec<i64>>,
}

impl Images {
    pub(crate) fn of(before: Image, after: Image) -> Images {
        Images {
            before,
            after,
            ids: None,
        }
    }
}

/// An undoable edit as its operation stored it.
pub(super) struct Edit {
    entity: String,
    entity_id: Option<i64>,
    action: Option<String>,
    ids: Vec<i64>,
    before: Image,
    after: Image,
}

/// The edit operation `id` made, when it kept its images.
pub(super) fn load(conn: &Connection, id: i64) -> Result<Option<Edit>> {
    let row: Option<(Option<String>, Option<i64>, String)> = conn
        .query_row(
            "SELECT entity, entity_id, detail FROM operations
             WHERE id = ?1 AND json_type(detail, '$.before') IS NOT NULL",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    let Some((Some(entity), entity_id, detail)) = row else {
        return Ok(None);
    };
    let mut detail: serde_json::Value = serde_json::from_str(&detail)?;
    let image = |v: &mut serde_json::Value| serde_json::from_value::<Image>(v.take());
    Ok(Some(Edit {
        entity,
        entity_id,
        action: detail["action"].as_str().map(String::from),
        ids: serde_json::from_value(detail["ids"].take()).unwrap_or_default(),
        before: image(&mut detail["before"])?,
        after: image(&mut detail["after"])?,
    }))
}

/// An edit as the team exchange reads it: what it changed, and the images before and after.
pub(crate) struct EditView {
    pub entity: String,
    /// The records it changed (its one record, or its ids).
    pub ids: Vec<i64>,
    pub action: Option<String>,
    pub before: Image,
    pub after: Image,
    /// The operation it undoes, when it is an undo.
    pub undoes: Option<i64>,
}

/// The edit operation `id` made, when it kept its images.
pub(crate) fn edit_view(conn: &Connection, id: i64) -> Result<Option<EditView>> {
    let undoes: Option<i64> = conn
        .query_row("SELECT undoes FROM operations WHERE id = ?1", [id], |r| {
            r.get(0)
        })
        .optional()?
        .flatten();
    Ok(load(conn, id)?.map(|edit| EditView {
        entity: edit.entity,
        ids: if edit.ids.is_empty() {
            edit.entity_id.into_iter().collect()
        } else {
            edit.ids
        },
        action: edit.action,
        before: edit.before,
        after: edit.after,
        undoes,
    }))
}

/// Later operations still in effect that changed a record `id` changed (the same entity and
/// id, or one of its ids). As for tags, an undone operation and the undo of an operation later
/// than `id` cancel out.
pub(super) fn overlapping_later(conn: &Connection, id: i64) -> Result<Vec<i64>> {
    let ids = conn
        .prepare_cached(
            "WITH mine(record) AS (
                 SELECT entity_id FROM operations WHERE id = ?1 AND entity_id IS NOT NULL
                 UNION SELECT j.value FROM operations o, json_each(o.detail, '$.ids') j
                 WHERE o.id = ?1)
             SELECT lo.id FROM operations o JOIN operations lo ON lo.entity = o.entity
             WHERE o.id = ?1 AND lo.id > ?1 AND lo.undone_by IS NULL
               AND (lo.undoes IS NULL OR lo.undoes < ?1)
               AND (lo.entity_id IN (SELECT record FROM mine)
                    OR EXISTS (SELECT 1 FROM json_each(lo.detail, '$.ids') j
                               WHERE j.value IN (SELECT record FROM mine)))
             ORDER BY lo.id",
        )?
        .query_map([id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(ids)
}

/// Writes back the before-image of the edit operation `undoes` made, and makes the undo
/// operation `undo` an edit of the same records whose images are the edit's swapped; returns
/// how many customers it changed.
pub(super) fn undo(
    tx: &Transaction,
    mut edit: Edit,
    undoes: i64,
    undo: i64,
    actor: &str,
) -> Result<i64> {
    with_event_uid(tx, &mut edit)?;
    write(tx, &edit, actor)?;
    let mut detail = serde_json::json!({
        "undoes": undoes,
        "action": edit.action,
        "before": edit.after,
        "after": edit.before,
    });
    if !edit.ids.is_empty() {
        detail["ids"] = serde_json::to_value(&edit.ids)?;
    }
    tx.execute(
        "UPDATE operations SET entity = ?2, entity_id = ?3, detail = ?4 WHERE id = ?1",
        params![undo, edit.entity, edit.entity_id, detail.to_string()],
    )?;
    Ok(match edit.entity.as_str() {
        "customer" => edit.ids.len().max(1) as i64,
        "tag_node" => tags::customers_changed(tx, undo)?,
        _ => 0,
    })
}

/// An event added by hand before events had global ids (migration 0024) has none in its
/// image: undoing the adding takes the one its row has now, so the removal travels under it
/// and a redo brings the event back under it.
fn with_event_uid(conn: &Connection, edit: &mut Edit) -> Result<()> {
    let (Some(id), Image::Event { event: Some(image) }) = (edit.entity_id, &mut edit.after) else {
        return Ok(());
    };
    if image.uid.is_none() {
        image.uid = conn
            .query_row("SELECT uid FROM events WHERE id = ?1", [id], |r| r.get(0))
            .optional()?
            .flatten();
    }
    Ok(())
}

fn write(tx: &Transaction, edit: &Edit, actor: &str) -> Result<()> {
    let id = || {
        edit.entity_id.ok_or_else(|| Error::NotFound {
            what: Thing::EditedRecord,
            id: edit.entity.clone(),
        })
    };
    match &edit.before {
        Image::Customer { input } => {
            let input = restorable(tx, id()?, input)?;
            customers::update_within(tx, id()?, &input, actor)
        }
        Image::CustomersDeleted { deleted } => {
            customers::set_deleted_within(tx, &edit.ids, *deleted, actor).map(|_| ())
        }
        Image::TagNode { edit: fields } => tags::update(tx, id()?, fields, actor),
        Image::TagPlace { parent, position } => {
            tags::move_within(tx, id()?, *parent, *position, actor)
        }
        // A bulk archive names its nodes; one node's archiving names its root.
        Image::TagArchived { archived } if !edit.ids.is_empty() => {
            tags::restore_archived_among(tx, &edit.ids, archived, actor)
        }
        Image::TagArchived { archived } => tags::restore_archived(tx, id()?, archived, actor),
        Image::TagCore { core } => tags::set_core(tx, id()?, *core, actor),
        Image::CustomField { field } => {
            edits_records::custom_field(tx, id()?, field.as_ref(), actor)
        }
        Image::EventKind { kind } => edits_records::event_kind(tx, id()?, kind.as_ref(), actor),
        Image::Event { event } => edits_records::event(tx, id()?, event.as_ref(), actor),
        Image::Segment { segment } => edits_records::segment(tx, id()?, segment.as_ref(), actor),
        Image::Rule { rule } => edits_records::rule(tx, id()?, rule.as_ref(), actor),
        Image::RfmSettings { settings } => crate::rfm::save_settings(tx, settings, actor),
        Image::LifecycleSettings { settings } => {
            crate::lifecycle::save_settings(tx, settings, actor)
        }
        Image::TagNodes { nodes } => tags::restore_nodes(tx, nodes, actor),
        Image::TagNodesGone { root, force } => tags::remove_nodes(tx, *root, *force, actor),
        Image::TagsMerged { sources, target } => {
            tags::merge_within(tx, sources, *target, actor).map(|_| ())
        }
    }
}

/// The before-image as an input that brings the customer back to it exactly: custom values it
/// did not have are cleared, and values of fields deleted since are left out.
pub(super) fn restorable(
    conn: &Connection,
    id: i64,
    image: &CustomerInput,
) -> Result<CustomerInput> {
    let fields: Vec<i64> = custom_fields::list(conn)?.iter().map(|f| f.id).collect();
    let mut input = image.clone();
    input.custom.retain(|v| fields.contains(&v.field_id));
    for held in custom_fields::values_of(conn, id)? {
        if !input.custom.iter().any(|v| v.field_id == held.field_id) {
            input.custom.push(CustomValue {
                field_id: held.field_id,
                value: String::new(),
            });
        }
    }
    Ok(input)
}
