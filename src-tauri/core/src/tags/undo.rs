//! Taking back creations, merges and deletions of tag nodes from the history. Each of them keeps
//! its nodes as they were (`snapshot`), the assignments it took or gave (`member_sets`) and the
//! conditions it rewrote (`references`) under its operation; undoing writes them back through
//! the same tables, and is itself recorded the same way, so it can be redone.
//!
//! Later operations are in the way when they changed one of the same customer-tag pairs, the
//! same segment or rule, or, to undo a creation, used the node at all; and a tagging operation
//! cannot be undone past a later merge or deletion that changed its pairs.

use super::member_sets::{self, Set};
use super::references::{self, Rewrite};
use super::snapshot::{self, NodeSnapshot};
use crate::audit;
use crate::clock;
use crate::error::{Error, Result};
use crate::operations::{self, Image, Images};
use crate::problem::Problem;
use roaring::RoaringTreemap;
use rusqlite::{params, Connection, OptionalExtension};
use std::collections::HashMap;

/// What a tree operation keeps under its operation.
pub(crate) struct Recorded<'a> {
    pub action: &'static str,
    /// The node the operation is about (the created, deleted or surviving node).
    pub node: i64,
    /// What the audit log keeps.
    pub audit: serde_json::Value,
    pub images: Images,
    pub sets: &'a [Set],
    pub rewrites: &'a [Rewrite],
    /// The tag the history names beside the node's own name (its subject, from the images):
    /// for a merge, the tag it went into.
    pub tag: i64,
}

/// Records a tree operation: its own, or part of the undo under way. Returns the operation.
pub(crate) fn record(conn: &Connection, actor: &str, r: Recorded) -> Result<i64> {
    let op = audit::record_operation(
        conn,
        actor,
        r.action,
        "tag_node",
        Some(r.node),
        &r.audit,
        Some(r.images),
    )?;
    member_sets::store(conn, op, r.sets)?;
    references::store(conn, op, r.rewrites)?;
    let mut tags: Vec<i64> = r.sets.iter().map(|s| s.tag).collect();
    tags.sort_unstable();
    tags.dedup();
    conn.execute(
        "UPDATE operations SET customers = ?2, tags = ?3,
             detail = json_set(detail, '$.tag_id', ?4)
         WHERE id = ?1",
        params![
            op,
            member_sets::customers(r.sets).len() as i64,
            tags.len() as i64,
            r.tag
        ],
    )?;
    Ok(op)
}

/// Records a node created by hand so that the history can take it back (and give it again).
pub(crate) fn record_create(conn: &Connection, id: i64, actor: &str) -> Result<()> {
    let nodes = snapshot::capture(conn, id)?;
    let name = nodes.first().map(|n| n.name.clone()).unwrap_or_default();
    let images = Images {
        before: Image::TagNodesGone {
            root: id,
            force: false,
        },
        after: Image::TagNodes { nodes },
        ids: None,
    };
    record(
        conn,
        actor,
        Recorded {
            action: "create",
            node: id,
            audit: serde_json::json!(name),
            images,
            sets: &[],
            rewrites: &[],
            tag: id,
        },
    )
    .map(|_| ())
}

/// Writes back a before-image of nodes (undoing a merge or deletion, redoing a creation): the
/// nodes with their ids and fields, then the assignments and conditions the operation being
/// undone changed, exactly as they were.
pub(crate) fn restore_nodes(conn: &Connection, nodes: &[NodeSnapshot], actor: &str) -> Result<()> {
    let undone = operations::undoing(conn)?
        .ok_or_else(|| Error::invalid("operation", Problem::NothingBeingUndone))?;
    snapshot::restore(conn, nodes)?;
    let sets = member_sets::load(conn, undone)?;
    let done = member_sets::reverse(conn, &sets, actor, clock::now())?;
    for group in single_groups(conn, &sets)? {
        super::edit::ensure_exclusive(conn, group)?;
    }
    let rewrites = references::reverse(conn, &references::load(conn, undone)?)?;
    let root = nodes.first().map_or(0, |n| n.id);
    record(
        conn,
        actor,
        Recorded {
            action: "restore",
            node: root,
            audit: serde_json::json!(nodes.iter().map(|n| n.id).collect::<Vec<_>>()),
            images: Images::of(
                Image::TagNodes { nodes: vec![] },
                Image::TagNodes { nodes: vec![] },
            ),
            sets: &done,
            rewrites: &rewrites,
            tag: root,
        },
    )
    .map(|_| ())
}

