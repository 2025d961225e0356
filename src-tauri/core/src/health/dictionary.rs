//! Dictionary completeness: which tags and groups lack the entries a sales team reads in the
//! exported dictionary, and the core tag pool with how many customers it covers.

use super::coverage::{share, union_of};
use super::nodes::Node;
use roaring::RoaringBitmap;
use serde::Serialize;
use std::collections::HashMap;
use ts_rs::TS;

/// An entry of a node's dictionary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export_to = "DictionaryField.ts")]
pub enum DictionaryField {
    Meaning,
    /// Shown, not required: many tags have no range worth writing.
    ValueRange,
    UpdateFrequency,
    Owner,
}

/// The fields a complete entry has: meaning, owner and update frequency.
pub const REQUIRED: [DictionaryField; 3] = [
    DictionaryField::Meaning,
    DictionaryField::Owner,
    DictionaryField::UpdateFrequency,
];

/// The core tags together.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "CorePool.ts")]
pub struct CorePool {
    /// The core tags' ids, in tree order.
    pub tags: Vec<i64>,
    /// Live customers holding at least one core tag.
    pub covered: i64,
    pub share: f64,
    /// Core tags missing a required dictionary field.
    pub incomplete: Vec<i64>,
}

/// The entries `node` leaves empty, in the dictionary's column order.
pub(super) fn missing(node: &Node) -> Vec<DictionaryField> {
    [
        (DictionaryField::Meaning, &node.meaning),
        (DictionaryField::ValueRange, &node.value_range),
        (DictionaryField::UpdateFrequency, &node.update_frequency),
        (DictionaryField::Owner, &node.owner),
    ]
    .into_iter()
    .filter(|(_, value)| value.is_none())
    .map(|(field, _)| field)
    .collect()
}

/// Whether `missing` lacks a required field.
pub(super) fn incomplete(missing: &[DictionaryField]) -> bool {
    missing.iter().any(|f| REQUIRED.contains(f))
}

pub(super) fn core_pool(
    tags: &[&Node],
    members: &HashMap<i64, RoaringBitmap>,
    total: u64,
) -> CorePool {
    let core: Vec<&Node> = tags.iter().copied().filter(|n| n.core).collect();
    let ids: Vec<i64> = core.iter().map(|n| n.id).collect();
    let covered = union_of(&ids, members).len();
    CorePool {
        covered: covered as i64,
        share: share(covered, total),
        incomplete: core
            .iter()
            .filter(|n| incomplete(&missing(n)))
            .map(|n| n.id)
            .collect(),
        tags: ids,
    }
}
