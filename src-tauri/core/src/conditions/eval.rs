//! Evaluates a condition tree on the index: every node becomes a bitmap of customer ids, an
//! `and` an intersection, an `or` a union, a `not` the universe minus the child.

use super::ast::{Condition, EventMeasure, FieldOp, SetMode};
use super::depth::Level;
use super::fields::ValueKind;
use super::index::{Column, EventQuery, Index};
use super::segment_refs::{self, frozen_members, UsedSegment};
use super::values::{operand, Operand};
use crate::calendar::Calendar;
use crate::error::{Error, Result};
use crate::problem::Problem;
use roaring::RoaringBitmap;
use rusqlite::Connection;
use serde::Serialize;
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use ts_rs::TS;

/// What an evaluation reads: the database (for segments), the index, the clock, and the
/// customers it is about (everyone, or one customer to explain).
pub struct Ctx<'a> {
    pub conn: &'a Connection,
    pub index: &'a Index,
    pub now: i64,
    /// Today and the start of each day at `now`, in the machine's zone unless told otherwise.
    pub calendar: Calendar,
    pub universe: &'a RoaringBitmap,
    /// Segments being evaluated, to stop a segment that (indirectly) contains itself.
    visiting: RefCell<Vec<i64>>,
    /// Levels of the tree (segments expanded) the evaluation is in: it recurses once per
    /// level, and refuses beyond a bound rather than overflow the stack on a tree stored
    /// before the bounds were checked on saving (see [`super::depth`]).
    level: Cell<usize>,
    /// Holders of tags as they will be, in place of the index's (see [`Ctx::with_tags`]).
    tags: Option<&'a HashMap<i64, RoaringBitmap>>,
}

/// How many customers each node of a tree matches, in the tree's shape.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "NodeCount.ts")]
pub struct NodeCount {
    pub count: u64,
    pub children: Vec<NodeCount>,
}

impl<'a> Ctx<'a> {
    pub fn new(conn: &'a Connection, index: &'a Index, now: i64) -> Self {
        Self::over(conn, index, now, &index.universe)
    }

    pub fn over(
        conn: &'a Connection,
        index: &'a Index,
        now: i64,
        universe: &'a RoaringBitmap,
    ) -> Self {
        Ctx {
            conn,
            index,
            now,
            calendar: Calendar::local(now),
            universe,
            visiting: RefCell::new(Vec::new()),
            level: Cell::new(0),
            tags: None,
        }
    }

    /// Counts days on `calendar` (fixed at the same now) instead of the machine's zone.
    pub fn with_calendar(mut self, calendar: Calendar) -> Self {
        self.now = calendar.now();
        self.calendar = calendar;
        self
    }

    /// Reads the holders of the tags in `tags` from there instead of the index: a rules run
    /// evaluates each rule on the tags the rules before it give and take.
    pub fn with_tags(mut self, tags: &'a HashMap<i64, RoaringBitmap>) -> Self {
        self.tags = Some(tags);
        self
    }

    fn tag(&self, tag_id: i64) -> RoaringBitmap {
        match self.tags.and_then(|t| t.get(&tag_id)) {
            Some(holders) => holders.clone(),
            None => self.index.tag(tag_id),
        }
    }

    /// The customers matching `c`. An `and` evaluates its cheap conditions first and the
    /// rest only among the customers still in (event windows then read a few runs instead of
    /// every customer's).
    pub fn eval(&self, c: &Condition) -> Result<RoaringBitmap> {
        match c {
            Condition::And { children } if children.len() > 1 => {
                let _level = self.descend("1")?;
                let mut order: Vec<(usize, &Condition)> = children.iter().enumerate().collect();
                order.sort_by_key(|(_, c)| cost(c));
                let mut acc = self.universe.clone();
                for (i, child) in order {
                    let narrowed = Ctx {
                        conn: self.conn,
                        index: self.index,
                        now: self.now,
                        calendar: self.calendar.clone(),
                        universe: &acc,
                        visiting: RefCell::new(self.visiting.borrow().clone()),
                        level: Cell::new(self.level.get()),
                        tags: self.tags,
                    };
                    let part = match child {
                        Condition::And { .. } => narrowed.eval(child)?,
                        _ => narrowed.node(child, &format!("1.{}", i + 1), &mut |_, _| {})?,
                    };
                    acc &= part;
                    if acc.is_empty() {
                        break;
                    }
                }
                Ok(acc)
            }
            _ => self.node(c, "1", &mut |_, _| {}),
        }
    }