/// Writes back an image of a node gone: deletes it again (`force`, redoing a deletion), or
/// takes back its creation, which only an unused node allows: nobody holds it, nothing lives
/// beneath it, no segment or rule names it.
pub(crate) fn remove_nodes(conn: &Connection, root: i64, force: bool, actor: &str) -> Result<()> {
    if !force {
        let below = live_below(conn, root)?;
        let held: i64 = conn.query_row(
            "SELECT count(*) FROM assignments WHERE tag_id IN (SELECT value FROM json_each(?1))",
            [serde_json::to_string(&below)?],
            |r| r.get(0),
        )?;
        if held > 0 {
            return Err(Error::invalid(
                "tag",
                Problem::TagHeldNow { customers: held },
            ));
        }
        if below.len() > 1 {
            return Err(Error::invalid("tag", Problem::NodesAddedBeneath));
        }
        if !references::naming(conn, &below)?.is_empty() {
            return Err(Error::invalid("tag", Problem::UsedBySegmentOrRule));
        }
    }
    super::delete::delete_within(conn, root, true, actor).map(|_| ())
}

/// Customers the tree operation `id` changed the tags of (for an undo's count).
pub(crate) fn customers_changed(conn: &Connection, id: i64) -> Result<i64> {
    Ok(member_sets::customers(&member_sets::load(conn, id)?).len() as i64)
}

/// The live nodes of `root`'s subtree, itself first.
fn live_below(conn: &Connection, root: i64) -> Result<Vec<i64>> {
    Ok(snapshot::capture(conn, root)?
        .iter()
        .map(|n| n.id)
        .collect())
}

/// The single-select groups holding a tag of `sets`.
fn single_groups(conn: &Connection, sets: &[Set]) -> Result<Vec<i64>> {
    let mut groups = Vec::new();
    for tag in member_sets::pairs(sets).keys() {
        if let Some(g) = single_group_of(conn, *tag)? {
            if !groups.contains(&g) {
                groups.push(g);
            }
        }
    }
    Ok(groups)
}

fn single_group_of(conn: &Connection, tag: i64) -> Result<Option<i64>> {
    Ok(conn
        .query_row(
            "SELECT g.id FROM tag_nodes t JOIN tag_nodes g ON g.id = t.parent_id
             WHERE t.id = ?1 AND g.kind = 'group' AND g.select_mode = 'single'",
            [tag],
            |r| r.get(0),
        )
        .optional()?)
}

/// Later operations still in effect in the way of undoing `id` beyond its own records (those
/// `operations::undo` finds itself): see the module's documentation.
pub(crate) fn later_in_the_way(conn: &Connection, id: i64) -> Result<Vec<i64>> {
    let mut later = Vec::new();
    let sets = member_sets::load(conn, id)?;
    if !sets.is_empty() {
        let pairs = member_sets::pairs(&sets);
        later.extend(in_later_batches(conn, id, &pairs)?);
        later.extend(in_later_sets(conn, id, &pairs)?);
    } else if later_sets_exist(conn, id)? {
        later.extend(in_later_sets(conn, id, &batch_pairs(conn, id)?)?);
    }
    for r in references::load(conn, id)? {
        later.extend(later_on(conn, id, r.entity, &[r.id])?);
    }
    let before: Option<String> = conn.query_row(
        "SELECT json_extract(detail, '$.before') FROM operations WHERE id = ?1",
        [id],
        |r| r.get(0),
    )?;
    match before.and_then(|b| serde_json::from_str::<Image>(&b).ok()) {
        Some(Image::TagNodes { nodes }) => {
            later.extend(clashing_siblings(conn, id, &sets)?);
            later.extend(places_taken(conn, id, &nodes)?);
        }
        Some(Image::TagNodesGone { root, force: false }) => {
            let below = live_below(conn, root)?;
            let uses: HashMap<i64, Option<RoaringTreemap>> =
                below.iter().map(|t| (*t, None)).collect();
            later.extend(in_later_batches_any(conn, id, &uses)?);
            later.extend(later_on(
                conn,
                id,
                "tag_node",
                &below[below.len().min(1)..],
            )?);
            for (entity, used_by) in references::naming(conn, &below)? {
                later.extend(later_on(conn, id, entity, &[used_by])?);
            }
        }
        _ => {}
    }
    later.sort_unstable();
    later.dedup();
    Ok(later)
}

