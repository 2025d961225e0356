//! Running one rule on its own (the offer after enabling it): only that rule's tags move, over
//! every customer, as one operation in the history.

use super::*;
use tagdesk_core::operations::{self, OperationKind, OperationQuery};

fn run_one(conn: &mut Connection, rule_id: i64) -> tagdesk_core::Result<RuleRun> {
    let index = Index::build(conn).unwrap();
    rules::run(
        conn,
        &index,
        &RunScope {
            rule_id: Some(rule_id),
            customer_ids: None,
            trigger: RunTrigger::Manual,
        },
        NOW,
        "测试",
        &|_, _| {},
        &AtomicBool::new(false),
    )
}

fn holders(conn: &Connection, tag: i64) -> usize {
    state(conn).into_iter().filter(|s| s.0 == tag).count()
}

#[test]
fn running_one_rule_tags_everyone_it_matches_and_leaves_the_other_rules_alone() {
    let mut w = world(5);
    let [a, b, c] = w.multi;
    let cs = w.customers.clone();
    for &customer in &cs[..3] {
        assign(&w.conn, a, customer, "import", None);
    }
    let gives_b = rules::create(
        &mut w.conn,
        &rule("A ⇒ B", 0, has(a), RuleAction::AddTag { tag_id: b }),
        "测试",
    )
    .unwrap();
    let gives_c = rules::create(
        &mut w.conn,
        &rule("非A ⇒ C", 0, not(has(a)), RuleAction::AddTag { tag_id: c }),
        "测试",
    )
    .unwrap();

    let run = run_one(&mut w.conn, gives_b).unwrap();
    assert_eq!(
        (run.scanned, run.added, run.removed),
        (5, 3, 0),
        "every customer is looked at"
    );
    assert_eq!(
        run.rules.len(),
        1,
        "only the rule asked for ran: {:?}",
        run.rules
    );
    assert_eq!(run.rules[0].rule_id, gives_b);
    assert_eq!(holders(&w.conn, b), 3);
    assert_eq!(holders(&w.conn, c), 0, "the other enabled rule did not run");
    assert!(rules::get(&w.conn, gives_c).unwrap().last_run_at.is_none());

    let query = OperationQuery {
        kind: Some(OperationKind::RulesRun),
        limit: 10,
        ..Default::default()
    };
    let ops = operations::list(&w.conn, &query).unwrap().items;
    assert_eq!(ops.len(), 1, "the run is one operation to undo");
    operations::undo(&mut w.conn, &[ops[0].id], "测试").unwrap();
    assert_eq!(holders(&w.conn, b), 0, "undoing it takes back all it gave");
    assert!(stats_agree(&w.conn));
}

#[test]
fn a_disabled_rule_is_not_run_on_its_own() {
    let mut w = world(2);
    let [a, b, _] = w.multi;
    let input = RuleInput {
        enabled: false,
        ..rule("A ⇒ B", 0, has(a), RuleAction::AddTag { tag_id: b })
    };
    let id = rules::create(&mut w.conn, &input, "测试").unwrap();
    assert!(run_one(&mut w.conn, id).is_err());
    assert!(state(&w.conn).is_empty());
}
