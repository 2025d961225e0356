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
    /// 0 while the step's size is not known (the window shows it working, without a share).
    pub total: i64,
    /// What the job is doing now, for jobs made of unlike steps; None for the others.
    pub step: Option<JobStep>,
}

/// A step of a job made of unlike steps, worded by the window.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export_to = "JobStep.ts")]
pub enum JobStep {
    /// Setting up the hub's schema and sending this laptop's operations.
    HubSetUp,
    /// Copying the database for colleagues to join from.
    HubCopy,
    /// Uploading a copy, a part at a time.
    HubUpload,
    /// Masking contacts in the copy for members without the right.
    HubMask,
    /// Downloading the copy to join from, a part at a time.
    HubDownload,
    /// Receiving and applying what the team did after the copy.
    HubCatchUp,
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
            step: None,
        });
    }

    pub fn report(&self, done: usize, total: usize) {
        let mut p = self.progress.lock().unwrap_or_else(|e| e.into_inner());
        *p = JobProgress {
            running: true,
            done: done as i64,
            total: total as i64,
            step: p.step,
        };
    }

    /// Starts step `step` of `total` units (0: not known).
    pub fn step(&self, step: JobStep, total: usize) {
        self.set(JobProgress {
            running: true,
            done: 0,
            total: total as i64,
            step: Some(step),
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
