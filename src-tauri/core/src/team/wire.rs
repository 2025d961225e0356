//! Operations as they travel between the laptops of a team (docs/TEAM.md §1): records named by
//! global ids, never by local row ids, and a clock that orders them on every laptop alike.

use crate::operations::{EditedEntity, OperationKind};
use crate::provenance::ChangeSource;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The newest format of [`WireOperation`] this app reads. An operation of a newer format is
/// kept untouched and reported ("update TagDesk"), never applied in part or dropped. Each
/// operation is written in the oldest format that holds its changes ([`Change::format`]), so an
/// app of an older version still applies every operation it can read.
pub const FORMAT: u16 = 2;

/// One operation of the history, as another laptop receives it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WireOperation {
    pub format: u16,
    pub uid: String,
    /// The device that made it; with `hlc`, the order every laptop applies it in.
    pub device: String,
    pub hlc: i64,
    pub author: String,
    pub kind: OperationKind,
    pub source: ChangeSource,
    /// Unix seconds, for people.
    pub at: i64,
    pub changes: Vec<Change>,
}

impl Change {
    /// The first format that has this change: 2 added events; 1 had everything else.
    pub fn format(&self) -> u16 {
        match self {
            Change::Events { .. } | Change::EventsRemoved { .. } => 2,
            _ => 1,
        }
    }
}

impl WireOperation {
    /// Who made it, where and when, as the receiving laptop records it.
    pub(crate) fn made(&self) -> crate::operations::Made<'_> {
        crate::operations::Made {
            uid: &self.uid,
            device: &self.device,
            hlc: self.hlc,
            author: &self.author,
            at: self.at,
        }
    }

    /// The order of operations across devices: later clocks win, the device id breaks ties.
    pub fn clock(&self) -> (i64, &str) {
        (self.hlc, self.device.as_str())
    }
}

/// What an operation did, in the terms every laptop shares.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Change {
    /// `tag` given to (`present`) or taken from these customers, by hand or by an import.
    /// Each (customer, tag) pair is its own last-writer-wins key; a bulk tag of 200,000
    /// customers is one change.
    Tags {
        tag: String,
        present: bool,
        source: ChangeSource,
        customers: Vec<String>,
    },
    /// A customer as the operation left it: created, deleted or restored (`alive`), and the
    /// fields it set, by attribute key (`city`) or `custom:<field uid>`; None clears a field.
    /// Each field and `alive` are their own last-writer-wins keys.
    Customer {
        customer: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        alive: Option<bool>,
        #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
        cells: BTreeMap<String, Option<String>>,
        /// A creation that may be the same person as a creation on another laptop with the
        /// same phone, email or external id (false when this laptop already had one: the user
        /// made a second customer on purpose).
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        merge: bool,
    },
    /// A tag node (category, group or tag) as the operation left it: created, deleted or
    /// restored (`alive`) and the fields it set (name, colour, dictionary fields, weight,
    /// select mode, `archived`, and `place`: [parent uid or null, position]), each field its
    /// own last-writer-wins key.
    TagNode {
        node: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        alive: Option<bool>,
        #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
        cells: BTreeMap<String, serde_json::Value>,
    },
    /// Tag `from` merged into tag `to`: for good, so a change naming `from` that was made
    /// offline lands on `to`.
    TagMerged { from: String, to: String },
    /// A record the team declares or saves — a custom field, event kind, segment or rule, or
    /// the RFM or lifecycle settings (`record` "settings") — as the operation left it, None
    /// when it deleted it. The whole record is one last-writer-wins key; the tags, groups,
    /// segments, custom fields and customers it names travel as uids (see `portable`).
    Record {
        entity: EditedEntity,
        record: String,
        image: Option<serde_json::Value>,
    },
    /// Events of one kind (by the kind's uid) added by hand or by an import, or brought back
    /// (an undone deletion, a redone import), each under its own uid. Whether an event is there
    /// is one last-writer-wins key per uid; an import of 100,000 events is one change per kind.
    Events {
        kind: String,
        events: Vec<WireEvent>,
    },
    /// Events removed (deleted by hand, their import undone), by uid.
    EventsRemoved { events: Vec<String> },
}

/// One event as it travels: its customer by uid, its values as stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WireEvent {
    pub uid: String,
    pub customer: String,
    /// When it happened, Unix seconds.
    pub at: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<f64>,
    /// Property values by the kind's keys.
    #[serde(default, skip_serializing_if = "serde_json::Map::is_empty")]
    pub props: serde_json::Map<String, serde_json::Value>,
    /// The row of a file it was imported from (see migration 0009): the same file imported
    /// on the receiving laptop then adds it no second time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_key: Option<i64>,
}
