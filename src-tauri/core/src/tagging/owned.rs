//! Single-select groups a computation owns (RFM 客户价值, 生命周期): found or created from the
//! starter taxonomy, then brought to the computed state in one batch. The computation
//! replaces any assignment in the group except a manual one, which a person chose on purpose:
//! the same promise rules make ("never remove a manual assignment"), so a salesperson who
//! knows better than the order history is not overruled every night. The run reports how many
//! manual choices it kept so the page can say so.

use super::bulk::{self, Changes, Written};
use super::TagSource;
use crate::error::{Error, Result};
use crate::problem::Problem;
use crate::provenance::BatchAction;
use crate::starter_language::{self, StarterLanguage};
use crate::tags::{self, NewNode, NodeKind, SelectMode, TagOrigin};
use crate::taxonomy::{OWNED_IN_ENGLISH, STARTER_TREE};
use roaring::RoaringBitmap;
use rusqlite::{params, OptionalExtension, Transaction};
use std::collections::HashMap;

/// The id of the starter group `name` and of its tags in taxonomy order, creating whatever is
/// missing (the dimension, the group, tags a user deleted). Nodes are found under their Chinese
/// or English name and created in the database's starter language (see
/// [`crate::starter_language`]): a database created in English gets "RFM customer value".
pub(crate) fn ensure_group(tx: &Transaction, name: &str) -> Result<(i64, Vec<i64>)> {
    let (dim, def) = STARTER_TREE
        .iter()
        .find_map(|d| d.groups.iter().find(|g| g.name == name).map(|g| (d, g)))
        .ok_or_else(|| {
            Error::invalid(
                "group",
                Problem::NotStarterGroup {
                    name: name.to_string(),
                },
            )
        })?;
    let english = OWNED_IN_ENGLISH.iter().find(|e| e.chinese == name);
    let language = match english {
        Some(_) => starter_language::of(tx)?,
        None => StarterLanguage::Chinese,
    };
    // (Chinese, English) of each name; a group without English words is Chinese alone.
    let words = |zh: &'static str, en: Option<&'static str>| (zh, en.unwrap_or(zh));
    let dim_name = words(dim.name, english.map(|e| e.dimension));
    let group_name = words(def.name, english.map(|e| e.group));
    let existing: Option<i64> = tx
        .query_row(
            "SELECT id FROM tag_nodes WHERE kind = 'group' AND name_key IN (?1, ?2)
             AND deleted_at IS NULL ORDER BY id LIMIT 1",
            params![tags::name_key(group_name.0), tags::name_key(group_name.1)],
            |r| r.get(0),
        )
        .optional()?;
    let group = match existing {
        Some(id) => id,
        None => {
            let parent: Option<i64> = tx
                .query_row(
                    "SELECT id FROM tag_nodes WHERE parent_id IS NULL AND kind = 'category'
                     AND name_key IN (?1, ?2) AND deleted_at IS NULL ORDER BY id LIMIT 1",
                    params![tags::name_key(dim_name.0), tags::name_key(dim_name.1)],
                    |r| r.get(0),
                )
                .optional()?;
            let parent = match parent {
                Some(p) => p,
                None => tags::create_node(
                    tx,
                    &NewNode {
                        color: Some(dim.color),
                        ..NewNode::new(None, NodeKind::Category, language.pick(dim_name))
                    },
                )?,
            };
            tags::create_node(
                tx,
                &NewNode {
                    select_mode: Some(SelectMode::Single),
                    meaning: Some(language.pick(words(def.meaning, english.map(|e| e.meaning)))),
                    update_frequency: Some(language.pick(words(
                        def.update_frequency,
                        english.map(|e| e.update_frequency),
                    ))),
                    origin: TagOrigin::Automatic,
                    ..NewNode::new(Some(parent), NodeKind::Group, language.pick(group_name))
                },
            )?
        }
    };
    let mut ids = Vec::new();
    for (i, tag) in def.tags.iter().enumerate() {
        let tag_name = words(tag, english.and_then(|e| e.tags.get(i).copied()));
        let found: Option<i64> = tx
            .query_row(
                "SELECT id FROM tag_nodes WHERE parent_id = ?1 AND kind = 'tag'
                 AND name_key IN (?2, ?3) AND deleted_at IS NULL ORDER BY id LIMIT 1",
                params![
                    group,
                    tags::name_key(tag_name.0),
                    tags::name_key(tag_name.1)
                ],
                |r| r.get(0),
            )
            .optional()?;
        ids.push(match found {
            Some(id) => id,
            None => tags::create_node(
                tx,
                &NewNode {
                    origin: TagOrigin::Automatic,
                    ..NewNode::new(Some(group), NodeKind::Tag, language.pick(tag_name))
                },
            )?,
        });
    }
    Ok((group, ids))
}

/// What settling a group wrote, and how many customers in scope kept a manual tag of it.
#[derive(Debug, Default)]
pub(crate) struct Settled {
    pub written: Written,
    pub kept_manual: i64,
}

/// Brings `group` to `wanted` (tag → customers) for the customers in `scope`: each gets its
/// wanted tag or, when none is wanted, no tag of the group — unless it holds a manual one.
pub(crate) fn settle_group(
    tx: &Transaction,
    group: i64,
    wanted: &HashMap<i64, RoaringBitmap>,
    scope: &RoaringBitmap,
    source: TagSource,
    actor: &str,
    now: i64,
) -> Result<Settled> {
    let mut held: HashMap<i64, (RoaringBitmap, RoaringBitmap)> = HashMap::new();
    let mut stmt = tx.prepare(
        "SELECT a.tag_id, a.customer_id, a.source = 'manual' FROM tag_nodes t
         JOIN assignments a ON a.tag_id = t.id WHERE t.parent_id = ?1 AND t.kind = 'tag'",
    )?;
    let mut rows = stmt.query([group])?;
    while let Some(r) = rows.next()? {
        let (tag, customer, manual): (i64, i64, bool) = (r.get(0)?, r.get(1)?, r.get(2)?);
        let entry = held.entry(tag).or_default();
        entry.0.insert(customer as u32);
        if manual {
            entry.1.insert(customer as u32);
        }
    }
    let manual_any: RoaringBitmap = held
        .values()
        .map(|(_, m)| m)
        .fold(RoaringBitmap::new(), |a, b| a | b);
    let mut changes = Changes::default();
    let mut tags: Vec<i64> = held.keys().chain(wanted.keys()).copied().collect();
    tags.sort_unstable();
    tags.dedup();
    for tag in tags {
        let want = wanted
            .get(&tag)
            .map(|w| &(w & scope) - &manual_any)
            .unwrap_or_default();
        let (holders, manual) = held.get(&tag).cloned().unwrap_or_default();
        changes
            .remove
            .push((tag, &(&(&holders & scope) - &manual) - &want));
        changes.add.push((tag, &want - &holders));
    }
    Ok(Settled {
        written: bulk::write(tx, BatchAction::Add, group, source, actor, now, &changes)?,
        kept_manual: (&manual_any & scope).len() as i64,
    })
}
