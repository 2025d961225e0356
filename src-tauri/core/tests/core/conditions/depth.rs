//! Deep trees and long chains of segments: refused when saved, refused (not overflowing the
//! stack) when stored before the bounds existed, and never stopping the other segments or
//! the desk's start.

use super::examples::hand_world;
use super::world::NOW;
use rusqlite::{params, Connection};
use tagdesk_core::conditions::depth::{MAX_GROUP_DEPTH, MAX_LEVELS, MAX_SEGMENT_CHAIN};
use tagdesk_core::conditions::{Condition, Ctx, Index};
use tagdesk_core::demo::DemoSpec;
use tagdesk_core::desk::Desk;
use tagdesk_core::error::{Error, ErrorCode};
use tagdesk_core::segments::{self, MemberSource, SegmentInput, SegmentKind};

/// The stack of a thread that is not the main one (Rust's default, and the async runtime's
/// workers' that run Tauri's commands): what the deep trees must be evaluated within.
const THREAD_STACK: usize = 2 * 1024 * 1024;

/// Runs `f` on a thread with [`THREAD_STACK`]; an overflow aborts the test binary, so passing
/// proves the stack held.
fn on_a_command_thread<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new()
        .stack_size(THREAD_STACK)
        .spawn(f)
        .unwrap()
        .join()
        .expect("the evaluation did not panic")
}

/// `leaf` under `groups` levels of groups (not, and, or in turn).
fn nested(groups: usize, leaf: Condition) -> Condition {
    (0..groups).fold(leaf, |c, level| match level % 3 {
        0 => Condition::Not { child: Box::new(c) },
        1 => Condition::And { children: vec![c] },
        _ => Condition::Or { children: vec![c] },
    })
}

fn vip() -> Condition {
    Condition::Tag { tag_id: 3 }
}

fn input(name: &str, condition: Condition) -> SegmentInput {
    SegmentInput {
        name: name.into(),
        kind: SegmentKind::Dynamic,
        condition,
        pinned: true,
    }
}

fn save(
    conn: &mut Connection,
    index: &Index,
    name: &str,
    c: Condition,
) -> tagdesk_core::Result<i64> {
    segments::create(conn, index, &input(name, c), "t")
}

/// The node path of a refusal for nesting too deep.
fn refused_at<T: std::fmt::Debug>(result: tagdesk_core::Result<T>) -> String {
    match result {
        Err(Error::ConditionTooDeep { at, .. }) => at,
        other => panic!("expected a refusal for nesting too deep, got {other:?}"),
    }
}

#[test]
fn saving_a_segment_whose_groups_nest_beyond_the_bound_is_refused_at_the_node() {
    let (mut conn, index) = hand_world();
    save(&mut conn, &index, "deep", nested(MAX_GROUP_DEPTH, vip())).expect("at the bound saves");
    let at = refused_at(save(
        &mut conn,
        &index,
        "deeper",
        nested(MAX_GROUP_DEPTH + 1, vip()),
    ));
    assert_eq!(
        at.split('.').count(),
        MAX_GROUP_DEPTH + 1,
        "the error names the first group beyond the bound: {at}"
    );
    assert!(
        !segments::list(&conn)
            .unwrap()
            .iter()
            .any(|s| s.name == "deeper"),
        "nothing was saved"
    );
}

#[test]
fn saving_a_segment_at_the_end_of_too_long_a_chain_of_segments_is_refused() {
    let (mut conn, index) = hand_world();
    // s1 uses no segment, s2 uses s1, … s9 uses a chain of eight.
    let mut previous = save(&mut conn, &index, "s1", vip()).unwrap();
    for n in 2..=MAX_SEGMENT_CHAIN + 1 {
        let uses_previous = Condition::Segment {
            segment_id: previous,
        };
        previous = save(&mut conn, &index, &format!("s{n}"), uses_previous)
            .unwrap_or_else(|e| panic!("a chain of {n} saves: {e}"));
    }
    let one_more = Condition::Segment {
        segment_id: previous,
    };
    let at = refused_at(save(&mut conn, &index, "one more", one_more));
    assert_eq!(at, "1");
}

