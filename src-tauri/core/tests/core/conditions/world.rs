//! Small random databases for the property tests: a fixed tag tree and custom fields (so
//! generated trees can name their ids), random customers, tags, weights, events and segments.

use crate::empty_db;
use proptest::prelude::*;
use proptest::sample::select;
use rusqlite::{params, Connection};
use tagdesk_core::conditions::fields::{day_of, local_offset};
use tagdesk_core::conditions::{Condition, Index};
use tagdesk_core::custom_fields::{self, CustomFieldInput, FieldKind};
use tagdesk_core::segments::{self, SegmentInput, SegmentKind};
use tagdesk_core::tags::{self, NewNode, NodeKind, SelectMode};

/// The fixed "now" of every generated world (2025-11-13 02:13:20 UTC).
pub const NOW: i64 = 1_763_000_000;
pub const DAY: i64 = 86_400;

/// Tag ids of the fixed tree; 13 is deleted (but keeps the assignments written for it).
pub const TAGS: [i64; 8] = [3, 4, 5, 7, 8, 9, 10, 13];
pub const LIVE_TAGS: [i64; 7] = [3, 4, 5, 7, 8, 9, 10];
/// 2 is single-select, 6 multi-select, 11 has no tags, 12 only a deleted one.
pub const GROUPS: [i64; 4] = [2, 6, 11, 12];
pub const SEGMENTS: [i64; 3] = [1, 2, 3];

/// Custom fields: 1 text, 2 number, 3 date, 4 single choice, 5 multi choice.
pub const CHOICES: [&str; 3] = ["线上", "门店", "Ｖip"];
pub const MULTI: [&str; 4] = ["Aa", "bb", "茶", "咖啡"];

/// Today's local day number at `NOW`.
pub fn today() -> i64 {
    day_of(NOW, local_offset(NOW))
}

/// 'YYYY-MM-DD' of the day `offset` days from today.
pub fn date(offset: i64) -> String {
    let epoch = chrono::NaiveDate::default();
    (epoch + chrono::Duration::days(today() + offset))
        .format("%Y-%m-%d")
        .to_string()
}

/// The start of the local day `offset` days from today, in unix seconds.
pub fn day_start(offset: i64) -> i64 {
    (today() + offset) * DAY - local_offset(NOW)
}

#[derive(Debug, Clone)]
pub struct CustomerSpec {
    pub name: &'static str,
    /// name, company, city, level, notes, email
    pub texts: [Option<&'static str>; 5],
    pub customer_type: Option<&'static str>,
    pub gender: Option<&'static str>,
    pub birthday: Option<String>,
    pub created_at: i64,
    pub updated_at: i64,
    pub deleted: bool,
    pub custom: [Option<String>; 5],
}

#[derive(Debug, Clone)]
pub struct EventSpec {
    pub customer: i64,
    pub kind: &'static str,
    pub at: i64,
    pub amount: Option<f64>,
    pub properties: &'static str,
}

#[derive(Debug, Clone)]
pub struct WorldSpec {
    pub customers: Vec<CustomerSpec>,
    pub assignments: Vec<(i64, i64)>,
    pub weights: Vec<f64>,
    pub events: Vec<EventSpec>,
    pub static_segment: Condition,
    pub dynamic_segment: Condition,
}

/// Text as it arrives from imports: case, width and space variants, blanks, SQL-looking bits.
pub const TEXTS: [Option<&str>; 17] = [
    None,
    Some(""),
    Some(" "),
    Some("\u{3000}"),
    Some("vip"),
    Some("VIP"),
    Some("ＶＩＰ"),
    Some(" vip "),
    Some("vipx"),
    Some("xvip"),
    Some("上海"),
    Some("上海市"),
    Some("a_b"),
    Some("a%b"),
    Some("O'Neil"),
    Some("🙂 ok"),
    Some("'; DROP TABLE customers; --"),
];

pub const NAMES: [&str; 6] = ["王伟", "vip", "ＶＩＰ", "Li Na", "a%b", "O'Neil"];

pub fn text() -> impl Strategy<Value = Option<&'static str>> {
    select(TEXTS.to_vec())
}

pub fn birthday() -> impl Strategy<Value = Option<String>> {
    prop_oneof![
        Just(None),
        (-45i64..5).prop_map(|d| Some(date(d))),
        select(vec![
            "",
            "1990-01-02",
            "2025/11/1",
            "not a date",
            "2026-01-01"
        ])
        .prop_map(|s| Some(s.to_string())),
    ]
}

/// A moment near now, often on a day boundary.
pub fn moment() -> impl Strategy<Value = i64> {
    (-50i64..3, select(vec![0, 1, 12 * 3600, DAY - 1])).prop_map(|(d, s)| day_start(d) + s)
}

