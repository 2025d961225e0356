//! The tag tree travels between a team's laptops (issue 18, docs/TEAM.md §4): nodes made on
//! one laptop reach the others with their fields; each field is its own last-writer-wins key;
//! a merge is for good (a tag given offline to the merged tag lands on the one it went into);
//! a move that would make a cycle is skipped and listed; a deleted tag stays deleted and a tag
//! given to it offline goes to the inbox.

use super::team_exchange::{cases, exchange, give, later, send, team_of};
use rusqlite::Connection;
use tagdesk_core::operations;
use tagdesk_core::tags::{self, NewNode, NodeKind, TagNodeEdit};
use tagdesk_core::team::inbox::Case;

/// The live tree by global ids: (uid, parent uid, kind, name, colour, meaning, archived).
type Row = (
    String,
    Option<String>,
    String,
    String,
    Option<String>,
    Option<String>,
    bool,
);

fn tree(conn: &Connection) -> Vec<Row> {
    let mut stmt = conn
        .prepare(
            "SELECT n.uid, p.uid, n.kind, n.name, n.color, n.meaning, n.archived_at IS NOT NULL
             FROM tag_nodes n LEFT JOIN tag_nodes p ON p.id = n.parent_id
             WHERE n.deleted_at IS NULL ORDER BY n.uid",
        )
        .unwrap();
    stmt.query_map([], |r| {
        Ok((
            r.get(0)?,
            r.get(1)?,
            r.get(2)?,
            r.get(3)?,
            r.get(4)?,
            r.get(5)?,
            r.get(6)?,
        ))
    })
    .unwrap()
    .map(Result::unwrap)
    .collect()
}

/// Fails naming only the rows one laptop has and the other lacks.
fn assert_same_tree(a: &Connection, b: &Connection, what: &str) {
    let (a, b) = (tree(a), tree(b));
    let only_a: Vec<_> = a.iter().filter(|r| !b.contains(r)).collect();
    let only_b: Vec<_> = b.iter().filter(|r| !a.contains(r)).collect();
    assert!(
        only_a.is_empty() && only_b.is_empty(),
        "{what}: only on the first {only_a:?}, only on the second {only_b:?}"
    );
}

fn id_of(conn: &Connection, uid: &str) -> i64 {
    conn.query_row("SELECT id FROM tag_nodes WHERE uid = ?1", [uid], |r| {
        r.get(0)
    })
    .unwrap()
}

fn uid_of(conn: &Connection, id: i64) -> String {
    conn.query_row("SELECT uid FROM tag_nodes WHERE id = ?1", [id], |r| {
        r.get(0)
    })
    .unwrap()
}

fn make(conn: &Connection, parent: Option<i64>, kind: NodeKind, name: &str) -> i64 {
    tags::create(conn, &NewNode::new(parent, kind, name), "t").unwrap()
}

/// A channel category with a multi-select group 来源 holding the tag 展会, on laptop 0.
fn channel(conn: &Connection) -> (i64, i64, i64) {
    let category = make(conn, None, NodeKind::Category, "渠道");
    let group = make(conn, Some(category), NodeKind::Group, "来源");
    let tag = make(conn, Some(group), NodeKind::Tag, "展会");
    (category, group, tag)
}

fn edit_of(conn: &Connection, id: i64) -> TagNodeEdit {
    conn.query_row(
        "SELECT name, color, meaning, owner, weight FROM tag_nodes WHERE id = ?1",
        [id],
        |r| {
            Ok(TagNodeEdit {
                name: r.get(0)?,
                color: r.get(1)?,
                meaning: r.get(2)?,
                owner: r.get(3)?,
                weight: r.get(4)?,
                ..TagNodeEdit::default()
            })
        },
    )
    .unwrap()
}

