//! Customers travel between a team's laptops (issue 18, docs/TEAM.md §4): created, edited,
//! deleted and restored on one laptop, they reach the others; each field is its own
//! last-writer-wins key; a deleted customer stays deleted when an edit arrives (the inbox
//! offers "restore"); the same person created on two laptops is one customer.

use super::team_exchange::{cases as open_cases, exchange, give, later, send, team_of};
use rusqlite::Connection;
use tagdesk_core::custom_fields::{self, CustomFieldInput, CustomValue, FieldKind};
use tagdesk_core::customers::{self, CustomerInput};
use tagdesk_core::operations;
use tagdesk_core::team::{self, inbox::Case, inbox_view};

fn person(name: &str, phone: Option<&str>) -> CustomerInput {
    CustomerInput {
        name: name.to_string(),
        phone: phone.map(str::to_string),
        ..CustomerInput::default()
    }
}

fn uid_of(conn: &Connection, id: i64) -> String {
    conn.query_row("SELECT uid FROM customers WHERE id = ?1", [id], |r| {
        r.get(0)
    })
    .unwrap()
}

/// The customer `uid` names on this laptop (after merges), with whether it is deleted.
fn by_uid(conn: &Connection, uid: &str) -> Option<(customers::Customer, bool)> {
    let id: i64 = conn
        .query_row(
            "SELECT id FROM customers WHERE uid = coalesce(
                 (SELECT to_uid FROM uid_aliases WHERE entity = 'customer' AND from_uid = ?1), ?1)",
            [uid],
            |r| r.get(0),
        )
        .ok()?;
    let deleted: bool = conn
        .query_row(
            "SELECT deleted_at IS NOT NULL FROM customers WHERE id = ?1",
            [id],
            |r| r.get(0),
        )
        .unwrap();
    Some((customers::get(conn, id).unwrap(), deleted))
}

