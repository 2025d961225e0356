//! The customers import as shops use it: the same file every month, files from other systems
//! with totals rows and rows without a phone, and a preview that says exactly what the run
//! will do.

mod reimport;
mod same_plan;
mod shop_files;

use rusqlite::Connection;
use std::path::PathBuf;
use tagdesk_core::import::{self, ImportReport, ImportSpec};

/// Writes `rows` as a CSV file called `name` in `dir`.
pub fn csv(dir: &tempfile::TempDir, name: &str, rows: &[&[&str]]) -> PathBuf {
    let path = dir.path().join(name);
    let mut w = csv::Writer::from_path(&path).unwrap();
    let width = rows.iter().map(|r| r.len()).max().unwrap_or(0);
    for row in rows {
        let mut cells: Vec<&str> = row.to_vec();
        cells.resize(width, "");
        w.write_record(&cells).unwrap();
    }
    w.flush().unwrap();
    path
}

/// Runs `spec` as the app does: on a connection whose changes the condition index tracks.
pub fn run(conn: &mut Connection, spec: &ImportSpec) -> tagdesk_core::Result<ImportReport> {
    tagdesk_core::conditions::index::Index::build(conn).unwrap();
    import::run(conn, spec, "t", &|_, _| {}, &Default::default())
}
