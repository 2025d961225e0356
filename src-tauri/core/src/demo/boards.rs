//! The boards a team pins and checks every day (TAXONOMY.md: 新客 / 活跃 / 沉默 / 回流 / 高价值),
//! as pinned dynamic segments of the demo, so its dashboard shows what boards are for. They
//! read only attributes and events, so they hold for any generated data; their counts over time
//! accumulate from the day the demo is first opened.

use crate::conditions::{Cmp, Condition, EventMeasure, FieldOp};
use crate::error::Result;
use rusqlite::{params, Transaction};

pub(super) fn insert(tx: &Transaction, now: i64) -> Result<()> {
    for (name, condition) in boards() {
        tx.execute(
            "INSERT INTO segments(name, kind, condition, pinned, created_at, updated_at)
             VALUES (?1, 'dynamic', ?2, 1, ?3, ?3)",
            params![name, serde_json::to_string(&condition)?, now],
        )?;
    }
    Ok(())
}

pub(super) fn boards() -> Vec<(&'static str, Condition)> {
    let and = |children| Condition::And { children };
    let not = |child| Condition::Not {
        child: Box::new(child),
    };
    vec![
        ("新客", created(FieldOp::WithinLastDays, 30)),
        (
            "活跃",
            event("登录", Some(30), EventMeasure::Count, Cmp::Ge, 1.0),
        ),
        (
            "沉默",
            and(vec![
                created(FieldOp::BeforeDaysAgo, 90),
                not(event("登录", Some(90), EventMeasure::Count, Cmp::Ge, 1.0)),
                not(event("下单", Some(90), EventMeasure::Count, Cmp::Ge, 1.0)),
            ]),
        ),
        (
            // Ordered this month after four months without an order, and had ordered before.
            "回流",
            and(vec![
                event("下单", Some(30), EventMeasure::Count, Cmp::Ge, 1.0),
                event("下单", Some(120), EventMeasure::Count, Cmp::Le, 1.0),
                event("下单", None, EventMeasure::Count, Cmp::Ge, 2.0),
            ]),
        ),
        (
            "高价值",
            event("下单", Some(365), EventMeasure::SumAmount, Cmp::Ge, 5000.0),
        ),
    ]
}

fn created(op: FieldOp, days: i64) -> Condition {
    Condition::Field {
        field: "created_at".into(),
        op,
        values: vec![days.to_string()],
    }
}

fn event(
    kind: &str,
    within_days: Option<i64>,
    measure: EventMeasure,
    cmp: Cmp,
    value: f64,
) -> Condition {
    Condition::Event {
        kind: kind.into(),
        property: None,
        within_days,
        measure,
        cmp,
        value,
        value2: None,
    }
}

#[cfg(test)]
mod tests {
    use crate::conditions::{validate, Ctx, Index};
    use crate::demo::{generate, DemoSpec};

    #[test]
    fn the_demo_pins_five_valid_boards_each_holding_some_but_not_all_customers() {
        let mut conn = crate::db::open_in_memory().unwrap();
        let spec = DemoSpec::small();
        let summary = generate(&mut conn, &spec).unwrap();
        let index = Index::build(&conn).unwrap();
        let pinned = crate::segments::list(&conn).unwrap();
        let mut names: Vec<&str> = pinned
            .iter()
            .filter(|s| s.pinned)
            .map(|s| s.name.as_str())
            .collect();
        names.sort();
        let mut expected = ["新客", "活跃", "沉默", "回流", "高价值"];
        expected.sort();
        assert_eq!(names, expected);
        for segment in &pinned {
            validate(&conn, &segment.condition, Some(segment.id)).unwrap();
            let members = Ctx::new(&conn, &index, spec.now)
                .eval(&segment.condition)
                .unwrap()
                .len();
            assert!(
                members > 0 && members < summary.customers as u64,
                "{} holds {members} of {}",
                segment.name,
                summary.customers
            );
        }
    }
}