/// A later operation counts while it is in effect: not undone, and not the undo of an
/// operation later than `id` (the two cancel out), as for tagging operations.
const IN_EFFECT: &str =
    "lo.id > ?1 AND lo.undone_by IS NULL AND (lo.undoes IS NULL OR lo.undoes < ?1)";

fn in_later_batches(
    conn: &Connection,
    id: i64,
    pairs: &HashMap<i64, RoaringTreemap>,
) -> Result<Vec<i64>> {
    let pairs = pairs.iter().map(|(t, c)| (*t, Some(c.clone()))).collect();
    in_later_batches_any(conn, id, &pairs)
}

/// Later operations whose batches changed one of `pairs` (None: any customer of the tag).
fn in_later_batches_any(
    conn: &Connection,
    id: i64,
    pairs: &HashMap<i64, Option<RoaringTreemap>>,
) -> Result<Vec<i64>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT lo.id, m.customer_id FROM operations lo
         JOIN tag_batches b ON b.operation_id = lo.id
         CROSS JOIN tag_batch_members m ON m.batch_id = b.id
         WHERE {IN_EFFECT} AND m.tag_id = ?2"
    ))?;
    let mut found = Vec::new();
    for (tag, customers) in pairs {
        let mut rows = stmt.query(params![id, tag])?;
        while let Some(r) = rows.next()? {
            let (op, customer): (i64, i64) = (r.get(0)?, r.get(1)?);
            let hit = customers
                .as_ref()
                .is_none_or(|c| c.contains(customer as u64));
            if hit && !found.contains(&op) {
                found.push(op);
            }
        }
    }
    Ok(found)
}

/// Later tree operations whose sets changed one of `pairs`.
fn in_later_sets(
    conn: &Connection,
    id: i64,
    pairs: &HashMap<i64, RoaringTreemap>,
) -> Result<Vec<i64>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT lo.id, s.customers FROM operation_tag_sets s
         JOIN operations lo ON lo.id = s.operation_id
         WHERE {IN_EFFECT} AND s.tag_id = ?2"
    ))?;
    let mut found = Vec::new();
    for (tag, customers) in pairs {
        let mut rows = stmt.query(params![id, tag])?;
        while let Some(r) = rows.next()? {
            let op: i64 = r.get(0)?;
            let blob: Vec<u8> = r.get(1)?;
            let theirs = RoaringTreemap::deserialize_from(blob.as_slice())?;
            if !theirs.is_disjoint(customers) && !found.contains(&op) {
                found.push(op);
            }
        }
    }
    Ok(found)
}

fn later_sets_exist(conn: &Connection, id: i64) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM operation_tag_sets WHERE operation_id > ?1)",
        [id],
        |r| r.get(0),
    )?)
}

