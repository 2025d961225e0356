//! The one desk a window's commands share. Commands that change data take turns on it; reads
//! (lists, counts, search, profiles) go to read-only connections and answer while a long job
//! holds the desk; the running job's progress and cancel switch live outside both, so asking
//! never waits. A panic in a command becomes an `internal` error, never a dead IPC call.

use super::{AppStatus, Desk};
use crate::conditions::Index;
use crate::db::Reads;
use crate::error::{Error, ErrorCode, IpcError};
use crate::jobs::Job;
use rusqlite::Connection;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::{Arc, Mutex};

pub struct SharedDesk {
    desk: Mutex<Desk>,
    reads: Arc<Reads>,
    job: Job,
    /// The status as of the last command, answered while a job holds the desk.
    last_status: Mutex<AppStatus>,
}

impl SharedDesk {
    pub fn new(desk: Desk) -> SharedDesk {
        SharedDesk {
            reads: desk.reads(),
            last_status: Mutex::new(desk.status()),
            desk: Mutex::new(desk),
            job: Job::default(),
        }
    }

    /// Runs `f` with the desk once no other command has it.
    pub fn with<T>(&self, f: impl FnOnce(&mut Desk) -> Result<T, Error>) -> Result<T, IpcError> {
        let mut desk = self.desk.lock().unwrap_or_else(|p| p.into_inner());
        let result = guarded(|| f(&mut desk));
        *lock(&self.last_status) = desk.status();
        result
    }

    /// Like [`SharedDesk::with`], for commands that change data: hands over the open
    /// connection and the name recorded as the author of the change.
    pub fn with_actor<T>(
        &self,
        f: impl FnOnce(&mut Connection, &str) -> Result<T, Error>,
    ) -> Result<T, IpcError> {
        self.with(|d| {
            let (conn, actor) = d.conn_as()?;
            f(conn, &actor)
        })
    }

    /// Like [`SharedDesk::with_actor`], for segment commands: also hands over the condition
    /// index, brought up to date with the database.
    pub fn with_index<T>(
        &self,
        f: impl FnOnce(&mut Connection, &Index, &str) -> Result<T, Error>,
    ) -> Result<T, IpcError> {
        self.with(|d| {
            let (conn, index, actor) = d.indexed()?;
            f(conn, index, &actor)
        })
    }

    /// Runs `f` on a read-only connection to the open database, without waiting for the desk.
    pub fn read<T>(&self, f: impl FnOnce(&Connection) -> Result<T, Error>) -> Result<T, IpcError> {
        guarded(|| self.reads.with(f))
    }

    /// Like [`SharedDesk::read`], with the acting user's name (as of the last command).
    pub fn read_as<T>(
        &self,
        f: impl FnOnce(&Connection, &str) -> Result<T, Error>,
    ) -> Result<T, IpcError> {
        let actor = lock(&self.last_status).user_name.clone();
        self.read(|conn| f(conn, &actor))
    }

    /// The current status, or while a job holds the desk the status as of the last command.
    pub fn status(&self) -> AppStatus {
        match self.desk.try_lock() {
            Ok(desk) => {
                let status = desk.status();
                *lock(&self.last_status) = status.clone();
                status
            }
            Err(_) => lock(&self.last_status).clone(),
        }
    }

    /// The running job's progress and cancel switch.
    pub fn job(&self) -> &Job {
        &self.job
    }
}

fn guarded<T>(f: impl FnOnce() -> Result<T, Error>) -> Result<T, IpcError> {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(result) => result.map_err(IpcError::from),
        Err(panic) => Err(IpcError {
            code: ErrorCode::Internal,
            problem: Box::new(crate::problem::Problem::Internal),
            message: panic_text(&panic),
            path: None,
            field: None,
        }),
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

fn panic_text(panic: &Box<dyn std::any::Any + Send>) -> String {
    let text = panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown failure".into());
    format!("internal error: {text}")
}
