//! One history of operations (操作记录): every change a person or the app makes is one
//! operation with an author, a device, a clock that orders it across devices and what it
//! touched. Tagging operations own the batches that say exactly which customer-tag pairs
//! changed and what was there before, so any of them can be undone (not only the newest)
//! while no later operation changed the same pairs, and the undo is an operation too. Edits of
//! customers and tag nodes keep the record before and after, and are undone the same way; an
//! import keeps which customers and events it created and the customers it changed, and its
//! undo takes all of them back.

mod clock;
mod edits;
mod edits_records;
mod imports;
mod imports_undo;
mod list;
mod record;
mod undo;

pub(crate) use edits::{edit_view, EditView, Image, Images};
pub(crate) use edits_records::{fresh_id, table_of, write_received, SETTINGS_ID};
pub use imports::RecordCounts;
pub(crate) use imports::{load as records_of, runs, Records};
pub use list::{get, list, own_latest, OperationDetail, OperationPage, OperationQuery, TagChange};
pub(crate) use record::{
    batch_closed, begin_received, close_received, for_batch, for_change, insert_received,
    reopen_received, undoing,
};
pub use record::{begin, device_id, Made, Open};
pub use undo::{blockers, undo, undo_mine, UndoReport};

use crate::provenance::{stored_as_text, ChangeSource};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What kind of change an operation made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export_to = "OperationKind.ts")]
pub enum OperationKind {
    /// A tag given by hand to one customer, a selection or everyone a filter or segment matches.
    TagAdd,
    TagRemove,
    RulesRun,
    RfmRun,
    LifecycleRun,
    ImportCustomers,
    ImportEvents,
    /// Takes back another operation (an undo of an undo is a redo).
    Undo,
    /// A change to a record: a customer, tag, field, event kind, segment, rule or setting.
    Edit,
}

impl OperationKind {
    pub const ALL: [OperationKind; 9] = [
        OperationKind::TagAdd,
        OperationKind::TagRemove,
        OperationKind::RulesRun,
        OperationKind::RfmRun,
        OperationKind::LifecycleRun,
        OperationKind::ImportCustomers,
        OperationKind::ImportEvents,
        OperationKind::Undo,
        OperationKind::Edit,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            OperationKind::TagAdd => "tag_add",
            OperationKind::TagRemove => "tag_remove",
            OperationKind::RulesRun => "rules_run",
            OperationKind::RfmRun => "rfm_run",
            OperationKind::LifecycleRun => "lifecycle_run",
            OperationKind::ImportCustomers => "import_customers",
            OperationKind::ImportEvents => "import_events",
            OperationKind::Undo => "undo",
            OperationKind::Edit => "edit",
        }
    }

    pub fn parse(text: &str) -> OperationKind {
        OperationKind::ALL
            .into_iter()
            .find(|k| k.as_str() == text)
            .unwrap_or(OperationKind::Edit)
    }
}

/// The kind of record an edit changed, as `operations.entity` stores it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export_to = "EditedEntity.ts")]
pub enum EditedEntity {
    Customer,
    /// A category, group or tag of the tree.
    TagNode,
    CustomField,
    EventKind,
    Event,
    Segment,
    Rule,
    RfmSettings,
    LifecycleSettings,
}

stored_as_text!(EditedEntity {
    Customer => "customer",
    TagNode => "tag_node",
    CustomField => "custom_field",
    EventKind => "event_kind",
    Event => "event",
    Segment => "segment",
    Rule => "rule",
    RfmSettings => "rfm_settings",
    LifecycleSettings => "lifecycle_settings",
});

/// How an edit changed its record, as the operation's detail stores it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export_to = "EditAction.ts")]
pub enum EditAction {
    Create,
    Update,
    Delete,
    /// Brings back a deleted record.
    Restore,
    /// A tag node moved in the tree.
    Move,
    Archive,
    Unarchive,
    /// A tag merged into another.
    Merge,
}

stored_as_text!(EditAction {
    Create => "create",
    Update => "update",
    Delete => "delete",
    Restore => "restore",
    Move => "move",
    Archive => "archive",
    Unarchive => "unarchive",
    Merge => "merge",
});

/// One operation as the history lists it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "Operation.ts")]
pub struct Operation {
    pub id: i64,
    /// Stable across copies of the database.
    pub uid: String,
    pub author: String,
    pub device: String,
    pub kind: OperationKind,
    pub source: ChangeSource,
    /// Unix seconds.
    pub at: i64,
    /// Customers whose tags or records it changed.
    pub customers: i64,
    /// Tags it gave or took.
    pub tags: i64,
    /// The tag of a tag_add / tag_remove, when it still exists.
    pub tag_name: Option<String>,
    /// For edits: what kind of record was changed and how (None for other kinds, and for
    /// a word this version does not know, written by a newer one on another device).
    pub entity: Option<EditedEntity>,
    pub action: Option<EditAction>,
    /// For imports: the file.
    pub file: Option<String>,
    /// The operation this one takes back.
    pub undoes: Option<i64>,
    pub undone_by: Option<i64>,
    /// Whether it can be taken back now: not undone yet, and it changed tags, is an edit that
    /// kept the record before and after, or wrote records it keeps (an import).
    pub can_undo: bool,
    /// For an edit that kept its record: the record's name or label (after the edit, else
    /// before), for the history to say which field, kind, segment or rule it was.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub subject: Option<String>,
}

#[cfg(test)]
mod edit_tests;
#[cfg(test)]
mod tests;
