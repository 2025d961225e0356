//! An in-memory index of what conditions ask about: one bitmap per tag, attribute columns by
//! customer id, events by kind and time. Built from SQLite (the source of truth) and kept in
//! step with it by `sync`; counts of nested conditions then take milliseconds at a million
//! customers where the same questions in SQL take tenths of a second.

mod columns;
mod events;
mod load;
mod sync;

pub use columns::{FreeTextColumn, MultiColumn, NumberColumn, TextColumn};
pub use events::{parse_properties, EventQuery, Events};

use super::fields::ValueKind;
use crate::error::Result;
use roaring::RoaringBitmap;
use rusqlite::Connection;
use std::collections::HashMap;

/// One field's values.
pub enum Column {
    Text(TextColumn),
    FreeText(FreeTextColumn),
    Number(NumberColumn),
    Multi(MultiColumn),
}

pub struct Index {
    /// Customers not deleted: every answer is a subset.
    pub universe: RoaringBitmap,
    pub tags: HashMap<i64, RoaringBitmap>,
    /// Group id → the ids of its tags.
    pub groups: HashMap<i64, Vec<i64>>,
    pub weights: HashMap<i64, f64>,
    /// Sum of tag weights by customer id.
    pub scores: Vec<f64>,
    pub columns: HashMap<String, (ValueKind, Column)>,
    pub events: Events,
    data_version: i64,
}

impl Index {
    /// Reads everything from the database; installs the change tracking first so nothing
    /// written afterwards is missed.
    pub fn build(conn: &Connection) -> Result<Index> {
        sync::track_changes(conn)?;
        sync::forget_changes(conn)?;
        let mut index = Index {
            universe: RoaringBitmap::new(),
            tags: HashMap::new(),
            groups: HashMap::new(),
            weights: HashMap::new(),
            scores: Vec::new(),
            columns: load::empty_columns(conn)?,
            events: Events::default(),
            data_version: sync::data_version(conn)?,
        };
        load::customers(conn, &mut index, false)?;
        load::custom_values(conn, &mut index, false)?;
        load::tree(conn, &mut index)?;
        load::assignments(conn, &mut index)?;
        index.recompute_scores();
        index.events = load::events(conn)?;
        Ok(index)
    }

    /// Brings the index up to date with what was written since it was built or last refreshed.
    pub fn refresh(&mut self, conn: &Connection) -> Result<()> {
        sync::refresh(self, conn)
    }

    pub fn tag(&self, tag_id: i64) -> RoaringBitmap {
        self.tags.get(&tag_id).cloned().unwrap_or_default()
    }

    pub fn score(&self, id: u32) -> f64 {
        self.scores.get(id as usize).copied().unwrap_or(0.0)
    }

    pub fn column(&self, key: &str) -> Option<&(ValueKind, Column)> {
        self.columns.get(key)
    }

    pub fn column_mut(&mut self, key: &str) -> Option<&mut (ValueKind, Column)> {
        self.columns.get_mut(key)
    }

    fn recompute_scores(&mut self) {
        let len = self.universe.max().map_or(0, |m| m as usize + 1);
        self.scores = vec![0.0; len];
        for (tag, set) in &self.tags {
            let w = self.weights.get(tag).copied().unwrap_or(0.0);
            if w != 0.0 {
                for id in set {
                    add_score(&mut self.scores, id, w);
                }
            }
        }
    }
}

fn add_score(scores: &mut Vec<f64>, id: u32, w: f64) {
    if scores.len() <= id as usize {
        scores.resize(id as usize + 1, 0.0);
    }
    scores[id as usize] += w;
}
