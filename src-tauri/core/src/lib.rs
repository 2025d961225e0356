//! TagDesk's core: the domain (customers, the tag tree, tagging, …) and its SQLite storage.
//! It knows nothing of Tauri, so everything here is tested with a plain `cargo test`.

/// Every program built on the core (the app, its command-line tools, the benchmarks) allocates
/// through mimalloc: an import's reading thread allocates the cells the importing thread frees,
/// and glibc's allocator spent a quarter of an import consolidating its arenas over that
/// (100,000-row import: 3.7 s → 2.8 s, docs/BENCHMARKS.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

pub mod api;
pub mod attributes;
pub mod audit;
pub mod calendar;
pub mod clock;
pub mod conditions;
pub mod custom_fields;
pub mod customers;
pub mod db;
pub mod demo;
pub mod desk;
pub mod error;
pub mod events;
pub mod export;
pub mod follow_up;
pub mod health;
pub mod hub;
pub mod import;
pub mod interrupted;
pub mod jobs;
pub mod lifecycle;
pub mod operations;
pub mod prefs;
pub mod problem;
pub mod provenance;
pub mod rfm;
pub mod rules;
pub mod scores;
pub mod search_index;
pub mod segments;
pub mod spreadsheet;
pub mod starter_language;
pub mod tag_usage;
pub mod tagging;
pub mod tags;
pub mod taxonomy;
pub mod team;
mod text;
pub mod value;
pub mod work;
pub mod write_lock;
pub mod write_targets;

pub use error::{Error, ErrorCode, IpcError, Result};
pub use problem::{Language, Problem};
/// The SQLite binding the core works through, for callers that hold a connection.
pub use rusqlite;
