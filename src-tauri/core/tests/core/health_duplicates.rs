//! Issue 19, near-duplicate tags: names equal once folded or nearly, member sets that overlap
//! or contain one another, and the merge preview that agrees with the merge.

use crate::health::{give, world};
use tagdesk_core::clock;
use tagdesk_core::conditions::{Condition, Index};
use tagdesk_core::health::{self, DuplicateKind, DuplicatePair, HealthQuery};
use tagdesk_core::segments::{self, SegmentInput, SegmentKind};
use tagdesk_core::tagging::TagSource;
use tagdesk_core::tags::{self, NewNode, NodeKind};

fn duplicates(conn: &rusqlite::Connection) -> Vec<DuplicatePair> {
    let index = Index::build(conn).unwrap();
    health::report(conn, &index, &HealthQuery::default(), clock::now())
        .unwrap()
        .duplicates
}

fn pair_of(pairs: &[DuplicatePair], x: i64, y: i64) -> Option<&DuplicatePair> {
    pairs
        .iter()
        .find(|p| (p.a, p.b) == (x, y) || (p.a, p.b) == (y, x))
}

#[test]
fn a_near_duplicate_added_beside_a_tag_is_suggested_with_its_overlap() {
    let mut w = world(20);
    let c = w.customers.clone();
    give(&mut w.conn, w.high, &c[0..10], TagSource::Manual);
    assert!(
        duplicates(&w.conn).is_empty(),
        "高活, 低活 and 沉默 are a series, not duplicates"
    );

    let other = tags::create(&w.conn, &NewNode::new(None, NodeKind::Group, "行为"), "t").unwrap();
    let very = tags::create(
        &w.conn,
        &NewNode::new(Some(other), NodeKind::Tag, "高活跃"),
        "t",
    )
    .unwrap();
    give(&mut w.conn, very, &c[1..10], TagSource::Manual);

    let pairs = duplicates(&w.conn);
    let p = pair_of(&pairs, w.high, very).expect("高活 / 高活跃 is suggested");
    assert_eq!((p.a, p.b), (very, w.high), "the smaller tag first");
    assert_eq!(
        p.kinds,
        vec![
            DuplicateKind::NameContains,
            DuplicateKind::MembersOverlap,
            DuplicateKind::AWithinB
        ]
    );
    assert_eq!((p.a_customers, p.b_customers, p.both), (9, 10, 9));
    assert!((p.jaccard - 0.9).abs() < 1e-9);
}

#[test]
fn width_case_and_punctuation_variants_are_the_same_name() {
    let w = world(0);
    let level = tags::create(&w.conn, &NewNode::new(None, NodeKind::Group, "等级"), "t").unwrap();
    let other = tags::create(&w.conn, &NewNode::new(None, NodeKind::Group, "会员"), "t").unwrap();
    let vip = tags::create(
        &w.conn,
        &NewNode::new(Some(level), NodeKind::Tag, "VIP"),
        "t",
    )
    .unwrap();
    let wide = tags::create(
        &w.conn,
        &NewNode::new(Some(other), NodeKind::Tag, "ＶＩＰ"),
        "t",
    )
    .unwrap();
    let dotted = tags::create(
        &w.conn,
        &NewNode::new(Some(other), NodeKind::Tag, "高·活"),
        "t",
    )
    .unwrap();
    let pairs = duplicates(&w.conn);
    assert_eq!(
        pair_of(&pairs, vip, wide).unwrap().kinds,
        vec![DuplicateKind::SameName]
    );
    assert_eq!(
        pair_of(&pairs, w.high, dotted).unwrap().kinds,
        vec![DuplicateKind::SameIgnoringPunctuation]
    );
    assert_eq!(
        pairs[0].kinds[0],
        DuplicateKind::SameName,
        "the strongest first"
    );
}

#[test]
fn member_sets_that_overlap_or_contain_one_another_are_suggested_whatever_their_names() {
    let mut w = world(40);
    let c = w.customers.clone();
    let other = tags::create(&w.conn, &NewNode::new(None, NodeKind::Group, "意向"), "t").unwrap();
    let tag = |name| {
        tags::create(
            &w.conn,
            &NewNode::new(Some(other), NodeKind::Tag, name),
            "t",
        )
        .unwrap()
    };
    let (budget, trial, few) = (tag("预算充足"), tag("试用中"), tag("小样本"));
    give(&mut w.conn, w.high, &c[0..20], TagSource::Manual);
    give(&mut w.conn, budget, &c[0..18], TagSource::Manual); // 18 / 20 = 0.9, and inside
    give(&mut w.conn, trial, &c[15..40], TagSource::Manual); // 5 / 40: neither
    give(&mut w.conn, few, &c[0..3], TagSource::Manual); // inside, but under 5 customers
    let pairs = duplicates(&w.conn);
    let p = pair_of(&pairs, budget, w.high).expect("overlap");
    assert_eq!(
        p.kinds,
        vec![DuplicateKind::MembersOverlap, DuplicateKind::AWithinB]
    );
    assert!(pair_of(&pairs, trial, w.high).is_none());
    assert!(
        pair_of(&pairs, few, w.high).is_none(),
        "too few to say every A is B"
    );

    let index = Index::build(&w.conn).unwrap();
    let looser = health::report(
        &w.conn,
        &index,
        &HealthQuery {
            containment_min_members: Some(2),
            jaccard_min: Some(0.95),
            ..Default::default()
        },
        clock::now(),
    )
    .unwrap();
    let p = pair_of(&looser.duplicates, few, w.high).expect("3 customers is enough now");
    assert_eq!(p.kinds, vec![DuplicateKind::AWithinB]);
    let p = pair_of(&looser.duplicates, budget, w.high).unwrap();
    assert_eq!(p.kinds, vec![DuplicateKind::AWithinB], "0.9 is under 0.95");
}

#[test]
fn the_merge_preview_says_what_the_merge_then_does() {
    let mut w = world(10);
    let c = w.customers.clone();
    let other = tags::create(&w.conn, &NewNode::new(None, NodeKind::Group, "行为"), "t").unwrap();
    let very = tags::create(
        &w.conn,
        &NewNode::new(Some(other), NodeKind::Tag, "高活跃"),
        "t",
    )
    .unwrap();
    give(&mut w.conn, w.high, &c[0..6], TagSource::Manual);
    give(&mut w.conn, very, &c[4..9], TagSource::Manual);
    let index = Index::build(&w.conn).unwrap();
    let segment = segments::create(
        &mut w.conn,
        &index,
        &SegmentInput {
            name: "很活跃".into(),
            kind: SegmentKind::Dynamic,
            condition: Condition::Tag { tag_id: very },
            pinned: false,
        },
        "t",
    )
    .unwrap();

    let preview = health::merge_preview(&w.conn, &[very], w.high).unwrap();
    assert_eq!(preview.sources[0].assignments, 5);
    assert_eq!(preview.sources[0].holding_target, 2);
    assert_eq!(
        (preview.moved, preview.collapsed, preview.already_holding),
        (3, 2, 2)
    );
    assert_eq!((preview.target_before, preview.target_after), (6, 9));
    assert_eq!(
        preview.segments.iter().map(|s| s.id).collect::<Vec<_>>(),
        vec![segment]
    );
    assert_eq!(preview.single_select_clashes, 0);

    let done = tags::merge(&mut w.conn, &[very], w.high, "t").unwrap();
    assert_eq!((done.moved, done.collapsed, done.rewritten), (3, 2, 1));
    assert!(
        health::merge_preview(&w.conn, &[w.group], w.high).is_err(),
        "groups do not merge"
    );
}
