//! Everything a customer's page shows: attributes, tags grouped by group, tag history, events.

use super::history_note::HistoryNote;
use super::record;
use super::Customer;
use crate::error::Result;
use crate::provenance::{ChangeSource, TagAction};
use crate::tags::{self, SelectMode, TagNode};
use rusqlite::Connection;
use serde::Serialize;
use std::collections::HashMap;
use ts_rs::TS;

const RECENT: i64 = 200;

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export_to = "CustomerProfile.ts")]
pub struct CustomerProfile {
    pub customer: Customer,
    pub tag_groups: Vec<ProfileTagGroup>,
    /// Newest first, at most 200.
    pub history: Vec<HistoryEntry>,
    /// Newest first, at most 200.
    pub events: Vec<EventEntry>,
    pub event_count: i64,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export_to = "ProfileTagGroup.ts")]
pub struct ProfileTagGroup {
    /// None for tags placed directly under a category.
    pub group_id: Option<i64>,
    /// "基础属性 / 客户等级"
    pub path: String,
    pub select_mode: Option<SelectMode>,
    pub tags: Vec<ProfileTag>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export_to = "ProfileTag.ts")]
pub struct ProfileTag {
    pub id: i64,
    pub name: String,
    pub color: String,
    pub source: ChangeSource,
    /// The rule that gave the tag, when a rule did.
    pub rule_name: Option<String>,
    pub actor: String,
    pub at: i64,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export_to = "HistoryEntry.ts")]
pub struct HistoryEntry {
    pub id: i64,
    pub tag_id: i64,
    /// Full path of the tag as it is named today: renames keep history readable.
    pub tag_path: String,
    pub action: TagAction,
    pub source: ChangeSource,
    pub source_ref: Option<i64>,
    /// The rule's name when `source` is a rule and the rule still exists.
    pub rule_name: Option<String>,
    pub actor: String,
    pub at: i64,
    /// Why, when it was not a plain add or remove; typed, so the UI words it.
    pub note: Option<HistoryNote>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export_to = "EventEntry.ts")]
pub struct EventEntry {
    pub id: i64,
    pub kind: String,
    pub occurred_at: i64,
    pub amount: Option<f64>,
    /// JSON object of the event's properties.
    pub properties: String,
}

pub fn profile(conn: &Connection, id: i64) -> Result<CustomerProfile> {
    let customer = record::get(conn, id)?;
    let nodes = tags::load_nodes(conn)?;
    let by_id: HashMap<i64, &TagNode> = nodes.iter().map(|n| (n.id, n)).collect();
    let path = |id: i64| tags::path_of(&by_id, id);
    let rule_names: HashMap<i64, String> = conn
        .prepare("SELECT id, name FROM rules")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let rule_name = |source: ChangeSource, source_ref: Option<i64>| {
        source_ref
            .filter(|_| source == ChangeSource::Rule)
            .and_then(|id| rule_names.get(&id).cloned())
    };

    let mut groups: Vec<ProfileTagGroup> = Vec::new();
    let mut stmt = conn.prepare(
        "SELECT a.tag_id, a.source, a.source_ref, a.actor, a.at FROM assignments a
         JOIN tag_nodes n ON n.id = a.tag_id WHERE a.customer_id = ?1
         ORDER BY n.parent_id, n.position",
    )?;
    let rows = stmt.query_map([id], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, ChangeSource>(1)?,
            r.get(2)?,
            r.get(3)?,
            r.get(4)?,
        ))
    })?;
    for row in rows {
        let (tag_id, source, source_ref, actor, at) = row?;
        let Some(tag) = by_id.get(&tag_id) else {
            continue;
        };
        let parent = tag.parent_id.and_then(|p| by_id.get(&p));
        let group_id = parent
            .filter(|p| p.kind == tags::NodeKind::Group)
            .map(|p| p.id);
        let entry = ProfileTag {
            id: tag_id,
            name: tag.name.clone(),
            color: tag.effective_color.clone(),
            rule_name: rule_name(source, source_ref),
            source,
            actor,
            at,
        };
        match groups
            .iter_mut()
            .find(|g| g.group_id == group_id && group_id.is_some())
        {
            Some(g) => g.tags.push(entry),
            None => groups.push(ProfileTagGroup {
                group_id,
                path: tag.parent_id.map(&path).unwrap_or_default(),
                select_mode: parent.and_then(|p| p.select_mode),
                tags: vec![entry],
            }),
        }
    }

    // Single changes live in tag_history; batches list their members. CROSS JOIN keeps the
    // batches as the outer loop so each is one probe of the member list's key.
    let mut stmt = conn.prepare(
        "SELECT id, tag_id, action, source, source_ref, actor, at, note FROM (
             SELECT h.id, h.tag_id, h.action, h.source, h.source_ref, h.actor, h.at, h.note
             FROM tag_history h WHERE h.customer_id = ?1
             UNION ALL
             SELECT -b.id, m.tag_id, m.action, b.source, b.source_ref, b.actor, b.at,
                    CASE WHEN b.undoes IS NOT NULL THEN 'undo:' || b.undoes
                         WHEN b.action = 'add' AND m.action = 'remove'
                              THEN 'replaced'
                    END
             FROM tag_batches b CROSS JOIN tag_batch_members m
               ON m.batch_id = b.id AND m.customer_id = ?1)
         ORDER BY at DESC, id DESC LIMIT ?2",
    )?;
    let history = stmt
        .query_map(rusqlite::params![id, RECENT], |r| {
            Ok(HistoryEntry {
                id: r.get(0)?,
                tag_id: r.get(1)?,
                tag_path: String::new(),
                action: r.get(2)?,
                source: r.get(3)?,
                source_ref: r.get(4)?,
                rule_name: None,
                actor: r.get(5)?,
                at: r.get(6)?,
                note: HistoryNote::parse(r.get::<_, Option<String>>(7)?.as_deref()),
            })
        })?
        .map(|h| {
            h.map(|h| HistoryEntry {
                tag_path: path(h.tag_id),
                rule_name: rule_name(h.source, h.source_ref),
                ..h
            })
        })
        .collect::<rusqlite::Result<Vec<_>>>()?;

    let mut stmt = conn.prepare(
        "SELECT id, kind, occurred_at, amount, properties FROM events
         WHERE customer_id = ?1 ORDER BY occurred_at DESC, id DESC LIMIT ?2",
    )?;
    let events = stmt
        .query_map(rusqlite::params![id, RECENT], |r| {
            Ok(EventEntry {
                id: r.get(0)?,
                kind: r.get(1)?,
                occurred_at: r.get(2)?,
                amount: r.get(3)?,
                properties: r.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let event_count = conn.query_row(
        "SELECT count(*) FROM events WHERE customer_id = ?1",
        [id],
        |r| r.get(0),
    )?;
    Ok(CustomerProfile {
        customer,
        tag_groups: groups,
        history,
        events,
        event_count,
    })
}