    /// The customers matching `c`, and the count of every node.
    pub fn eval_counted(&self, c: &Condition) -> Result<(RoaringBitmap, NodeCount)> {
        // Counts arrive children first (post-order); rebuild the tree shape from them.
        let mut done: Vec<(usize, NodeCount)> = Vec::new();
        let set = self.node(c, "1", &mut |depth, count| {
            let mut children = Vec::new();
            while done.last().is_some_and(|(d, _)| *d == depth + 1) {
                children.push(done.pop().expect("checked").1);
            }
            children.reverse();
            done.push((depth, NodeCount { count, children }));
        })?;
        let root = done.pop().map(|(_, n)| n).unwrap_or(NodeCount {
            count: 0,
            children: vec![],
        });
        Ok((set, root))
    }

    /// Evaluates `c` at `path` ("1.2.1": first child of the second child of the root);
    /// `seen(depth, count)` hears of every node after its children.
    pub(super) fn node(
        &self,
        c: &Condition,
        path: &str,
        seen: &mut dyn FnMut(usize, u64),
    ) -> Result<RoaringBitmap> {
        let _level = self.descend(path)?;
        let depth = path.split('.').count() - 1;
        let child_path = |i: usize| format!("{path}.{}", i + 1);
        let set = match c {
            Condition::And { children } => {
                let mut acc = self.universe.clone();
                for (i, child) in children.iter().enumerate() {
                    acc &= self.node(child, &child_path(i), seen)?;
                }
                acc
            }
            Condition::Or { children } => {
                let mut acc = RoaringBitmap::new();
                for (i, child) in children.iter().enumerate() {
                    acc |= self.node(child, &child_path(i), seen)?;
                }
                acc
            }
            Condition::Not { child } => self.universe - self.node(child, &child_path(0), seen)?,
            Condition::Tag { tag_id } => self.tag(*tag_id) & self.universe,
            Condition::Tags { tag_ids, mode } => self.tag_set(tag_ids, *mode),
            Condition::Group { group_id, mode } => {
                let tags = self.index.groups.get(group_id).cloned().unwrap_or_default();
                match mode {
                    SetMode::All => self.tag_set(&tags, SetMode::Any),
                    m => self.tag_set(&tags, *m),
                }
            }
            Condition::Field { field, op, values } => self.field(path, field, *op, values)?,
            Condition::Event {
                kind,
                property,
                within_days,
                measure,
                cmp,
                value,
                value2,
            } => {
                let (from, to) = window(*within_days, &self.calendar);
                let measured = self.index.events.measure(
                    &EventQuery {
                        kind,
                        property: property
                            .as_ref()
                            .map(|p| (p.key.as_str(), p.value.as_str())),
                        from,
                        to,
                        sum_amount: *measure == EventMeasure::SumAmount,
                    },
                    self.universe,
                );
                let some = RoaringBitmap::from_sorted_iter(measured.iter().map(|(id, _)| *id))
                    .expect("measures come sorted by id");
                let mut hit = RoaringBitmap::from_sorted_iter(
                    measured
                        .iter()
                        .filter(|(_, m)| cmp.holds(*m, *value, *value2))
                        .map(|(id, _)| *id),
                )
                .expect("measures come sorted by id");
                if cmp.holds(0.0, *value, *value2) {
                    hit |= self.universe - some;
                }
                hit
            }
            Condition::Score { cmp, value, value2 } => RoaringBitmap::from_sorted_iter(
                self.universe
                    .iter()
                    .filter(|id| cmp.holds(self.index.score(*id), *value, *value2)),
            )
            .expect("a bitmap iterates in order"),
            Condition::Segment { segment_id } => self.segment(path, *segment_id)?,
        };
        seen(depth, set.len());
        Ok(set)
    }

