//! Threads that work on the open database through a connection of their own, off the user's
//! path: right away, then every so often or when nudged.

use rusqlite::{Connection, OpenFlags};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::Duration;

/// A running worker; stops (and waits for its current piece of work) when dropped.
pub struct Worker {
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl Worker {
    /// Runs `work(connection, stop)` on a thread named `name`: now, then `every` or when
    /// nudged. Long work should return soon after `stop` is set.
    pub fn spawn(
        name: &str,
        path: PathBuf,
        every: Duration,
        work: impl FnMut(&mut Connection, &AtomicBool) + Send + 'static,
    ) -> Worker {
        let stop = Arc::new(AtomicBool::new(false));
        let flag = stop.clone();
        let thread = std::thread::Builder::new()
            .name(name.into())
            .spawn(move || run(path, every, &flag, work))
            .ok();
        Worker { stop, thread }
    }

    /// Has the worker start its work now instead of at its next turn.
    pub fn nudge(&self) {
        if let Some(thread) = &self.thread {
            thread.thread().unpark();
        }
    }
}

fn run(
    path: PathBuf,
    every: Duration,
    stop: &AtomicBool,
    mut work: impl FnMut(&mut Connection, &AtomicBool),
) {
    // A file open read-only gets no background writes.
    if !super::files::writable(&path) {
        return;
    }
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let Ok(mut conn) = super::connect(&path, flags) else {
        return;
    };
    if conn.busy_timeout(Duration::from_secs(5)).is_err() {
        return;
    }
    while !stop.load(Ordering::Relaxed) {
        work(&mut conn, stop);
        std::thread::park_timeout(every);
    }
}

impl Drop for Worker {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(thread) = self.thread.take() {
            thread.thread().unpark();
            let _ = thread.join();
        }
    }
}
