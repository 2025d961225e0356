//! Behaviour events (orders, page views, logins …) and the declared kinds they belong to.
//! Events are how automatic tagging learns what customers do: they are added by hand on a
//! profile or imported from a spreadsheet, and every kind an event names is declared first.

mod kinds;
mod record;

pub use kinds::{
    create_kind, declare, delete_kind, find_kind, list_kinds, order_kind, update_kind,
};
pub(crate) use kinds::{
    delete_within as delete_kind_within, restore as restore_kind,
    update_within as update_kind_within,
};
pub use record::imported_uid;
pub use record::{add, add_within, delete, delete_within, EventInput, MAX_PROPERTY_CHARS};
pub(crate) use record::{check, given_uid_sql, imported_uid_in_team, restore_within, EventImage};

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use ts_rs::TS;

/// A declared kind of event.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "EventKind.ts")]
pub struct EventKind {
    pub id: i64,
    pub name: String,
    pub description: String,
    /// The property keys its events may carry, in the order they are shown.
    pub properties: Vec<String>,
    /// Orders: RFM and the lifecycle default to the first such kind.
    pub is_order: bool,
    /// How many events have this kind.
    pub events: i64,
}

/// What the settings page saves for a kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export_to = "EventKindInput.ts")]
pub struct EventKindInput {
    pub name: String,
    pub description: String,
    pub properties: Vec<String>,
    pub is_order: bool,
}

/// Property values of one event, by key, as text.
pub type Properties = BTreeMap<String, String>;
