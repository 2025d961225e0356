use crate::*;
use tagdesk_core::customers::{self, CustomerInput};
use tagdesk_core::problem::Problem;
use tagdesk_core::ErrorCode;

#[test]
fn invalid_fields_are_refused_with_the_field_named_and_nothing_written() {
    let conn = empty_db();
    let bad = CustomerInput {
        name: "王伟".into(),
        phone: Some("138-12".into()),
        ..Default::default()
    };
    let err = customers::create(&conn, &bad, "t").unwrap_err();
    assert_eq!(err.code(), ErrorCode::Invalid);
    assert!(err.to_string().starts_with("phone:"), "{err}");
    assert_eq!(
        scalar(&conn, "SELECT count(*) FROM customers WHERE id > ?1", 0),
        0
    );
}

#[test]
fn profile_groups_tags_and_shows_history_and_events() {
    let conn = demo_db(50);
    let id: i64 = conn
        .query_row(
            "SELECT customer_id FROM assignments GROUP BY customer_id ORDER BY count(*) DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let p = customers::profile(&conn, id).unwrap();
    let held = scalar(
        &conn,
        "SELECT count(*) FROM assignments WHERE customer_id = ?1",
        id,
    );
    let shown: usize = p.tag_groups.iter().map(|g| g.tags.len()).sum();
    assert_eq!(shown as i64, held);
    for g in &p.tag_groups {
        if let Some(gid) = g.group_id {
            assert_eq!(
                p.tag_groups
                    .iter()
                    .filter(|o| o.group_id == Some(gid))
                    .count(),
                1,
                "one entry per group"
            );
        }
    }
    assert!(
        p.history.iter().all(|h| h.tag_path.contains(" / ")),
        "history names tags by path"
    );
    assert_eq!(
        p.event_count,
        scalar(
            &conn,
            "SELECT count(*) FROM events WHERE customer_id = ?1",
            id
        )
    );
}

#[test]
fn external_ids_are_unique_with_a_clear_message() {
    let conn = empty_db();
    let input = CustomerInput {
        name: "甲".into(),
        external_id: Some("M-001".into()),
        ..Default::default()
    };
    customers::create(&conn, &input, "t").unwrap();
    let err = customers::create(
        &conn,
        &CustomerInput {
            name: "乙".into(),
            ..input
        },
        "t",
    )
    .unwrap_err();
    assert_eq!(
        err.problem(),
        Problem::ExternalIdTaken {
            value: "M-001".into()
        }
    );
}

#[test]
fn custom_values_are_saved_with_the_customer_and_rejected_atomically() {
    use tagdesk_core::custom_fields::CustomValue;
    let conn = empty_db();
    let budget = budget_field(&conn);
    let mut input = CustomerInput {
        name: "王伟".into(),
        custom: vec![CustomValue {
            field_id: budget,
            value: "50,000".into(),
        }],
        ..Default::default()
    };
    let id = customers::create(&conn, &input, "t").unwrap();
    let saved = customers::get(&conn, id).unwrap();
    assert_eq!(saved.input.custom[0].value, "50000");

    input.name = "王伟伟".into();
    input.custom[0].value = "很多".into();
    let err = customers::update(&conn, id, &input, "t").unwrap_err();
    assert!(err.to_string().starts_with("预算:"), "{err}");
    assert_eq!(
        customers::get(&conn, id).unwrap().input.name,
        "王伟",
        "a rejected edit changes nothing"
    );
}

#[test]
fn the_list_sorts_by_a_numeric_custom_field_and_shows_its_values() {
    use tagdesk_core::custom_fields::CustomValue;
    use tagdesk_core::customers::{CustomerQuery, CustomerSort, CustomerSortField};
    let conn = empty_db();
    let budget = budget_field(&conn);
    for (name, value) in [("甲", "900"), ("乙", "10000"), ("丙", "")] {
        let input = CustomerInput {
            name: name.into(),
            custom: vec![CustomValue {
                field_id: budget,
                value: value.into(),
            }],
            ..Default::default()
        };
        customers::create(&conn, &input, "t").unwrap();
    }
    let page = customers::list(
        &conn,
        &CustomerQuery {
            sort: Some(CustomerSort {
                field: CustomerSortField::Name,
                descending: true,
                custom_field_id: Some(budget),
            }),
            limit: 10,
            ..Default::default()
        },
    )
    .unwrap();
    let names: Vec<&str> = page.items.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(
        names,
        ["乙", "甲", "丙"],
        "numeric order (10000 > 900), empty last"
    );
    assert_eq!(page.items[0].custom[0].value, "10000");
    assert!(page.items[2].custom.is_empty());
}

/// A number field 预算 (budget); returns its id.
fn budget_field(conn: &rusqlite::Connection) -> i64 {
    use tagdesk_core::custom_fields::{self, CustomFieldInput, FieldKind};
    custom_fields::create(
        conn,
        &CustomFieldInput {
            label: "预算".into(),
            kind: FieldKind::Number,
            options: vec![],
        },
        "t",
    )
    .unwrap()
}
