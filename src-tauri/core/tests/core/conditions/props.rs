//! The engine against the reference on random worlds and trees: fresh index, per-node counts,
//! and an index kept in step through random writes made with the real core functions.

use super::reference::{Counted, World};
use super::trees::condition;
use super::world::{self, build, insert_event, EventSpec, LIVE_TAGS, NOW, TAGS};
use proptest::prelude::*;
use proptest::sample::select;
use rusqlite::Connection;
use tagdesk_core::conditions::{Condition, Ctx, Index};
use tagdesk_core::custom_fields::CustomValue;
use tagdesk_core::customers::{self, CustomerInput};
use tagdesk_core::tagging::{self, TagSource, TagTarget};
use tagdesk_core::tags::{self, TagNodeEdit};

fn json(c: &Condition) -> String {
    serde_json::to_string(c).unwrap()
}

fn engine(conn: &Connection, index: &Index, c: &Condition) -> Vec<u32> {
    Ctx::new(conn, index, NOW).eval(c).unwrap().iter().collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn the_engine_matches_the_reference_on_random_worlds(
        spec in world::world(),
        trees in prop::collection::vec(condition(false), 1..6),
    ) {
        let (conn, index) = build(&spec);
        let reference = World::load(&conn, NOW);
        for c in &trees {
            prop_assert_eq!(engine(&conn, &index, c), reference.matching(c), "tree {}", json(c));
        }
    }

    #[test]
    fn per_node_counts_match_the_reference(
        spec in world::world(),
        trees in prop::collection::vec(condition(false), 1..4),
    ) {
        let (conn, index) = build(&spec);
        let reference = World::load(&conn, NOW);
        for c in &trees {
            let (set, counts) = Ctx::new(&conn, &index, NOW).eval_counted(c).unwrap();
            prop_assert_eq!(set.len(), counts.count, "the root count is the result's size");
            prop_assert_eq!(Counted::from(&counts), reference.node_counts(c), "tree {}", json(c));
        }
    }
}

/// A write made through the core's own functions (events, which have no core writer yet,
/// with SQL).
#[derive(Debug, Clone)]
enum Write {
    Tag(Vec<i64>, i64),
    Untag(Vec<i64>, i64),
    Undo,
    Update(i64, CustomerInput),
    Create(CustomerInput),
    Delete(Vec<i64>),
    Restore(Vec<i64>),
    Event(EventSpec),
    ForgetEvents(i64),
    Weight(i64, f64),
}

/// Customer input the core accepts, in the same variants as the generated worlds.
fn input() -> impl Strategy<Value = CustomerInput> {
    let text = || world::text().prop_map(|t| t.map(String::from));
    let custom = (
        world::custom_values(),
        prop::collection::vec(any::<bool>(), 5),
    )
        .prop_map(|(values, touched)| {
            values
                .into_iter()
                .zip(touched)
                .enumerate()
                .filter(|(_, (_, touched))| *touched)
                .map(|(i, (v, _))| CustomValue {
                    field_id: i as i64 + 1,
                    // An empty value clears the field.
                    value: v.unwrap_or_default(),
                })
                .collect::<Vec<_>>()
        });
    (
        select(world::NAMES.to_vec()),
        [text(), text(), text(), text()],
        select(vec![None, Some("b2b"), Some("B2C")]),
        proptest::option::of((-45i64..5).prop_map(world::date)),
        custom,
    )
        .prop_map(
            |(name, [company, city, level, notes], kind, birthday, custom)| CustomerInput {
                name: name.into(),
                company,
                city,
                level,
                notes,
                customer_type: kind.map(String::from),
                birthday,
                custom,
                ..Default::default()
            },
        )
}

fn write() -> impl Strategy<Value = Write> {
    let ids = || prop::collection::vec(1i64..=85, 1..6);
    let tag = || select(TAGS.to_vec());
    prop_oneof![
        3 => (ids(), tag()).prop_map(|(c, t)| Write::Tag(c, t)),
        2 => (ids(), tag()).prop_map(|(c, t)| Write::Untag(c, t)),
        1 => Just(Write::Undo),
        2 => (1i64..=85, input()).prop_map(|(id, i)| Write::Update(id, i)),
        1 => input().prop_map(Write::Create),
        1 => ids().prop_map(Write::Delete),
        1 => ids().prop_map(Write::Restore),
        3 => world::event(85).prop_map(Write::Event),
        1 => (1i64..=85).prop_map(Write::ForgetEvents),
        // Live tags only: a deleted tag keeps assignments here only because the world wrote them
        // by hand (deleting a tag removes them), so its weight has no agreed meaning.
        1 => (select(LIVE_TAGS.to_vec()), select(vec![0.0, 1.0, -2.0, 4.5]))
            .prop_map(|(t, w)| Write::Weight(t, w)),
    ]
}

/// Applies a write; refusals (unknown customer, deleted tag, nothing to undo) change nothing
/// and are part of the test.
fn apply(conn: &mut Connection, w: &Write) {
    let customers = |ids: &Vec<i64>| TagTarget::Customers { ids: ids.clone() };
    let _ = match w {
        Write::Tag(ids, tag) => {
            tagging::add(conn, &customers(ids), *tag, TagSource::Manual, "t").map(|_| ())
        }
        Write::Untag(ids, tag) => {
            tagging::remove(conn, &customers(ids), *tag, TagSource::Manual, "t").map(|_| ())
        }
        Write::Undo => tagdesk_core::operations::undo_mine(conn, "t").map(|_| ()),
        Write::Update(id, input) => customers::update(conn, *id, input, "t").map(|_| ()),
        Write::Create(input) => customers::create(conn, input, "t").map(|_| ()),
        Write::Delete(ids) => customers::soft_delete(conn, ids, "t").map(|_| ()),
        Write::Restore(ids) => customers::restore(conn, ids, "t").map(|_| ()),
        Write::Event(e) => {
            insert_event(conn, e);
            Ok(())
        }
        Write::ForgetEvents(id) => {
            conn.execute("DELETE FROM events WHERE customer_id = ?1", [id])
                .unwrap();
            Ok(())
        }
        Write::Weight(tag, weight) => {
            let name: String = conn
                .query_row("SELECT name FROM tag_nodes WHERE id = ?1", [tag], |r| {
                    r.get(0)
                })
                .unwrap();
            let edit = TagNodeEdit {
                name,
                weight: *weight,
                ..Default::default()
            };
            tags::update(conn, *tag, &edit, "t")
        }
    };
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn a_refreshed_index_answers_like_a_fresh_one_and_the_reference(
        spec in world::world(),
        rounds in prop::collection::vec(prop::collection::vec(write(), 1..8), 1..4),
        trees in prop::collection::vec(condition(false), 1..5),
    ) {
        let (mut conn, mut index) = build(&spec);
        for (round, writes) in rounds.iter().enumerate() {
            for w in writes {
                apply(&mut conn, w);
            }
            index.refresh(&conn).unwrap();
            let fresh = Index::build(&conn).unwrap();
            let reference = World::load(&conn, NOW);
            for c in &trees {
                let refreshed = engine(&conn, &index, c);
                prop_assert_eq!(
                    &refreshed,
                    &engine(&conn, &fresh, c),
                    "round {} after {:?}: refreshed vs rebuilt index for {}",
                    round, writes, json(c)
                );
                prop_assert_eq!(
                    &refreshed,
                    &reference.matching(c),
                    "round {} after {:?}: engine vs reference for {}",
                    round, writes, json(c)
                );
            }
        }
    }
}
