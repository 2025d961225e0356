//! What surrounds evaluation: validation messages with node paths, hostile names and values
//! kept as plain data, static versus dynamic segments over changing data, and explain.

use super::examples::{field, hand_world, ids};
use super::world::NOW;
use rusqlite::{params, Connection};
use tagdesk_core::conditions::fields::ValueKind;
use tagdesk_core::conditions::{
    explain, validate, Cmp, Condition, EventMeasure, EventProperty, FieldOp, Index, SetMode,
};
use tagdesk_core::custom_fields::{self, CustomFieldInput, FieldKind};
use tagdesk_core::customers;
use tagdesk_core::error::Error;
use tagdesk_core::problem::{Problem, ValueNeed};
use tagdesk_core::segments::{self, SegmentInput, SegmentKind};
use tagdesk_core::tagging::{self, TagSource, TagTarget};
use tagdesk_core::tags::{self, NewNode, NodeKind};

/// The (node path, problem) of a validation error.
fn invalid(conn: &Connection, c: &Condition, saving: Option<i64>) -> (String, Problem) {
    match validate(conn, c, saving) {
        Err(Error::Invalid { field, problem }) => (field, problem),
        other => panic!("expected a validation error, got {other:?}"),
    }
}

fn and(children: Vec<Condition>) -> Condition {
    Condition::And { children }
}

#[test]
fn validation_names_the_node_and_the_reason() {
    let (conn, _) = hand_world();
    let at = |path: &str, problem: Problem| (path.to_string(), problem);
    let tag = |tag_id| Condition::Tag { tag_id };
    assert_eq!(
        invalid(&conn, &and(vec![tag(3), tag(999)]), None),
        at("1.2", Problem::UnknownTag { tag: 999 })
    );
    assert_eq!(
        invalid(
            &conn,
            &Condition::Or {
                children: vec![field("nope", FieldOp::Eq, &["x"])]
            },
            None
        ),
        at(
            "1.1",
            Problem::UnknownField {
                field: "nope".into()
            }
        )
    );
    let not_a_number = Condition::Not {
        child: Box::new(field("custom:2", FieldOp::Gt, &["abc"])),
    };
    assert_eq!(
        invalid(&conn, &and(vec![tag(3), not_a_number]), None),
        at(
            "1.2.1",
            Problem::ValueInvalidFor {
                field: "custom:2".into(),
                value: "abc".into(),
                kind: ValueKind::Number
            }
        )
    );
    let empty_group = Condition::Group {
        group_id: 11,
        mode: SetMode::Any,
    };
    assert_eq!(
        invalid(&conn, &empty_group, None),
        at("1", Problem::TagGroupEmpty { group: 11 })
    );
    assert_eq!(
        invalid(&conn, &field("custom:2", FieldOp::Between, &["1"]), None),
        at(
            "1",
            Problem::ValueCount {
                field: "custom:2".into(),
                op: FieldOp::Between,
                need: ValueNeed::Two,
                given: 1
            }
        )
    );
    let one_bound = Condition::Event {
        kind: "order".into(),
        property: None,
        within_days: None,
        measure: EventMeasure::Count,
        cmp: Cmp::Between,
        value: 1.0,
        value2: None,
    };
    assert_eq!(
        invalid(&conn, &and(vec![one_bound]), None),
        at("1.1", Problem::BetweenNeedsTwo)
    );
    let score = Condition::Score {
        cmp: Cmp::Between,
        value: 1.0,
        value2: None,
    };
    assert_eq!(
        invalid(&conn, &score, None),
        at("1", Problem::BetweenNeedsTwo)
    );
}

fn save(conn: &mut Connection, index: &Index, name: &str, kind: SegmentKind, c: Condition) -> i64 {
    let input = SegmentInput {
        name: name.into(),
        kind,
        condition: c,
        pinned: false,
    };
    segments::create(conn, index, &input, "t").unwrap()
}

