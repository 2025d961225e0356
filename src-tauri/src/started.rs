//! When the app started, so that it can say how long the customer list took to appear: the
//! start-up benchmark (scripts/bench-start.sh) and the installed package's check read the line.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;
use std::time::Instant;

pub struct Started {
    at: Instant,
    logged: AtomicBool,
    /// When the page's process ended and the page is loading again (page_process.rs).
    restarted: Mutex<Option<Instant>>,
}

impl Started {
    pub fn now() -> Started {
        Started {
            at: Instant::now(),
            logged: AtomicBool::new(false),
            restarted: Mutex::new(None),
        }
    }

    /// The page is loading again after its process ended: the next list shown is said again.
    pub fn page_restarted(&self) {
        *self.restarted.lock().unwrap_or_else(|e| e.into_inner()) = Some(Instant::now());
    }

    /// Prints the line once; later calls (another database opened) say nothing, except the
    /// first after the page's process ended, which says how long the page took to come back.
    pub fn list_shown(&self) {
        if let Some(at) = self
            .restarted
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .take()
        {
            eprintln!(
                "TagDesk: customer list shown again {} ms after the page's process ended",
                at.elapsed().as_millis()
            );
        }
        if !self.logged.swap(true, Ordering::SeqCst) {
            eprintln!(
                "TagDesk: customer list shown {} ms after start",
                self.at.elapsed().as_millis()
            );
        }
    }
}
