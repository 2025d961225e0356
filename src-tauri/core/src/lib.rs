//! TagDesk's core: the domain (customers, the tag tree, tagging, …) and its SQLite storage.
//! It knows nothing of Tauri, so everything here is tested with a plain `cargo test`.

pub mod api;
pub mod audit;
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
pub mod import;
pub mod jobs;
pub mod lifecycle;
pub mod prefs;
pub mod rfm;
pub mod rules;
pub mod scores;
pub mod segments;
pub mod spreadsheet;
pub mod tagging;
pub mod tags;
pub mod taxonomy;
mod text;
pub mod value;

pub use error::{Error, ErrorCode, IpcError, Result};
/// The SQLite binding the core works through, for callers that hold a connection.
pub use rusqlite;
