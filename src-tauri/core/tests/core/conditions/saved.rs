//! A saved index read back answers every tree exactly as the index it was saved from.

use super::trees::condition;
use super::world::{self, build};
use proptest::prelude::*;
use rusqlite::Connection;
use tagdesk_core::conditions::{Condition, Ctx, Index};

fn engine(conn: &Connection, index: &Index, c: &Condition) -> Vec<u32> {
    Ctx::new(conn, index, world::NOW)
        .eval(c)
        .unwrap()
        .iter()
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    #[test]
    fn a_saved_index_read_back_answers_like_the_built_one(
        spec in world::world(),
        trees in prop::collection::vec(condition(false), 1..6),
    ) {
        let (conn, mut index) = build(&spec);
        // A change after the build, so the saved index holds patched state too (events of a
        // changed customer live outside the sorted arrays until the next rebuild).
        conn.execute("DELETE FROM events WHERE id = (SELECT min(id) FROM events)", []).unwrap();
        let dir = tempfile::tempdir().unwrap();
        // The world lives in memory; the path only names the saved file.
        let path = dir.path().join("world.sqlite");
        index.save(&conn, &path).unwrap();
        let restored = Index::restore(&conn, &path).unwrap().expect("the saved index matches");
        prop_assert!(restored.restored());
        for c in &trees {
            prop_assert_eq!(
                engine(&conn, &restored, c),
                engine(&conn, &index, c),
                "tree {}",
                serde_json::to_string(c).unwrap()
            );
        }
    }
}
