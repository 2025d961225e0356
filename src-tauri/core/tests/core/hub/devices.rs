//! How the hub names the team's laptops in its audit trail.

use super::{team, NOW};
use rusqlite::Connection;
use tagdesk_core::hub::{self, members};
use tagdesk_core::team::membership;

/// The names the audit trail gives the entries made from a device (none for entries without one).
fn device_names(conn: &Connection) -> Vec<Option<String>> {
    members::audit(conn, 0, 1000)
        .unwrap()
        .into_iter()
        .filter(|a| a.device.is_some())
        .map(|a| a.device_name)
        .collect()
}

#[test]
fn a_laptop_that_has_pushed_nothing_is_named_and_a_new_name_reaches_the_hub() {
    let mut t = team();
    let name: String = t
        .owner
        .query_row("SELECT device_name FROM team WHERE id = 1", [], |r| {
            r.get(0)
        })
        .unwrap();
    // The owner uploaded the team's copies but had no operation to push.
    let names = device_names(&t.owner);
    assert!(!names.is_empty(), "the uploads are in the audit trail");
    assert!(
        names.iter().all(|n| n.as_deref() == Some(name.as_str())),
        "named {name}: {names:?}"
    );
    membership::set_device(&t.owner, "前台电脑", "王总").unwrap();
    let report = hub::exchange(&mut t.owner, NOW).unwrap();
    assert_eq!(report.sent, 0, "nothing to push");
    assert!(
        device_names(&t.owner)
            .iter()
            .all(|n| n.as_deref() == Some("前台电脑")),
        "the new name: {:?}",
        device_names(&t.owner)
    );
}
