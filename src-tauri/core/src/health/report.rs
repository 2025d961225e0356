//! The whole health report: one pass over the tree with the index's bitmaps, the last changes
//! and uses read per tag, and the provenance scan alongside on a second connection.

use super::coverage::{self, share};
use super::dictionary::{self, CorePool, DictionaryField};
use super::duplicates::{self, DuplicatePair};
use super::nodes::{self, Node};
use super::provenance::{self, BySource, SourceShare};
use super::stale::{last_changes, months_before};
use super::{HealthQuery, HealthThresholds};
use crate::conditions::Index;
use crate::error::Result;
use crate::tag_usage::{self, UsageKind};
use crate::tags::NodeKind;
use rusqlite::Connection;
use serde::Serialize;
use std::time::Instant;
use ts_rs::TS;

/// One tag's health.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "TagHealth.ts")]
pub struct TagHealth {
    pub id: i64,
    pub name: String,
    /// "基础属性 / 客户等级 / VIP".
    pub path: String,
    /// Its group, when its parent is one.
    pub group_id: Option<i64>,
    pub archived: bool,
    pub core: bool,
    /// Its follow-up weight (lead score points).
    pub weight: f64,
    /// Live customers holding it, and their share of all live customers (0–1).
    pub customers: i64,
    pub share: f64,
    /// The last time a customer was added to or removed from it; None: never since it exists.
    pub last_changed_at: Option<i64>,
    /// The last time a segment, rule, board, template or export used it (or, for templates
    /// and group conditions, its group), and which; None: not since uses are recorded.
    pub last_used_at: Option<i64>,
    pub last_used_by: Option<UsageKind>,
    /// Dictionary entries it leaves empty.
    pub missing: Vec<DictionaryField>,
}

/// One group's health.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "GroupHealth.ts")]
pub struct GroupHealth {
    pub id: i64,
    pub name: String,
    pub path: String,
    pub single_select: bool,
    /// Its tags, archived ones included.
    pub tags: Vec<i64>,
    /// Live customers with at least one of its tags, their share, and those with none.
    pub covered: i64,
    pub share: f64,
    pub uncovered: i64,
    /// Its assignments by source, largest first.
    pub provenance: Vec<SourceShare>,
    pub missing: Vec<DictionaryField>,
}

/// The health page's report.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "HealthReport.ts")]
pub struct HealthReport {
    pub thresholds: HealthThresholds,
    /// When it was computed (unix seconds): the clock "months" count back from.
    pub now: i64,
    /// Live customers, the denominator of every share.
    pub total_customers: i64,
    /// Since when uses are recorded (before that no tag has a last use).
    pub usage_recorded_since: Option<i64>,
    /// Every tag in tree order.
    pub tags: Vec<TagHealth>,
    pub groups: Vec<GroupHealth>,
    /// Tags (not archived) that no live customer holds.
    pub empty: Vec<i64>,
    /// Tags (not archived) whose customers have not changed for `stale_months`, counted from
    /// their creation when they never changed.
    pub stale: Vec<i64>,
    /// Tags (not archived) no segment, rule, board, template or export used for
    /// `unused_months`, counted from when uses are recorded.
    pub not_used: Vec<i64>,
    /// Pairs of tags that may mean the same, strongest first.
    pub duplicates: Vec<DuplicatePair>,
    /// Tags missing a required dictionary entry (meaning, owner, update frequency).
    pub incomplete_tags: Vec<i64>,
    pub incomplete_groups: Vec<i64>,
    pub core_pool: CorePool,
    /// The fraction of customer ids whose assignments the provenance read: 1 exact, less an
    /// estimate from a sample (databases of over a million assignments).
    pub provenance_sample: f64,
    /// How long the report took to compute.
    pub millis: f64,
}

