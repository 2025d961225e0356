//! Undoing and redoing creations, merges and deletions of tag nodes from the history.

use super::*;
use crate::conditions::{Condition, Index};
use crate::customers::{self, CustomerInput};
use crate::db;
use crate::error::Error;
use crate::operations::{blockers, undo};
use crate::segments::{self, SegmentInput, SegmentKind};
use crate::tagging::{self, TagSource, TagTarget};
use rusqlite::Connection;

struct World {
    conn: Connection,
    customers: Vec<i64>,
    group: i64,
}

/// A category with a multi-select group and `n` customers.
fn world(n: usize) -> World {
    let conn = db::open_in_memory().unwrap();
    let cat = create_node(&conn, &NewNode::new(None, NodeKind::Category, "价值")).unwrap();
    let group = create_node(&conn, &NewNode::new(Some(cat), NodeKind::Group, "兴趣")).unwrap();
    let customers = (0..n)
        .map(|i| {
            let input = CustomerInput {
                name: format!("客户{i}"),
                ..Default::default()
            };
            customers::create(&conn, &input, "system").unwrap()
        })
        .collect();
    World {
        conn,
        customers,
        group,
    }
}

impl World {
    /// A tag created by hand (an operation of the history) under the group.
    fn tag(&self, name: &str) -> i64 {
        create(
            &self.conn,
            &NewNode::new(Some(self.group), NodeKind::Tag, name),
            "李娜",
        )
        .unwrap()
    }

    /// Gives `tag` to the customers at `at` (indexes into `customers`); returns the operation.
    fn give(&mut self, tag: i64, at: &[usize], source: TagSource, author: &str) -> i64 {
        let target = TagTarget::Customers {
            ids: at.iter().map(|i| self.customers[*i]).collect(),
        };
        tagging::add(&mut self.conn, &target, tag, source, author)
            .unwrap()
            .operation_id
    }

    fn take(&mut self, tag: i64, at: &[usize]) -> i64 {
        let target = TagTarget::Customers {
            ids: at.iter().map(|i| self.customers[*i]).collect(),
        };
        tagging::remove(&mut self.conn, &target, tag, TagSource::Manual, "王强")
            .unwrap()
            .operation_id
    }

