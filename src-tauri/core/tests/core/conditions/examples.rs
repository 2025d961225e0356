//! Every operator once, on four hand-made customers whose answers can be checked by eye, and
//! trees at the edges (empty, negated, as deep as the bound allows).

use super::world::{date, day_start, fixture, DAY, NOW};
use crate::empty_db;
use rusqlite::{params, Connection};
use tagdesk_core::conditions::{
    Cmp, Condition, Ctx, EventMeasure, EventProperty, FieldOp, Index, SetMode,
};

type Person = (
    &'static str,
    Option<&'static str>,
    Option<&'static str>,
    Option<&'static str>,
    Option<String>,
    i64,
);

/// 1 Alice, 2 Bob, 3 Carol (mostly blank), 4 Dan (deleted, and matching almost everything).
/// Tags: VIP (3, weight 10) on Alice and Dan; 茶 (7, 2.5) on Alice and Bob; 咖啡 (8, -1) on
/// Bob. Scores: Alice 12.5, Bob 1.5, Carol 0.
pub fn hand_world() -> (Connection, Index) {
    let conn = empty_db();
    fixture(&conn);
    // (name, city, level, notes, birthday, created_at)
    let people: [Person; 4] = [
        (
            "Alice",
            Some("上海"),
            Some("VIP"),
            Some("a%b"),
            Some(date(-3)),
            day_start(-2) + 3600,
        ),
        (
            "Bob",
            Some(" ＳＨＡＮＧＨＡＩ "),
            Some("vip"),
            Some("ab"),
            Some("1990-01-02".into()),
            day_start(-40),
        ),
        ("Carol", None, Some("  "), None, None, day_start(-10)),
        (
            "Dan",
            Some("上海"),
            Some("VIP"),
            Some("a%b"),
            Some(date(-3)),
            day_start(-1),
        ),
    ];
    for (name, city, level, notes, birthday, created) in people {
        conn.execute(
            "INSERT INTO customers(name, city, level, notes, birthday, customer_type, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, CASE ?1 WHEN 'Alice' THEN 'b2b' END, ?6, ?6)",
            params![name, city, level, notes, birthday, created],
        )
        .unwrap();
    }
    conn.execute("UPDATE customers SET deleted_at = ?1 WHERE id = 4", [NOW])
        .unwrap();
    let values: [(i64, i64, String); 9] = [
        (1, 1, "会员-1".into()),
        (1, 2, "120".into()),
        (2, 2, "-5".into()),
        (1, 3, date(-12)),
        (1, 4, "线上".into()),
        (1, 5, r#"["Aa","茶"]"#.into()),
        (2, 5, r#"["bb"]"#.into()),
        (4, 2, "120".into()),
        (4, 5, r#"["茶"]"#.into()),
    ];
    for (c, f, v) in values {
        conn.execute(
            "INSERT INTO custom_values(customer_id, field_id, value) VALUES (?1, ?2, ?3)",
            params![c, f, v],
        )
        .unwrap();
    }
    for (tag, customer) in [(3, 1), (3, 4), (7, 1), (7, 2), (8, 2)] {
        conn.execute(
            "INSERT INTO assignments(tag_id, customer_id, source, actor, at)
             VALUES (?1, ?2, 'manual', 't', ?3)",
            params![tag, customer, NOW],
        )
        .unwrap();
    }
    for (tag, weight) in [(3, 10.0), (7, 2.5), (8, -1.0)] {
        conn.execute(
            "UPDATE tag_nodes SET weight = ?2 WHERE id = ?1",
            params![tag, weight],
        )
        .unwrap();
    }
    let pricing = r#"{"page":"pricing"}"#;
    let events: [(i64, &str, i64, Option<f64>, &str); 8] = [
        (1, "visit", NOW - DAY, None, pricing),
        (1, "visit", NOW - 2 * DAY, None, pricing),
        (1, "visit", NOW - 7 * DAY, None, pricing),
        (1, "order", NOW - DAY, Some(100.0), "{}"),
        (1, "order", NOW - 60 * DAY, Some(50.5), "{}"),
        (2, "visit", NOW - 2 * DAY, None, r#"{"page":"home"}"#),
        (2, "order", NOW - 3 * DAY, None, "{}"),
        (4, "visit", NOW, None, pricing),
    ];
    for (c, kind, at, amount, props) in events {
        conn.execute(
            "INSERT INTO events(customer_id, kind, occurred_at, amount, properties)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![c, kind, at, amount, props],
        )
        .unwrap();
    }
    let index = Index::build(&conn).unwrap();
    (conn, index)
}

pub fn ids(conn: &Connection, index: &Index, c: &Condition) -> Vec<u32> {
    Ctx::new(conn, index, NOW).eval(c).unwrap().iter().collect()
}

pub fn field(field: &str, op: FieldOp, values: &[&str]) -> Condition {
    Condition::Field {
        field: field.into(),
        op,
        values: values.iter().map(|v| v.to_string()).collect(),
    }
}

/// Checks each (tree, expected members), naming the failing case.
fn check(cases: Vec<(&str, Condition, Vec<u32>)>) {
    let (conn, index) = hand_world();
    for (what, c, want) in cases {
        assert_eq!(ids(&conn, &index, &c), want, "{what}");
    }
}

#[test]
fn text_operators_compare_folded_values_and_blanks_only_pass_negations() {
    use FieldOp::*;
    check(vec![
        ("eq", field("city", Eq, &["上海"]), vec![1]),
        (
            "eq folds width, case, space",
            field("city", Eq, &["shanghai"]),
            vec![2],
        ),
        (
            "ne keeps the blank",
            field("city", Ne, &["上海"]),
            vec![2, 3],
        ),
        ("in", field("city", In, &["上海", "SHANGHAI"]), vec![1, 2]),
        (
            "not in",
            field("city", NotIn, &["上海", "shanghai"]),
            vec![3],
        ),
        ("contains", field("city", Contains, &["hai"]), vec![2]),
        ("starts with", field("city", StartsWith, &["上"]), vec![1]),
        ("is empty", field("city", IsEmpty, &[]), vec![3]),
        ("is not empty", field("city", IsNotEmpty, &[]), vec![1, 2]),
        ("spaces are empty", field("level", IsEmpty, &[]), vec![3]),
        ("case", field("level", Eq, &["ＶＩＰ"]), vec![1, 2]),
        ("choice", field("custom:4", Eq, &["线上"]), vec![1]),
        (
            "built-in choice",
            field("customer_type", Eq, &["B2B"]),
            vec![1],
        ),
        (
            "custom text",
            field("custom:1", StartsWith, &["会员"]),
            vec![1],
        ),
    ]);
}

#[test]
fn number_operators_compare_parsed_values() {
    use FieldOp::*;
    let budget = |op, v: &[&str]| field("custom:2", op, v);
    check(vec![
        ("eq", budget(Eq, &["120.0"]), vec![1]),
        ("ne keeps the empty", budget(Ne, &["120"]), vec![2, 3]),
        ("in", budget(In, &["-5", "7"]), vec![2]),
        ("not in", budget(NotIn, &["-5"]), vec![1, 3]),
        ("lt", budget(Lt, &["0"]), vec![2]),
        ("le", budget(Le, &["120"]), vec![1, 2]),
        ("gt", budget(Gt, &["-5"]), vec![1]),
        ("ge", budget(Ge, &["-5"]), vec![1, 2]),
        (
            "between in either order",
            budget(Between, &["200", "100"]),
            vec![1],
        ),
        ("is empty", budget(IsEmpty, &[]), vec![3]),
        ("is not empty", budget(IsNotEmpty, &[]), vec![1, 2]),
    ]);
}

#[test]
fn dates_and_moments_compare_by_calendar_day() {
    use FieldOp::*;
    check(vec![
        (
            "birthday within 7 days",
            field("birthday", WithinLastDays, &["7"]),
            vec![1],
        ),
        (
            "birthday before 30 days ago",
            field("birthday", BeforeDaysAgo, &["30"]),
            vec![2],
        ),
        ("birthday eq", field("birthday", Eq, &[&date(-3)]), vec![1]),
        (
            "birthday lt, slashes",
            field("birthday", Lt, &["2000/1/1"]),
            vec![2],
        ),
        (
            "custom date gt",
            field("custom:3", Gt, &[&date(-13)]),
            vec![1],
        ),
        (
            "created within 2 days",
            field("created_at", WithinLastDays, &["2"]),
            vec![1],
        ),
        (
            "created within 1 day",
            field("created_at", WithinLastDays, &["1"]),
            vec![],
        ),
        (
            "created before 30 days ago",
            field("created_at", BeforeDaysAgo, &["30"]),
            vec![2],
        ),
        (
            "created on a day",
            field("created_at", Eq, &[&date(-10)]),
            vec![3],
        ),
        (
            "created between days",
            field("created_at", Between, &[&date(-2), &date(-10)]),
            vec![1, 3],
        ),
        ("created ge", field("created_at", Ge, &[&date(-2)]), vec![1]),
        (
            "updated le",
            field("updated_at", Le, &[&date(-10)]),
            vec![2, 3],
        ),
    ]);
}

#[test]
fn multi_choice_values_match_any_held_choice() {
    use FieldOp::*;
    let hobby = |op, v: &[&str]| field("custom:5", op, v);
    check(vec![
        ("eq", hobby(Eq, &["茶"]), vec![1]),
        ("eq folds case", hobby(Eq, &["AA"]), vec![1]),
        ("in", hobby(In, &["bb", "xx"]), vec![2]),
        ("not in", hobby(NotIn, &["茶"]), vec![2, 3]),
        ("ne", hobby(Ne, &["bb"]), vec![1, 3]),
        ("contains", hobby(Contains, &["a"]), vec![1]),
        ("starts with", hobby(StartsWith, &["b"]), vec![2]),
        ("is empty", hobby(IsEmpty, &[]), vec![3]),
        ("is not empty", hobby(IsNotEmpty, &[]), vec![1, 2]),
    ]);
}

#[test]
fn tag_sets_and_groups_count_only_live_customers() {
    let tags = |tag_ids: Vec<i64>, mode| Condition::Tags { tag_ids, mode };
    let group = |group_id, mode| Condition::Group { group_id, mode };
    check(vec![
        ("tag", Condition::Tag { tag_id: 3 }, vec![1]),
        ("any", tags(vec![3, 8], SetMode::Any), vec![1, 2]),
        ("all", tags(vec![3, 7], SetMode::All), vec![1]),
        ("none", tags(vec![3, 8], SetMode::None), vec![3]),
        ("group any", group(6, SetMode::Any), vec![1, 2]),
        ("group none", group(6, SetMode::None), vec![3]),
        ("a group without tags: any", group(11, SetMode::Any), vec![]),
        (
            "a group without tags: none",
            group(11, SetMode::None),
            vec![1, 2, 3],
        ),
    ]);
}

fn event(kind: &str, days: Option<i64>, measure: EventMeasure, cmp: Cmp, v: f64) -> Condition {
    Condition::Event {
        kind: kind.into(),
        property: None,
        within_days: days,
        measure,
        cmp,
        value: v,
        value2: None,
    }
}

#[test]
fn events_are_counted_and_summed_in_their_window() {
    use EventMeasure::*;
    let pricing = Condition::Event {
        kind: "visit".into(),
        property: Some(EventProperty {
            key: "page".into(),
            value: "pricing".into(),
        }),
        within_days: Some(7),
        measure: Count,
        cmp: Cmp::Ge,
        value: 3.0,
        value2: None,
    };
    let mut between = event("order", None, Count, Cmp::Between, 1.0);
    if let Condition::Event { value2, .. } = &mut between {
        *value2 = Some(1.0);
    }
    check(vec![
        (
            "3 pricing visits in 7 days, the edge included",
            pricing,
            vec![1],
        ),
        (
            "no visits ever",
            event("visit", None, Count, Cmp::Eq, 0.0),
            vec![3],
        ),
        (
            "sum in 30 days",
            event("order", Some(30), SumAmount, Cmp::Gt, 50.0),
            vec![1],
        ),
        (
            "sum ever",
            event("order", None, SumAmount, Cmp::Eq, 150.5),
            vec![1],
        ),
        (
            "missing amounts are 0",
            event("order", None, SumAmount, Cmp::Le, 0.0),
            vec![2, 3],
        ),
        ("between", between, vec![2]),
        ("ne", event("order", None, Count, Cmp::Ne, 2.0), vec![2, 3]),
        (
            "lt",
            event("visit", Some(1), Count, Cmp::Lt, 1.0),
            vec![2, 3],
        ),
        (
            "unknown kind",
            event("refund", None, Count, Cmp::Eq, 0.0),
            vec![1, 2, 3],
        ),
    ]);
}

#[test]
fn score_is_the_sum_of_tag_weights() {
    let score = |cmp, value, value2| Condition::Score { cmp, value, value2 };
    check(vec![
        ("eq", score(Cmp::Eq, 12.5, None), vec![1]),
        ("ne", score(Cmp::Ne, 0.0, None), vec![1, 2]),
        ("lt", score(Cmp::Lt, 1.5, None), vec![3]),
        ("le", score(Cmp::Le, 1.5, None), vec![2, 3]),
        ("gt", score(Cmp::Gt, 0.0, None), vec![1, 2]),
        ("ge", score(Cmp::Ge, 12.5, None), vec![1]),
        ("between", score(Cmp::Between, 0.0, Some(2.0)), vec![2, 3]),
    ]);
}

#[test]
fn empty_and_negated_trees_are_everyone_or_no_one() {
    let and = |children| Condition::And { children };
    let or = |children| Condition::Or { children };
    let not = |c| Condition::Not { child: Box::new(c) };
    check(vec![
        ("and of nothing", and(vec![]), vec![1, 2, 3]),
        ("or of nothing", or(vec![]), vec![]),
        ("not of an empty and", not(and(vec![])), vec![]),
        ("not of an empty or", not(or(vec![])), vec![1, 2, 3]),
        (
            "and of empty ors",
            and(vec![or(vec![]), and(vec![])]),
            vec![],
        ),
    ]);
}

#[test]
fn nesting_to_the_levels_bound_evaluates_and_counts() {
    let (conn, index) = hand_world();
    let mut c = Condition::Tag { tag_id: 3 };
    let groups = tagdesk_core::conditions::depth::MAX_LEVELS - 1;
    for level in 0..groups {
        c = match level % 3 {
            0 => Condition::Not { child: Box::new(c) },
            1 => Condition::And { children: vec![c] },
            _ => Condition::Or { children: vec![c] },
        };
    }
    // 13 negations: everyone but Alice.
    assert_eq!(ids(&conn, &index, &c), vec![2, 3]);
    let (_, counts) = Ctx::new(&conn, &index, NOW).eval_counted(&c).unwrap();
    let mut node = &counts;
    let mut depth = 0;
    while let Some(child) = node.children.first() {
        node = child;
        depth += 1;
    }
    assert_eq!(depth, groups, "every level has its count");
    assert_eq!(node.count, 1, "the innermost node is the tag alone");
}