#[test]
fn a_customer_made_on_one_laptop_reaches_the_other_with_every_field_and_its_tags() {
    let dir = tempfile::tempdir().unwrap();
    let mut team = team_of(2, dir.path());
    let field = custom_fields::create(
        &team[0],
        &CustomFieldInput {
            label: "会员卡号".into(),
            kind: FieldKind::Text,
            options: vec![],
        },
        "t",
    )
    .unwrap();
    // The field exists on both laptops (custom fields do not travel yet).
    let field_uid: String = team[0]
        .query_row(
            "SELECT uid FROM custom_fields WHERE id = ?1",
            [field],
            |r| r.get(0),
        )
        .unwrap();
    let other_field = custom_fields::create(
        &team[1],
        &CustomFieldInput {
            label: "会员卡号".into(),
            kind: FieldKind::Text,
            options: vec![],
        },
        "t",
    )
    .unwrap();
    team[1]
        .execute(
            "UPDATE custom_fields SET uid = ?1 WHERE id = ?2",
            rusqlite::params![field_uid, other_field],
        )
        .unwrap();

    let mut input = person("林小雨", Some("13900001111"));
    input.city = Some("杭州".into());
    input.custom = vec![CustomValue {
        field_id: field,
        value: "VIP-0042".into(),
    }];
    let id = customers::create(&team[0], &input, "t").unwrap();
    let seed = super::tag(&team[0], "种子用户");
    give(&mut team[0], &[id], seed);
    let uid = uid_of(&team[0], id);

    send(&mut team, 0, 1);
    let (there, deleted) = by_uid(&team[1], &uid).expect("the customer reached the other laptop");
    assert!(!deleted);
    assert_eq!(there.input.name, "林小雨");
    assert_eq!(there.input.phone.as_deref(), Some("13900001111"));
    assert_eq!(there.input.city.as_deref(), Some("杭州"));
    assert_eq!(
        there.input.custom,
        vec![CustomValue {
            field_id: other_field,
            value: "VIP-0042".into()
        }]
    );
    let tagged: bool = team[1]
        .query_row(
            "SELECT EXISTS (SELECT 1 FROM assignments a JOIN tag_nodes t ON t.id = a.tag_id
             WHERE a.customer_id = ?1 AND t.name = '种子用户')",
            [there.id],
            |r| r.get(0),
        )
        .unwrap();
    assert!(
        tagged,
        "the tag given in a later operation landed on the new customer"
    );
    // The other laptop finds it by search too.
    let found = customers::list(
        &team[1],
        &customers::CustomerQuery {
            search: Some("林小雨".into()),
            limit: 10,
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(found.total, 1);
    assert!(
        open_cases(&team[1]).is_empty(),
        "{:?}",
        open_cases(&team[1])
    );
}

#[test]
fn concurrent_edits_of_different_fields_both_stay_and_of_one_field_the_later_wins_everywhere() {
    let dir = tempfile::tempdir().unwrap();
    let mut team = team_of(2, dir.path());
    let id = customers::create(&team[0], &person("周青", Some("13700002222")), "t").unwrap();
    let uid = uid_of(&team[0], id);
    exchange(&mut team);
    let there = by_uid(&team[1], &uid).unwrap().0.id;

    // Offline: laptop 0 sets the city and the company, laptop 1 the company (later) and the job.
    let mut a = customers::get(&team[0], id).unwrap().input;
    a.city = Some("宁波".into());
    a.company = Some("青木科技".into());
    customers::update(&team[0], id, &a, "t").unwrap();
    later();
    let mut b = customers::get(&team[1], there).unwrap().input;
    b.company = Some("青木科技有限公司".into());
    b.job_title = Some("采购".into());
    customers::update(&team[1], there, &b, "t").unwrap();

    exchange(&mut team);
    for conn in &team {
        let c = by_uid(conn, &uid).unwrap().0.input;
        assert_eq!(c.city.as_deref(), Some("宁波"), "laptop 0's field stays");
        assert_eq!(
            c.job_title.as_deref(),
            Some("采购"),
            "laptop 1's field stays"
        );
        assert_eq!(
            c.company.as_deref(),
            Some("青木科技有限公司"),
            "the later edit of one field wins"
        );
        // A received edit writes only the fields it changed; the search follows a searchable one.
        let found = customers::list(
            conn,
            &customers::CustomerQuery {
                search: Some("青木科技有限公司".into()),
                limit: 10,
                ..Default::default()
            },
        )
        .unwrap();
        assert_eq!(found.total, 1, "found by the company that won");
    }
    // The losing value stays in the history of the laptop that lost.
    let edits: i64 = team[0]
        .query_row(
            "SELECT count(*) FROM operations WHERE kind = 'edit' AND entity = 'customer'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(
        edits >= 3,
        "creation, own edit and the received edit are in the history"
    );
}

#[test]
fn a_customer_deleted_on_one_laptop_and_edited_on_the_other_stays_deleted_and_restore_brings_it_back(
) {
    let dir = tempfile::tempdir().unwrap();
    let mut team = team_of(2, dir.path());
    let id = customers::create(&team[0], &person("吴迪", Some("13600003333")), "t").unwrap();
    let uid = uid_of(&team[0], id);
    exchange(&mut team);
    let there = by_uid(&team[1], &uid).unwrap().0.id;

    let mut edit = customers::get(&team[1], there).unwrap().input;
    edit.city = Some("苏州".into());
    later();
    customers::soft_delete(&mut team[0], &[id], "t").unwrap();
    later();
    customers::update(&team[1], there, &edit, "t").unwrap();

    exchange(&mut team);
    for conn in &team {
        let (c, deleted) = by_uid(conn, &uid).unwrap();
        assert!(deleted, "the deletion stands");
        assert_eq!(c.input.city.as_deref(), Some("苏州"), "the edit is kept");
    }
    let cases = open_cases(&team[0]);
    assert_eq!(
        cases,
        vec![Case::EditOfDeleted {
            customer: uid.clone()
        }]
    );

    let case = team::inbox::open_cases(&team[0]).unwrap()[0].id;
    inbox_view::resolve(&mut team[0], case, true, "t", 1_763_000_000).unwrap();
    exchange(&mut team);
    for conn in &team {
        assert!(!by_uid(conn, &uid).unwrap().1, "restored on every laptop");
    }
}

#[test]
fn the_same_person_created_on_two_laptops_is_one_customer_under_the_earlier_id_with_fields_merged()
{
    let dir = tempfile::tempdir().unwrap();
    let mut team = team_of(3, dir.path());
    let mut first = person("陈晨", Some("13800004444"));
    first.city = Some("上海".into());
    let a = customers::create(&team[0], &first, "t").unwrap();
    later();
    let mut second = person("陈晨 (展会)", Some("13800004444"));
    second.company = Some("晨光文具".into());
    let b = customers::create(&team[1], &second, "t").unwrap();
    let (a_uid, b_uid) = (uid_of(&team[0], a), uid_of(&team[1], b));
    // A tag given on laptop 1 to its own copy of the person.
    let seed = super::tag(&team[1], "种子用户");
    give(&mut team[1], &[b], seed);

    // Laptop 2 hears of the later creation first; laptop 1 of the earlier one.
    send(&mut team, 1, 2);
    send(&mut team, 0, 2);
    send(&mut team, 0, 1);
    send(&mut team, 1, 0);
    send(&mut team, 2, 0);

    for (i, conn) in team.iter().enumerate() {
        let (c, deleted) =
            by_uid(conn, &b_uid).unwrap_or_else(|| panic!("laptop {i} knows {b_uid}"));
        assert!(!deleted);
        assert_eq!(
            uid_of(conn, c.id),
            a_uid,
            "laptop {i}: the earlier creation's id"
        );
        assert_eq!(by_uid(conn, &a_uid).unwrap().0.id, c.id);
        assert_eq!(c.input.city.as_deref(), Some("上海"), "laptop {i}");
        assert_eq!(c.input.company.as_deref(), Some("晨光文具"), "laptop {i}");
        assert_eq!(c.input.name, "陈晨 (展会)", "laptop {i}: the later name");
        let people: i64 = conn
            .query_row(
                "SELECT count(*) FROM customers WHERE phone = '13800004444'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(people, 1, "laptop {i}: one customer");
        let tagged: bool = conn
            .query_row(
                "SELECT EXISTS (SELECT 1 FROM assignments a JOIN tag_nodes t ON t.id = a.tag_id
                 WHERE a.customer_id = ?1 AND t.name = '种子用户')",
                [c.id],
                |r| r.get(0),
            )
            .unwrap();
        assert!(
            tagged,
            "laptop {i}: the tag given to the later copy is on the one customer"
        );
    }
}

#[test]
fn a_second_customer_made_on_purpose_with_a_known_phone_stays_apart_everywhere() {
    let dir = tempfile::tempdir().unwrap();
    let mut team = team_of(2, dir.path());
    customers::create(&team[0], &person("王五", Some("13500005555")), "t").unwrap();
    exchange(&mut team);
    customers::create(&team[1], &person("王五（家属）", Some("13500005555")), "t").unwrap();
    exchange(&mut team);
    for conn in &team {
        let n: i64 = conn
            .query_row(
                "SELECT count(*) FROM customers WHERE phone = '13500005555'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(n, 2);
    }
}

#[test]
fn undoing_an_edit_travels_and_an_import_brings_its_customers() {
    let dir = tempfile::tempdir().unwrap();
    let mut team = team_of(2, dir.path());
    let id = customers::create(&team[0], &person("赵敏", Some("13400006666")), "t").unwrap();
    let uid = uid_of(&team[0], id);
    let mut edit = customers::get(&team[0], id).unwrap().input;
    edit.city = Some("南京".into());
    customers::update(&team[0], id, &edit, "t").unwrap();
    exchange(&mut team);
    assert_eq!(
        by_uid(&team[1], &uid).unwrap().0.input.city.as_deref(),
        Some("南京")
    );

    let last = operations::own_latest(&team[0], "t", None)
        .unwrap()
        .unwrap()
        .id;
    operations::undo(&mut team[0], &[last], "t").unwrap();
    let csv = dir.path().join("客户.csv");
    std::fs::write(&csv, "姓名,手机,城市\n孙立,13300007777,厦门\n").unwrap();
    super::import_customers(&mut team[0], &csv).unwrap();
    exchange(&mut team);
    assert_eq!(
        by_uid(&team[1], &uid).unwrap().0.input.city,
        None,
        "the undo travelled"
    );
    let imported: Option<String> = team[1]
        .query_row(
            "SELECT city FROM customers WHERE phone = '13300007777'",
            [],
            |r| r.get(0),
        )
        .ok();
    assert_eq!(
        imported.as_deref(),
        Some("厦门"),
        "the imported customer reached the other laptop"
    );
}

#[test]
fn received_changes_owe_this_laptops_rules_a_run_over_the_customers_they_touched() {
    let dir = tempfile::tempdir().unwrap();
    let mut team = team_of(2, dir.path());
    let id = customers::create(&team[0], &person("郑雪", Some("13200008888")), "t").unwrap();
    let uid = uid_of(&team[0], id);
    send(&mut team, 0, 1);
    let owed = tagdesk_core::follow_up::pending(&team[1]).unwrap();
    let there = by_uid(&team[1], &uid).unwrap().0.id;
    assert_eq!(owed.len(), 1);
    assert_eq!(owed[0].work, tagdesk_core::work::Work::TeamExchange);
    assert_eq!(owed[0].trigger, tagdesk_core::rules::RunTrigger::Exchange);
    assert_eq!(owed[0].customers, vec![there]);
    // Once run, nothing is owed; the same operations received again owe nothing.
    tagdesk_core::follow_up::settle_within(&team[1], owed[0].id, false, None).unwrap();
    send(&mut team, 0, 1);
    assert!(tagdesk_core::follow_up::pending(&team[1])
        .unwrap()
        .is_empty());
}

#[test]
fn an_imports_customers_are_worked_out_for_the_wire_in_one_commit() {
    let dir = tempfile::tempdir().unwrap();
    let mut team = team_of(2, dir.path());
    let csv = dir.path().join("客户.csv");
    std::fs::write(
        &csv,
        "姓名,手机,邮箱,城市\n孙立,13300007777,sun@example.com,厦门\n钱多,13300007778,,福州\n",
    )
    .unwrap();
    super::import_customers(&mut team[0], &csv).unwrap();
    use std::sync::atomic::{AtomicUsize, Ordering};
    let commits = std::sync::Arc::new(AtomicUsize::new(0));
    let counted = commits.clone();
    team[0]
        .commit_hook(Some(move || {
            counted.fetch_add(1, Ordering::SeqCst);
            false
        }))
        .unwrap();
    let sent = super::team_exchange::own(&team[0]);
    team[0].commit_hook(None::<fn() -> bool>).unwrap();
    // The import's clocks and identity claims, and the wire kept, land together: before,
    // each was a commit of its own (an import of 100,000 customers: 300,000 of them).
    assert_eq!(
        commits.load(Ordering::SeqCst),
        1,
        "one commit for the one operation worked out"
    );
    assert!(sent.iter().any(|op| op.changes.len() >= 2));
    let (clocks, claims): (i64, i64) = team[0]
        .query_row(
            "SELECT (SELECT count(*) FROM team_cell_clocks), (SELECT count(*) FROM team_identity)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert!(
        clocks >= 2 * 4,
        "every field each customer was created with has its clock"
    );
    assert_eq!(claims, 3, "two phones and one email claimed");
    // Asked again, the wire is read as kept: nothing more is written.
    let again = super::team_exchange::own(&team[0]);
    assert_eq!(again.len(), sent.len());
    send(&mut team, 0, 1);
    let there: i64 = team[1]
        .query_row(
            "SELECT count(*) FROM customers WHERE phone IN ('13300007777', '13300007778')",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(there, 2);
}