    /// The indexes of the customers holding `tag`.
    fn holders(&self, tag: i64) -> Vec<usize> {
        let ids: Vec<i64> = self
            .conn
            .prepare("SELECT customer_id FROM assignments WHERE tag_id = ?1 ORDER BY 1")
            .unwrap()
            .query_map([tag], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        ids.iter()
            .map(|id| self.customers.iter().position(|c| c == id).unwrap())
            .collect()
    }

    /// Every assignment of `tag` with its provenance, by customer.
    fn assignments(&self, tag: i64) -> Vec<(i64, String, String, i64)> {
        self.conn
            .prepare(
                "SELECT customer_id, source, actor, at FROM assignments WHERE tag_id = ?1
                 ORDER BY customer_id",
            )
            .unwrap()
            .query_map([tag], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap()
    }

    fn in_tree(&self, id: i64) -> Option<TagNode> {
        tree(&self.conn)
            .unwrap()
            .nodes
            .into_iter()
            .find(|n| n.id == id)
    }

    fn count(&self, tag: i64) -> Option<i64> {
        self.in_tree(tag).and_then(|n| n.customer_count)
    }

    fn latest(&self) -> i64 {
        self.conn
            .query_row("SELECT max(id) FROM operations", [], |r| r.get(0))
            .unwrap()
    }

    fn undo(&mut self, ids: &[i64]) -> Vec<i64> {
        undo(&mut self.conn, ids, "李娜").unwrap().undo_operations
    }

    fn blocked_by(&self, id: i64) -> Vec<i64> {
        blockers(&self.conn, &[id])
            .unwrap()
            .iter()
            .map(|o| o.id)
            .collect()
    }

    fn segment_naming(&mut self, tag: i64) -> i64 {
        let index = Index::build(&self.conn).unwrap();
        let input = SegmentInput {
            name: format!("持有 {tag}"),
            kind: SegmentKind::Dynamic,
            condition: Condition::Tag { tag_id: tag },
            pinned: false,
        };
        segments::create(&mut self.conn, &index, &input, "李娜").unwrap()
    }

    fn segment_condition(&self, id: i64) -> Condition {
        segments::get(&self.conn, id).unwrap().condition
    }
}

#[test]
fn undoing_a_creation_removes_the_node_and_redo_brings_it_back_with_its_id() {
    let mut w = world(0);
    let tag = w.tag("新客");
    let created = w.latest();
    let other = create(
        &w.conn,
        &NewNode::new(Some(w.group), NodeKind::Tag, "老客"),
        "李娜",
    )
    .unwrap();
    let before = w.in_tree(tag).expect("created");

    let undone = w.undo(&[created]);
    let gone = w.in_tree(tag);
    let redone = w.undo(&undone);
    let back = w.in_tree(tag).expect("redo gives the node again");

    assert!(gone.is_none(), "undoing the creation takes the node out");
    assert_eq!(
        (back.id, back.name.as_str(), back.parent_id, back.position),
        (
            before.id,
            before.name.as_str(),
            before.parent_id,
            before.position
        ),
        "the redo brings it back with its id, name and place"
    );
    assert!(w.in_tree(other).is_some(), "the other creation stays");
    w.undo(&redone);
    assert!(w.in_tree(tag).is_none(), "the redo can be undone in turn");
}

#[test]
fn undoing_the_creation_of_a_category_and_a_group_takes_both_back() {
    let mut w = world(0);
    let cat = create(
        &w.conn,
        &NewNode::new(None, NodeKind::Category, "渠道"),
        "李娜",
    )
    .unwrap();
    let cat_op = w.latest();
    let group = create(
        &w.conn,
        &NewNode::new(Some(cat), NodeKind::Group, "来源"),
        "李娜",
    )
    .unwrap();
    let group_op = w.latest();

    assert_eq!(
        w.blocked_by(cat_op),
        vec![group_op],
        "a node created beneath it is in the way"
    );
    w.undo(&[cat_op, group_op]);

    assert!(w.in_tree(cat).is_none() && w.in_tree(group).is_none());
}

#[test]
fn a_later_assignment_blocks_undoing_a_creation_and_is_named() {
    let mut w = world(3);
    let tag = w.tag("新客");
    let created = w.latest();
    let given = w.give(tag, &[0, 1], TagSource::Manual, "王强");

    let err = undo(&mut w.conn, &[created], "李娜").unwrap_err();

    assert!(
        matches!(&err, Error::UndoBlocked { later, .. } if later == &vec![given]),
        "the tagging that used it is named: {err:?}"
    );
    assert!(w.in_tree(tag).is_some(), "nothing changed");
    w.undo(&[created, given]);
    assert!(w.in_tree(tag).is_none(), "undone together, the tag goes");
    assert!(w.holders(tag).is_empty());
}

#[test]
fn a_segment_made_later_with_the_tag_blocks_undoing_its_creation() {
    let mut w = world(1);
    let tag = w.tag("新客");
    let created = w.latest();
    w.segment_naming(tag);
    let segment_op = w.latest();

    assert_eq!(w.blocked_by(created), vec![segment_op]);
}

#[test]
fn undoing_a_merge_gives_back_exactly_each_tags_members_and_references() {
    let mut w = world(6);
    let twin = w.tag("高活");
    let active = w.tag("高活跃");
    w.conn
        .execute(
            "UPDATE tag_nodes SET color = '#ff0000', meaning = '近30天活跃' WHERE id = ?1",
            [twin],
        )
        .unwrap();
    w.give(twin, &[0, 1, 2, 3], TagSource::Import, "导入");
    w.give(twin, &[4], TagSource::Manual, "王强");
    w.give(active, &[2, 3, 5], TagSource::Manual, "李娜");
    let segment = w.segment_naming(twin);
    let (twin_before, active_before) = (w.assignments(twin), w.assignments(active));
    let twin_node = w.in_tree(twin).unwrap();

    let report = merge(&mut w.conn, &[twin], active, "李娜").unwrap();
    let merged = w.latest();
    assert_eq!(
        (report.moved, report.collapsed, report.rewritten),
        (3, 2, 1)
    );
    assert_eq!(w.holders(active), vec![0, 1, 2, 3, 4, 5]);

    let undone = w.undo(&[merged]);

    assert_eq!(
        w.assignments(twin),
        twin_before,
        "the source's members come back as they were"
    );
    assert_eq!(
        w.assignments(active),
        active_before,
        "the target loses exactly what the merge gave it"
    );
    let back = w.in_tree(twin).expect("the source is back in the tree");
    assert_eq!(
        (
            back.id,
            back.name.as_str(),
            back.color.as_deref(),
            back.meaning.as_deref()
        ),
        (twin, "高活", Some("#ff0000"), Some("近30天活跃"))
    );
    assert_eq!(back.parent_id, twin_node.parent_id);
    assert_eq!((w.count(twin), w.count(active)), (Some(5), Some(3)));
    assert_eq!(
        w.segment_condition(segment),
        Condition::Tag { tag_id: twin },
        "the segment names the source again"
    );

    w.undo(&undone);
    assert_eq!(
        w.holders(active),
        vec![0, 1, 2, 3, 4, 5],
        "redo merges again"
    );
    assert!(w.in_tree(twin).is_none());
    assert_eq!(
        w.segment_condition(segment),
        Condition::Tag { tag_id: active }
    );
    assert_eq!(w.count(active), Some(6));
}

#[test]
fn a_later_change_of_a_merged_pair_blocks_undoing_the_merge_and_is_named() {
    let mut w = world(4);
    let twin = w.tag("高活");
    let active = w.tag("高活跃");
    w.give(twin, &[0, 1], TagSource::Manual, "王强");
    w.give(active, &[2], TagSource::Manual, "王强");
    merge(&mut w.conn, &[twin], active, "李娜").unwrap();
    let merged = w.latest();
    let unrelated = w.give(active, &[3], TagSource::Manual, "王强");
    let removal = w.take(active, &[0]);

    assert_eq!(
        w.blocked_by(merged),
        vec![removal],
        "the removal of a pair the merge gave is in the way; tagging someone else is not"
    );
    w.undo(&[merged, removal]);

    assert_eq!(w.holders(twin), vec![0, 1]);
    assert_eq!(
        w.holders(active),
        vec![2, 3],
        "the unrelated tagging stays: {unrelated}"
    );
}

#[test]
fn a_later_merge_blocks_undoing_an_earlier_tagging_of_its_tags() {
    let mut w = world(3);
    let twin = w.tag("高活");
    let active = w.tag("高活跃");
    let given = w.give(twin, &[0, 1], TagSource::Manual, "王强");
    merge(&mut w.conn, &[twin], active, "李娜").unwrap();
    let merged = w.latest();

    assert_eq!(w.blocked_by(given), vec![merged]);
    w.undo(&[given, merged]);
    assert!(w.holders(twin).is_empty() && w.holders(active).is_empty());
}

#[test]
fn undoing_a_forced_deletion_restores_the_subtree_its_members_and_its_counts() {
    let mut w = world(5);
    let cat = create_node(&w.conn, &NewNode::new(None, NodeKind::Category, "渠道")).unwrap();
    let group = create_node(
        &w.conn,
        &NewNode {
            select_mode: Some(SelectMode::Single),
            ..NewNode::new(Some(cat), NodeKind::Group, "来源")
        },
    )
    .unwrap();
    let online = create_node(&w.conn, &NewNode::new(Some(group), NodeKind::Tag, "线上")).unwrap();
    let offline = create_node(&w.conn, &NewNode::new(Some(group), NodeKind::Tag, "线下")).unwrap();
    w.give(online, &[0, 1, 2], TagSource::Import, "导入");
    w.give(offline, &[3], TagSource::Manual, "王强");
    set_archived(&w.conn, offline, true, "李娜").unwrap();
    let segment = w.segment_naming(online);
    let before: Vec<TagNode> = tree(&w.conn)
        .unwrap()
        .nodes
        .into_iter()
        .filter(|n| [group, online, offline].contains(&n.id))
        .collect();
    let (online_before, offline_before) = (w.assignments(online), w.assignments(offline));

    assert!(delete(&mut w.conn, group, false, "李娜").is_err(), "in use");
    assert_eq!(delete(&mut w.conn, group, true, "李娜").unwrap(), 4);
    let deleted = w.latest();
    assert!(w.in_tree(online).is_none());

    let undone = w.undo(&[deleted]);

    let after: Vec<TagNode> = tree(&w.conn)
        .unwrap()
        .nodes
        .into_iter()
        .filter(|n| [group, online, offline].contains(&n.id))
        .collect();
    let fields = |nodes: &[TagNode]| -> Vec<_> {
        nodes
            .iter()
            .map(|n| {
                (
                    n.id,
                    n.parent_id,
                    n.name.clone(),
                    n.select_mode,
                    n.archived,
                    n.customer_count,
                )
            })
            .collect()
    };
    assert_eq!(
        fields(&after),
        fields(&before),
        "same ids, fields and counts"
    );
    assert_eq!(w.assignments(online), online_before);
    assert_eq!(w.assignments(offline), offline_before);
    assert_eq!(
        w.segment_condition(segment),
        Condition::Tag { tag_id: online }
    );

    w.undo(&undone);
    assert!(w.in_tree(group).is_none(), "redo deletes again");
    assert!(w.holders(online).is_empty());
}

#[test]
fn a_sibling_given_since_blocks_undoing_a_deletion_in_a_single_select_group() {
    let mut w = world(2);
    let group = create_node(
        &w.conn,
        &NewNode {
            select_mode: Some(SelectMode::Single),
            ..NewNode::new(None, NodeKind::Group, "等级")
        },
    )
    .unwrap();
    let gold = create_node(&w.conn, &NewNode::new(Some(group), NodeKind::Tag, "金卡")).unwrap();
    let silver = create_node(&w.conn, &NewNode::new(Some(group), NodeKind::Tag, "银卡")).unwrap();
    w.give(gold, &[0, 1], TagSource::Manual, "王强");
    delete(&mut w.conn, gold, true, "李娜").unwrap();
    let deleted = w.latest();
    let given = w.give(silver, &[1], TagSource::Manual, "王强");

    assert_eq!(
        w.blocked_by(deleted),
        vec![given],
        "putting 金卡 back would give a customer two tags of a single-select group"
    );
    w.undo(&[deleted, given]);
    assert_eq!((w.holders(gold), w.holders(silver)), (vec![0, 1], vec![]));
}

#[test]
fn undoing_a_merge_keeps_the_condition_index_in_step() {
    let mut w = world(4);
    let twin = w.tag("高活");
    let active = w.tag("高活跃");
    w.give(twin, &[0, 1], TagSource::Manual, "王强");
    w.give(active, &[1, 2], TagSource::Manual, "王强");
    let mut index = Index::build(&w.conn).unwrap();
    merge(&mut w.conn, &[twin], active, "李娜").unwrap();
    let merged = w.latest();
    index.refresh(&w.conn).unwrap();
    assert_eq!(index.tag(active).len(), 3);

    w.undo(&[merged]);
    index.refresh(&w.conn).unwrap();

    let ids = |at: &[usize]| -> roaring::RoaringBitmap {
        at.iter().map(|i| w.customers[*i] as u32).collect()
    };
    assert_eq!(index.tag(twin), ids(&[0, 1]));
    assert_eq!(index.tag(active), ids(&[1, 2]));
}

/// Times undoing a merge of a tag held by 200,000 customers (half of whom held the target
/// already): `cargo test --release -p tagdesk-core --lib merge_of_200k -- --ignored --nocapture`.
#[test]
#[ignore]
fn merge_of_200k_members_undone_timing() {
    const N: i64 = 200_000;
    let mut w = world(0);
    let twin = w.tag("高活");
    let active = w.tag("高活跃");
    let now = crate::clock::now();
    w.conn
        .execute_batch(&format!(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {N})
             INSERT INTO customers(id, name, created_at, updated_at) SELECT i, '客户' || i, {now}, {now} FROM n;
             INSERT INTO assignments(tag_id, customer_id, source, actor, at)
                 SELECT {twin}, id, 'import', '导入', {now} FROM customers;
             INSERT INTO assignments(tag_id, customer_id, source, actor, at)
                 SELECT {active}, id, 'manual', '王强', {now} FROM customers WHERE id % 2 = 0;"
        ))
        .unwrap();
    crate::tags::stats::recount_all(&w.conn).unwrap();
    let mut index = Index::build(&w.conn).unwrap();

    let clock = std::time::Instant::now();
    merge(&mut w.conn, &[twin], active, "李娜").unwrap();
    let merging = clock.elapsed();
    let merged = w.latest();
    index.refresh(&w.conn).unwrap();
    let clock = std::time::Instant::now();
    w.undo(&[merged]);
    let undoing = clock.elapsed();
    let clock = std::time::Instant::now();
    index.refresh(&w.conn).unwrap();
    let refreshing = clock.elapsed();
    let stored: i64 = w
        .conn
        .query_row(
            "SELECT sum(length(customers)) FROM operation_tag_sets",
            [],
            |r| r.get(0),
        )
        .unwrap();

    println!(
        "merge of {N} members: {:.0} ms; undo {:.0} ms; index refresh after the undo {:.0} ms; sets stored {} bytes",
        merging.as_secs_f64() * 1e3,
        undoing.as_secs_f64() * 1e3,
        refreshing.as_secs_f64() * 1e3,
        stored
    );
    assert_eq!(index.tag(twin).len() as i64, N);
    assert_eq!(index.tag(active).len() as i64, N / 2);
}