#[test]
fn a_segment_cannot_reach_itself_through_another() {
    let (mut conn, index) = hand_world();
    let a = save(
        &mut conn,
        &index,
        "A",
        SegmentKind::Dynamic,
        Condition::Tag { tag_id: 3 },
    );
    let b = save(
        &mut conn,
        &index,
        "B",
        SegmentKind::Dynamic,
        Condition::Segment { segment_id: a },
    );
    let back = and(vec![Condition::Segment { segment_id: b }]);
    assert_eq!(
        invalid(&conn, &back, Some(a)),
        (
            "1.1".to_string(),
            Problem::SegmentContainsItself { segment: a }
        )
    );
    let input = SegmentInput {
        name: "A".into(),
        kind: SegmentKind::Dynamic,
        condition: back,
        pinned: false,
    };
    assert!(
        segments::update(&mut conn, &index, a, &input, "t").is_err(),
        "A→B→A is refused"
    );
    assert_eq!(
        ids(&conn, &index, &Condition::Segment { segment_id: b }),
        vec![1],
        "A is unchanged"
    );
}

const DROP: &str = "'; DROP TABLE customers; --";

#[test]
fn hostile_names_and_values_are_plain_data() {
    let (mut conn, index) = hand_world();
    let long = "长".repeat(200);
    let mut hostile_tags = Vec::new();
    for name in [DROP, r#"say "hi" it's"#, "🙂🎉", long.as_str(), "100%_off"] {
        let tag = tags::create_node(&conn, &NewNode::new(Some(6), NodeKind::Tag, name)).unwrap();
        let target = TagTarget::Customers { ids: vec![2] };
        tagging::add(&mut conn, &target, tag, TagSource::Manual, "t").unwrap();
        hostile_tags.push(tag);
    }
    let label = "'; DROP TABLE custom_values; --";
    let input = CustomFieldInput {
        label: label.into(),
        kind: FieldKind::Text,
        options: vec![],
    };
    let field_id = custom_fields::create(&conn, &input, "t").unwrap();
    let notes = [(1, "a%b"), (2, r#"say "hi" it's"#), (3, DROP)];
    for (id, note) in notes {
        conn.execute(
            "UPDATE customers SET notes = ?2 WHERE id = ?1",
            params![id, note],
        )
        .unwrap();
    }
    conn.execute(
        "INSERT INTO custom_values(customer_id, field_id, value) VALUES (3, ?1, ?2)",
        params![field_id, "🙂 ‘quoted’ %"],
    )
    .unwrap();
    conn.execute(
        "INSERT INTO events(customer_id, kind, occurred_at, properties) VALUES (3, ?1, ?2, ?3)",
        params![DROP, NOW - 10, r#"{"\"key\"":"%_"}"#],
    )
    .unwrap();
    let index = {
        drop(index);
        Index::build(&conn).unwrap()
    };
    for tag in &hostile_tags {
        assert_eq!(
            ids(&conn, &index, &Condition::Tag { tag_id: *tag }),
            vec![2]
        );
        validate(&conn, &Condition::Tag { tag_id: *tag }, None).unwrap();
    }
    let custom = format!("custom:{field_id}");
    let hostile_event = Condition::Event {
        kind: DROP.into(),
        property: Some(EventProperty {
            key: "\"key\"".into(),
            value: "%_".into(),
        }),
        within_days: Some(1),
        measure: EventMeasure::Count,
        cmp: Cmp::Eq,
        value: 1.0,
        value2: None,
    };
    let cases = [
        (
            "sql-looking text",
            field("notes", FieldOp::Eq, &[DROP]),
            vec![3],
        ),
        (
            "quotes",
            field("notes", FieldOp::Eq, &[r#"SAY "HI" IT'S"#]),
            vec![2],
        ),
        (
            "% is a character",
            field("notes", FieldOp::Contains, &["%"]),
            vec![1],
        ),
        (
            "_ is a character",
            field("notes", FieldOp::Contains, &["_"]),
            vec![],
        ),
        (
            "% does not start everything",
            field("notes", FieldOp::StartsWith, &["%"]),
            vec![],
        ),
        (
            "a hostile field",
            field(&custom, FieldOp::Contains, &["‘quoted’ %"]),
            vec![3],
        ),
        ("a hostile event", hostile_event, vec![3]),
    ];
    for (what, c, want) in cases {
        validate(&conn, &c, None).unwrap();
        assert_eq!(ids(&conn, &index, &c), want, "{what}");
    }
    let live: i64 = conn
        .query_row(
            "SELECT count(*) FROM customers WHERE deleted_at IS NULL",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(live, 3, "the customers table is still there");
}

#[test]
fn a_static_segment_keeps_its_members_while_a_dynamic_one_follows_the_data() {
    let (mut conn, mut index) = hand_world();
    let vip = Condition::Tag { tag_id: 3 };
    let frozen = save(
        &mut conn,
        &index,
        "frozen",
        SegmentKind::Static,
        vip.clone(),
    );
    let live = save(&mut conn, &index, "live", SegmentKind::Dynamic, vip);
    let members = |conn: &Connection, index: &Index, id| {
        ids(conn, index, &Condition::Segment { segment_id: id })
    };
    assert_eq!(members(&conn, &index, frozen), vec![1]);
    let alice = TagTarget::Customers { ids: vec![1] };
    tagging::remove(&mut conn, &alice, 3, TagSource::Manual, "t").unwrap();
    let bob = TagTarget::Customers { ids: vec![2] };
    tagging::add(&mut conn, &bob, 3, TagSource::Manual, "t").unwrap();
    index.refresh(&conn).unwrap();
    assert_eq!(members(&conn, &index, frozen), vec![1], "static: as frozen");
    assert_eq!(members(&conn, &index, live), vec![2], "dynamic: as now");
    customers::soft_delete(&mut conn, &[1], "t").unwrap();
    index.refresh(&conn).unwrap();
    assert_eq!(
        members(&conn, &index, frozen),
        Vec::<u32>::new(),
        "deleted customers leave"
    );
    customers::restore(&mut conn, &[1], "t").unwrap();
    index.refresh(&conn).unwrap();
    assert_eq!(
        members(&conn, &index, frozen),
        vec![1],
        "and come back when restored"
    );
}

#[test]
fn explain_reports_each_node_and_the_compared_values() {
    let (conn, index) = hand_world();
    let tree = and(vec![
        field("city", FieldOp::Eq, &["上海"]),
        Condition::Event {
            kind: "visit".into(),
            property: Some(EventProperty {
                key: "page".into(),
                value: "pricing".into(),
            }),
            within_days: Some(7),
            measure: EventMeasure::Count,
            cmp: Cmp::Ge,
            value: 3.0,
            value2: None,
        },
        Condition::Not {
            child: Box::new(Condition::Tag { tag_id: 8 }),
        },
        Condition::Score {
            cmp: Cmp::Ge,
            value: 20.0,
            value2: None,
        },
        field("birthday", FieldOp::WithinLastDays, &["7"]),
        field("custom:5", FieldOp::Eq, &["茶"]),
        field("created_at", FieldOp::WithinLastDays, &["2"]),
    ]);
    let alice = explain(&conn, &index, &tree, 1, NOW).unwrap();
    assert!(!alice.matched, "the score fails");
    let node = |i: usize| &alice.children[i];
    let matched: Vec<bool> = alice.children.iter().map(|c| c.matched).collect();
    assert_eq!(matched, vec![true, true, true, false, true, true, true]);
    assert_eq!(node(0).actual.as_deref(), Some("上海"));
    assert_eq!(node(1).actual.as_deref(), Some("3"));
    assert_eq!(node(2).actual, None);
    assert!(!node(2).children[0].matched, "Alice has no 咖啡");
    assert_eq!(node(3).actual.as_deref(), Some("12.5"));
    assert_eq!(
        node(4).actual,
        Some(super::world::date(-3)),
        "a date reads as a date"
    );
    assert_eq!(
        node(5).actual.as_deref(),
        Some("aa, 茶"),
        "choices in a stable order"
    );

    let carol = explain(&conn, &index, &tree, 3, NOW).unwrap();
    let matched: Vec<bool> = carol.children.iter().map(|c| c.matched).collect();
    assert_eq!(
        matched,
        vec![false, false, true, false, false, false, false]
    );
    assert_eq!(carol.children[0].actual, None, "no city");
    assert_eq!(carol.children[1].actual.as_deref(), Some("0"));

    let dan = explain(&conn, &index, &tree, 4, NOW).unwrap();
    assert!(
        !dan.matched && dan.children.iter().all(|c| !c.matched),
        "a deleted customer matches nothing, not even a negation"
    );
}
