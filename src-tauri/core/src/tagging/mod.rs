//! Putting tags on customers and taking them off: for one customer, a selection or everything
//! a filter matches. Every operation is one transaction and one batch; single-select groups
//! stay exclusive; every change is written to the tag history; every batch belongs to an
//! operation of the history, which can undo it.

mod apply;
pub(crate) mod bulk;
pub(crate) mod owned;
mod targets;
mod undo;

pub(crate) use apply::add_to_new_within;
pub(crate) use apply::add_within;
pub use apply::{add, remove};
pub(crate) use undo::reverse_batch;

use crate::customers::CustomerQuery;
use crate::provenance::ChangeSource;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Which customers an operation applies to.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(tag = "type", rename_all = "snake_case")]
#[ts(export_to = "TagTarget.ts")]
pub enum TagTarget {
    /// Exactly these customers.
    Customers { ids: Vec<i64> },
    /// Every customer the list query matches (its paging is ignored).
    Matching { query: CustomerQuery },
}

/// Where an assignment came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "type", content = "rule_id", rename_all = "snake_case")]
#[ts(export_to = "TagSource.ts")]
pub enum TagSource {
    Manual,
    Import,
    Rule(i64),
    Rfm,
    Lifecycle,
    Sync,
}

impl TagSource {
    /// The source and its reference (the rule's id), as `assignments` stores them.
    pub(crate) fn column(self) -> (ChangeSource, Option<i64>) {
        match self {
            TagSource::Manual => (ChangeSource::Manual, None),
            TagSource::Import => (ChangeSource::Import, None),
            TagSource::Rule(id) => (ChangeSource::Rule, Some(id)),
            TagSource::Rfm => (ChangeSource::Rfm, None),
            TagSource::Lifecycle => (ChangeSource::Lifecycle, None),
            TagSource::Sync => (ChangeSource::Sync, None),
        }
    }
}

/// What a tagging operation did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export_to = "BatchReport.ts")]
pub struct BatchReport {
    /// The operation in the history, which its undo button takes back.
    pub operation_id: i64,
    pub batch_id: i64,
    /// Customers whose tags changed.
    pub changed: i64,
    /// Sibling tags taken off because the group is single-select.
    pub replaced: i64,
}

#[cfg(test)]
mod tests;
