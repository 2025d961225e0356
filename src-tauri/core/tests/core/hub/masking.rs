//! Masked contacts: a member without the right never receives a raw phone or e-mail, neither
//! in the copy they join from nor in what they pull afterwards (checked in the bytes that reach
//! their laptop).

use super::{file_bytes, new_customer, team, NOW};
use rusqlite::Connection;
use tagdesk_core::customers as cust;
use tagdesk_core::hub::{self, masking::mask, HubRole};

fn contacts(conn: &Connection) -> Vec<String> {
    let mut stmt = conn
        .prepare(
            "SELECT phone FROM customers WHERE phone IS NOT NULL
             UNION SELECT email FROM customers WHERE email IS NOT NULL",
        )
        .unwrap();
    stmt.query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

fn leaked<'a>(bytes: &[u8], values: &'a [String]) -> Vec<&'a String> {
    values
        .iter()
        .filter(|v| bytes.windows(v.len()).any(|w| w == v.as_bytes()))
        .collect()
}

#[test]
fn a_viewer_receives_contacts_masked_in_the_join_and_in_every_pull() {
    let mut t = team();
    // Contacts written several ways before the viewer joins: created, edited, then exchanged.
    let made = new_customer(&t.owner, "林小姐", "13911112222");
    let mut input = cust::get(&t.owner, made).unwrap().input;
    input.phone = Some("13933334444".into());
    cust::update(&t.owner, made, &input, "t").unwrap();
    hub::exchange(&mut t.owner, NOW).unwrap();
    hub::upload_snapshot(&mut t.owner, NOW).unwrap();

    let viewer = t.add("zhao", HubRole::Viewer, None);
    let editor = t.add("li", HubRole::Editor, None);
    let mut zhao = t.join(&viewer);
    let li = t.join(&editor);
    let mut raw = contacts(&t.owner);
    raw.extend([
        "13911112222".to_string(),
        "13911112222@example.com".to_string(),
    ]);
    assert!(raw.len() > 20, "the demo has contacts: {}", raw.len());
    assert_eq!(
        contacts(&li).len(),
        contacts(&t.owner).len(),
        "an editor sees them"
    );

    let path = t.dir.path().join("zhao.sqlite");
    zhao.execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")
        .unwrap();
    assert_eq!(leaked(&file_bytes(&path), &raw), Vec::<&String>::new());
    let phone: String = zhao
        .query_row(
            "SELECT phone FROM customers WHERE name = '林小姐'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(phone, mask("13933334444"));

    // After the join: a new customer and an edited phone come masked too.
    new_customer(&t.owner, "周先生", "13755556666");
    input.phone = Some("13977778888".into());
    cust::update(&t.owner, made, &input, "t").unwrap();
    hub::exchange(&mut t.owner, NOW).unwrap();
    let report = hub::exchange(&mut zhao, NOW).unwrap();
    assert_eq!(report.applied, 2);
    let later = [
        "13755556666".to_string(),
        "13755556666@example.com".to_string(),
        "13977778888".to_string(),
    ];
    zhao.execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")
        .unwrap();
    assert_eq!(leaked(&file_bytes(&path), &later), Vec::<&String>::new());
    let phone: String = zhao
        .query_row(
            "SELECT phone FROM customers WHERE name = '周先生'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(phone, "137****6666");
}