fn customer_ids(conn: &Connection, n: usize) -> Vec<i64> {
    let mut stmt = conn
        .prepare("SELECT id FROM customers ORDER BY uid LIMIT ?1")
        .unwrap();
    stmt.query_map([n as i64], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

fn holders(conn: &Connection, tag_uid: &str) -> Vec<String> {
    let mut stmt = conn
        .prepare(
            "SELECT c.uid FROM assignments a JOIN customers c ON c.id = a.customer_id
             JOIN tag_nodes t ON t.id = a.tag_id WHERE t.uid = ?1 ORDER BY 1",
        )
        .unwrap();
    stmt.query_map([tag_uid], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

#[test]
fn a_tag_made_on_one_laptop_reaches_the_other_with_its_group_and_the_customers_given_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut team = team_of(2, dir.path());
    let (_, group, tag) = channel(&team[0]);
    let mut edit = edit_of(&team[0], tag);
    edit.meaning = Some("在展会上认识的客户".into());
    tags::update(&team[0], tag, &edit, "t").unwrap();
    let ids = customer_ids(&team[0], 3);
    give(&mut team[0], &ids, tag);

    send(&mut team, 0, 1);
    assert_same_tree(&team[1], &team[0], "after the exchange");
    let tag_uid = uid_of(&team[0], tag);
    assert_eq!(holders(&team[1], &tag_uid), holders(&team[0], &tag_uid));
    assert_eq!(holders(&team[1], &tag_uid).len(), 3);
    let mode: String = team[1]
        .query_row(
            "SELECT select_mode FROM tag_nodes WHERE uid = ?1",
            [uid_of(&team[0], group)],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(mode, "multi");
    assert!(cases(&team[1]).is_empty(), "{:?}", cases(&team[1]));
}

#[test]
fn a_tag_dictionary_imported_on_one_laptop_reaches_the_other_with_its_fields() {
    let dir = tempfile::tempdir().unwrap();
    let mut team = team_of(2, dir.path());
    // A dictionary written elsewhere: a new category with a group and a tag, with meanings.
    let elsewhere = tagdesk_core::db::open_in_memory().unwrap();
    let (_, _, tag) = channel(&elsewhere);
    let mut edit = edit_of(&elsewhere, tag);
    edit.meaning = Some("在展会上认识的客户".into());
    tags::update(&elsewhere, tag, &edit, "t").unwrap();
    let file = dir.path().join("字典.xlsx");
    tagdesk_core::export::export_dictionary(&elsewhere, &file).unwrap();

    let created = tagdesk_core::export::import_dictionary(&mut team[0], &file, "t").unwrap();
    assert_eq!(created, 3);
    send(&mut team, 0, 1);
    assert_same_tree(&team[1], &team[0], "after the exchange");
    assert!(cases(&team[1]).is_empty(), "{:?}", cases(&team[1]));
}

#[test]
fn a_tag_made_core_on_one_laptop_is_core_on_the_other_and_its_undo_travels_too() {
    let dir = tempfile::tempdir().unwrap();
    let mut team = team_of(2, dir.path());
    let (_, _, tag) = channel(&team[0]);
    tags::set_core(&team[0], tag, true, "t").unwrap();
    send(&mut team, 0, 1);
    let tag_uid = uid_of(&team[0], tag);
    let core = |conn: &Connection| -> bool {
        conn.query_row(
            "SELECT core FROM tag_nodes WHERE uid = ?1",
            [&tag_uid],
            |r| r.get(0),
        )
        .unwrap()
    };
    assert!(core(&team[1]), "core on the colleague's laptop");
    let latest = operations::own_latest(&team[0], "t", None)
        .unwrap()
        .unwrap();
    operations::undo(&mut team[0], &[latest.id], "t").unwrap();
    send(&mut team, 0, 1);
    assert!(!core(&team[1]), "the undo travels too");
}

#[test]
fn a_rename_and_a_dictionary_edit_made_at_once_both_stay_and_of_two_renames_the_later_wins() {
    let dir = tempfile::tempdir().unwrap();
    let mut team = team_of(2, dir.path());
    let (_, _, tag) = channel(&team[0]);
    exchange(&mut team);
    let uid = uid_of(&team[0], tag);
    let there = id_of(&team[1], &uid);

    let mut a = edit_of(&team[0], tag);
    a.name = "线下展会".into();
    tags::update(&team[0], tag, &a, "t").unwrap();
    later();
    let mut b = edit_of(&team[1], there);
    b.meaning = Some("展会名单导入".into());
    tags::update(&team[1], there, &b, "t").unwrap();
    exchange(&mut team);
    assert_same_tree(&team[0], &team[1], "after the exchange");
    let row = tree(&team[0]).into_iter().find(|r| r.0 == uid).unwrap();
    assert_eq!(
        (row.3.as_str(), row.5.as_deref()),
        ("线下展会", Some("展会名单导入"))
    );

    let mut a = edit_of(&team[0], tag);
    a.name = "展会A".into();
    tags::update(&team[0], tag, &a, "t").unwrap();
    later();
    let mut b = edit_of(&team[1], there);
    b.name = "展会B".into();
    tags::update(&team[1], there, &b, "t").unwrap();
    exchange(&mut team);
    assert_same_tree(&team[0], &team[1], "after the exchange");
    let row = tree(&team[0]).into_iter().find(|r| r.0 == uid).unwrap();
    assert_eq!(row.3, "展会B", "the later rename wins on both laptops");
}

#[test]
fn a_tag_given_offline_to_a_tag_merged_elsewhere_lands_on_the_tag_it_went_into() {
    let dir = tempfile::tempdir().unwrap();
    let mut team = team_of(2, dir.path());
    let (_, group, high) = channel(&team[0]);
    let highest = make(&team[0], Some(group), NodeKind::Tag, "展会活动");
    exchange(&mut team);
    let (high_uid, highest_uid) = (uid_of(&team[0], high), uid_of(&team[0], highest));
    let ids = customer_ids(&team[1], 2);

    tags::merge(&mut team[0], &[high], highest, "t").unwrap();
    later();
    let there = id_of(&team[1], &high_uid);
    give(&mut team[1], &ids, there);
    exchange(&mut team);

    assert_same_tree(&team[0], &team[1], "after the exchange");
    assert!(
        tree(&team[0]).iter().all(|r| r.0 != high_uid),
        "the merged tag is gone on both"
    );
    assert_eq!(
        holders(&team[0], &highest_uid),
        holders(&team[1], &highest_uid)
    );
    assert_eq!(
        holders(&team[0], &highest_uid).len(),
        2,
        "the offline tagging landed on 展会活动"
    );
    assert!(cases(&team[0]).is_empty() && cases(&team[1]).is_empty());
}

#[test]
fn two_moves_that_together_would_make_a_cycle_leave_the_same_tree_without_one_and_list_the_skipped_move(
) {
    let dir = tempfile::tempdir().unwrap();
    let mut team = team_of(2, dir.path());
    let x = make(&team[0], None, NodeKind::Category, "维度X");
    let y = make(&team[0], None, NodeKind::Category, "维度Y");
    exchange(&mut team);
    let (x_uid, y_uid) = (uid_of(&team[0], x), uid_of(&team[0], y));

    tags::move_node(&mut team[0], x, Some(y), 0, "t").unwrap();
    later();
    let (x1, y1) = (id_of(&team[1], &x_uid), id_of(&team[1], &y_uid));
    tags::move_node(&mut team[1], y1, Some(x1), 0, "t").unwrap();
    exchange(&mut team);

    assert_same_tree(&team[0], &team[1], "the same tree on both laptops");
    let parent = |uid: &str| tree(&team[0]).into_iter().find(|r| r.0 == uid).unwrap().1;
    assert!(
        !(parent(&x_uid) == Some(y_uid.clone()) && parent(&y_uid) == Some(x_uid.clone())),
        "no cycle"
    );
    let skipped: Vec<Case> = team
        .iter()
        .flat_map(cases)
        .filter(|c| matches!(c, Case::MoveSkipped { .. }))
        .collect();
    let y_moved_back = parent(&y_uid).is_none();
    assert!(y_moved_back, "the later move (of 维度Y) is the one skipped");
    assert!(!skipped.is_empty());
    assert!(
        skipped.iter().all(|c| *c
            == Case::MoveSkipped {
                node: y_uid.clone()
            }),
        "{skipped:?}"
    );
}

#[test]
fn a_tag_deleted_on_one_laptop_stays_deleted_and_a_tag_given_to_it_offline_goes_to_the_inbox() {
    let dir = tempfile::tempdir().unwrap();
    let mut team = team_of(2, dir.path());
    let (_, _, tag) = channel(&team[0]);
    exchange(&mut team);
    let uid = uid_of(&team[0], tag);

    tags::delete(&mut team[0], tag, true, "t").unwrap();
    later();
    let there = id_of(&team[1], &uid);
    let ids = customer_ids(&team[1], 2);
    give(&mut team[1], &ids, there);
    exchange(&mut team);

    assert_same_tree(&team[0], &team[1], "after the exchange");
    assert!(tree(&team[1]).iter().all(|r| r.0 != uid), "deleted on both");
    assert!(holders(&team[0], &uid).is_empty());
    assert!(
        cases(&team[0])
            .iter()
            .any(|c| matches!(c, Case::UnknownTag { tag, .. } if *tag == uid)),
        "{:?}",
        cases(&team[0])
    );
}

#[test]
fn the_same_name_made_under_one_parent_on_two_laptops_keeps_both_nodes_with_distinct_names() {
    let dir = tempfile::tempdir().unwrap();
    let mut team = team_of(2, dir.path());
    make(&team[0], None, NodeKind::Category, "区域市场");
    later();
    make(&team[1], None, NodeKind::Category, "区域市场");
    exchange(&mut team);
    assert_same_tree(&team[0], &team[1], "the same names on both laptops");
    let mut names: Vec<String> = tree(&team[0])
        .into_iter()
        .filter(|r| r.3.starts_with("区域市场"))
        .map(|r| r.3)
        .collect();
    names.sort();
    assert_eq!(names, ["区域市场", "区域市场 (2)"]);
}

#[test]
fn an_undone_merge_brings_the_tag_back_with_its_customers_on_every_laptop() {
    let dir = tempfile::tempdir().unwrap();
    let mut team = team_of(2, dir.path());
    let (_, group, fair) = channel(&team[0]);
    let event = make(&team[0], Some(group), NodeKind::Tag, "展会活动");
    let ids = customer_ids(&team[0], 4);
    give(&mut team[0], &ids[..3], fair);
    give(&mut team[0], &ids[2..], event);
    exchange(&mut team);
    let (fair_uid, event_uid) = (uid_of(&team[0], fair), uid_of(&team[0], event));
    let (fair_holders, event_holders) =
        (holders(&team[0], &fair_uid), holders(&team[0], &event_uid));

    tags::merge(&mut team[0], &[fair], event, "t").unwrap();
    exchange(&mut team);
    assert_eq!(holders(&team[1], &event_uid).len(), 4);
    later();
    operations::undo_mine(&mut team[0], "t").unwrap().unwrap();
    exchange(&mut team);

    assert_same_tree(&team[0], &team[1], "after the undo travelled");
    for (i, laptop) in team.iter().enumerate() {
        assert_eq!(holders(laptop, &fair_uid), fair_holders, "laptop {i}");
        assert_eq!(holders(laptop, &event_uid), event_holders, "laptop {i}");
    }
    // A tag given to the brought-back tag afterwards stays on it.
    let there = id_of(&team[1], &fair_uid);
    let last = customer_ids(&team[1], 4)[3];
    give(&mut team[1], &[last], there);
    exchange(&mut team);
    assert_eq!(holders(&team[0], &fair_uid).len(), 4);
}
