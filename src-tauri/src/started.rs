//! When the app started, so that it can say how long the customer list took to appear: the
//! start-up benchmark (scripts/bench-start.sh) and the installed package's check read the line.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

pub struct Started {
    at: Instant,
    logged: AtomicBool,
}

impl Started {
    pub fn now() -> Started {
        Started {
            at: Instant::now(),
            logged: AtomicBool::new(false),
        }
    }

    /// Prints the line once; later calls (another database opened) say nothing.
    pub fn list_shown(&self) {
        if !self.logged.swap(true, Ordering::SeqCst) {
            eprintln!(
                "TagDesk: customer list shown {} ms after start",
                self.at.elapsed().as_millis()
            );
        }
    }
}
