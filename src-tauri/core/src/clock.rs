//! The one place that reads the wall clock, so time-based logic can be tested with a fixed time.

/// Names a fixed time (unix seconds) for every `now()` of the process: a script or test that
/// compares a run with a rerun (the crash test reruns RFM at the next opening) gets the same
/// classes from both, whatever the wall clock did in between.
pub const FIXED_NOW: &str = "TAGDESK_NOW";

/// Current time as unix seconds ([`FIXED_NOW`] when set).
pub fn now() -> i64 {
    std::env::var(FIXED_NOW)
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or_else(|| chrono::Utc::now().timestamp())
}
