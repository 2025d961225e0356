//! Near-duplicate tags: names that fold to the same text or nearly (VIP / ＶＩＰ, 高活 /
//! 高活跃), and member sets that overlap strongly (Jaccard) or where every customer of one
//! holds the other. Every pair of tags is considered: the names are folded once each, and
//! member sets are intersected only when their sizes allow the pair to pass (a Jaccard of t
//! needs the smaller set to be at least t times the larger; containment needs the smaller
//! set's range inside the larger's, and is tested with a subset check that stops at the first
//! customer missing).

use super::coverage::share;
use super::nodes::Node;
use super::HealthThresholds;
use crate::tags::{self, Closeness};
use roaring::RoaringBitmap;
use serde::Serialize;
use std::collections::{BTreeSet, HashMap};
use ts_rs::TS;

/// Why two tags look like one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export_to = "DuplicateKind.ts")]
pub enum DuplicateKind {
    /// The same name once width and case are folded (VIP / ＶＩＰ).
    SameName,
    /// The same once punctuation and spaces are dropped too (高-活 / 高活).
    SameIgnoringPunctuation,
    /// One name inside the other (高活 / 高活跃).
    NameContains,
    /// Short names one typing slip apart (高活跃 / 高活越).
    NameOneEdit,
    /// The member sets' Jaccard index reaches the threshold.
    MembersOverlap,
    /// Every customer holding `a` holds `b` too (`a` is not empty).
    AWithinB,
}

/// Two tags that may mean the same, with their overlap. `a` is the one with fewer customers
/// (then the lower id), so "every A is B" reads in that direction.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "DuplicatePair.ts")]
pub struct DuplicatePair {
    pub a: i64,
    pub b: i64,
    pub a_name: String,
    pub b_name: String,
    pub a_path: String,
    pub b_path: String,
    /// Every reason found, name reasons first.
    pub kinds: Vec<DuplicateKind>,
    /// Live customers holding a, b and both.
    pub a_customers: i64,
    pub b_customers: i64,
    pub both: i64,
    /// |A∩B| / |A∪B|, 0–1 (0 when both are empty).
    pub jaccard: f64,
}

/// The tags a suggestion may name: live, not archived.
struct Candidate<'a> {
    node: &'a Node,
    key: String,
    bare: String,
    members: &'a RoaringBitmap,
}

/// Every pair of non-archived tags that looks like one tag, strongest first.
pub(super) fn find(
    tags: &[&Node],
    members: &HashMap<i64, RoaringBitmap>,
    thresholds: &HealthThresholds,
) -> Vec<DuplicatePair> {
    let empty = RoaringBitmap::new();
    let mut candidates: Vec<Candidate> = tags
        .iter()
        .filter(|n| !n.archived)
        .map(|n| {
            let key = tags::name_key(&n.name);
            let bare = key.chars().filter(|c| c.is_alphanumeric()).collect();
            Candidate {
                node: n,
                key,
                bare,
                members: members.get(&n.id).unwrap_or(&empty),
            }
        })
        .collect();
    candidates.sort_by_key(|c| (c.members.len(), c.node.id));
    // Per pair: its kinds, and its intersection when the member test computed it.
    let mut found: HashMap<(usize, usize), (BTreeSet<DuplicateKind>, Option<u64>)> = HashMap::new();
    for (i, a) in candidates.iter().enumerate() {
        for (j, b) in candidates.iter().enumerate().skip(i + 1) {
            if let Some(kind) = name_kind(a, b) {
                found.entry((i, j)).or_default().0.insert(kind);
            }
        }
    }
    for (pair, kinds, both) in member_pairs(&candidates, thresholds) {
        let entry = found.entry(pair).or_default();
        entry.0.extend(kinds);
        entry.1 = Some(both);
    }
    let mut pairs: Vec<DuplicatePair> = found
        .into_iter()
        .map(|((i, j), (kinds, both))| pair(&candidates[i], &candidates[j], kinds, both))
        .collect();
    pairs.sort_by(|x, y| {
        x.kinds[0]
            .cmp(&y.kinds[0])
            .then(y.jaccard.total_cmp(&x.jaccard))
            .then((x.a, x.b).cmp(&(y.a, y.b)))
    });
    pairs
}

fn name_kind(a: &Candidate, b: &Candidate) -> Option<DuplicateKind> {
    match tags::closeness_of_keys(&a.key, &b.key) {
        Some(Closeness::Same) => Some(DuplicateKind::SameName),
        _ if !a.bare.is_empty() && a.bare == b.bare => Some(DuplicateKind::SameIgnoringPunctuation),
        Some(Closeness::Contains) => Some(DuplicateKind::NameContains),
        Some(Closeness::OneEdit) => Some(DuplicateKind::NameOneEdit),
        None => None,
    }
}

/// A pair (indexes into the candidates) whose members pass, why, and its intersection.
type MemberPair = ((usize, usize), Vec<DuplicateKind>, u64);

/// The pairs (indexes into `candidates`, sorted by size) whose members overlap enough, on two
/// threads (rows of the pair triangle dealt out alternately, so both get long and short rows).
fn member_pairs(candidates: &[Candidate], thresholds: &HealthThresholds) -> Vec<MemberPair> {
    std::thread::scope(|scope| {
        let other = scope.spawn(|| rows(candidates, thresholds, 1));
        let mut pairs = rows(candidates, thresholds, 0);
        match other.join() {
            Ok(more) => pairs.extend(more),
            // Cannot happen (no panics below); the rows are computed here then.
            Err(_) => pairs.extend(rows(candidates, thresholds, 1)),
        }
        pairs
    })
}

