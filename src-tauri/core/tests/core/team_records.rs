//! Custom fields, event kinds, segments, rules and settings travel between a team's laptops
//! (issue 18, docs/TEAM.md §4): a record made on one laptop reaches the other naming the same
//! tags, groups, fields and segments there (by uid, whatever the local ids); each record is one
//! last-writer-wins key; a deletion travels; a record naming something the other laptop lacks,
//! or one it refuses, waits in the inbox; a received rule runs over every customer there.

use super::team_exchange::{cases, exchange, later, send, team_of};
use rusqlite::Connection;
use tagdesk_core::conditions::{Condition, FieldOp, Index, SetMode};
use tagdesk_core::custom_fields::{self, CustomFieldInput, FieldKind};
use tagdesk_core::events::{self, EventKindInput};
use tagdesk_core::follow_up;
use tagdesk_core::operations;
use tagdesk_core::problem::Problem;
use tagdesk_core::rfm;
use tagdesk_core::rules::{self, RuleAction, RuleInput};
use tagdesk_core::segments::{self, SegmentInput, SegmentKind};
use tagdesk_core::tags::{self, NewNode, NodeKind};
use tagdesk_core::team::{self, inbox::Case};
use tagdesk_core::work::Work;

fn make(conn: &Connection, parent: Option<i64>, kind: NodeKind, name: &str) -> i64 {
    tags::create(conn, &NewNode::new(parent, kind, name), "t").unwrap()
}

fn uid(conn: &Connection, table: &str, id: i64) -> String {
    conn.query_row(
        &format!("SELECT uid FROM {table} WHERE id = ?1"),
        [id],
        |r| r.get(0),
    )
    .unwrap()
}

fn id_by_uid(conn: &Connection, table: &str, uid: &str) -> Option<i64> {
    conn.query_row(
        &format!("SELECT id FROM {table} WHERE uid = ?1"),
        [uid],
        |r| r.get(0),
    )
    .ok()
}

/// Makes laptop 1's next ids differ from laptop 0's, so a record naming ids unchanged would
/// name the wrong thing there.
fn shift_ids(conn: &Connection) {
    let category = make(conn, None, NodeKind::Category, "本机分类");
    make(conn, Some(category), NodeKind::Group, "本机分组");
    custom_fields::create(conn, &field("本机字段"), "t").unwrap();
}

fn field(label: &str) -> CustomFieldInput {
    CustomFieldInput {
        label: label.into(),
        kind: FieldKind::Number,
        options: Vec::new(),
    }
}

/// On laptop 0: a group 意向 with tag 高意向, a number field 预算, and a rule that gives
/// 高意向 to customers whose 预算 is at least 1000.
fn rule_on_first(conn: &mut Connection) -> (i64, i64, i64, i64) {
    let category = make(conn, None, NodeKind::Category, "销售");
    let group = make(conn, Some(category), NodeKind::Group, "意向");
    let tag = make(conn, Some(group), NodeKind::Tag, "高意向");
    let budget = custom_fields::create(conn, &field("预算"), "t").unwrap();
    let rule = rules::create(conn, &budget_rule(budget, tag, "预算高的客户"), "t").unwrap();
    (group, tag, budget, rule)
}

fn budget_rule(budget: i64, tag: i64, name: &str) -> RuleInput {
    RuleInput {
        name: name.into(),
        owner: None,
        priority: 0,
        enabled: true,
        condition: Condition::Field {
            field: format!("custom:{budget}"),
            op: FieldOp::Ge,
            values: vec!["1000".into()],
        },
        action: RuleAction::AddTag { tag_id: tag },
    }
}

