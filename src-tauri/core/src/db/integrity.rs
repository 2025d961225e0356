//! The integrity check of a large database, run on its own connection and thread so the
//! window opens at once; the result is shown when it arrives.

use rusqlite::{Connection, OpenFlags};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

#[derive(Clone, Default)]
pub struct IntegrityCheck {
    state: Arc<Mutex<State>>,
}

#[derive(Clone, Default)]
enum State {
    #[default]
    Running,
    Ok,
    Damaged(String),
}

impl IntegrityCheck {
    /// Starts checking `path` unless it is small enough to have been checked on open.
    pub fn start(path: PathBuf) -> IntegrityCheck {
        let check = IntegrityCheck::default();
        let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
        if size <= super::FULL_CHECK_MAX_BYTES {
            check.set(State::Ok);
            return check;
        }
        let handle = check.clone();
        let spawned = std::thread::Builder::new()
            .name("integrity-check".into())
            .spawn(move || {
                let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
                let outcome = Connection::open_with_flags(&path, flags)
                    .map_err(|e| e.to_string())
                    .and_then(|conn| super::integrity_check(&conn));
                handle.set(match outcome {
                    Ok(()) => State::Ok,
                    Err(detail) => State::Damaged(detail),
                });
            });
        if spawned.is_err() {
            check.set(State::Ok);
        }
        check
    }

    fn set(&self, state: State) {
        *self.state.lock().unwrap_or_else(|p| p.into_inner()) = state;
    }

    /// None while running or when fine; the finding when the file is damaged.
    pub fn damage(&self) -> Option<String> {
        match &*self.state.lock().unwrap_or_else(|p| p.into_inner()) {
            State::Damaged(detail) => Some(detail.clone()),
            _ => None,
        }
    }

    pub fn is_running(&self) -> bool {
        matches!(
            &*self.state.lock().unwrap_or_else(|p| p.into_inner()),
            State::Running
        )
    }
}
