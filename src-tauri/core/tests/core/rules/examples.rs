use super::*;
use tagdesk_core::rules::{self, RuleAction};
use tagdesk_core::ErrorCode;

fn source_of(conn: &Connection, tag: i64, customer: i64) -> Option<(String, Option<i64>)> {
    conn.query_row(
        "SELECT source, source_ref FROM assignments WHERE tag_id = ?1 AND customer_id = ?2",
        [tag, customer],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
    .ok()
}

#[test]
fn an_add_rule_gives_its_tag_and_takes_back_only_what_it_gave() {
    let mut w = world(4);
    let [a, b, _] = w.multi;
    let c = w.customers.clone();
    assign(&w.conn, a, c[0], "import", None);
    assign(&w.conn, a, c[1], "import", None);
    assign(&w.conn, b, c[2], "manual", None);
    assign(&w.conn, b, c[3], "import", None);
    let id = rules::create(
        &mut w.conn,
        &rule("A ⇒ B", 0, has(a), RuleAction::AddTag { tag_id: b }),
        "测试",
    )
    .unwrap();

    let first = run_all(&mut w.conn, None);
    assert_eq!(first.added, 2);
    assert_eq!(source_of(&w.conn, b, c[0]), Some(("rule".into(), Some(id))));
    assert_eq!(source_of(&w.conn, b, c[1]), Some(("rule".into(), Some(id))));

    // c1 stops matching: it loses B (the rule gave it); c2 and c3 never matched and keep
    // the B that a person and an import gave them.
    unassign(&w.conn, a, c[1]);
    let second = run_all(&mut w.conn, None);
    assert_eq!((second.added, second.removed), (0, 1));
    assert_eq!(source_of(&w.conn, b, c[1]), None);
    assert_eq!(source_of(&w.conn, b, c[2]), Some(("manual".into(), None)));
    assert_eq!(source_of(&w.conn, b, c[3]), Some(("import".into(), None)));
    assert!(stats_agree(&w.conn), "tag_stats follow the run");

    let third = run_all(&mut w.conn, None);
    assert_eq!((third.added, third.removed), (0, 0), "a second run is idle");
}

#[test]
fn a_remove_rule_never_removes_a_manual_assignment() {
    let mut w = world(3);
    let [a, b, _] = w.multi;
    let c = w.customers.clone();
    for (i, src) in ["manual", "import", "sync"].iter().enumerate() {
        assign(&w.conn, a, c[i], src, None);
        assign(&w.conn, b, c[i], "import", None);
    }
    rules::create(
        &mut w.conn,
        &rule("B ⇒ −A", 0, has(b), RuleAction::RemoveTag { tag_id: a }),
        "测试",
    )
    .unwrap();
    let run = run_all(&mut w.conn, None);
    assert_eq!(run.removed, 2);
    assert_eq!(run.rules[0].kept_manual, 1);
    assert_eq!(source_of(&w.conn, a, c[0]), Some(("manual".into(), None)));
    assert_eq!(source_of(&w.conn, a, c[1]), None);
    assert!(stats_agree(&w.conn));
}

#[test]
fn setting_a_group_replaces_the_sibling_but_not_a_manual_choice() {
    let mut w = world(3);
    let [s1, s2, _] = w.single;
    let c = w.customers.clone();
    assign(&w.conn, s1, c[0], "import", None);
    assign(&w.conn, s1, c[1], "manual", None);
    let id = rules::create(
        &mut w.conn,
        &rule(
            "everyone ⇒ S2",
            0,
            Condition::everyone(),
            RuleAction::SetGroup {
                group_id: w.group,
                tag_id: s2,
            },
        ),
        "测试",
    )
    .unwrap();
    let run = run_all(&mut w.conn, None);
    let o = &run.rules[0];
    assert_eq!((o.added, o.replaced, o.kept_manual), (2, 1, 1));
    assert_eq!(source_of(&w.conn, s1, c[0]), None, "import replaced");
    assert_eq!(
        source_of(&w.conn, s2, c[0]),
        Some(("rule".into(), Some(id)))
    );
    assert_eq!(source_of(&w.conn, s1, c[1]), Some(("manual".into(), None)));
    assert_eq!(source_of(&w.conn, s2, c[1]), None, "manual choice kept");
    assert_eq!(
        source_of(&w.conn, s2, c[2]),
        Some(("rule".into(), Some(id)))
    );
    assert!(stats_agree(&w.conn));
}

#[test]
fn the_higher_priority_rule_wins_a_group_and_the_conflict_is_reported() {
    let mut w = world(4);
    let [a, b, _] = w.multi;
    let [s1, s2, _] = w.single;
    let c = w.customers.clone();
    assign(&w.conn, a, c[0], "import", None);
    assign(&w.conn, a, c[1], "import", None);
    assign(&w.conn, b, c[1], "import", None);
    assign(&w.conn, b, c[2], "import", None);
    let set = |tag| RuleAction::SetGroup {
        group_id: w.group,
        tag_id: tag,
    };
    let low = rules::create(&mut w.conn, &rule("B ⇒ S2", 1, has(b), set(s2)), "测试").unwrap();
    let high = rules::create(&mut w.conn, &rule("A ⇒ S1", 5, has(a), set(s1)), "测试").unwrap();
    let run = run_all(&mut w.conn, None);
    assert_eq!(run.conflicts.len(), 1);
    let conflict = &run.conflicts[0];
    assert_eq!(
        (
            conflict.winner_id,
            conflict.loser_id,
            conflict.node_id,
            conflict.customers
        ),
        (high, low, w.group, 1)
    );
    assert_eq!(
        source_of(&w.conn, s1, c[1]),
        Some(("rule".into(), Some(high)))
    );
    assert_eq!(
        source_of(&w.conn, s2, c[1]),
        None,
        "the loser is skipped for c1"
    );
    assert_eq!(
        source_of(&w.conn, s2, c[2]),
        Some(("rule".into(), Some(low)))
    );
    assert_eq!(run.rules[0].rule_id, high, "higher priority runs first");
    assert_eq!(run.rules[1].skipped_conflict, 1);
}

#[test]
fn a_run_over_touched_customers_changes_only_them_and_agrees_with_a_full_run() {
    let mut w = world(6);
    let [a, b, _] = w.multi;
    let c = w.customers.clone();
    for id in &c {
        assign(&w.conn, a, *id, "import", None);
    }
    rules::create(
        &mut w.conn,
        &rule("A ⇒ B", 0, has(a), RuleAction::AddTag { tag_id: b }),
        "测试",
    )
    .unwrap();
    let partial = run_all(&mut w.conn, Some(vec![c[1], c[4], 999_999]));
    assert_eq!((partial.scanned, partial.added), (2, 2));
    let holders: Vec<i64> = state(&w.conn)
        .into_iter()
        .filter(|s| s.0 == b)
        .map(|s| s.1)
        .collect();
    assert_eq!(holders, vec![c[1], c[4]]);
    let full = run_all(&mut w.conn, None);
    assert_eq!(full.added, 4);
}

#[test]
fn preview_counts_what_a_run_then_does_and_writes_nothing() {
    let mut w = world(30);
    let [a, b, _] = w.multi;
    let c = w.customers.clone();
    for id in c.iter().step_by(2) {
        assign(&w.conn, a, *id, "import", None);
    }
    let input = rule("A ⇒ B", 0, has(a), RuleAction::AddTag { tag_id: b });
    let before = state(&w.conn);
    let index = Index::build(&w.conn).unwrap();
    let preview = rules::preview(&w.conn, &index, None, &input, NOW).unwrap();
    assert_eq!(state(&w.conn), before, "preview writes nothing");
    assert_eq!(preview.outcome.added, 15);
    assert_eq!(preview.gain_sample.len(), 10);
    assert_eq!(preview.gain_sample[0].name, "客户0");
    assert!(preview.lose_sample.is_empty());
    rules::create(&mut w.conn, &input, "测试").unwrap();
    assert_eq!(run_all(&mut w.conn, None).added, preview.outcome.added);
}

#[test]
fn a_cancelled_run_changes_nothing() {
    let mut w = world(5);
    let [a, b, _] = w.multi;
    rules::create(
        &mut w.conn,
        &rule(
            "not A ⇒ B",
            0,
            not(has(a)),
            RuleAction::AddTag { tag_id: b },
        ),
        "测试",
    )
    .unwrap();
    let index = Index::build(&w.conn).unwrap();
    let err = rules::run(
        &mut w.conn,
        &index,
        &RunScope {
            rule_id: None,
            customer_ids: None,
            trigger: RunTrigger::Manual,
        },
        NOW,
        "测试",
        &|_, _| {},
        &AtomicBool::new(true),
    )
    .unwrap_err();
    assert_eq!(err.code(), ErrorCode::Cancelled);
    assert!(state(&w.conn).is_empty());
    assert!(rules::log(&w.conn, 10).unwrap().is_empty());
}

#[test]
fn runs_are_logged_with_trigger_counts_and_history_batches() {
    let mut w = world(3);
    let [a, b, _] = w.multi;
    let id = rules::create(
        &mut w.conn,
        &rule(
            "not A ⇒ B",
            0,
            not(has(a)),
            RuleAction::AddTag { tag_id: b },
        ),
        "测试",
    )
    .unwrap();
    let run = run_all(&mut w.conn, None);
    let log = rules::log(&w.conn, 10).unwrap();
    assert_eq!(log.len(), 1);
    assert_eq!(log[0], run);
    assert_eq!((log[0].scanned, log[0].added), (3, 3));
    assert_eq!(log[0].rules[0].rule_id, id);
    let (source, source_ref, members): (String, i64, i64) = w
        .conn
        .query_row(
            "SELECT b.source, b.source_ref, (SELECT count(*) FROM tag_batch_members m WHERE m.batch_id = b.id)
             FROM tag_batches b ORDER BY id DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert_eq!((source.as_str(), source_ref, members), ("rule", id, 3));
    assert_eq!(
        rules::get(&w.conn, id).unwrap().last_run_at,
        Some(NOW),
        "the rule remembers its run"
    );
}

#[test]
fn run_due_reruns_only_time_based_rules_whose_last_run_is_old() {
    let mut w = world(2);
    let [a, b, c_tag] = w.multi;
    let timed = Condition::Event {
        kind: "下单".into(),
        property: None,
        within_days: Some(30),
        measure: tagdesk_core::conditions::EventMeasure::Count,
        cmp: tagdesk_core::conditions::Cmp::Eq,
        value: 0.0,
        value2: None,
    };
    rules::create(
        &mut w.conn,
        &rule("timed", 0, timed, RuleAction::AddTag { tag_id: b }),
        "测试",
    )
    .unwrap();
    rules::create(
        &mut w.conn,
        &rule(
            "plain",
            0,
            not(has(a)),
            RuleAction::AddTag { tag_id: c_tag },
        ),
        "测试",
    )
    .unwrap();
    run_all(&mut w.conn, Some(vec![w.customers[0]]));
    let index = Index::build(&w.conn).unwrap();
    let first = rules::run_due(&mut w.conn, &index, NOW, "测试")
        .unwrap()
        .unwrap();
    assert_eq!(
        first.rules.len(),
        1,
        "only the time-based rule runs; a run over touched customers did not count"
    );
    assert_eq!(first.trigger, RunTrigger::Schedule);
    assert!(rules::run_due(&mut w.conn, &index, NOW + 60, "测试")
        .unwrap()
        .is_none());
    assert!(
        rules::run_due(&mut w.conn, &index, NOW + rules::DUE_AFTER, "测试")
            .unwrap()
            .is_some()
    );
}

#[test]
fn deleting_a_rule_takes_back_its_tags_and_disabling_keeps_them() {
    let mut w = world(3);
    let [a, b, _] = w.multi;
    assign(&w.conn, b, w.customers[0], "manual", None);
    let input = rule(
        "not A ⇒ B",
        0,
        not(has(a)),
        RuleAction::AddTag { tag_id: b },
    );
    let id = rules::create(&mut w.conn, &input, "测试").unwrap();
    run_all(&mut w.conn, None);
    rules::update(
        &mut w.conn,
        id,
        &RuleInput {
            enabled: false,
            ..input.clone()
        },
        "测试",
    )
    .unwrap();
    run_all(&mut w.conn, None);
    assert_eq!(
        state(&w.conn).len(),
        3,
        "a disabled rule keeps what it gave"
    );
    assert_eq!(rules::delete(&mut w.conn, id, "测试").unwrap(), 2);
    assert_eq!(state(&w.conn).len(), 1, "the manual B stays");
    assert!(stats_agree(&w.conn));
}

#[test]
fn rules_are_checked_before_they_are_saved() {
    let mut w = world(1);
    let [a, _, _] = w.multi;
    let [s1, _, _] = w.single;
    let bad = [
        rule(" ", 0, has(a), RuleAction::AddTag { tag_id: a }),
        rule("x", 0, has(9_999), RuleAction::AddTag { tag_id: a }),
        rule("x", 0, has(a), RuleAction::AddTag { tag_id: 9_999 }),
        rule("x", 0, has(a), RuleAction::AddTag { tag_id: w.group }),
        rule(
            "x",
            0,
            has(a),
            RuleAction::SetGroup {
                group_id: w.group,
                tag_id: a,
            },
        ),
        rule(
            "x",
            0,
            has(a),
            RuleAction::SetGroup {
                group_id: 9_999,
                tag_id: s1,
            },
        ),
    ];
    for input in bad {
        let err = rules::create(&mut w.conn, &input, "测试").unwrap_err();
        assert_eq!(err.code(), ErrorCode::Invalid, "{input:?}");
    }
    // A multi-select group cannot be "set".
    let multi_group: i64 = w
        .conn
        .query_row("SELECT parent_id FROM tag_nodes WHERE id = ?1", [a], |r| {
            r.get(0)
        })
        .unwrap();
    let err = rules::create(
        &mut w.conn,
        &rule(
            "x",
            0,
            has(a),
            RuleAction::SetGroup {
                group_id: multi_group,
                tag_id: a,
            },
        ),
        "测试",
    )
    .unwrap_err();
    assert_eq!(err.code(), ErrorCode::Invalid);
    assert!(rules::list(&w.conn).unwrap().is_empty());
}

#[test]
fn a_rule_sees_the_tags_a_higher_rule_gives_in_the_same_run_so_a_second_run_is_idle() {
    let mut w = world(3);
    let [a, b, c] = w.multi;
    let cs = w.customers.clone();
    assign(&w.conn, a, cs[0], "import", None);
    assign(&w.conn, a, cs[1], "import", None);
    // A ⇒ B outranks B ⇒ C: in one run, C follows from the B the first rule gives.
    rules::create(
        &mut w.conn,
        &rule("A ⇒ B", 10, has(a), RuleAction::AddTag { tag_id: b }),
        "测试",
    )
    .unwrap();
    let chained = rules::create(
        &mut w.conn,
        &rule("B ⇒ C", 0, has(b), RuleAction::AddTag { tag_id: c }),
        "测试",
    )
    .unwrap();

    let first = run_all(&mut w.conn, None);
    assert_eq!(first.added, 4, "B and C for both holders of A");
    assert_eq!(
        source_of(&w.conn, c, cs[0]),
        Some(("rule".into(), Some(chained)))
    );
    assert_eq!(source_of(&w.conn, c, cs[2]), None);
    let second = run_all(&mut w.conn, None);
    assert_eq!(
        (second.added, second.removed),
        (0, 0),
        "nothing left to settle"
    );

    // A taken away: the same run takes back the B it gave and the C that followed from it.
    unassign(&w.conn, a, cs[1]);
    let third = run_all(&mut w.conn, None);
    assert_eq!((third.added, third.removed), (0, 2));
    assert_eq!(source_of(&w.conn, c, cs[1]), None);
    assert!(stats_agree(&w.conn));
}
