//! Connections that only read, so lists, counts and search answer while a long job holds the
//! desk and writes: under WAL a reader sees the last commit and never waits for the writer.
//! The desk points them at the database it has open and closes them before it lets go of a
//! file (a restore must not find another connection on the old file).

use crate::error::{Error, Result};
use rusqlite::{Connection, OpenFlags};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Connections kept open between reads; more are opened while this many are busy.
const KEEP: usize = 2;

#[derive(Default)]
pub struct Reads {
    state: Mutex<State>,
}

#[derive(Default)]
struct State {
    /// The database the desk has open, if any.
    target: Option<PathBuf>,
    /// Changes whenever the target does; a connection of an earlier generation is dropped.
    generation: u64,
    idle: Vec<Idle>,
}

struct Idle {
    generation: u64,
    conn: Connection,
}

impl Reads {
    /// Points later reads at `path` (or at nothing) and closes the idle connections.
    pub fn retarget(&self, path: Option<&Path>) {
        let mut state = self.lock();
        state.target = path.map(Path::to_path_buf);
        state.generation += 1;
        state.idle.clear();
    }

    /// Runs `read` on a read-only connection to the open database.
    pub fn with<T>(&self, read: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        let (generation, conn) = self.take()?;
        let result = read(&conn);
        self.give_back(generation, conn);
        result
    }

    fn take(&self) -> Result<(u64, Connection)> {
        let (generation, path) = {
            let mut state = self.lock();
            let generation = state.generation;
            if let Some(idle) = state.idle.pop() {
                return Ok((generation, idle.conn));
            }
            (generation, state.target.clone().ok_or(Error::NoDatabase)?)
        };
        Ok((generation, open(&path)?))
    }

    fn give_back(&self, generation: u64, conn: Connection) {
        let mut state = self.lock();
        if state.generation == generation && state.idle.len() < KEEP {
            state.idle.push(Idle { generation, conn });
        }
        state.idle.retain(|i| i.generation == generation);
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// A connection that may read and never write (`query_only`), with the functions search
/// needs. The desk's own connection has already checked and migrated the file.
fn open(path: &Path) -> Result<Connection> {
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = super::connect(path, flags)?;
    super::configure_reading(&conn)?;
    conn.pragma_update(None, "query_only", true)?;
    // Lists and counts touch a page or a search's worth of rows, not a bulk job's.
    conn.pragma_update(None, "cache_size", -16 * 1024)?;
    Ok(conn)
}
