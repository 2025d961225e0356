//! A long job's progress and cancel switch, shared between the thread doing the work and the
//! UI asking how far it got. It lives outside the database lock so asking never waits.

use crate::error::{Error, Result};
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

    /// Runs `work` as this job: started, given a progress callback and the cancel flag, and
    /// marked finished however it ends.
    pub fn run<T>(&self, work: impl FnOnce(&dyn Fn(usize, usize), &AtomicBool) -> T) -> T {
        self.start();
        let result = work(&|done, total| self.report(done, total), &self.cancel);
        self.finish();
        result
    }

    pub fn progress(&self) -> JobProgress {
        *self.progress.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn set(&self, value: JobProgress) {
        *self.progress.lock().unwrap_or_else(|e| e.into_inner()) = value;
    }
}

/// Reports `step` of `steps` and stops with [`Error::Cancelled`] when the cancel flag is set:
/// for jobs made of a few big steps inside one transaction, so a cancel changes nothing.
pub fn step(
    progress: &dyn Fn(usize, usize),
    cancel: &AtomicBool,
    step: usize,
    steps: usize,
) -> Result<()> {
    progress(step, steps);
    if cancel.load(Ordering::Relaxed) {
        Err(Error::Cancelled)
    } else {
        Ok(())
    }
}
