//! Coverage from the condition index's bitmaps: each tag's live customers, each group's
//! customers with at least one of its tags, and the customers of a group without any.

use super::nodes::Node;
use crate::conditions::Index;
use crate::customers::{self, CustomerRow, Page};
use crate::error::Result;
use crate::tags::NodeKind;
use roaring::RoaringBitmap;
use rusqlite::Connection;
use std::collections::HashMap;

const MAX_PAGE: i64 = 500;

/// Each tag's members among live customers (assignments of deleted customers stay in the
/// index's tag bitmaps, for restoring).
pub(super) fn tag_members(index: &Index, nodes: &[Node]) -> HashMap<i64, RoaringBitmap> {
    nodes
        .iter()
        .filter(|n| n.kind == NodeKind::Tag)
        .map(|n| {
            let members = match index.tags.get(&n.id) {
                Some(set) => set & &index.universe,
                None => RoaringBitmap::new(),
            };
            (n.id, members)
        })
        .collect()
}

/// The customers holding at least one of `tags`.
pub(super) fn union_of(tags: &[i64], members: &HashMap<i64, RoaringBitmap>) -> RoaringBitmap {
    let mut covered = RoaringBitmap::new();
    for tag in tags {
        if let Some(set) = members.get(tag) {
            covered |= set;
        }
    }
    covered
}

/// The share `part` is of `whole` (0 when there is no whole).
pub(super) fn share(part: u64, whole: u64) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 / whole as f64
    }
}

/// One page of the live customers holding none of group `group_id`'s tags, newest first.
pub fn group_gaps(
    conn: &Connection,
    index: &Index,
    group_id: i64,
    offset: i64,
    limit: i64,
) -> Result<Page<CustomerRow>> {
    super::nodes::kind_of(conn, group_id)?;
    let mut covered = RoaringBitmap::new();
    for tag in index.groups.get(&group_id).into_iter().flatten() {
        if let Some(set) = index.tags.get(tag) {
            covered |= set;
        }
    }
    let gaps = &index.universe - &covered;
    let offset = offset.max(0);
    let ids: Vec<i64> = gaps
        .iter()
        .rev()
        .skip(offset as usize)
        .take(limit.clamp(1, MAX_PAGE) as usize)
        .map(i64::from)
        .collect();
    Ok(Page {
        items: customers::rows_by_ids(conn, &ids)?,
        total: gaps.len() as i64,
        total_exact: true,
        offset,
    })
}
