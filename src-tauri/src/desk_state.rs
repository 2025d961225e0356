//! The window's one desk (see `tagdesk_core::desk::shared`), reached from async commands: the
//! work runs on the blocking pool, never on the async runtime's few workers, so a long import
//! cannot leave no worker for `job_progress` and `job_cancel`.

use std::sync::Arc;
use tagdesk_core::conditions::Index;
use tagdesk_core::desk::shared::SharedDesk;
use tagdesk_core::desk::Desk;
use tagdesk_core::jobs::Job;
use tagdesk_core::rusqlite::Connection;
use tagdesk_core::{Error, ErrorCode, IpcError};

type Reply<T> = Result<T, IpcError>;

pub struct DeskState(Arc<SharedDesk>);

impl DeskState {
    pub fn new(desk: Desk) -> Self {
        DeskState(Arc::new(SharedDesk::new(desk)))
    }

    /// Closes the database as the app exits (saving the segment index for the next start).
    pub fn close(&self) {
        let _ = self.0.with(|d| {
            d.close();
            Ok(())
        });
    }

    /// Runs `f` with the desk, after any command that has it.
    pub async fn with<T: Send + 'static>(
        &self,
        f: impl FnOnce(&mut Desk) -> Result<T, Error> + Send + 'static,
    ) -> Reply<T> {
        let shared = self.0.clone();
        blocking(move || shared.with(f)).await
    }

    /// Runs `f` with the open connection and the acting user's name.
    pub async fn with_actor<T: Send + 'static>(
        &self,
        f: impl FnOnce(&mut Connection, &str) -> Result<T, Error> + Send + 'static,
    ) -> Reply<T> {
        let shared = self.0.clone();
        blocking(move || shared.with_actor(f)).await
    }

    /// Runs `f` with the connection, the condition index and the acting user's name.
    pub async fn with_index<T: Send + 'static>(
        &self,
        f: impl FnOnce(&mut Connection, &Index, &str) -> Result<T, Error> + Send + 'static,
    ) -> Reply<T> {
        let shared = self.0.clone();
        blocking(move || shared.with_index(f)).await
    }

    /// Runs `f` with the desk and the job that reports its progress and hears cancel.
    pub async fn with_job<T: Send + 'static>(
        &self,
        f: impl FnOnce(&mut Desk, &Job) -> Result<T, Error> + Send + 'static,
    ) -> Reply<T> {
        let shared = self.0.clone();
        blocking(move || shared.with(|d| f(d, shared.job()))).await
    }

    /// Runs `f` on a read-only connection: answers while a job holds the desk.
    pub async fn read<T: Send + 'static>(
        &self,
        f: impl FnOnce(&Connection) -> Result<T, Error> + Send + 'static,
    ) -> Reply<T> {
        let shared = self.0.clone();
        blocking(move || shared.read(f)).await
    }

    /// Like [`DeskState::read`], with the acting user's name.
    pub async fn read_as<T: Send + 'static>(
        &self,
        f: impl FnOnce(&Connection, &str) -> Result<T, Error> + Send + 'static,
    ) -> Reply<T> {
        let shared = self.0.clone();
        blocking(move || shared.read_as(f)).await
    }

    /// Runs `f` with the parts of the shared desk that never wait for it (the status and the
    /// job), so these answer at once while a job runs.
    pub async fn at_once<T>(&self, f: impl FnOnce(&SharedDesk) -> T) -> Reply<T> {
        Ok(f(&self.0))
    }
}

/// Runs `f` on the blocking pool.
pub async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> Reply<T> + Send + 'static,
) -> Reply<T> {
    tauri::async_runtime::spawn_blocking(f)
        .await
        .unwrap_or_else(|e| {
            Err(IpcError {
                code: ErrorCode::Internal,
                problem: Box::new(tagdesk_core::Problem::Internal),
                message: format!("internal error: {e}"),
                path: None,
                field: None,
            })
        })
}
