//! Moves write-ahead-log checkpoints off the user's path. A bulk operation on a million
//! customers leaves ~200 MB of pages in the WAL; copying them back into the database at
//! commit would add most of a second to the operation. SQLite's automatic checkpoint is
//! therefore set high, and this background thread checkpoints through its own connection
//! while the user reads on.

use rusqlite::{Connection, OpenFlags};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::Duration;

const EVERY: Duration = Duration::from_secs(3);

/// A running checkpoint thread; stops when dropped.
pub struct Checkpointer {
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl Checkpointer {
    pub fn spawn(path: PathBuf) -> Checkpointer {
        let stop = Arc::new(AtomicBool::new(false));
        let flag = stop.clone();
        let thread = std::thread::Builder::new()
            .name("wal-checkpoint".into())
            .spawn(move || run(path, flag))
            .ok();
        Checkpointer { stop, thread }
    }
}

fn run(path: PathBuf, stop: Arc<AtomicBool>) {
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let Ok(conn) = Connection::open_with_flags(&path, flags) else {
        return;
    };
    while !stop.load(Ordering::Relaxed) {
        std::thread::park_timeout(EVERY);
        if stop.load(Ordering::Relaxed) {
            break;
        }
        // PASSIVE never waits for readers or writers; what it cannot copy now it copies later.
        let _ = conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(()));
    }
}

impl Drop for Checkpointer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(thread) = self.thread.take() {
            thread.thread().unpark();
            let _ = thread.join();
        }
    }
}
