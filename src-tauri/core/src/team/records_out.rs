//! The declared records an own operation saved — custom fields, event kinds, segments, rules,
//! the RFM and lifecycle settings — as `Record` changes (docs/TEAM.md §1), read from the
//! image the operation keeps for undo: the record as it left it, whole, with the ids inside
//! it as uids. An undo keeps swapped images, so it sends what it wrote back the same way.

use super::portable;
use super::wire::Change;
use crate::error::Result;
use crate::operations::{self, EditedEntity, Image};
use rusqlite::Connection;

/// The record id the settings travel under (there is one of each).
pub(super) const SETTINGS: &str = "settings";

/// The record changes of own operation `operation`.
pub(super) fn changes(conn: &Connection, operation: i64) -> Result<Vec<Change>> {
    let Some(edit) = operations::edit_view(conn, operation)? else {
        return Ok(Vec::new());
    };
    let Some(entity) = EditedEntity::parse(&edit.entity) else {
        return Ok(Vec::new());
    };
    let image = match &edit.after {
        Image::CustomField { field } => field.as_ref().map(serde_json::to_value),
        Image::EventKind { kind } => kind.as_ref().map(serde_json::to_value),
        Image::Segment { segment } => segment.as_ref().map(serde_json::to_value),
        Image::Rule { rule } => rule.as_ref().map(serde_json::to_value),
        Image::RfmSettings { settings } => Some(serde_json::to_value(settings)),
        Image::LifecycleSettings { settings } => Some(serde_json::to_value(settings)),
        _ => return Ok(Vec::new()),
    }
    .transpose()?;
    let record = match entity {
        EditedEntity::RfmSettings | EditedEntity::LifecycleSettings => SETTINGS.to_string(),
        _ => match portable::record_uid(conn, entity.as_str(), edit.ids.first().copied())? {
            Some(uid) => uid,
            // A record made before uids were kept and deleted since: nothing names it.
            None => return Ok(Vec::new()),
        },
    };
    let image = match image {
        Some(mut value) => {
            portable::to_uids(conn, &mut value)?;
            if let Some(runs) = value.get("members").cloned() {
                value["members"] = portable::members_to_uids(conn, &runs)?;
            }
            Some(value)
        }
        None => None,
    };
    Ok(vec![Change::Record {
        entity,
        record,
        image,
    }])
}
