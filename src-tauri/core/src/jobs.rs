//! A long job's progress and cancel switch, shared between the thread doing the work and the
//! UI asking how far it got. It lives outside the database lock so asking never waits.

use serde::Serialize;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;
use ts_rs::TS;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, TS)]
#[ts(export_to = "JobProgress.ts")]
pub struct JobProgress {
    pub running: bool,
    pub done: i64,
    pub total: i64,
}

#[derive(Default)]
pub struct Job {
    progress: Mutex<JobProgress>,
    cancel: AtomicBool,
}

impl Job {
    /// Marks a job as started, clearing any earlier cancel.
    pub fn start(&self) {
        self.cancel.store(false, Ordering::Relaxed);
        self.set(JobProgress {
            running: true,
            done: 0,
            total: 0,
        });
    }

    pub fn report(&self, done: usize, total: usize) {
        self.set(JobProgress {
            running: true,
            done: done as i64,
            total: total as i64,
        });
    }

    pub fn finish(&self) {
        let mut p = self.progress.lock().unwrap_or_else(|e| e.into_inner());
        p.running = false;
    }

    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }

    pub fn cancel_flag(&self) -> &AtomicBool {
        &self.cancel
    }

    pub fn progress(&self) -> JobProgress {
        *self.progress.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn set(&self, value: JobProgress) {
        *self.progress.lock().unwrap_or_else(|e| e.into_inner()) = value;
    }
}
