//! Live updates: an online laptop hears a colleague's push while it waits, and a push made
//! before it began waiting counts too.

use super::{team, without, NOW};
use crate::team_exchange::give;
use std::time::Duration;
use tagdesk_core::hub::{self, local::link, HubRole};
use tagdesk_core::operations::device_id;

#[test]
fn a_waiting_laptop_hears_a_colleagues_push_and_one_made_before_it_waited() {
    let mut t = team();
    let editor = t.add("li", HubRole::Editor, None);
    let mut li = t.join(&editor);
    let owner_link = link(&t.owner).unwrap().unwrap();
    let owner_device = device_id(&t.owner).unwrap();
    assert!(
        !hub::wait_for_push(&owner_link, &owner_device, Duration::from_millis(200)).unwrap(),
        "nothing new yet"
    );
    let waiter = {
        let (link, device) = (owner_link.clone(), owner_device.clone());
        std::thread::spawn(move || hub::wait_for_push(&link, &device, Duration::from_secs(30)))
    };
    // Give the waiter time to start listening; a push before that is found by its first look.
    std::thread::sleep(Duration::from_millis(300));
    let tag: i64 = li
        .query_row(
            "SELECT id FROM tag_nodes WHERE kind = 'tag' LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    // One who does not hold it yet: giving a tag already held changes nothing and pushes nothing.
    let first = without(&li, tag);
    give(&mut li, &[first], tag);
    hub::exchange(&mut li, NOW).unwrap();
    assert!(waiter.join().unwrap().unwrap(), "the push was heard");
    // Not pulled yet: a new wait returns at once.
    assert!(hub::wait_for_push(&owner_link, &owner_device, Duration::from_secs(30)).unwrap());
    let report = hub::exchange(&mut t.owner, NOW).unwrap();
    assert_eq!(report.applied, 1);
}
