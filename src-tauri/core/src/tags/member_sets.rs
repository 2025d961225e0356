//! What an operation on the tag tree (a merge, a deletion, the undo of either) did to
//! assignments, kept compactly under the operation: per tag, change and provenance, the
//! customers as a roaring bitmap (a tag held by 200,000 customers is a few kilobytes, where a
//! row per customer would cost as much as the merge). Undoing the operation puts back exactly
//! what it took, with the original source, author and time, and takes off exactly what it gave;
//! the pairs also tell which later operations are in the way.

use crate::conditions::index::Untracked;
use crate::error::Result;
use roaring::RoaringTreemap;
use rusqlite::{params, Connection};
use std::collections::HashMap;

/// Where an assignment came from, as `assignments` stores it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct Provenance {
    pub source: String,
    pub source_ref: Option<i64>,
    pub actor: String,
    pub at: i64,
}

/// Customers who lost (`added` false) or gained one tag with one provenance.
#[derive(Debug, Clone)]
pub(crate) struct Set {
    pub tag: i64,
    pub added: bool,
    pub provenance: Provenance,
    pub customers: RoaringTreemap,
}

/// The assignments of `tag` grouped by provenance, only of `only` customers when given.
pub(crate) fn held(
    conn: &Connection,
    tag: i64,
    only: Option<&RoaringTreemap>,
) -> Result<Vec<(Provenance, RoaringTreemap)>> {
    let mut groups: HashMap<Provenance, RoaringTreemap> = HashMap::new();
    let mut stmt = conn.prepare_cached(
        "SELECT customer_id, source, source_ref, actor, at FROM assignments WHERE tag_id = ?1",
    )?;
    let mut rows = stmt.query([tag])?;
    while let Some(r) = rows.next()? {
        let customer = r.get::<_, i64>(0)? as u64;
        if only.is_some_and(|o| !o.contains(customer)) {
            continue;
        }
        let provenance = Provenance {
            source: r.get(1)?,
            source_ref: r.get(2)?,
            actor: r.get(3)?,
            at: r.get(4)?,
        };
        groups.entry(provenance).or_default().insert(customer);
    }
    let mut groups: Vec<_> = groups.into_iter().collect();
    groups.sort_by_key(|(p, _)| (p.at, p.source.clone(), p.source_ref, p.actor.clone()));
    Ok(groups)
}

/// The customers holding `tag`.
pub(crate) fn holders(conn: &Connection, tag: i64) -> Result<RoaringTreemap> {
    let mut stmt = conn.prepare_cached("SELECT customer_id FROM assignments WHERE tag_id = ?1")?;
    let mut rows = stmt.query([tag])?;
    let mut out = RoaringTreemap::new();
    while let Some(r) = rows.next()? {
        out.insert(r.get::<_, i64>(0)? as u64);
    }
    Ok(out)
}

/// The sets `tag`'s assignments form when all of them are taken away.
pub(crate) fn taking_all(conn: &Connection, tag: i64) -> Result<Vec<Set>> {
    Ok(held(conn, tag, None)?
        .into_iter()
        .map(|(provenance, customers)| Set {
            tag,
            added: false,
            provenance,
            customers,
        })
        .collect())
}

pub(crate) fn store(conn: &Connection, operation: i64, sets: &[Set]) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        "INSERT INTO operation_tag_sets(operation_id, tag_id, added, source, source_ref, actor, at, customers)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    for set in sets.iter().filter(|s| !s.customers.is_empty()) {
        let mut blob = Vec::with_capacity(set.customers.serialized_size());
        set.customers.serialize_into(&mut blob)?;
        let p = &set.provenance;
        stmt.execute(params![
            operation,
            set.tag,
            set.added,
            p.source,
            p.source_ref,
            p.actor,
            p.at,
            blob
        ])?;
    }
    Ok(())
}

