//! The tag tree: categories (dimensions, topics), groups (single- or multi-select) and tags.

mod archive;
mod core_flag;
mod delete;
mod edit;
pub(crate) mod member_sets;
mod merge;
mod names;
mod palette;
pub(crate) mod references;
mod snapshot;
pub(crate) mod stats;
mod tree;
mod undo;

pub use archive::{archive_many, set_archived};
pub(crate) use archive::{restore_archived, restore_archived_among};
pub use core_flag::set_core;
pub use delete::delete;
pub(crate) use delete::delete_within;
pub(crate) use edit::move_within;
pub use edit::{move_node, update, TagNodeEdit};
pub use merge::{merge, MergeReport};
pub(crate) use merge::{merge_within, single_select_clashes};
pub use names::{
    clean as clean_name, close_siblings, closeness, closeness_of_keys, key as name_key, CloseName,
    Closeness,
};
pub use palette::{next_group_color, PALETTE};
pub(crate) use snapshot::NodeSnapshot;
pub(crate) use tree::load_nodes;
pub use tree::{create, create_node, default_parent, tree, NewNode, TagNodeNew};
pub(crate) use undo::{customers_changed, later_in_the_way, remove_nodes, restore_nodes};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export_to = "NodeKind.ts")]
pub enum NodeKind {
    /// A dimension or topic: organises groups and tags, is never assigned.
    Category,
    /// A set of tags with a selection mode; is never assigned itself.
    Group,
    /// What customers carry.
    Tag,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export_to = "SelectMode.ts")]
pub enum SelectMode {
    /// Mutually exclusive: a customer has at most one tag of the group.
    Single,
    Multi,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export_to = "TagOrigin.ts")]
pub enum TagOrigin {
    /// People set it.
    Manual,
    /// A rule, RFM or lifecycle owns it.
    Automatic,
}

/// One node of the tag tree as the UI sees it, with its usage.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export_to = "TagNode.ts")]
pub struct TagNode {
    pub id: i64,
    pub parent_id: Option<i64>,
    pub kind: NodeKind,
    pub name: String,
    pub select_mode: Option<SelectMode>,
    /// The node's own colour, if it sets one.
    pub color: Option<String>,
    /// The colour shown: own, else the nearest ancestor's, else a neutral grey.
    pub effective_color: String,
    pub meaning: Option<String>,
    pub value_range: Option<String>,
    pub update_frequency: Option<String>,
    pub owner: Option<String>,
    pub scope: Option<String>,
    pub weight: f64,
    pub origin: TagOrigin,
    pub position: i64,
    pub archived: bool,
    /// Deleted or merged away; kept only so history can still name it. Never in `tags_tree`.
    #[serde(skip)]
    #[ts(skip)]
    pub deleted: bool,
    /// Customers carrying this tag; for a single-select group, carrying any of its tags.
    /// None for categories and multi-select groups, whose coverage needs a distinct count
    /// (shown by the insight pages, not on every tree load).
    pub customer_count: Option<i64>,
}

/// The whole tree, flat and ordered by parent then position; the UI nests it.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export_to = "TagTree.ts")]
pub struct TagTree {
    pub nodes: Vec<TagNode>,
    /// Customers not deleted, the denominator of coverage.
    pub total_customers: i64,
}

/// A tag as shown on a customer: enough to draw a coloured chip.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export_to = "TagChip.ts")]
pub struct TagChip {
    pub id: i64,
    pub name: String,
    pub color: String,
    pub group_id: Option<i64>,
}

/// "基础属性 / 客户等级 / VIP": the names from the root down to `id`.
pub fn path_of(by_id: &std::collections::HashMap<i64, &TagNode>, id: i64) -> String {
    let mut names = Vec::new();
    let mut cursor = Some(id);
    while let Some(node) = cursor.and_then(|c| by_id.get(&c)) {
        names.push(node.name.as_str());
        cursor = node.parent_id;
        if names.len() > by_id.len() {
            break;
        }
    }
    names.reverse();
    names.join(" / ")
}

#[cfg(test)]
mod undo_tests;