/// Stored custom values (as `custom_fields::normalise` would store them), or none.
pub fn custom_values() -> impl Strategy<Value = [Option<String>; 5]> {
    let some = |v: Vec<&'static str>| proptest::option::of(select(v).prop_map(|s| s.to_string()));
    (
        some(vec!["vip", "ＶＩＰ ", "会员-1", "a_b"]),
        some(vec!["-3.5", "0", "1", "12", "100", "1000"]),
        prop_oneof![Just(None), (-45i64..5).prop_map(|d| Some(date(d)))],
        some(CHOICES.to_vec()),
        proptest::option::of(proptest::sample::subsequence(MULTI.to_vec(), 1..=3))
            .prop_map(|c| c.map(|c| serde_json::to_string(&c).unwrap())),
    )
        .prop_map(|(a, b, c, d, e)| [a, b, c, d, e])
}

pub fn customer() -> impl Strategy<Value = CustomerSpec> {
    (
        select(NAMES.to_vec()),
        [text(), text(), text(), text(), text()],
        select(vec![None, Some("b2b"), Some("b2c")]),
        select(vec![None, Some("male"), Some("female"), Some("other")]),
        birthday(),
        (moment(), moment()),
        prop::bool::weighted(0.15),
        custom_values(),
    )
        .prop_map(
            |(
                name,
                texts,
                customer_type,
                gender,
                birthday,
                (created_at, updated_at),
                deleted,
                custom,
            )| {
                CustomerSpec {
                    name,
                    texts,
                    customer_type,
                    gender,
                    birthday,
                    created_at,
                    updated_at,
                    deleted,
                    custom,
                }
            },
        )
}

pub const EVENT_KINDS: [&str; 3] = ["visit", "order", "login"];
pub const PROPERTIES: [&str; 7] = [
    "{}",
    r#"{"page":"pricing"}"#,
    r#"{"page":"home"}"#,
    r#"{"page":"Pricing","n":3}"#,
    r#"{"n":3.0}"#,
    r#"{"flag":true,"page":"pricing"}"#,
    "not json",
];

pub fn event(customers: i64) -> impl Strategy<Value = EventSpec> {
    let at = prop_oneof![
        (-40 * DAY..2 * DAY).prop_map(|d| NOW + d),
        (select(vec![0, 1, 7, 30]), -1i64..=1).prop_map(|(n, s)| NOW - n * DAY + s),
        (select(vec![0, 1, 7, 30]), -1i64..=1).prop_map(|(n, s)| day_start(-n) + s),
    ];
    let amount = proptest::option::of((-10i32..200).prop_map(|a| a as f64 / 2.0));
    (
        1..=customers,
        select(EVENT_KINDS.to_vec()),
        at,
        amount,
        select(PROPERTIES.to_vec()),
    )
        .prop_map(|(customer, kind, at, amount, properties)| EventSpec {
            customer,
            kind,
            at,
            amount,
            properties,
        })
}

pub fn world() -> impl Strategy<Value = WorldSpec> {
    prop::collection::vec(customer(), 30..80).prop_flat_map(|customers| {
        let n = customers.len() as i64;
        (
            Just(customers),
            prop::collection::vec((1..=n, select(TAGS.to_vec())), 0..(n as usize * 3)),
            prop::collection::vec(select(vec![0.0, 1.0, 2.5, -1.0, 10.0]), LIVE_TAGS.len()),
            prop::collection::vec(event(n), 0..(n as usize * 4)),
            super::trees::condition(true),
            super::trees::condition(true),
        )
            .prop_map(
                |(customers, assignments, weights, events, static_segment, dynamic_segment)| {
                    WorldSpec {
                        customers,
                        assignments,
                        weights,
                        events,
                        static_segment,
                        dynamic_segment,
                    }
                },
            )
    })
}