    /// Enters one more level of the tree at `at`, until the returned guard is dropped.
    fn descend(&self, at: &str) -> Result<Level<'_>> {
        Level::enter(&self.level, at)
    }

    fn tag_set(&self, tag_ids: &[i64], mode: SetMode) -> RoaringBitmap {
        match mode {
            SetMode::Any => {
                tag_ids
                    .iter()
                    .fold(RoaringBitmap::new(), |acc, t| acc | self.tag(*t))
                    & self.universe
            }
            SetMode::All => tag_ids
                .iter()
                .fold(self.universe.clone(), |acc, t| acc & self.tag(*t)),
            SetMode::None => self.universe - self.tag_set(tag_ids, SetMode::Any),
        }
    }

    fn field(
        &self,
        at: &str,
        field: &str,
        op: FieldOp,
        values: &[String],
    ) -> Result<RoaringBitmap> {
        let Some((kind, column)) = self.index.column(field) else {
            return Err(Error::invalid(
                at,
                Problem::UnknownField {
                    field: field.to_string(),
                },
            ));
        };
        let operand = operand(at, field, *kind, op, values)?;
        if matches!(op, FieldOp::Ne | FieldOp::NotIn) {
            let positive = if op == FieldOp::Ne {
                FieldOp::Eq
            } else {
                FieldOp::In
            };
            return Ok(self.universe - self.compare(*kind, column, positive, &operand));
        }
        Ok(self.compare(*kind, column, op, &operand))
    }

    fn compare(
        &self,
        kind: ValueKind,
        column: &Column,
        op: FieldOp,
        operand: &Operand,
    ) -> RoaringBitmap {
        let u = self.universe;
        match (column, operand) {
            (Column::Text(c), _) if op == FieldOp::IsEmpty => c.empty(u),
            (Column::Text(c), _) if op == FieldOp::IsNotEmpty => u - c.empty(u),
            (Column::Text(c), Operand::Texts(v)) => c.matching(u, |x| text_test(op, x, v)),
            (Column::FreeText(c), _) if op == FieldOp::IsEmpty => c.empty(u),
            (Column::FreeText(c), _) if op == FieldOp::IsNotEmpty => u - c.empty(u),
            (Column::FreeText(c), Operand::Texts(v)) => c.matching(u, |x| text_test(op, x, v)),
            (Column::Multi(c), _) if op == FieldOp::IsEmpty => u - (c.matching(|_| true) & u),
            (Column::Multi(c), _) if op == FieldOp::IsNotEmpty => c.matching(|_| true) & u,
            (Column::Multi(c), Operand::Texts(v)) => c.matching(|x| text_test(op, x, v)) & u,
            (Column::Number(c), _) if op == FieldOp::IsEmpty => {
                u.iter().filter(|id| c.get(*id).is_none()).collect()
            }
            (Column::Number(c), _) if op == FieldOp::IsNotEmpty => c.matching(u, |_| true),
            (Column::Number(c), operand) if kind == ValueKind::Timestamp => {
                // Moments compare by their local calendar day: the days become the moments
                // they span once, rather than a zone lookup per customer.
                let spans = moment_spans(op, operand, &self.calendar);
                c.matching(u, |x| {
                    let x = x as i64;
                    spans.iter().any(|(from, to)| x >= *from && x < *to)
                })
            }
            (Column::Number(c), operand) => {
                let today = self.calendar.today() as f64;
                c.matching(u, |x| number_test(op, x, operand, today))
            }
            _ => RoaringBitmap::new(),
        }
    }

    fn segment(&self, at: &str, id: i64) -> Result<RoaringBitmap> {
        if self.visiting.borrow().contains(&id) {
            return Err(Error::invalid(
                at,
                Problem::SegmentContainsItself { segment: id },
            ));
        }
        match segment_refs::used(self.conn, id)? {
            UsedSegment::Frozen => Ok(frozen_members(self.conn, id)? & self.universe),
            UsedSegment::Dynamic { condition, .. } => {
                self.visiting.borrow_mut().push(id);
                let result = self.node(&condition, at, &mut |_, _| {});
                self.visiting.borrow_mut().pop();
                result
            }
        }
    }
}

