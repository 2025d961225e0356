//! Bounds on how deeply conditions nest. The evaluator recurses once per level of a tree, and
//! a segment used inside another expands in place, so unbounded nesting (20 segments of 120
//! levels each, every one savable) overflowed the command thread's stack and aborted the app,
//! at every start when such a segment was pinned. Trees are checked against these bounds when
//! they are saved or counted, and the evaluator refuses to go beyond them (see
//! [`super::Ctx`]) for trees stored before the bounds existed.

use super::ast::Condition;
use super::segment_refs::{self, UsedSegment};
use crate::error::{Error, Result};
use crate::problem::Problem;
use rusqlite::Connection;
use std::cell::Cell;
use std::collections::HashMap;

/// Levels of and/or/not groups inside one tree. People nest two to four in the builder;
/// twelve leaves room for generated trees and is still far from what the stack can hold.
pub const MAX_GROUP_DEPTH: usize = 12;

/// Segments used one inside the next ("in segment A", whose tree uses B, which uses C …).
/// Real chains are one to three long.
pub const MAX_SEGMENT_CHAIN: usize = 8;

/// Nodes on the longest path of a tree with the segments it uses expanded in place: what
/// the evaluator recurses through. A level costs it about a kilobyte of stack in a debug
/// build (1,600 levels fit a 2 MB thread stack, 2,400 overflowed it), so 40 keeps the
/// evaluation well inside any thread's stack while allowing three segments of twelve group
/// levels each, one inside the next.
pub const MAX_LEVELS: usize = 40;

/// The evaluator's bound: a saved segment is evaluated through a reference to it (the
/// dashboard, a member list), which is one level more than its tree.
pub const MAX_EVAL_LEVELS: usize = MAX_LEVELS + 1;

/// The error for a tree beyond a bound, at the node `at` ("1.2.1").
pub fn too_deep(at: &str, problem: Problem) -> Error {
    Error::ConditionTooDeep {
        at: at.to_string(),
        problem,
    }
}

/// One level of an evaluation's recursion, left when dropped (also on an early return).
pub(super) struct Level<'c>(&'c Cell<usize>);

impl<'c> Level<'c> {
    /// Enters one more level below `level` at the node `at`; refuses beyond
    /// [`MAX_EVAL_LEVELS`] instead of recursing on.
    pub(super) fn enter(level: &'c Cell<usize>, at: &str) -> Result<Level<'c>> {
        let next = level.get() + 1;
        if next > MAX_EVAL_LEVELS {
            return Err(too_deep(at, nests_too_deep()));
        }
        level.set(next);
        Ok(Level(level))
    }
}

impl Drop for Level<'_> {
    fn drop(&mut self) {
        self.0.set(self.0.get() - 1);
    }
}

/// Checks `c` against the bounds, with the segments it uses expanded. `saving` is the
/// segment being saved: a tree that reaches it (or any loop of segments) is refused here,
/// since a loop is a chain without end.
pub fn check(conn: &Connection, c: &Condition, saving: Option<i64>) -> Result<()> {
    let mut walk = Walk {
        conn,
        saving,
        chain: Vec::new(),
        expanded: HashMap::new(),
    };
    walk.tree(c, "1", None, 0).map(|_| ())
}

/// What a tree (or a used segment's tree) expands to.
#[derive(Clone, Copy, Default)]
struct Expanded {
    /// Nodes on its longest path.
    levels: usize,
    /// The longest chain of segments it uses, one inside the next.
    chain: usize,
}

struct Walk<'a> {
    conn: &'a Connection,
    saving: Option<i64>,
    /// Segments being expanded, outermost first.
    chain: Vec<i64>,
    /// Each used segment once expanded: one used many times is read once, so a wide tree
    /// of references costs its size and not the product of its widths.
    expanded: HashMap<i64, Expanded>,
}

impl Walk<'_> {
    /// What `c` expands to, failing once a bound is passed. The walk recurses no deeper than
    /// the bounds: at most [`MAX_GROUP_DEPTH`] groups in a tree and [`MAX_SEGMENT_CHAIN`]
    /// trees one inside the next. `used` names the segment whose tree this is, when it is not
    /// the tree being checked; its errors are reported at `at`, the path of the reference to
    /// it in the tree being checked.
    fn tree(
        &mut self,
        c: &Condition,
        at: &str,
        used: Option<&str>,
        groups: usize,
    ) -> Result<Expanded> {
        let groups = match c {
            Condition::And { .. } | Condition::Or { .. } | Condition::Not { .. } => groups + 1,
            _ => groups,
        };
        if groups > MAX_GROUP_DEPTH {
            let problem = Problem::GroupsTooDeep {
                limit: MAX_GROUP_DEPTH as u32,
                segment: used.map(str::to_string),
            };
            return Err(too_deep(at, problem));
        }
        let mut below = Expanded::default();
        for (i, child) in c.children().into_iter().enumerate() {
            let child_at = match used {
                None => format!("{at}.{}", i + 1),
                Some(_) => at.to_string(),
            };
            let child = self.tree(child, &child_at, used, groups)?;
            below.levels = below.levels.max(child.levels);
            below.chain = below.chain.max(child.chain);
        }
        if let Condition::Segment { segment_id } = c {
            below = self.segment(*segment_id, at)?;
        }
        // Levels add up from the leaves; each node checks the sum so far.
        if below.levels + 1 > MAX_LEVELS {
            return Err(too_deep(at, nests_too_deep()));
        }
        Ok(Expanded {
            levels: below.levels + 1,
            chain: below.chain,
        })
    }

    /// What the segment `id`, used at `at`, expands to.
    fn segment(&mut self, id: i64, at: &str) -> Result<Expanded> {
        if Some(id) == self.saving || self.chain.contains(&id) {
            return Err(Error::invalid(
                at,
                Problem::SegmentContainsItself { segment: id },
            ));
        }
        let expanded = match self.expanded.get(&id) {
            Some(known) => *known,
            None => {
                if self.chain.len() >= MAX_SEGMENT_CHAIN {
                    return Err(chain_too_long(at));
                }
                let segment = segment_refs::used(self.conn, id).map_err(|e| match e {
                    Error::NotFound { .. } => {
                        Error::invalid(at, Problem::UnknownSegment { segment: id })
                    }
                    other => other,
                })?;
                let expanded = match segment {
                    // A static segment is its frozen list: nothing expands.
                    UsedSegment::Frozen => Expanded {
                        levels: 0,
                        chain: 1,
                    },
                    UsedSegment::Dynamic { name, condition } => {
                        self.chain.push(id);
                        let tree = self.tree(&condition, at, Some(&name), 0);
                        self.chain.pop();
                        let tree = tree?;
                        Expanded {
                            levels: tree.levels,
                            chain: tree.chain + 1,
                        }
                    }
                };
                self.expanded.insert(id, expanded);
                expanded
            }
        };
        if self.chain.len() + expanded.chain > MAX_SEGMENT_CHAIN {
            return Err(chain_too_long(at));
        }
        Ok(expanded)
    }
}

fn chain_too_long(at: &str) -> Error {
    too_deep(
        at,
        Problem::SegmentChainTooDeep {
            limit: MAX_SEGMENT_CHAIN as u32,
        },
    )
}

fn nests_too_deep() -> Problem {
    Problem::NestsTooDeep {
        limit: MAX_LEVELS as u32,
    }
}
