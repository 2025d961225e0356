//! Undoing edits of the records a team declares and saves: custom fields, event kinds, events
//! added by hand, segments, rules, and the RFM and lifecycle settings. Each image says what
//! the record was (or that it did not exist), and writing one back goes through the record's
//! own domain functions, so names are checked, removed values and events come back, static
//! members and rule tags stay right. A record brought back keeps its id: segments and rules
//! name segments, fields and rules by id, so those ids are never given to another record.

use super::EditedEntity;
use crate::custom_fields::{self, FieldImage};
use crate::error::Result;
use crate::events::{self, EventImage, EventKindInput};
use crate::rules::{self, RuleInput};
use crate::segments::{self, SegmentImage};
use rusqlite::{params, Connection, OptionalExtension, Transaction};

/// The entity id of the one record of settings (RFM, lifecycle): a later change of the same
/// settings blocks undoing an earlier one, as for any record.
pub(crate) const SETTINGS_ID: i64 = 1;

/// An id for a new record of `table` that no record of it had before: above the largest
/// there, and above any the history names (a record deleted may come back with its id, and
/// what it held waits under it).
pub(crate) fn fresh_id(conn: &Connection, table: &str, entity: &str) -> Result<i64> {
    debug_assert!(matches!(
        table,
        "custom_fields" | "event_kinds" | "segments" | "rules"
    ));
    Ok(conn.query_row(
        &format!(
            "SELECT max(ifnull((SELECT max(id) FROM {table}), 0),
                        ifnull((SELECT max(entity_id) FROM operations WHERE entity = ?1), 0),
                        ifnull((SELECT max(id) FROM record_uids WHERE entity = ?1), 0)) + 1"
        ),
        [entity],
        |r| r.get(0),
    )?)
}

fn exists(conn: &Connection, table: &str, id: i64) -> Result<bool> {
    Ok(conn
        .query_row(
            &format!("SELECT 1 FROM {table} WHERE id = ?1"),
            [id],
            |_| Ok(()),
        )
        .optional()?
        .is_some())
}

/// Makes custom field `id` what `image` says: removed (its values kept aside), back with its
/// values, or changed in place (label, kind, options, archived).
pub(super) fn custom_field(
    tx: &Transaction,
    id: i64,
    image: Option<&FieldImage>,
    actor: &str,
) -> Result<()> {
    match image {
        None => custom_fields::delete_within(tx, id, actor).map(|_| ()),
        Some(field) if !exists(tx, "custom_fields", id)? => {
            custom_fields::restore(tx, id, field, actor)
        }
        Some(field) => {
            custom_fields::update(tx, id, &field.input(), actor)?;
            if custom_fields::image(tx, id)?.archived != field.archived {
                custom_fields::set_archived(tx, id, field.archived, actor)?;
            }
            Ok(())
        }
    }
}

/// Makes event kind `id` what `image` says: removed with its events (kept aside), back with
/// them, or renamed and changed (its events, conditions and settings follow the name).
pub(super) fn event_kind(
    tx: &Transaction,
    id: i64,
    image: Option<&EventKindInput>,
    actor: &str,
) -> Result<()> {
    match image {
        None => events::delete_kind_within(tx, id, true, actor).map(|_| ()),
        Some(kind) if !exists(tx, "event_kinds", id)? => events::restore_kind(tx, id, kind, actor),
        Some(kind) => events::update_kind_within(tx, id, kind, actor),
    }
}

pub(super) fn event(
    tx: &Transaction,
    id: i64,
    image: Option<&EventImage>,
    actor: &str,
) -> Result<()> {
    match image {
        None => events::delete_within(tx, id, actor).map(|_| ()),
        Some(event) => events::restore_within(tx, id, event, actor),
    }
}

pub(super) fn segment(
    tx: &Transaction,
    id: i64,
    image: Option<&SegmentImage>,
    actor: &str,
) -> Result<()> {
    match image {
        None => segments::delete_within(tx, id, actor),
        Some(segment) => segments::put(tx, id, segment, actor),
    }
}

/// Makes rule `id` what `image` says. Deleting it takes back the tags it gave (a batch of the
/// undo, so a redo gives them again); bringing it back gives it its id, so the next run owns
/// the tags it gives.
pub(super) fn rule(
    tx: &Transaction,
    id: i64,
    image: Option<&RuleInput>,
    actor: &str,
) -> Result<()> {
    match image {
        None => rules::delete_within(tx, id, actor).map(|_| ()),
        Some(rule) if !exists(tx, "rules", id)? => {
            rules::create_within(tx, Some(id), rule, actor).map(|_| ())
        }
        Some(rule) => rules::update_within(tx, id, rule, actor),
    }
}

