//! Random condition trees over the fixed world: every node type, every operator, values that
//! the validator accepts (saved segments) or that merely evaluate (unknown tags, empty groups).

use super::world::{date, EVENT_KINDS, GROUPS, LIVE_TAGS, SEGMENTS, TAGS};
use proptest::prelude::*;
use proptest::sample::select;
use tagdesk_core::conditions::{Cmp, Condition, EventMeasure, EventProperty, FieldOp, SetMode};

const TEXT_FIELDS: [&str; 11] = [
    "name",
    "company",
    "city",
    "level",
    "notes",
    "email",
    "customer_type",
    "gender",
    "custom:1",
    "custom:4",
    "custom:5",
];
const TEXT_VALUES: [&str; 17] = [
    "vip",
    "ＶＩＰ",
    " VIP ",
    "vi",
    "ip",
    "上海",
    "a_b",
    "_",
    "%",
    "o'",
    "🙂",
    "x",
    "b2b",
    "MALE",
    "线上",
    "ｖｉｐ",
    "茶",
];
const NUMBER_VALUES: [&str; 8] = ["-3.5", "0", "1", "12", "12.0", "100", " 7 ", "1e3"];

fn op(ops: &[FieldOp]) -> impl Strategy<Value = FieldOp> {
    select(ops.to_vec())
}

/// How many values `op` takes, and a strategy for the values themselves.
fn values(op: FieldOp, one: BoxedStrategy<String>) -> BoxedStrategy<Vec<String>> {
    use FieldOp::*;
    match op {
        IsEmpty | IsNotEmpty => Just(Vec::new()).boxed(),
        In | NotIn => (prop::collection::vec(one, 1..4), any::<bool>())
            .prop_map(|(mut v, blank)| {
                // A blank entry in a list is ignored, not an error.
                if blank {
                    v.push(" ".into());
                }
                v
            })
            .boxed(),
        Between => prop::collection::vec(one, 2).boxed(),
        _ => one.prop_map(|v| vec![v]).boxed(),
    }
}

fn field() -> BoxedStrategy<Condition> {
    use FieldOp::*;
    let build = |(field, op, values): (&str, FieldOp, Vec<String>)| Condition::Field {
        field: field.to_string(),
        op,
        values,
    };
    let text_value = select(TEXT_VALUES.to_vec()).prop_map(String::from).boxed();
    let text = (
        select(TEXT_FIELDS.to_vec()),
        op(&[Eq, Ne, In, NotIn, Contains, StartsWith, IsEmpty, IsNotEmpty]),
    )
        .prop_flat_map(move |(f, o)| (Just(f), Just(o), values(o, text_value.clone())))
        .prop_map(build);
    let number_value = select(NUMBER_VALUES.to_vec())
        .prop_map(String::from)
        .boxed();
    let numbers = [
        Eq, Ne, In, NotIn, Lt, Le, Gt, Ge, Between, IsEmpty, IsNotEmpty,
    ];
    let number = op(&numbers)
        .prop_flat_map(move |o| (Just("custom:2"), Just(o), values(o, number_value.clone())))
        .prop_map(build);
    let day_value = prop_oneof![
        (-45i64..5).prop_map(date),
        select(vec!["2025/11/1", "1990-01-02"]).prop_map(String::from),
    ]
    .boxed();
    let days = select(vec!["0", "1", "7", "30", "400"])
        .prop_map(String::from)
        .boxed();
    let mut dated = numbers.to_vec();
    dated.extend([WithinLastDays, BeforeDaysAgo]);
    let day = (
        select(vec!["birthday", "custom:3", "created_at", "updated_at"]),
        op(&dated),
    )
        .prop_flat_map(move |(f, o)| {
            let one = if matches!(o, WithinLastDays | BeforeDaysAgo) {
                days.clone()
            } else {
                day_value.clone()
            };
            (Just(f), Just(o), values(o, one))
        })
        .prop_map(build);
    prop_oneof![2 => text, 1 => number, 2 => day].boxed()
}

fn cmp() -> impl Strategy<Value = (Cmp, Option<f64>)> {
    let value2 = select(vec![0.0, 1.0, 2.5, 3.0, 50.0]);
    (
        select(vec![
            Cmp::Eq,
            Cmp::Ne,
            Cmp::Lt,
            Cmp::Le,
            Cmp::Gt,
            Cmp::Ge,
            Cmp::Between,
        ]),
        value2,
    )
        .prop_map(|(c, v2)| (c, (c == Cmp::Between).then_some(v2)))
}

fn event() -> impl Strategy<Value = Condition> {
    let property = proptest::option::of(select(vec![
        ("page", "pricing"),
        ("page", "Pricing"),
        ("n", "3"),
        ("n", "3.0"),
        ("flag", "true"),
    ]));
    let mut kinds = EVENT_KINDS.to_vec();
    kinds.push("refund");
    (
        select(kinds),
        property,
        proptest::option::of(select(vec![0i64, 1, 7, 30])),
        select(vec![EventMeasure::Count, EventMeasure::SumAmount]),
        cmp(),
        select(vec![0.0, 1.0, 2.0, 3.0, 5.0, -1.0, 10.5, 100.0]),
    )
        .prop_map(
            |(kind, property, within_days, measure, (cmp, value2), value)| Condition::Event {
                kind: kind.to_string(),
                property: property.map(|(k, v)| EventProperty {
                    key: k.into(),
                    value: v.into(),
                }),
                within_days,
                measure,
                cmp,
                value,
                value2,
            },
        )
}

fn score() -> impl Strategy<Value = Condition> {
    (cmp(), select(vec![0.0, 1.0, 2.5, -1.0, 3.5, 10.0]))
        .prop_map(|((cmp, value2), value)| Condition::Score { cmp, value, value2 })
}

/// A random tree of depth at most 4. `saved`: only what a saved segment may contain (valid
/// ids, no segment references).
pub fn condition(saved: bool) -> BoxedStrategy<Condition> {
    let mut tags = LIVE_TAGS.to_vec();
    let mut groups = vec![2, 6];
    if !saved {
        tags = TAGS.to_vec();
        tags.push(999);
        groups = GROUPS.to_vec();
    }
    let mode = select(vec![SetMode::Any, SetMode::All, SetMode::None]);
    let mut leaves: Vec<(u32, BoxedStrategy<Condition>)> = vec![
        (
            2,
            select(tags.clone())
                .prop_map(|tag_id| Condition::Tag { tag_id })
                .boxed(),
        ),
        (
            2,
            (prop::collection::vec(select(tags), 1..4), mode)
                .prop_map(|(tag_ids, mode)| Condition::Tags { tag_ids, mode })
                .boxed(),
        ),
        (
            1,
            (select(groups), select(vec![SetMode::Any, SetMode::None]))
                .prop_map(|(group_id, mode)| Condition::Group { group_id, mode })
                .boxed(),
        ),
        (5, field()),
        (3, event().boxed()),
        (1, score().boxed()),
    ];
    if !saved {
        leaves.push((
            1,
            select(SEGMENTS.to_vec())
                .prop_map(|segment_id| Condition::Segment { segment_id })
                .boxed(),
        ));
    }
    let leaf = proptest::strategy::Union::new_weighted(leaves);
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4)
                .prop_map(|children| Condition::And { children }),
            prop::collection::vec(inner.clone(), 0..4)
                .prop_map(|children| Condition::Or { children }),
            inner.prop_map(|c| Condition::Not { child: Box::new(c) }),
        ]
    })
    .boxed()
}
