//! Moves write-ahead-log checkpoints off the user's path. A bulk operation on a million
//! customers leaves ~200 MB of pages in the WAL; copying them back into the database at
//! commit would add most of a second to the operation. SQLite's automatic checkpoint is
//! therefore set high, and this background worker checkpoints through its own connection
//! while the user reads on.

use super::Worker;
use std::path::PathBuf;
use std::time::Duration;

const EVERY: Duration = Duration::from_secs(3);

pub fn checkpointer(path: PathBuf) -> Worker {
    Worker::spawn("wal-checkpoint", path, EVERY, |conn, _| {
        // PASSIVE never waits for readers or writers; what it cannot copy now it copies later.
        let _ = conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(()));
    })
}