/// Rough evaluation cost, to order an `and`'s children: bitmaps first, scans next, event
/// windows and nested trees last.
fn cost(c: &Condition) -> u8 {
    match c {
        Condition::Tag { .. } | Condition::Tags { .. } | Condition::Group { .. } => 0,
        Condition::Field { .. } | Condition::Score { .. } => 1,
        Condition::And { .. }
        | Condition::Or { .. }
        | Condition::Not { .. }
        | Condition::Segment { .. } => 2,
        Condition::Event { .. } => 3,
    }
}

/// The test of a folded text value against folded operands (`ne`/`not_in` are negated by the caller).
pub fn text_test(op: FieldOp, x: &str, v: &[String]) -> bool {
    match op {
        FieldOp::Eq | FieldOp::In => v.iter().any(|y| x == y),
        FieldOp::Contains => v.iter().any(|y| x.contains(y.as_str())),
        FieldOp::StartsWith => v.iter().any(|y| x.starts_with(y.as_str())),
        _ => false,
    }
}

/// The inclusive bounds of an event condition's window: "within the last N days" holds the
/// events at most N calendar days old (today's date minus the event's) up to now; no window
/// is every event, future ones included.
pub fn window(within_days: Option<i64>, calendar: &Calendar) -> (i64, i64) {
    match within_days {
        Some(days) => (calendar.since(days), calendar.now()),
        None => (i64::MIN, i64::MAX),
    }
}

/// The moments (from inclusive, to exclusive) whose local day passes [`number_test`].
pub fn moment_spans(op: FieldOp, operand: &Operand, calendar: &Calendar) -> Vec<(i64, i64)> {
    let start = |day: f64| calendar.start(day as i64);
    let today = calendar.today() as f64;
    match operand {
        Operand::Days(n) => match op {
            FieldOp::WithinLastDays => vec![(start(today - *n as f64), start(today + 1.0))],
            FieldOp::BeforeDaysAgo => vec![(i64::MIN, start(today - *n as f64))],
            _ => vec![],
        },
        Operand::Numbers(v) => match op {
            FieldOp::Eq | FieldOp::In => v.iter().map(|d| (start(*d), start(d + 1.0))).collect(),
            FieldOp::Lt => vec![(i64::MIN, start(v[0]))],
            FieldOp::Le => vec![(i64::MIN, start(v[0] + 1.0))],
            FieldOp::Gt => vec![(start(v[0] + 1.0), i64::MAX)],
            FieldOp::Ge => vec![(start(v[0]), i64::MAX)],
            FieldOp::Between => vec![(start(v[0].min(v[1])), start(v[0].max(v[1]) + 1.0))],
            _ => vec![],
        },
        _ => vec![],
    }
}

/// The test of a number (or day) against parsed operands; `today` for relative windows.
pub fn number_test(op: FieldOp, x: f64, operand: &Operand, today: f64) -> bool {
    match operand {
        Operand::Days(n) => match op {
            FieldOp::WithinLastDays => x >= today - *n as f64 && x <= today,
            FieldOp::BeforeDaysAgo => x < today - *n as f64,
            _ => false,
        },
        Operand::Numbers(v) => match op {
            FieldOp::Eq | FieldOp::In => v.contains(&x),
            FieldOp::Lt => x < v[0],
            FieldOp::Le => x <= v[0],
            FieldOp::Gt => x > v[0],
            FieldOp::Ge => x >= v[0],
            FieldOp::Between => x >= v[0].min(v[1]) && x <= v[0].max(v[1]),
            _ => false,
        },
        _ => false,
    }
}