/// The fixed tag tree and custom fields, on an empty database.
pub fn fixture(conn: &Connection) {
    let node = |parent: Option<i64>, kind: NodeKind, name: &str, single: bool, want: i64| {
        let id = tags::create_node(
            conn,
            &NewNode {
                select_mode: (kind == NodeKind::Group).then_some(if single {
                    SelectMode::Single
                } else {
                    SelectMode::Multi
                }),
                ..NewNode::new(parent, kind, name)
            },
        )
        .unwrap();
        assert_eq!(id, want, "the fixture tree has fixed ids");
    };
    node(None, NodeKind::Category, "客户", false, 1);
    node(Some(1), NodeKind::Group, "等级", true, 2);
    node(Some(2), NodeKind::Tag, "VIP", false, 3);
    node(Some(2), NodeKind::Tag, "普通", false, 4);
    node(Some(2), NodeKind::Tag, "潜在", false, 5);
    node(Some(1), NodeKind::Group, "兴趣", false, 6);
    node(Some(6), NodeKind::Tag, "茶", false, 7);
    node(Some(6), NodeKind::Tag, "咖啡", false, 8);
    node(Some(6), NodeKind::Tag, "书", false, 9);
    node(Some(1), NodeKind::Tag, "独立", false, 10);
    node(Some(1), NodeKind::Group, "空组", false, 11);
    node(Some(1), NodeKind::Group, "旧组", false, 12);
    node(Some(12), NodeKind::Tag, "已删", false, 13);
    conn.execute("UPDATE tag_nodes SET deleted_at = ?1 WHERE id = 13", [NOW])
        .unwrap();
    let fields: [(&str, FieldKind, &[&str]); 5] = [
        ("会员号", FieldKind::Text, &[]),
        ("预算", FieldKind::Number, &[]),
        ("签约日", FieldKind::Date, &[]),
        ("渠道", FieldKind::SingleChoice, &CHOICES),
        ("爱好", FieldKind::MultiChoice, &MULTI),
    ];
    for (i, (label, kind, options)) in fields.into_iter().enumerate() {
        let id = custom_fields::create(
            conn,
            &CustomFieldInput {
                label: label.into(),
                kind,
                options: options.iter().map(|o| o.to_string()).collect(),
            },
            "world",
        )
        .unwrap();
        assert_eq!(id, i as i64 + 1, "the fixture fields have fixed ids");
    }
}

/// Writes a generated world, builds the index, and saves its three segments: 1 static,
/// 2 dynamic, 3 dynamic over both ("in 1 or not in 2").
pub fn build(spec: &WorldSpec) -> (Connection, Index) {
    let mut conn = empty_db();
    fixture(&conn);
    for c in &spec.customers {
        let [company, city, level, notes, email] = c.texts;
        conn.execute(
            "INSERT INTO customers(name, company, city, level, notes, email, customer_type,
                gender, birthday, created_at, updated_at, deleted_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
            params![
                c.name,
                company,
                city,
                level,
                notes,
                email,
                c.customer_type,
                c.gender,
                c.birthday,
                c.created_at,
                c.updated_at,
                c.deleted.then_some(NOW)
            ],
        )
        .unwrap();
        let id = conn.last_insert_rowid();
        for (i, v) in c.custom.iter().enumerate() {
            if let Some(v) = v {
                conn.execute(
                    "INSERT INTO custom_values(customer_id, field_id, value) VALUES (?1, ?2, ?3)",
                    params![id, i as i64 + 1, v],
                )
                .unwrap();
            }
        }
    }
    for (customer, tag) in &spec.assignments {
        conn.execute(
            "INSERT OR IGNORE INTO assignments(tag_id, customer_id, source, actor, at)
             VALUES (?1, ?2, 'manual', 't', ?3)",
            params![tag, customer, NOW],
        )
        .unwrap();
    }
    for (tag, weight) in LIVE_TAGS.iter().zip(&spec.weights) {
        conn.execute(
            "UPDATE tag_nodes SET weight = ?2 WHERE id = ?1",
            params![tag, weight],
        )
        .unwrap();
    }
    for e in &spec.events {
        insert_event(&conn, e);
    }
    let index = Index::build(&conn).unwrap();
    let saves = [
        (SegmentKind::Static, spec.static_segment.clone()),
        (SegmentKind::Dynamic, spec.dynamic_segment.clone()),
        (
            SegmentKind::Dynamic,
            Condition::Or {
                children: vec![
                    Condition::Segment { segment_id: 1 },
                    Condition::Not {
                        child: Box::new(Condition::Segment { segment_id: 2 }),
                    },
                ],
            },
        ),
    ];
    for (i, (kind, condition)) in saves.into_iter().enumerate() {
        let input = SegmentInput {
            name: format!("segment {}", i + 1),
            kind,
            condition,
            pinned: false,
        };
        // Saved by someone other than the writer of the random writes, whose Ctrl+Z would
        // otherwise take back the segments the generated trees refer to.
        let id = segments::create(&mut conn, &index, &input, "world").unwrap();
        assert_eq!(id, i as i64 + 1);
    }
    (conn, index)
}

pub fn insert_event(conn: &Connection, e: &EventSpec) {
    // A customer created later may not exist yet; such an event is simply not written.
    let _ = conn.execute(
        "INSERT INTO events(customer_id, kind, occurred_at, amount, properties)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![e.customer, e.kind, e.at, e.amount, e.properties],
    );
}
