//! What the builder offers: every field with its kind, and every event kind (declared or
//! seen) with its property keys.

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
    // Declared kinds first, with their declared keys; then kinds only events name (kept so a
    // condition on them can still be built), each with the keys its events carry.
    let mut events: Vec<EventKindInfo> = crate::events::list_kinds(conn)?
        .into_iter()
        .map(|k| EventKindInfo {
            kind: k.name,
            properties: k.properties,
        })
        .collect();
    for (kind, properties) in index.events.kinds() {
        match events.iter_mut().find(|e| e.kind == kind) {
            Some(e) => {
                for p in properties {
                    if !e.properties.contains(&p) {
                        e.properties.push(p);
                    }
                }
            }
            None => events.push(EventKindInfo { kind, properties }),
        }
    }
    Ok(ConditionCatalog {
        fields: fields::list(conn)?,
        events,
    })
}
