//! Who goes first at SQLite's one write lock: the user's jobs, then the app's own background
//! writes (the search catch-up). SQLite cannot tell: a job that finds the lock taken sleeps in
//! its busy handler (up to 100 ms a time) and retries, and a background writer that releases
//! the lock and takes it again at once for its next step wins nearly every retry, so the job
//! waited out the whole backlog and failed after five seconds with "database is locked". The
//! desk therefore claims the database each time it hands out its connection, and background
//! writers wait between their steps until no claim is recent.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How long after the desk last handed out its connection the background keeps waiting: a
/// job's transactions follow one another within milliseconds.
const QUIET: Duration = Duration::from_millis(1_000);

/// How often a waiting background writer looks again.
const POLL: Duration = Duration::from_millis(50);

/// The desk's claims on the database, shared with its background writers.
#[derive(Clone, Default)]
pub struct UserFirst {
    last_claim: Arc<Mutex<Option<Instant>>>,
}

impl UserFirst {
    /// The user's work is about to use the database: background writers hold off.
    pub fn claim(&self) {
        *self.last_claim.lock().unwrap_or_else(|p| p.into_inner()) = Some(Instant::now());
    }

    /// Whether the desk claimed the database in the last [`QUIET`].
    pub fn claimed(&self) -> bool {
        self.last_claim
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .is_some_and(|at| at.elapsed() < QUIET)
    }

    /// For background writers, between steps: returns once no claim is recent (or `stop`).
    pub fn wait_turn(&self, stop: &AtomicBool) {
        while self.claimed() && !stop.load(Ordering::Relaxed) {
            std::thread::sleep(POLL);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_claim_holds_the_background_off_for_a_while_then_lets_it_go() {
        let user = UserFirst::default();
        assert!(!user.claimed(), "no claim yet");
        user.claim();
        assert!(user.claimed());
        let started = Instant::now();
        user.wait_turn(&AtomicBool::new(false));
        assert!(started.elapsed() >= QUIET - POLL, "waited out the claim");
        assert!(!user.claimed());
    }
}