/// The passing pairs whose first index is `parity` modulo 2.
fn rows(candidates: &[Candidate], thresholds: &HealthThresholds, parity: usize) -> Vec<MemberPair> {
    let t = thresholds.jaccard_min;
    let min_within = thresholds.containment_min_members.max(1) as u64;
    let mut out = Vec::new();
    for (i, a) in candidates.iter().enumerate().skip(parity).step_by(2) {
        let size_a = a.members.len();
        let (Some(min_a), Some(max_a)) = (a.members.min(), a.members.max()) else {
            continue;
        };
        for (j, b) in candidates.iter().enumerate().skip(i + 1) {
            let size_b = b.members.len();
            let overlap_possible = size_a as f64 >= t * size_b as f64;
            if !overlap_possible && size_a < min_within {
                // Sizes only grow from here: no later pair can pass either test.
                break;
            }
            if same_single_select(a.node, b.node) {
                continue;
            }
            let within_possible = size_a >= min_within
                && b.members.min().is_some_and(|m| m <= min_a)
                && b.members.max().is_some_and(|m| m >= max_a);
            let both = if overlap_possible {
                a.members.intersection_len(b.members)
            } else if within_possible && a.members.is_subset(b.members) {
                size_a
            } else {
                continue;
            };
            let mut kinds = Vec::new();
            if overlap_possible && jaccard(size_a, size_b, both) >= t {
                kinds.push(DuplicateKind::MembersOverlap);
            }
            if size_a >= min_within && both == size_a {
                kinds.push(DuplicateKind::AWithinB);
            }
            if !kinds.is_empty() {
                out.push(((i, j), kinds, both));
            }
        }
    }
    out
}

/// Tags of one single-select group never share a customer.
fn same_single_select(a: &Node, b: &Node) -> bool {
    a.in_single_select && a.parent_id == b.parent_id
}

fn jaccard(a: u64, b: u64, both: u64) -> f64 {
    share(both, a + b - both)
}

fn pair(
    a: &Candidate,
    b: &Candidate,
    kinds: BTreeSet<DuplicateKind>,
    both: Option<u64>,
) -> DuplicatePair {
    let both = both.unwrap_or_else(|| a.members.intersection_len(b.members));
    DuplicatePair {
        a: a.node.id,
        b: b.node.id,
        a_name: a.node.name.clone(),
        b_name: b.node.name.clone(),
        a_path: a.node.path.clone(),
        b_path: b.node.path.clone(),
        kinds: kinds.into_iter().collect(),
        a_customers: a.members.len() as i64,
        b_customers: b.members.len() as i64,
        both: both as i64,
        jaccard: jaccard(a.members.len(), b.members.len(), both),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tags::NodeKind;

    fn tag(id: i64, name: &str) -> Node {
        Node {
            id,
            parent_id: Some(1),
            kind: NodeKind::Tag,
            name: name.to_string(),
            path: name.to_string(),
            single_select: false,
            in_single_select: false,
            meaning: None,
            value_range: None,
            update_frequency: None,
            owner: None,
            weight: 0.0,
            core: false,
            archived: false,
            created_at: 0,
        }
    }

    /// The pairwise part at the scale, on synthetic sets (run in release with
    /// `--ignored`): 500 tags over a million customers, a quarter of them slices, near-copies,
    /// unions and thin overlaps of the others.
    #[test]
    #[ignore]
    fn pairs_of_500_tags_over_a_million_customers() {
        let mut seed = 7u64;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let mut members = HashMap::new();
        let mut bases: Vec<RoaringBitmap> = Vec::new();
        for id in 0..500i64 {
            let set: RoaringBitmap = if id < 100 {
                let density = 1 + next() % 400; // 0.25 % .. 100 % of customers
                (0..1_000_000u32)
                    .filter(|_| next() % 400 < density)
                    .collect()
            } else {
                let a = &bases[(next() % 100) as usize];
                let b = &bases[(next() % 100) as usize];
                match id % 4 {
                    0 => a.iter().step_by(2 + (id % 5) as usize).collect(),
                    1 => a
                        .iter()
                        .enumerate()
                        .filter(|(i, _)| i % 50 != 0)
                        .map(|(_, c)| c)
                        .collect(),
                    2 => a | b,
                    _ => (a & b).iter().step_by(3).collect(),
                }
            };
            if id < 100 {
                bases.push(set.clone());
            }
            members.insert(id, set);
        }
        let nodes: Vec<Node> = (0..500)
            .map(|id| tag(id, &format!("标签{id:03}")))
            .collect();
        let refs: Vec<&Node> = nodes.iter().collect();
        let thresholds = super::super::HealthThresholds::of(&Default::default()).unwrap();
        let started = std::time::Instant::now();
        let pairs = find(&refs, &members, &thresholds);
        println!(
            "500 tags, 1,000,000 customers: {} pairs in {:.1} ms",
            pairs.len(),
            started.elapsed().as_secs_f64() * 1000.0
        );
    }
}
