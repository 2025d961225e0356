//! Who and when, in a form that orders operations across the laptops of a team: a device id
//! made once per database copy, and a hybrid logical clock (wall-clock milliseconds × 65536 plus
//! a counter) that never goes backwards on this device even when the wall clock does.

use crate::db;
use crate::error::Result;
use rand::Rng;
use rusqlite::Connection;

const DEVICE_KEY: &str = "device_id";

/// This copy's device id, made on first use.
pub(crate) fn device(conn: &Connection) -> Result<String> {
    if let Some(id) = db::meta_get(conn, DEVICE_KEY)? {
        return Ok(id);
    }
    let id: String = {
        let mut rng = rand::rng();
        (0..12)
            .map(|_| char::from_digit(rng.random_range(0..16), 16).expect("a hex digit"))
            .collect()
    };
    db::meta_set(conn, DEVICE_KEY, &id)?;
    Ok(id)
}

/// The next clock value: after every operation this copy has seen, and at least now.
pub(crate) fn next(conn: &Connection, now_millis: i64) -> Result<i64> {
    let last: Option<i64> = conn.query_row("SELECT max(hlc) FROM operations", [], |r| r.get(0))?;
    Ok(tick(last, now_millis))
}

fn tick(last: Option<i64>, now_millis: i64) -> i64 {
    let physical = now_millis.saturating_mul(65_536);
    match last {
        Some(last) if last >= physical => last + 1,
        _ => physical,
    }
}

#[cfg(test)]
mod tests {
    use super::tick;

    #[test]
    fn the_clock_never_goes_backwards_when_the_wall_clock_does() {
        let first = tick(None, 1_000);
        let second = tick(Some(first), 900);
        let third = tick(Some(second), 2_000);
        assert!(first < second && second < third);
        assert_eq!(third, 2_000 * 65_536);
    }
}