/// The customer-tag pairs a tagging operation's batches changed, by tag.
fn batch_pairs(conn: &Connection, id: i64) -> Result<HashMap<i64, RoaringTreemap>> {
    let mut stmt = conn.prepare_cached(
        "SELECT m.tag_id, m.customer_id FROM tag_batches b
         CROSS JOIN tag_batch_members m ON m.batch_id = b.id WHERE b.operation_id = ?1",
    )?;
    let mut rows = stmt.query([id])?;
    let mut pairs: HashMap<i64, RoaringTreemap> = HashMap::new();
    while let Some(r) = rows.next()? {
        let (tag, customer): (i64, i64) = (r.get(0)?, r.get(1)?);
        pairs.entry(tag).or_default().insert(customer as u64);
    }
    Ok(pairs)
}

/// Later operations still in effect that changed one of `records` of `entity` (for tag nodes
/// also through the nodes an operation lists).
fn later_on(conn: &Connection, id: i64, entity: &str, records: &[i64]) -> Result<Vec<i64>> {
    if records.is_empty() {
        return Ok(vec![]);
    }
    let ids = conn
        .prepare_cached(&format!(
            "SELECT lo.id FROM operations lo
             WHERE {IN_EFFECT} AND lo.entity = ?2
               AND (lo.entity_id IN (SELECT value FROM json_each(?3))
                    OR EXISTS (SELECT 1 FROM json_each(lo.detail, '$.ids') j
                               WHERE j.value IN (SELECT value FROM json_each(?3))))
             ORDER BY lo.id"
        ))?
        .query_map(params![id, entity, serde_json::to_string(records)?], |r| {
            r.get(0)
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(ids)
}

/// Putting back what `sets` took would give customers two tags of a single-select group when
/// a sibling was given to them since: the operations that gave it.
fn clashing_siblings(conn: &Connection, id: i64, sets: &[Set]) -> Result<Vec<i64>> {
    let taken_off = |tag: i64| -> RoaringTreemap {
        sets.iter()
            .filter(|s| s.added && s.tag == tag)
            .fold(RoaringTreemap::new(), |all, s| all | &s.customers)
    };
    let mut clashes: HashMap<i64, RoaringTreemap> = HashMap::new();
    for set in sets.iter().filter(|s| !s.added) {
        let Some(group) = single_group_of(conn, set.tag)? else {
            continue;
        };
        let siblings: Vec<i64> = conn
            .prepare_cached("SELECT id FROM tag_nodes WHERE parent_id = ?1 AND id <> ?2")?
            .query_map(params![group, set.tag], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        for sibling in siblings {
            let holding =
                &(&member_sets::holders(conn, sibling)? - &taken_off(sibling)) & &set.customers;
            if !holding.is_empty() {
                *clashes.entry(sibling).or_default() |= holding;
            }
        }
    }
    if clashes.is_empty() {
        return Ok(vec![]);
    }
    let mut found = in_later_batches(conn, id, &clashes)?;
    found.extend(in_later_sets(conn, id, &clashes)?);
    Ok(found)
}

/// Bringing `nodes` back needs their parent in place and their names free among its children:
/// the later operations that removed the parent or took a name.
fn places_taken(conn: &Connection, id: i64, nodes: &[NodeSnapshot]) -> Result<Vec<i64>> {
    let mut in_the_way = Vec::new();
    for node in nodes {
        if let Some(parent) = node.parent_id.filter(|p| !nodes.iter().any(|n| n.id == *p)) {
            let live: bool = conn.query_row(
                "SELECT EXISTS (SELECT 1 FROM tag_nodes WHERE id = ?1 AND deleted_at IS NULL)",
                [parent],
                |r| r.get(0),
            )?;
            if !live {
                in_the_way.push(parent);
            }
        }
        let clash: Option<i64> = conn
            .query_row(
                "SELECT id FROM tag_nodes WHERE ifnull(parent_id, 0) = ifnull(?1, 0)
                 AND name_key = ?2 AND id <> ?3",
                params![node.parent_id, super::names::key(&node.name), node.id],
                |r| r.get(0),
            )
            .optional()?;
        in_the_way.extend(clash);
    }
    later_on(conn, id, "tag_node", &in_the_way)
}