/// Makes record `id` of `entity` what `image` (the image's inner value, as
/// [`super::Image`] holds it; None: removed) says, through the writers above: a record
/// received from another laptop of the team. False for an entity that is not such a record.
pub(crate) fn write_received(
    tx: &Transaction,
    entity: EditedEntity,
    id: i64,
    image: Option<&serde_json::Value>,
    actor: &str,
) -> Result<bool> {
    fn read<T: serde::de::DeserializeOwned>(
        image: Option<&serde_json::Value>,
    ) -> Result<Option<T>> {
        Ok(image
            .map(|v| serde_json::from_value(v.clone()))
            .transpose()?)
    }
    // A removal of a record gone here already (removed on two laptops, or its removal came
    // before it): nothing to remove.
    if let Some(table) = table_of(entity).filter(|_| image.is_none()) {
        if !exists(tx, table, id)? {
            return Ok(true);
        }
    }
    match (entity, image) {
        (EditedEntity::CustomField, _) => custom_field(tx, id, read(image)?.as_ref(), actor)?,
        (EditedEntity::EventKind, _) => event_kind(tx, id, read(image)?.as_ref(), actor)?,
        (EditedEntity::Segment, _) => segment(tx, id, read(image)?.as_ref(), actor)?,
        (EditedEntity::Rule, _) => rule(tx, id, read(image)?.as_ref(), actor)?,
        (EditedEntity::RfmSettings, Some(v)) => {
            crate::rfm::save_settings(tx, &serde_json::from_value(v.clone())?, actor)?
        }
        (EditedEntity::LifecycleSettings, Some(v)) => {
            crate::lifecycle::save_settings(tx, &serde_json::from_value(v.clone())?, actor)?
        }
        _ => return Ok(false),
    }
    Ok(true)
}

/// The table that holds the records of `entity`, for those with rows and uids.
pub(crate) fn table_of(entity: EditedEntity) -> Option<&'static str> {
    match entity {
        EditedEntity::CustomField => Some("custom_fields"),
        EditedEntity::EventKind => Some("event_kinds"),
        EditedEntity::Segment => Some("segments"),
        EditedEntity::Rule => Some("rules"),
        _ => None,
    }
}

/// Later operations still in effect that rely on a record which undoing `id` would remove
/// (`id` made it, or brought it back): segments and rules saved since that compare the custom
/// field, name the event kind or use the segment, and events added by hand of the kind.
pub(super) fn depending_later(conn: &Connection, id: i64) -> Result<Vec<i64>> {
    // Most operations remove nothing when undone (tagging, changes): one lookup says so
    // before any later operation is read.
    let made: Option<(String, i64, Option<String>)> = conn
        .prepare_cached(
            "SELECT entity, entity_id, json_extract(detail, '$.after.kind.name') FROM operations
             WHERE id = ?1 AND entity IN ('custom_field', 'event_kind', 'segment')
               AND entity_id IS NOT NULL AND json_type(detail, '$.before') = 'object'
               AND coalesce(json_type(detail, '$.before.field'),
                            json_type(detail, '$.before.kind'),
                            json_type(detail, '$.before.segment')) = 'null'",
        )?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?;
    let Some((entity, record, name)) = made else {
        return Ok(Vec::new());
    };
    let relies = match entity.as_str() {
        "custom_field" => {
            "lo.entity IN ('segment', 'rule') AND EXISTS (
                 SELECT 1 FROM json_tree(lo.detail, '$.after') t
                 WHERE t.key = 'field' AND t.value = 'custom:' || ?2)"
        }
        "segment" => {
            "lo.entity IN ('segment', 'rule') AND EXISTS (
                 SELECT 1 FROM json_tree(lo.detail, '$.after') t
                 WHERE t.key = 'segment_id' AND t.value = ?2)"
        }
        _ => {
            "(lo.entity = 'event' AND json_extract(lo.detail, '$.after.event.kind') = ?2)
             OR (lo.entity IN ('segment', 'rule') AND EXISTS (
                 SELECT 1 FROM json_tree(lo.detail, '$.after') t
                 WHERE t.key = 'kind' AND t.value = ?2 AND t.path LIKE '%condition%'))"
        }
    };
    let ids = conn
        .prepare_cached(&format!(
            "SELECT lo.id FROM operations lo
             WHERE lo.id > ?1 AND lo.undone_by IS NULL
               AND (lo.undoes IS NULL OR lo.undoes < ?1)
               AND json_type(lo.detail, '$.after') = 'object'
               AND ({relies})
             ORDER BY lo.id"
        ))?
        .query_map(
            params![
                id,
                // The record by id, an event kind by its name (events name their kind).
                match entity.as_str() {
                    "event_kind" => rusqlite::types::Value::from(name.unwrap_or_default()),
                    _ => rusqlite::types::Value::from(record),
                }
            ],
            |r| r.get(0),
        )?
        .collect::<rusqlite::Result<_>>()?;
    Ok(ids)
}

#[cfg(test)]
#[path = "edits_records_tests.rs"]
mod tests;
