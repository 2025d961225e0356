//! The one place that reads the wall clock, so time-based logic can be tested with a fixed time.

/// Current time as unix seconds.
pub fn now() -> i64 {
    chrono::Utc::now().timestamp()
}
