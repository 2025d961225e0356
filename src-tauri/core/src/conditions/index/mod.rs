//! An in-memory index of what conditions ask about: one bitmap per tag, attribute columns by
//! customer id, events by kind and time. Built from SQLite (the source of truth) and kept in
//! step with it by `sync`; counts of nested conditions then take milliseconds at a million
//! customers where the same questions in SQL take tenths of a second.

mod codec;
mod columns;
mod events;
mod load;
mod saved;
mod sealing;
mod sync;

pub use columns::{FreeTextColumn, MultiColumn, NumberColumn, TextColumn};
pub use events::{parse_properties, EventQuery, Events};
pub use saved::file_of as saved_file_of;
pub use sync::Untracked;

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

impl Column {
    fn shrink(&mut self) {
        match self {
            Column::Text(c) => c.codes.shrink_to_fit(),
            Column::FreeText(c) => {
                c.bytes.shrink_to_fit();
                c.spans.shrink_to_fit();
            }
            Column::Number(c) => c.values.shrink_to_fit(),
            Column::Multi(_) => {}
        }
    }
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
    /// How long each part of the last full build took (seconds), for the benchmark.
    pub build_times: Vec<(&'static str, f64)>,
    /// The stamp of the saved file this index was read from or last saved to.
    saved: Option<u64>,
    /// Read from the saved file rather than built from the tables.
    restored: bool,
}

impl Index {
    /// Reads everything from the database; installs the change tracking first so nothing
    /// written afterwards is missed.
    pub fn build(conn: &Connection) -> Result<Index> {
        sync::track_changes(conn)?;
        sync::forget_changes(conn)?;
        Self::load(conn)
    }

    /// Starts building the index of the database `conn` has open on another thread, with a
    /// connection of its own, so opening a large database does not wait for it: read from the
    /// saved file when the database proves it matches, otherwise from the tables. Changes made
    /// through `conn` meanwhile are tracked from now and applied by [`Pending::finish`].
    pub fn build_in_background(conn: &Connection, path: &std::path::Path) -> Result<Pending> {
        sync::track_changes(conn)?;
        sync::forget_changes(conn)?;
        // Read before the stamp: a commit by anyone else from here on changes it, and the
        // finished index is then rebuilt rather than trusted.
        let data_version = sync::data_version(conn)?;
        let stamp = saved::expected_stamp(conn);
        let path = path.to_path_buf();
        let handle = std::thread::spawn(move || -> Result<Index> {
            wait_at_test_gate();
            if let Some(stamp) = stamp {
                if let Ok(index) = saved::read(&saved::file_of(&path), stamp) {
                    return Ok(index);
                }
            }
            let flags = rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY
                | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX;
            let reader = crate::db::connect(&path, flags)?;
            reader.busy_timeout(std::time::Duration::from_secs(30))?;
            Self::load(&reader)
        });
        Ok(Pending {
            handle,
            data_version,
        })
    }

    /// Reads everything; the caller has installed change tracking on the writing connection.
    fn load(conn: &Connection) -> Result<Index> {
        let mut index = Index {
            universe: RoaringBitmap::new(),
            tags: HashMap::new(),
            groups: HashMap::new(),
            weights: HashMap::new(),
            scores: Vec::new(),
            columns: load::empty_columns(conn)?,
            events: Events::default(),
            data_version: sync::data_version(conn)?,
            build_times: Vec::new(),
            saved: None,
            restored: false,
        };
        let mut clock = std::time::Instant::now();
        let mut lap = |index: &mut Index, part: &'static str| {
            index
                .build_times
                .push((part, clock.elapsed().as_secs_f64()));
            clock = std::time::Instant::now();
        };
        // The events, the largest part, are read on a second core while this thread reads
        // the customers and the tags (one core when the database is in memory).
        std::thread::scope(|scope| -> Result<()> {
            let events = load::second_reader(conn).map(|reader| {
                scope.spawn(move || {
                    let started = std::time::Instant::now();
                    let events = load::events(&reader);
                    return_freed_memory();
                    events.map(|e| (e, started.elapsed().as_secs_f64()))
                })
            });
            load::customers(conn, &mut index, false)?;
            lap(&mut index, "customers");
            load::custom_values(conn, &mut index, false)?;
            // Columns grew by doubling; what they never filled is returned.
            index.columns.values_mut().for_each(|(_, c)| c.shrink());
            load::tree(conn, &mut index)?;
            load::assignments(conn, &mut index)?;
            lap(&mut index, "assignments");
            index.recompute_scores();
            lap(&mut index, "scores");
            match events {
                Some(reading) => {
                    let (events, secs) = reading.join().expect("the events reader panicked")?;
                    index.events = events;
                    lap(&mut index, "events (waited for)");
                    index.build_times.push(("events (read alongside)", secs));
                }
                None => {
                    index.events = load::events(conn)?;
                    lap(&mut index, "events");
                }
            }
            Ok(())
        })?;
        return_freed_memory();
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

/// End-to-end tests of "loading is not emptiness" need a database whose index takes as long
/// as they choose: in debug builds, while the file named by `TAGDESK_TEST_INDEX_GATE` exists
/// the background build waits, and the test removes the file to let it finish. Release
/// builds have no such gate.
fn wait_at_test_gate() {
    #[cfg(debug_assertions)]
    if let Some(gate) = std::env::var_os("TAGDESK_TEST_INDEX_GATE") {
        while std::path::Path::new(&gate).exists() {
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
    }
}

/// Hands the memory the build freed (the columns as read, before sorting) back to the system
/// now: mimalloc would keep it for reuse for a while, and the process's peak is what counts.
fn return_freed_memory() {
    extern "C" {
        fn mi_collect(force: bool);
    }
    // SAFETY: `mi_collect` is part of mimalloc's C API, linked in as the global allocator
    // (crate root); it takes no pointers and may be called from any thread at any time.
    unsafe { mi_collect(true) }
}

fn add_score(scores: &mut Vec<f64>, id: u32, w: f64) {
    if scores.len() <= id as usize {
        scores.resize(id as usize + 1, 0.0);
    }
    scores[id as usize] += w;
}

/// An index being built on another thread.
pub struct Pending {
    handle: std::thread::JoinHandle<Result<Index>>,
    /// `conn`'s data version when the build started.
    data_version: i64,
}

impl Pending {
    /// Waits for the build and applies what `conn` changed meanwhile; if the build failed, or
    /// another connection committed since it started (its change may be missing), builds here
    /// instead.
    pub fn finish(self, conn: &Connection) -> Result<Index> {
        match self.handle.join() {
            Ok(Ok(mut index)) => {
                // The reader's data version means nothing to this connection.
                index.data_version = sync::data_version(conn)?;
                if index.data_version != self.data_version {
                    return Index::build(conn);
                }
                index.refresh(conn)?;
                Ok(index)
            }
            _ => Index::build(conn),
        }
    }
}
