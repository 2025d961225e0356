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

/// Tag-filtered pages sorted by name, common tags (read by walking the name index) and rare
/// ones (members sorted), must equal sorting every live member by (name, id).
#[test]
fn tag_filtered_pages_sorted_by_name_match_sorting_every_member_for_common_and_rare_tags() {
    use tagdesk_core::customers::{CustomerQuery, CustomerSort, CustomerSortField};
    use tagdesk_core::tagging::{self, TagSource, TagTarget};
    let mut conn = empty_db();
    // Repeated names so that ties are broken by id; ids spread over the name order.
    let ids: Vec<(i64, String)> = (0..90)
        .map(|i| {
            let name = format!("客户{:02}", (i * 37) % 41);
            (add_customer(&conn, &name, None, None), name)
        })
        .collect();
    use tagdesk_core::tags::{create_node, NewNode, NodeKind};
    // Two tags of no group, so that a customer may carry both.
    let topic = create_node(&conn, &NewNode::new(None, NodeKind::Category, "兴趣")).unwrap();
    let tag = |name: &str| create_node(&conn, &NewNode::new(Some(topic), NodeKind::Tag, name));
    let (common, rare) = (tag("常见").unwrap(), tag("少见").unwrap());
    let tag_ids = |pick: &dyn Fn(usize) -> bool| -> Vec<i64> {
        ids.iter()
            .enumerate()
            .filter(|(i, _)| pick(*i))
            .map(|(_, (id, _))| *id)
            .collect()
    };
    for (tag_id, members) in [
        (common, tag_ids(&|i| i % 4 != 0)),
        (rare, tag_ids(&|i| i % 30 == 7)),
    ] {
        tagging::add(
            &mut conn,
            &TagTarget::Customers { ids: members },
            tag_id,
            TagSource::Manual,
            "t",
        )
        .unwrap();
    }
    customers::soft_delete(&mut conn, &[ids[1].0, ids[7].0], "t").unwrap();
    let live_member = |id: i64, tag_id: i64| -> bool {
        conn.query_row(
            "SELECT count(*) FROM assignments a JOIN customers c ON c.id = a.customer_id
             WHERE a.tag_id = ?1 AND a.customer_id = ?2 AND c.deleted_at IS NULL",
            [tag_id, id],
            |r| r.get::<_, i64>(0),
        )
        .unwrap()
            == 1
    };
    for tags in [vec![common], vec![rare], vec![common, rare]] {
        let mut expected: Vec<(String, i64)> = ids
            .iter()
            .filter(|(id, _)| tags.iter().all(|t| live_member(*id, *t)))
            .map(|(id, name)| (name.clone(), *id))
            .collect();
        expected.sort();
        for descending in [false, true] {
            let mut want = expected.clone();
            if descending {
                // Names descending, equal names still by id ascending.
                want.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
            }
            for (offset, limit) in [(0, 5), (5, 7), (0, 200), (60, 5)] {
                let page = customers::list(
                    &conn,
                    &CustomerQuery {
                        tag_ids: tags.clone(),
                        sort: Some(CustomerSort {
                            field: CustomerSortField::Name,
                            descending,
                            custom_field_id: None,
                        }),
                        offset,
                        limit,
                        ..Default::default()
                    },
                )
                .unwrap();
                let got: Vec<i64> = page.items.iter().map(|c| c.id).collect();
                let want: Vec<i64> = want
                    .iter()
                    .skip(offset as usize)
                    .take(limit as usize)
                    .map(|w| w.1)
                    .collect();
                assert_eq!(
                    got, want,
                    "tags {tags:?}, descending {descending}, offset {offset}, limit {limit}"
                );
            }
        }
    }
}
