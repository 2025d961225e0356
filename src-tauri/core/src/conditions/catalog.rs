//! What the builder offers: every field with its kind, and every event kind seen with the
//! property keys its events carry.

use super::fields::{self, ConditionField};
use super::Index;
use crate::error::Result;
use rusqlite::Connection;
use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export_to = "EventKindInfo.ts")]
pub struct EventKindInfo {
    pub kind: String,
    pub properties: Vec<String>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export_to = "ConditionCatalog.ts")]
pub struct ConditionCatalog {
    pub fields: Vec<ConditionField>,
    pub events: Vec<EventKindInfo>,
}

pub fn catalog(conn: &Connection, index: &Index) -> Result<ConditionCatalog> {
    Ok(ConditionCatalog {
        fields: fields::list(conn)?,
        events: index
            .events
            .kinds()
            .into_iter()
            .map(|(kind, properties)| EventKindInfo { kind, properties })
            .collect(),
    })
}
