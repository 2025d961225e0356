//! Changes that name a record another laptop made wait for it (issue 18, docs/TEAM.md §4): a
//! laptop that reads a colleague's tag before the customer or tag it names (the colleague's
//! files synced first) ends with what a laptop that read them in order holds, and its inbox
//! is empty again. A tag deleted and restored after a change was made keeps that change out
//! on every laptop, whatever order they read things in.

use super::team_exchange::{cases, give, later, send, tags_by_uid, team_of};
use rusqlite::Connection;
use tagdesk_core::customers::{self, CustomerInput};
use tagdesk_core::events::{self, EventInput};
use tagdesk_core::operations;
use tagdesk_core::tags::{self, NewNode, NodeKind};
use tagdesk_core::team::inbox::Case;

fn uid_of(conn: &Connection, table: &str, id: i64) -> String {
    conn.query_row(
        &format!("SELECT uid FROM {table} WHERE id = ?1"),
        [id],
        |r| r.get(0),
    )
    .unwrap()
}

fn id_of(conn: &Connection, table: &str, uid: &str) -> i64 {
    conn.query_row(
        &format!("SELECT id FROM {table} WHERE uid = ?1"),
        [uid],
        |r| r.get(0),
    )
    .unwrap()
}

fn events_by_uid(conn: &Connection) -> Vec<(String, String, Option<f64>)> {
    let mut stmt = conn
        .prepare(
            "SELECT e.uid, c.uid, e.amount FROM events e JOIN customers c ON c.id = e.customer_id
             ORDER BY 1",
        )
        .unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

/// A tag 展会 in a multi-select group 来源 under a category 渠道.
fn fair_tag(conn: &Connection) -> i64 {
    let make = |parent, kind, name| tags::create(conn, &NewNode::new(parent, kind, name), "t");
    let category = make(None, NodeKind::Category, "渠道").unwrap();
    let group = make(Some(category), NodeKind::Group, "来源").unwrap();
    make(Some(group), NodeKind::Tag, "展会").unwrap()
}

#[test]
fn a_tag_and_an_order_given_to_a_customer_and_tag_made_elsewhere_land_when_those_arrive_later() {
    let dir = tempfile::tempdir().unwrap();
    let mut team = team_of(3, dir.path());
    let input = CustomerInput {
        name: "林晓".into(),
        phone: Some("13800000001".into()),
        ..CustomerInput::default()
    };
    let customer = customers::create(&team[0], &input, "t").unwrap();
    let tag = fair_tag(&team[0]);
    let (customer, tag) = (
        uid_of(&team[0], "customers", customer),
        uid_of(&team[0], "tag_nodes", tag),
    );
    send(&mut team, 0, 1);
    later();
    let (there, fair) = (
        id_of(&team[1], "customers", &customer),
        id_of(&team[1], "tag_nodes", &tag),
    );
    give(&mut team[1], &[there], fair);
    let order = EventInput {
        customer_id: there,
        kind: "下单".into(),
        occurred_at: 1_764_590_400,
        amount: Some(99.0),
        properties: Default::default(),
    };
    events::add(&team[1], &order, "t").unwrap();

    // Laptop 2 reads laptop 1's operations before laptop 0's.
    send(&mut team, 1, 2);
    let waiting = cases(&team[2]);
    assert!(
        waiting
            .iter()
            .any(|c| matches!(c, Case::UnknownTag { tag: t, .. } if *t == tag))
            && waiting
                .iter()
                .any(|c| matches!(c, Case::EventsOfUnknownCustomers { .. })),
        "{waiting:?}"
    );
    send(&mut team, 0, 2);

    assert!(cases(&team[2]).is_empty(), "{:?}", cases(&team[2]));
    assert_eq!(tags_by_uid(&team[2]), tags_by_uid(&team[1]));
    assert_eq!(events_by_uid(&team[2]), events_by_uid(&team[1]));
    assert!(tags_by_uid(&team[2]).contains(&(customer.clone(), tag.clone())));
    let orders = events_by_uid(&team[2]);
    assert!(orders
        .iter()
        .any(|(_, c, amount)| *c == customer && *amount == Some(99.0)));
    // The late tag joined the operation it came with: undoing that takes it off again.
    let given: i64 = team[2]
        .query_row(
            "SELECT id FROM operations WHERE device <> ?1 AND kind = 'tag_add'
             ORDER BY id DESC LIMIT 1",
            [operations::device_id(&team[0]).unwrap()],
            |r| r.get(0),
        )
        .unwrap();
    let customers_counted: i64 = team[2]
        .query_row(
            "SELECT customers FROM operations WHERE id = ?1",
            [given],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(customers_counted, 1);
    operations::undo(&mut team[2], &[given], "t").unwrap();
    assert!(!tags_by_uid(&team[2]).contains(&(customer, tag)));
}

#[test]
fn a_tag_given_before_its_tag_was_deleted_and_restored_stays_out_on_every_laptop_in_any_order() {
    let dir = tempfile::tempdir().unwrap();
    let mut team = team_of(4, dir.path());
    let tag = fair_tag(&team[0]);
    let uid = uid_of(&team[0], "tag_nodes", tag);
    send(&mut team, 0, 1);
    later();
    let someone: i64 = team[1]
        .query_row("SELECT min(id) FROM customers", [], |r| r.get(0))
        .unwrap();
    let fair = id_of(&team[1], "tag_nodes", &uid);
    give(&mut team[1], &[someone], fair);
    later();
    // Laptop 0 deletes the tag without having seen that, then takes the deletion back.
    tags::delete(&mut team[0], tag, true, "t").unwrap();
    later();
    operations::undo_mine(&mut team[0], "t").unwrap().unwrap();

    send(&mut team, 1, 2);
    send(&mut team, 0, 2);
    send(&mut team, 0, 3);
    send(&mut team, 1, 3);
    send(&mut team, 1, 0);
    send(&mut team, 0, 1);

    for i in 1..4 {
        assert_eq!(tags_by_uid(&team[i]), tags_by_uid(&team[0]), "laptop {i}");
    }
    assert!(tags_by_uid(&team[0]).iter().all(|(_, t)| *t != uid));
    for laptop in [0, 2, 3] {
        assert!(
            cases(&team[laptop])
                .iter()
                .any(|c| matches!(c, Case::UnknownTag { tag: t, .. } if *t == uid)),
            "laptop {laptop}: {:?}",
            cases(&team[laptop])
        );
    }
}

#[test]
fn a_node_that_arrives_before_its_parent_goes_under_it_when_the_parent_arrives() {
    let dir = tempfile::tempdir().unwrap();
    let mut team = team_of(2, dir.path());
    let tag = fair_tag(&team[0]);
    let uid = uid_of(&team[0], "tag_nodes", tag);
    // The category, the group and the tag, each an operation: laptop 1 reads them newest first,
    // one at a time (a colleague passed on only the latest).
    for op in super::team_exchange::own(&team[0]).into_iter().rev() {
        tagdesk_core::team::apply(&mut team[1], &[op]).unwrap();
    }
    let path = |conn: &Connection| -> Vec<String> {
        let mut stmt = conn
            .prepare(
                "WITH RECURSIVE up(id, name, depth) AS (
                     SELECT id, name, 0 FROM tag_nodes WHERE uid = ?1
                     UNION ALL SELECT p.id, p.name, depth + 1 FROM tag_nodes p
                     JOIN tag_nodes c ON c.parent_id = p.id JOIN up ON up.id = c.id)
                 SELECT name FROM up ORDER BY depth DESC",
            )
            .unwrap();
        stmt.query_map([&uid], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    };
    assert_eq!(path(&team[0]), ["渠道", "来源", "展会"]);
    assert_eq!(path(&team[1]), path(&team[0]));
}