/// Computes the report at time `now`.
pub fn report(
    conn: &Connection,
    index: &Index,
    query: &HealthQuery,
    now: i64,
) -> Result<HealthReport> {
    let started = Instant::now();
    let thresholds = HealthThresholds::of(query)?;
    std::thread::scope(|scope| -> Result<HealthReport> {
        let (lo, hi) = (
            index.universe.min().unwrap_or(0),
            index.universe.max().unwrap_or(0),
        );
        let alongside = provenance::second_reader(conn)
            .map(|reader| scope.spawn(move || provenance::by_source(&reader, lo, hi)));
        let nodes = nodes::load(conn)?;
        let tags: Vec<&Node> = nodes.iter().filter(|n| n.kind == NodeKind::Tag).collect();
        let members = coverage::tag_members(index, &nodes);
        let total = index.universe.len();
        let tag_ids: Vec<i64> = tags.iter().map(|n| n.id).collect();
        let changed = last_changes(conn, &tag_ids)?;
        let used = tag_usage::last_used(conn)?;
        let by_id = nodes::by_id(&nodes);
        let tag_rows: Vec<TagHealth> = tags
            .iter()
            .map(|n| {
                let customers = members.get(&n.id).map_or(0, |m| m.len());
                let group = n.group(&by_id);
                // A template or group condition names the group: it uses every tag of it.
                let last_use = [Some(n.id), group.map(|g| g.id)]
                    .into_iter()
                    .flatten()
                    .filter_map(|id| used.get(&id).copied())
                    .max_by_key(|(at, _)| *at);
                TagHealth {
                    id: n.id,
                    name: n.name.clone(),
                    path: n.path.clone(),
                    group_id: group.map(|g| g.id),
                    archived: n.archived,
                    core: n.core,
                    weight: n.weight,
                    customers: customers as i64,
                    share: share(customers, total),
                    last_changed_at: changed.get(&n.id).copied(),
                    last_used_at: last_use.map(|(at, _)| at),
                    last_used_by: last_use.map(|(_, kind)| kind),
                    missing: dictionary::missing(n),
                }
            })
            .collect();
        let duplicates = duplicates::find(&tags, &members, &thresholds);
        let core_pool = dictionary::core_pool(&tags, &members, total);
        let (counts, provenance_sample): (BySource, f64) = match alongside {
            Some(handle) => handle
                .join()
                .unwrap_or_else(|_| provenance::by_source(conn, lo, hi))?,
            None => provenance::by_source(conn, lo, hi)?,
        };
        let groups = groups(&nodes, &members, &counts, total);
        let stale_before = months_before(now, thresholds.stale_months);
        let unused_before = months_before(now, thresholds.unused_months);
        let since = tag_usage::recorded_since(conn)?;
        let live = || tag_rows.iter().filter(|t| !t.archived);
        Ok(HealthReport {
            empty: live().filter(|t| t.customers == 0).map(|t| t.id).collect(),
            stale: live()
                .filter(|t| {
                    let created = by_id.get(&t.id).map_or(0, |n| n.created_at);
                    t.last_changed_at.unwrap_or(created).max(created) < stale_before
                })
                .map(|t| t.id)
                .collect(),
            not_used: live()
                .filter(|t| {
                    let created = by_id.get(&t.id).map_or(0, |n| n.created_at);
                    let from = t.last_used_at.or(since).unwrap_or(created).max(created);
                    from < unused_before
                })
                .map(|t| t.id)
                .collect(),
            incomplete_tags: live()
                .filter(|t| dictionary::incomplete(&t.missing))
                .map(|t| t.id)
                .collect(),
            incomplete_groups: groups
                .iter()
                .filter(|g| dictionary::incomplete(&g.missing))
                .map(|g| g.id)
                .collect(),
            thresholds,
            now,
            total_customers: total as i64,
            usage_recorded_since: since,
            provenance_sample,
            tags: tag_rows,
            groups,
            duplicates,
            core_pool,
            millis: started.elapsed().as_secs_f64() * 1000.0,
        })
    })
}

fn groups(
    nodes: &[Node],
    members: &std::collections::HashMap<i64, roaring::RoaringBitmap>,
    counts: &BySource,
    total: u64,
) -> Vec<GroupHealth> {
    nodes
        .iter()
        .filter(|n| n.kind == NodeKind::Group)
        .map(|g| {
            let tags: Vec<i64> = nodes
                .iter()
                .filter(|n| n.kind == NodeKind::Tag && n.parent_id == Some(g.id))
                .map(|n| n.id)
                .collect();
            let covered = coverage::union_of(&tags, members).len();
            GroupHealth {
                id: g.id,
                name: g.name.clone(),
                path: g.path.clone(),
                single_select: g.single_select,
                covered: covered as i64,
                share: share(covered, total),
                uncovered: (total - covered) as i64,
                provenance: provenance::shares(&tags, counts),
                missing: dictionary::missing(g),
                tags,
            }
        })
        .collect()
}
