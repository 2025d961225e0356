//! Writes that the index must follow through `refresh`, each shown once by example.

use crate::empty_db;
use rusqlite::{params, Connection};
use tagdesk_core::conditions::{Condition, Ctx, Index};
use tagdesk_core::tagging::{self, TagSource, TagTarget};
use tagdesk_core::tags::{self, NewNode, NodeKind};

const NOW: i64 = 1_763_000_000;

/// `n` customers (ids 1..=n) and one tag, whose id is returned.
fn with_customers(n: i64) -> (Connection, i64) {
    let conn = empty_db();
    let tag = tags::create_node(&conn, &NewNode::new(None, NodeKind::Tag, "回访")).unwrap();
    for i in 1..=n {
        conn.execute(
            "INSERT INTO customers(name, created_at, updated_at) VALUES (?1, ?2, ?2)",
            params![format!("c{i}"), NOW],
        )
        .unwrap();
    }
    (conn, tag)
}

fn members(conn: &Connection, index: &Index, c: &Condition) -> Vec<u32> {
    Ctx::new(conn, index, NOW).eval(c).unwrap().iter().collect()
}

#[test]
fn undoing_a_removal_puts_the_tag_back_in_a_refreshed_index() {
    let (mut conn, tag) = with_customers(3);
    conn.execute(
        "INSERT INTO assignments(tag_id, customer_id, source, actor, at)
         VALUES (?1, 2, 'manual', 't', 1)",
        [tag],
    )
    .unwrap();
    let mut index = Index::build(&conn).unwrap();
    let target = TagTarget::Customers { ids: vec![2] };
    tagging::remove(&mut conn, &target, tag, TagSource::Manual, "t").unwrap();
    // Undo re-inserts with INSERT OR IGNORE, whose conflict policy reaches into triggers.
    tagging::undo_last(&mut conn, "t").unwrap();
    index.refresh(&conn).unwrap();
    assert_eq!(
        members(&conn, &index, &Condition::Tag { tag_id: tag }),
        vec![2],
        "the removal and its undo cancel out"
    );
}