pub(crate) fn load(conn: &Connection, operation: i64) -> Result<Vec<Set>> {
    let mut stmt = conn.prepare_cached(
        "SELECT tag_id, added, source, source_ref, actor, at, customers FROM operation_tag_sets
         WHERE operation_id = ?1 ORDER BY rowid",
    )?;
    let rows = stmt.query_map([operation], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, bool>(1)?,
            Provenance {
                source: r.get(2)?,
                source_ref: r.get(3)?,
                actor: r.get(4)?,
                at: r.get(5)?,
            },
            r.get::<_, Vec<u8>>(6)?,
        ))
    })?;
    let mut sets = Vec::new();
    for row in rows {
        let (tag, added, provenance, blob) = row?;
        sets.push(Set {
            tag,
            added,
            provenance,
            customers: RoaringTreemap::deserialize_from(blob.as_slice())?,
        });
    }
    Ok(sets)
}

/// Every customer-tag pair the sets name, by tag.
pub(crate) fn pairs(sets: &[Set]) -> HashMap<i64, RoaringTreemap> {
    let mut out: HashMap<i64, RoaringTreemap> = HashMap::new();
    for set in sets {
        *out.entry(set.tag).or_default() |= &set.customers;
    }
    out
}

/// Customers the sets name, whatever the tag.
pub(crate) fn customers(sets: &[Set]) -> RoaringTreemap {
    sets.iter()
        .fold(RoaringTreemap::new(), |all, s| all | &s.customers)
}

/// Undoes what `sets` did: puts back what they took away, as it was, and takes off what they
/// gave. Each customer's tag history gets a row per pair changed back; the condition index
/// learns the changes a statement per set rather than by a trigger per row. Returns what this
/// reversal did, as sets in turn (kept under the undo so that it can be replayed elsewhere).
pub(crate) fn reverse(conn: &Connection, sets: &[Set], actor: &str, now: i64) -> Result<Vec<Set>> {
    let untracked = Untracked::begin_assignments(conn)?;
    let mut done = Vec::new();
    for set in sets.iter().filter(|s| s.added) {
        for (provenance, customers) in held(conn, set.tag, Some(&set.customers))? {
            let ids = ids_json(&customers);
            conn.execute(
                "DELETE FROM assignments WHERE tag_id = ?1
                 AND customer_id IN (SELECT value FROM json_each(?2))",
                params![set.tag, ids],
            )?;
            untracked.note_tag(conn, set.tag, &ids, false)?;
            history(conn, set.tag, "remove", &provenance, &ids, actor, now)?;
            done.push(Set {
                tag: set.tag,
                added: false,
                provenance,
                customers,
            });
        }
    }
    for set in sets.iter().filter(|s| !s.added) {
        let customers = &set.customers - &holders(conn, set.tag)?;
        if customers.is_empty() {
            continue;
        }
        let ids = ids_json(&customers);
        let p = &set.provenance;
        conn.execute(
            "INSERT INTO assignments(tag_id, customer_id, source, source_ref, actor, at)
             SELECT ?1, j.value, ?2, ?3, ?4, ?5 FROM json_each(?6) j",
            params![set.tag, p.source, p.source_ref, p.actor, p.at, ids],
        )?;
        untracked.note_tag(conn, set.tag, &ids, true)?;
        history(conn, set.tag, "add", p, &ids, actor, now)?;
        done.push(Set {
            tag: set.tag,
            added: true,
            provenance: p.clone(),
            customers,
        });
    }
    untracked.finish(conn, &[], &[])?;
    let mut tags: Vec<i64> = sets.iter().map(|s| s.tag).collect();
    tags.sort_unstable();
    tags.dedup();
    super::stats::recount(conn, &tags)?;
    Ok(done)
}

/// A row per customer in each customer's tag history, noted as an undo.
fn history(
    conn: &Connection,
    tag: i64,
    action: &str,
    provenance: &Provenance,
    ids: &str,
    actor: &str,
    now: i64,
) -> Result<()> {
    conn.execute(
        "INSERT INTO tag_history(customer_id, tag_id, action, source, source_ref, actor, at, note)
         SELECT j.value, ?1, ?2, ?3, ?4, ?5, ?6, 'undo' FROM json_each(?7) j",
        params![
            tag,
            action,
            provenance.source,
            provenance.source_ref,
            actor,
            now,
            ids
        ],
    )?;
    Ok(())
}

/// A set of customer ids as a JSON array for `json_each`.
pub(crate) fn ids_json(ids: &RoaringTreemap) -> String {
    crate::db::ids_json_of(ids.iter(), ids.len())
}
