//! Rule runs against a plain reference: random tag states (manual, import and rule-given
//! assignments, a single-select group), random rule sets with tied and distinct priorities,
//! a full run and then a run over random touched customers.

use super::*;
use proptest::prelude::*;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use tagdesk_core::rules::RuleAction;

/// Tag slots 0..3 are the multi-select tags, 3..6 the single-select group's.
const TAGS: usize = 6;

#[derive(Debug, Clone)]
enum Cond {
    Tag(usize),
    Not(Box<Cond>),
    And(Vec<Cond>),
    Or(Vec<Cond>),
}

#[derive(Debug, Clone, Copy)]
enum Act {
    Add(usize),
    Remove(usize),
    Set(usize),
}

#[derive(Debug, Clone)]
struct RuleSpec {
    priority: i64,
    enabled: bool,
    cond: Cond,
    act: Act,
}

/// (source, rule index) of an assignment; rule index is 0-based into the rule list.
type Src = (&'static str, Option<usize>);

#[derive(Debug, Clone)]
struct Case {
    n: usize,
    /// Per customer, per tag slot.
    initial: Vec<Vec<Option<Src>>>,
    rules: Vec<RuleSpec>,
    touched: Vec<usize>,
}

fn cond() -> impl Strategy<Value = Cond> {
    let leaf = (0..TAGS).prop_map(Cond::Tag);
    leaf.prop_recursive(3, 12, 3, |inner| {
        prop_oneof![
            inner.clone().prop_map(|c| Cond::Not(Box::new(c))),
            prop::collection::vec(inner.clone(), 0..3).prop_map(Cond::And),
            prop::collection::vec(inner, 0..3).prop_map(Cond::Or),
        ]
    })
}

fn act() -> impl Strategy<Value = Act> {
    prop_oneof![
        (0..TAGS).prop_map(Act::Add),
        (0..TAGS).prop_map(Act::Remove),
        (3..TAGS).prop_map(Act::Set),
    ]
}

fn case() -> impl Strategy<Value = Case> {
    (2usize..9, 1usize..6).prop_flat_map(|(n, k)| {
        let src = prop_oneof![
            3 => Just(None),
            1 => Just(Some(("manual", None))),
            1 => Just(Some(("import", None))),
            2 => (0..k).prop_map(|r| Some(("rule", Some(r)))),
        ];
        let customer = (prop::collection::vec(src.clone(), 3), 0usize..4, src).prop_map(
            |(mut multi, single, s)| {
                // At most one tag of the single-select group.
                for i in 0..3 {
                    multi.push(if i == single { s } else { None });
                }
                multi
            },
        );
        let rule = (0i64..3, prop::bool::weighted(0.85), cond(), act()).prop_map(
            |(priority, enabled, cond, act)| RuleSpec {
                priority,
                enabled,
                cond,
                act,
            },
        );
        (
            prop::collection::vec(customer, n),
            prop::collection::vec(rule, k),
            prop::collection::vec(0..n, 0..n),
        )
            .prop_map(move |(initial, rules, touched)| Case {
                n,
                initial,
                rules,
                touched,
            })
    })
}

fn holds(c: &Cond, tags: &BTreeMap<usize, Src>) -> bool {
    match c {
        Cond::Tag(t) => tags.contains_key(t),
        Cond::Not(c) => !holds(c, tags),
        Cond::And(cs) => cs.iter().all(|c| holds(c, tags)),
        Cond::Or(cs) => cs.iter().any(|c| holds(c, tags)),
    }
}

/// The reference: each customer alone, rules in priority order, each seeing what the rules
/// before it gave and took, first claim of a slot wins.
fn reference(rules: &[RuleSpec], customer: &mut BTreeMap<usize, Src>) {
    let mut order: Vec<usize> = (0..rules.len()).filter(|i| rules[*i].enabled).collect();
    order.sort_by_key(|i| (-rules[*i].priority, *i));
    let mut claims: HashMap<i64, Vec<(bool, usize)>> = HashMap::new();
    for r in order {
        let rule = &rules[r];
        let (tag, give) = match rule.act {
            Act::Add(t) | Act::Set(t) => (t, true),
            Act::Remove(t) => (t, false),
        };
        let in_group = tag >= 3;
        let slot = if in_group { -1 } else { tag as i64 };
        let matched = holds(&rule.cond, customer);
        let claimed = claims.get(&slot).is_some_and(|c| !c.is_empty());
        if matched {
            claims.entry(slot).or_default().push((give, tag));
        }
        if claimed {
            continue;
        }
        let mine = Some(&("rule", Some(r)));
        match (matched, give) {
            (true, false) => {
                if customer.get(&tag).is_some_and(|s| s.0 != "manual") {
                    customer.remove(&tag);
                }
            }
            (true, true) => {
                if in_group {
                    if (3..TAGS).any(|t| customer.get(&t).is_some_and(|s| s.0 == "manual")) {
                        continue;
                    }
                    for t in (3..TAGS).filter(|t| *t != tag) {
                        customer.remove(&t);
                    }
                }
                customer.entry(tag).or_insert(("rule", Some(r)));
            }
            (false, true) => {
                if customer.get(&tag) == mine {
                    customer.remove(&tag);
                }
            }
            (false, false) => {}
        }
    }
}

fn to_condition(c: &Cond, tag_ids: &[i64]) -> Condition {
    match c {
        Cond::Tag(t) => has(tag_ids[*t]),
        Cond::Not(c) => not(to_condition(c, tag_ids)),
        Cond::And(cs) => Condition::And {
            children: cs.iter().map(|c| to_condition(c, tag_ids)).collect(),
        },
        Cond::Or(cs) => Condition::Or {
            children: cs.iter().map(|c| to_condition(c, tag_ids)).collect(),
        },
    }
}

type Model = Vec<BTreeMap<usize, Src>>;

fn engine_state(w: &World, tag_ids: &[i64], rule_ids: &[i64]) -> Model {
    let mut out: Model = vec![BTreeMap::new(); w.customers.len()];
    for (tag, customer, source, source_ref) in state(&w.conn) {
        let t = tag_ids.iter().position(|x| *x == tag).unwrap();
        let c = w.customers.iter().position(|x| *x == customer).unwrap();
        let source: &'static str = match source.as_str() {
            "manual" => "manual",
            "import" => "import",
            "rule" => "rule",
            other => panic!("unexpected source {other}"),
        };
        let r = source_ref.map(|id| rule_ids.iter().position(|x| *x == id).unwrap());
        out[c].insert(t, (source, r));
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn rule_runs_match_the_reference(case in case()) {
        let mut w = world(case.n);
        let tag_ids: Vec<i64> = w.multi.iter().chain(w.single.iter()).copied().collect();
        let mut rule_ids = Vec::new();
        for (i, spec) in case.rules.iter().enumerate() {
            let tag = tag_ids[match spec.act { Act::Add(t) | Act::Remove(t) | Act::Set(t) => t }];
            let action = match spec.act {
                Act::Add(_) => RuleAction::AddTag { tag_id: tag },
                Act::Remove(_) => RuleAction::RemoveTag { tag_id: tag },
                Act::Set(_) => RuleAction::SetGroup { group_id: w.group, tag_id: tag },
            };
            let input = RuleInput {
                enabled: spec.enabled,
                ..rule(&format!("r{i}"), spec.priority, to_condition(&spec.cond, &tag_ids), action)
            };
            rule_ids.push(rules::create(&mut w.conn, &input, "测试").unwrap());
        }
        let mut model: Model = vec![BTreeMap::new(); case.n];
        for (c, tags) in case.initial.iter().enumerate() {
            for (t, src) in tags.iter().enumerate() {
                if let Some((source, r)) = src {
                    assign(&w.conn, tag_ids[t], w.customers[c], source, r.map(|r| rule_ids[r]));
                    model[c].insert(t, (*source, *r));
                }
            }
        }
        prop_assert_eq!(engine_state(&w, &tag_ids, &rule_ids), model.clone());

        run_all(&mut w.conn, None);
        for customer in model.iter_mut() {
            reference(&case.rules, customer);
        }
        prop_assert_eq!(engine_state(&w, &tag_ids, &rule_ids), model.clone(), "full run");
        prop_assert!(stats_agree(&w.conn));

        let touched: BTreeSet<usize> = case.touched.iter().copied().collect();
        run_all(&mut w.conn, Some(touched.iter().map(|c| w.customers[*c]).collect()));
        for c in &touched {
            reference(&case.rules, &mut model[*c]);
        }
        prop_assert_eq!(engine_state(&w, &tag_ids, &rule_ids), model, "run over touched customers");
        prop_assert!(stats_agree(&w.conn));
    }
}