#[test]
fn saving_a_segment_whose_used_segments_expand_beyond_the_levels_bound_is_refused() {
    let (mut conn, index) = hand_world();
    // Each tree within the group bound, but they add up through the references.
    let mut inner = vip();
    let mut levels = 1;
    let mut saved = 0;
    let refused = loop {
        let tree = nested(MAX_GROUP_DEPTH, inner);
        levels += MAX_GROUP_DEPTH;
        match save(&mut conn, &index, &format!("layer {saved}"), tree) {
            Ok(id) => {
                assert!(levels <= MAX_LEVELS, "{levels} levels were saved");
                saved += 1;
                inner = Condition::Segment { segment_id: id };
                levels += 1;
            }
            Err(e) => break e,
        }
    };
    assert!(
        levels > MAX_LEVELS,
        "refused only beyond the bound: {refused}"
    );
    assert_eq!(refused.code(), ErrorCode::ConditionTooDeep);
    assert!(saved >= 2, "segments of twelve levels can use one another");
}

#[test]
fn a_tree_at_the_levels_bound_evaluates_on_a_thread_stack_and_one_more_level_is_refused() {
    on_a_command_thread(|| {
        let (conn, index) = hand_world();
        let at_bound = nested(MAX_LEVELS - 1, vip());
        let ctx = Ctx::new(&conn, &index, NOW);
        let members = ctx.eval(&at_bound).expect("the bound evaluates");
        // 13 of the 39 groups are negations (an odd number): everyone but Alice.
        assert_eq!(members.iter().collect::<Vec<_>>(), vec![2, 3]);
        ctx.eval_counted(&at_bound).expect("and counts");
        let beyond = nested(MAX_LEVELS + 1, vip());
        assert_eq!(
            ctx.eval(&beyond).map(|_| ()).unwrap_err().code(),
            ErrorCode::ConditionTooDeep
        );
    });
}

/// Writes segments as an older version could have saved them, without the bounds: `count`
/// segments, each `nots` negations around the one before it (negations, because a tree
/// crossing IPC or read back is parsed within serde_json's depth limit of 128, and a
/// negation is one level of JSON where and/or are two). Returns the last.
fn store_deep_chain(conn: &Connection, count: usize, nots: usize) -> i64 {
    let mut inner = vip();
    let mut id = 0;
    for n in 0..count {
        let tree = (0..nots).fold(inner, |c, _| Condition::Not { child: Box::new(c) });
        let tree = serde_json::to_string(&tree).unwrap();
        conn.execute(
            "INSERT INTO segments(name, kind, condition, pinned, created_at, updated_at)
             VALUES (?1, 'dynamic', ?2, 1, ?3, ?3)",
            params![format!("old deep {n}"), tree, NOW],
        )
        .unwrap();
        id = conn.last_insert_rowid();
        inner = Condition::Segment { segment_id: id };
    }
    id
}

#[test]
fn a_stored_over_deep_pinned_segment_is_refused_without_stopping_the_others() {
    on_a_command_thread(|| {
        let (mut conn, index) = hand_world();
        let fine = save(&mut conn, &index, "VIPs", vip()).unwrap();
        let deepest = store_deep_chain(&conn, 20, 120);

        segments::snapshot_pinned(&conn, &index, NOW).expect("the start is not stopped");
        let cards = segments::dashboard(&conn, &index).expect("the dashboard answers");
        let card = |id: i64| cards.iter().find(|c| c.segment.id == id).unwrap();
        assert_eq!(card(fine).count, 1, "the other pinned segment is counted");
        assert!(card(fine).problem.is_none());
        let problem = card(deepest)
            .problem
            .as_ref()
            .expect("the deep card shows why");
        assert_eq!(problem.code, ErrorCode::ConditionTooDeep);

        let members = segments::members(
            &conn,
            &index,
            &MemberSource::Segment {
                segment_id: deepest,
            },
        );
        refused_at(members);
        let others = segments::members(&conn, &index, &MemberSource::Segment { segment_id: fine });
        assert_eq!(others.unwrap().len(), 1, "segment commands still work");
    });
}

#[test]
fn a_desk_with_a_stored_over_deep_pinned_segment_still_builds_its_index() {
    on_a_command_thread(|| {
        let dir = tempfile::tempdir().unwrap();
        let spec = DemoSpec {
            customers: 40,
            ..DemoSpec::small()
        };
        let mut desk = Desk::start(dir.path().to_path_buf(), spec);
        store_deep_chain(desk.conn().unwrap(), 20, 120);
        let (conn, index, _) = desk
            .indexed()
            .expect("the first segment command is not blocked");
        segments::dashboard(conn, index).expect("and the dashboard answers");
    });
}