#[test]
fn a_rule_and_its_custom_field_reach_the_other_laptop_naming_the_same_tag_and_field() {
    let dir = tempfile::tempdir().unwrap();
    let mut team = team_of(2, dir.path());
    shift_ids(&team[1]);
    let (_, tag, budget, rule) = rule_on_first(&mut team[0]);
    let (tag_uid, budget_uid, rule_uid) = (
        uid(&team[0], "tag_nodes", tag),
        uid(&team[0], "custom_fields", budget),
        uid(&team[0], "rules", rule),
    );
    send(&mut team, 0, 1);

    let there = &team[1];
    let tag_there = id_by_uid(there, "tag_nodes", &tag_uid).expect("the tag travelled");
    let budget_there = id_by_uid(there, "custom_fields", &budget_uid).expect("the field travelled");
    assert_ne!(budget_there, budget, "laptop 1 gave the field another id");
    let rule_there = id_by_uid(there, "rules", &rule_uid).expect("the rule travelled");
    let got = rules::get(there, rule_there).unwrap();
    assert_eq!(got.name, "预算高的客户");
    assert!(got.enabled);
    assert_eq!(
        (got.condition, got.action),
        {
            let want = budget_rule(budget_there, tag_there, "");
            (want.condition, want.action)
        },
        "the rule names laptop 1's ids of the same field and tag"
    );
    let field_there = custom_fields::list(there)
        .unwrap()
        .into_iter()
        .find(|f| f.id == budget_there)
        .unwrap();
    assert_eq!(
        (field_there.label.as_str(), field_there.kind),
        ("预算", FieldKind::Number)
    );
    // Rule tags do not travel: the rule owes a run over every customer on laptop 1.
    let owed = follow_up::pending(there).unwrap();
    let live: i64 = there
        .query_row(
            "SELECT count(*) FROM customers WHERE deleted_at IS NULL",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(
        owed.iter()
            .any(|w| w.work == Work::TeamExchange && w.customers.len() as i64 == live),
        "a run over all {live} customers is owed: {owed:?}"
    );
    assert!(cases(there).is_empty(), "{:?}", cases(there));
}

#[test]
fn the_later_save_of_a_rule_wins_on_both_laptops_and_a_deletion_travels() {
    let dir = tempfile::tempdir().unwrap();
    let mut team = team_of(2, dir.path());
    let (_, tag, budget, rule) = rule_on_first(&mut team[0]);
    exchange(&mut team);
    let rule_uid = uid(&team[0], "rules", rule);
    let rule_there = id_by_uid(&team[1], "rules", &rule_uid).unwrap();
    let budget_there = id_by_uid(
        &team[1],
        "custom_fields",
        &uid(&team[0], "custom_fields", budget),
    )
    .unwrap();
    let tag_there = id_by_uid(&team[1], "tag_nodes", &uid(&team[0], "tag_nodes", tag)).unwrap();

    // Both rename it offline; laptop 1 saves later.
    rules::update(
        &mut team[0],
        rule,
        &budget_rule(budget, tag, "早改的名字"),
        "t",
    )
    .unwrap();
    later();
    rules::update(
        &mut team[1],
        rule_there,
        &budget_rule(budget_there, tag_there, "晚改的名字"),
        "t",
    )
    .unwrap();
    exchange(&mut team);
    assert_eq!(rules::get(&team[0], rule).unwrap().name, "晚改的名字");
    assert_eq!(rules::get(&team[1], rule_there).unwrap().name, "晚改的名字");

    // Received again, the earlier save changes nothing.
    send(&mut team, 0, 1);
    assert_eq!(rules::get(&team[1], rule_there).unwrap().name, "晚改的名字");

    rules::delete(&mut team[0], rule, "t").unwrap();
    exchange(&mut team);
    assert!(
        id_by_uid(&team[1], "rules", &rule_uid).is_none(),
        "deleted on laptop 1 too"
    );

    // Undoing the deletion brings the rule back under its uid, on both laptops.
    let deletion: i64 = team[0]
        .query_row("SELECT max(id) FROM operations", [], |r| r.get(0))
        .unwrap();
    operations::undo(&mut team[0], &[deletion], "t").unwrap();
    assert_eq!(uid(&team[0], "rules", rule), rule_uid, "the same uid again");
    exchange(&mut team);
    let back = id_by_uid(&team[1], "rules", &rule_uid).expect("back on laptop 1");
    assert_eq!(rules::get(&team[1], back).unwrap().name, "晚改的名字");
}

#[test]
fn an_event_kind_declared_on_one_laptop_is_declared_on_the_other() {
    let dir = tempfile::tempdir().unwrap();
    let mut team = team_of(2, dir.path());
    let input = EventKindInput {
        name: "试用申请".into(),
        description: "客户申请了试用".into(),
        properties: vec!["版本".into()],
        is_order: false,
    };
    let kind = events::create_kind(&team[0], &input, "t").unwrap();
    send(&mut team, 0, 1);
    let there = id_by_uid(&team[1], "event_kinds", &uid(&team[0], "event_kinds", kind))
        .expect("the kind travelled");
    let (name, description): (String, String) = team[1]
        .query_row(
            "SELECT name, description FROM event_kinds WHERE id = ?1",
            [there],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(
        (name.as_str(), description.as_str()),
        ("试用申请", "客户申请了试用")
    );
}

#[test]
fn a_segment_keeps_its_condition_and_frozen_members_by_uid_on_the_other_laptop() {
    let dir = tempfile::tempdir().unwrap();
    let mut team = team_of(2, dir.path());
    shift_ids(&team[1]);
    let group = make(&team[0], None, NodeKind::Category, "渠道");
    let group = make(&team[0], Some(group), NodeKind::Group, "来源");
    make(&team[0], Some(group), NodeKind::Tag, "展会");
    let index = Index::build(&team[0]).unwrap();
    let input = SegmentInput {
        name: "有来源的客户".into(),
        kind: SegmentKind::Static,
        condition: Condition::Group {
            group_id: group,
            mode: SetMode::None,
        },
        pinned: true,
    };
    let segment = segments::create(&mut team[0], &index, &input, "t").unwrap();
    let members = |conn: &Connection, id: i64| -> Vec<String> {
        let mut stmt = conn
            .prepare(
                "SELECT c.uid FROM segment_members m JOIN customers c ON c.id = m.customer_id
                 WHERE m.segment_id = ?1 ORDER BY 1",
            )
            .unwrap();
        stmt.query_map([id], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    };
    let frozen = members(&team[0], segment);
    assert!(!frozen.is_empty(), "the frozen list holds customers");
    send(&mut team, 0, 1);

    let there = id_by_uid(&team[1], "segments", &uid(&team[0], "segments", segment))
        .expect("the segment travelled");
    let got = segments::get(&team[1], there).unwrap();
    let group_there = id_by_uid(&team[1], "tag_nodes", &uid(&team[0], "tag_nodes", group)).unwrap();
    assert_ne!(group_there, group);
    assert_eq!(
        got.condition,
        Condition::Group {
            group_id: group_there,
            mode: SetMode::None
        }
    );
    assert!(got.pinned);
    assert_eq!(
        members(&team[1], there),
        frozen,
        "the same customers, by uid"
    );
}

#[test]
fn a_rule_naming_a_tag_the_other_laptop_lacks_waits_in_its_inbox_with_the_reason() {
    let dir = tempfile::tempdir().unwrap();
    let mut team = team_of(2, dir.path());
    let category = make(&team[0], None, NodeKind::Category, "销售");
    let group = make(&team[0], Some(category), NodeKind::Group, "意向");
    let tag = make(&team[0], Some(group), NodeKind::Tag, "高意向");
    exchange(&mut team);
    let tag_uid = uid(&team[0], "tag_nodes", tag);
    // Laptop 1 never received the tag: it is made on laptop 0 after, and only the rule goes.
    let other = make(&team[0], Some(group), NodeKind::Tag, "低意向");
    let budget = custom_fields::create(&team[0], &field("预算"), "t").unwrap();
    let rule = rules::create(&mut team[0], &budget_rule(budget, other, "低意向规则"), "t").unwrap();
    let ops: Vec<_> = super::team_exchange::own(&team[0])
        .into_iter()
        .filter(|op| !serde_json::to_string(op).unwrap().contains("低意向\""))
        .collect();
    team::apply(&mut team[1], &ops).unwrap();
    assert!(id_by_uid(&team[1], "tag_nodes", &tag_uid).is_some());
    let rule_uid = uid(&team[0], "rules", rule);
    assert!(
        id_by_uid(&team[1], "rules", &rule_uid).is_none(),
        "not written half"
    );
    let skipped: Vec<_> = cases(&team[1])
        .into_iter()
        .filter(|c| matches!(c, Case::RecordSkipped { .. }))
        .collect();
    assert!(
        matches!(&skipped[..], [Case::RecordSkipped { name, missing, problem: None, record, .. }]
            if name == "低意向规则" && missing == &vec![uid(&team[0], "tag_nodes", other)] && *record == rule_uid),
        "{skipped:?}"
    );
}

#[test]
fn a_custom_field_whose_label_is_taken_on_the_other_laptop_waits_in_its_inbox_and_nothing_of_it_is_written(
) {
    let dir = tempfile::tempdir().unwrap();
    let mut team = team_of(2, dir.path());
    // The same new label on both laptops, offline: labels are unique on a laptop.
    let first = custom_fields::create(&team[0], &field("渠道预算"), "t").unwrap();
    custom_fields::create(&team[1], &field("渠道预算"), "t").unwrap();
    let count = |c: &Connection| -> i64 {
        c.query_row("SELECT count(*) FROM custom_fields", [], |r| r.get(0))
            .unwrap()
    };
    let before = count(&team[1]);
    send(&mut team, 0, 1);
    assert_eq!(
        count(&team[1]),
        before,
        "nothing of the received field is written"
    );
    let first_uid = uid(&team[0], "custom_fields", first);
    assert!(
        matches!(&cases(&team[1])[..], [Case::RecordSkipped { record, name, problem: Some(Problem::NameTaken { .. }), .. }]
            if *record == first_uid && name == "渠道预算"),
        "{:?}",
        cases(&team[1])
    );
}

#[test]
fn rfm_settings_saved_later_win_on_both_laptops() {
    let dir = tempfile::tempdir().unwrap();
    let mut team = team_of(2, dir.path());
    let mut first = rfm::settings(&team[0]).unwrap();
    first.window_days = 180;
    rfm::save_settings(&team[0], &first, "t").unwrap();
    later();
    let mut second = rfm::settings(&team[1]).unwrap();
    second.window_days = 90;
    rfm::save_settings(&team[1], &second, "t").unwrap();
    exchange(&mut team);
    assert_eq!(rfm::settings(&team[0]).unwrap().window_days, 90);
    assert_eq!(rfm::settings(&team[1]).unwrap().window_days, 90);
}
