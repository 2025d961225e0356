//! The one `Desk` the commands share, behind a lock that also keeps panics on this side of IPC.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Mutex;
use tagdesk_core::desk::Desk;
use tagdesk_core::{Error, ErrorCode, IpcError};

pub struct DeskState(Mutex<Desk>);

impl DeskState {
    pub fn new(desk: Desk) -> Self {
        DeskState(Mutex::new(desk))
    }

    /// Runs `f` with the desk. A core error becomes a typed `IpcError`; a panic becomes an
    /// `internal` error instead of a dead IPC call, and the lock stays usable afterwards.
    pub fn with<T>(&self, f: impl FnOnce(&mut Desk) -> Result<T, Error>) -> Result<T, IpcError> {
        let mut desk = self
            .0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        match catch_unwind(AssertUnwindSafe(|| f(&mut desk))) {
            Ok(result) => result.map_err(IpcError::from),
            Err(panic) => Err(IpcError {
                code: ErrorCode::Internal,
                message: panic_text(&panic),
                path: None,
                field: None,
            }),
        }
    }
}

impl DeskState {
    /// Like [`DeskState::with`], for commands that change data: hands over the open connection
    /// and the name recorded as the author of the change.
    pub fn with_actor<T>(
        &self,
        f: impl FnOnce(&mut tagdesk_core::rusqlite::Connection, &str) -> Result<T, Error>,
    ) -> Result<T, IpcError> {
        self.with(|d| {
            let (conn, actor) = d.conn_as()?;
            f(conn, &actor)
        })
    }
}

impl DeskState {
    /// Like [`DeskState::with_actor`], for segment commands: also hands over the condition
    /// index, brought up to date with the database.
    pub fn with_index<T>(
        &self,
        f: impl FnOnce(
            &mut tagdesk_core::rusqlite::Connection,
            &tagdesk_core::conditions::Index,
            &str,
        ) -> Result<T, Error>,
    ) -> Result<T, IpcError> {
        self.with(|d| {
            let (conn, index, actor) = d.indexed()?;
            f(conn, index, &actor)
        })
    }
}

fn panic_text(panic: &Box<dyn std::any::Any + Send>) -> String {
    let text = panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown failure".into());
    format!("internal error: {text}")
}
