//! Issue 16 on the tag page: a name close to a sibling's is found before it is saved, and
//! groups created by hand take distinct colours of the palette.

use crate::*;
use tagdesk_core::tags::{self, Closeness, NewNode, NodeKind, PALETTE};

#[test]
fn a_new_name_close_to_a_siblings_names_the_existing_tag() {
    let conn = demo_db(0);
    let activity = tags::tree(&conn).unwrap().nodes;
    let high = activity.iter().find(|n| n.name == "高活").unwrap();
    let group = high.parent_id;

    let close = tags::close_siblings(&conn, group, "高活跃", None).unwrap();
    assert_eq!(close.len(), 1, "only 高活 is close to 高活跃: {close:?}");
    assert_eq!(
        (close[0].id, close[0].closeness),
        (high.id, Closeness::Contains)
    );

    let level = node(&conn, "客户等级");
    let vip = tags::close_siblings(&conn, Some(level), "ＶＩＰ", None).unwrap();
    assert_eq!(vip[0].name, "VIP");
    assert_eq!(
        vip[0].closeness,
        Closeness::Same,
        "the same name once width is folded comes first"
    );

    assert!(tags::close_siblings(&conn, group, "沉睡", None)
        .unwrap()
        .is_empty());
    assert!(
        tags::close_siblings(&conn, group, "高活", Some(high.id))
            .unwrap()
            .is_empty(),
        "renaming a tag is not close to itself"
    );
    let elsewhere = tags::close_siblings(&conn, Some(node(&conn, "商机")), "高活跃", None).unwrap();
    assert!(elsewhere.is_empty(), "only siblings count: {elsewhere:?}");
}

#[test]
fn groups_created_by_hand_take_distinct_palette_colours() {
    let conn = empty_db();
    let mut colours = Vec::new();
    for name in ["甲", "乙", "丙"] {
        let id = tags::create(&conn, &NewNode::new(None, NodeKind::Group, name), "测试").unwrap();
        let colour: String = conn
            .query_row("SELECT color FROM tag_nodes WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .unwrap();
        colours.push(colour);
    }
    assert_eq!(
        colours,
        PALETTE[..3].to_vec(),
        "the next unused colour each time"
    );

    let own = NewNode {
        color: Some("#000000"),
        ..NewNode::new(None, NodeKind::Group, "丁")
    };
    let id = tags::create(&conn, &own, "测试").unwrap();
    let kept: String = conn
        .query_row("SELECT color FROM tag_nodes WHERE id = ?1", [id], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(kept, "#000000", "a colour the person chose is kept");

    let tag = tags::create(&conn, &NewNode::new(Some(id), NodeKind::Tag, "子"), "测试").unwrap();
    let tag_colour: Option<String> = conn
        .query_row("SELECT color FROM tag_nodes WHERE id = ?1", [tag], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(tag_colour, None, "a tag inherits its group's colour");
}

#[test]
fn when_the_palette_is_used_up_the_least_used_colour_comes_next() {
    let conn = empty_db();
    for i in 0..PALETTE.len() + 1 {
        tags::create(
            &conn,
            &NewNode::new(None, NodeKind::Group, &format!("组{i}")),
            "测试",
        )
        .unwrap();
    }
    let second_round: String = conn
        .query_row(
            "SELECT color FROM tag_nodes WHERE name = ?1",
            [format!("组{}", PALETTE.len())],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(second_round, PALETTE[0]);
}
