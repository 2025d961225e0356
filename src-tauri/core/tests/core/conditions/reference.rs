//! A slow, obvious evaluator of condition trees: it loads the rows with plain SQL and decides
//! each customer one by one from the written semantics, so the engine's bitmaps, index and
//! incremental sync have something independent to be compared with.

use rusqlite::Connection;
use std::collections::{HashMap, HashSet};
use tagdesk_core::conditions::fields::{fold, parse_day};
use tagdesk_core::conditions::{Condition, EventMeasure, FieldOp, SetMode};

/// The local calendar date of a moment, as days since 1970-01-01, straight from chrono.
fn local_day(ts: i64) -> i64 {
    use chrono::TimeZone;
    let date = chrono::Local
        .timestamp_opt(ts, 0)
        .single()
        .expect("a moment has one local time")
        .date_naive();
    (date - chrono::NaiveDate::default()).num_days()
}

#[derive(Clone, Copy, PartialEq, Debug)]
enum Kind {
    Text,
    Multi,
    Number,
    Date,
    Moment,
}

/// Built-in columns and how each compares, written down here rather than taken from the
/// engine's catalogue.
const COLUMNS: &[(&str, Kind)] = &[
    ("name", Kind::Text),
    ("phone", Kind::Text),
    ("email", Kind::Text),
    ("company", Kind::Text),
    ("job_title", Kind::Text),
    ("industry", Kind::Text),
    ("province", Kind::Text),
    ("city", Kind::Text),
    ("source", Kind::Text),
    ("customer_type", Kind::Text),
    ("level", Kind::Text),
    ("gender", Kind::Text),
    ("birthday", Kind::Date),
    ("notes", Kind::Text),
    ("external_id", Kind::Text),
    ("created_at", Kind::Moment),
    ("updated_at", Kind::Moment),
];

struct Event {
    kind: String,
    at: i64,
    amount: f64,
    properties: serde_json::Value,
}

enum Segment {
    Static(HashSet<i64>),
    Dynamic(Condition),
}

/// Everything a condition can ask about, as plain rows.
pub struct World {
    now: i64,
    /// Live customers, in id order.
    pub universe: Vec<i64>,
    kinds: HashMap<String, Kind>,
    /// (customer, field key) → stored text (moments as their integer).
    values: HashMap<(i64, String), String>,
    assignments: HashSet<(i64, i64)>,
    weights: HashMap<i64, f64>,
    /// group id → its live tags.
    groups: HashMap<i64, Vec<i64>>,
    events: HashMap<i64, Vec<Event>>,
    segments: HashMap<i64, Segment>,
}

/// One customer's value of a field, as the semantics see it.
enum Value {
    Empty,
    Texts(Vec<String>),
    Number(f64),
}

impl World {
    pub fn load(conn: &Connection, now: i64) -> World {
        let mut w = World {
            now,
            universe: Vec::new(),
            kinds: COLUMNS.iter().map(|(c, k)| (c.to_string(), *k)).collect(),
            values: HashMap::new(),
            assignments: HashSet::new(),
            weights: HashMap::new(),
            groups: HashMap::new(),
            events: HashMap::new(),
            segments: HashMap::new(),
        };
        let columns: Vec<&str> = COLUMNS.iter().map(|(c, _)| *c).collect();
        let sql = format!(
            "SELECT id, deleted_at IS NULL, {} FROM customers ORDER BY id",
            columns
                .iter()
                .map(|c| format!("CAST({c} AS TEXT)"))
                .collect::<Vec<_>>()
                .join(", ")
        );
        let mut stmt = conn.prepare(&sql).unwrap();
        let mut rows = stmt.query([]).unwrap();
        while let Some(r) = rows.next().unwrap() {
            let id: i64 = r.get(0).unwrap();
            if r.get::<_, bool>(1).unwrap() {
                w.universe.push(id);
            }
            for (i, column) in columns.iter().enumerate() {
                if let Some(v) = r.get::<_, Option<String>>(i + 2).unwrap() {
                    w.values.insert((id, column.to_string()), v);
                }
            }
        }
        for (id, kind) in rows_of::<(i64, String)>(conn, "SELECT id, kind FROM custom_fields") {
            let kind = match kind.as_str() {
                "number" => Kind::Number,
                "date" => Kind::Date,
                "multi_choice" => Kind::Multi,
                _ => Kind::Text,
            };
            w.kinds.insert(format!("custom:{id}"), kind);
        }
        for (c, f, v) in rows_of::<(i64, i64, String)>(
            conn,
            "SELECT customer_id, field_id, value FROM custom_values",
        ) {
            w.values.insert((c, format!("custom:{f}")), v);
        }
        w.assignments = rows_of::<(i64, i64)>(conn, "SELECT customer_id, tag_id FROM assignments")
            .into_iter()
            .collect();
        for (id, weight, parent, deleted) in rows_of::<(i64, f64, Option<i64>, bool)>(
            conn,
            "SELECT id, weight, parent_id, deleted_at IS NOT NULL FROM tag_nodes WHERE kind = 'tag'",
        ) {
            w.weights.insert(id, weight);
            if let (Some(parent), false) = (parent, deleted) {
                w.groups.entry(parent).or_default().push(id);
            }
        }
        // Only groups hold "the group's tags"; a tag under a category belongs to no group.
        let groups: HashSet<i64> =
            rows_of::<(i64,)>(conn, "SELECT id FROM tag_nodes WHERE kind = 'group'")
                .into_iter()
                .map(|(id,)| id)
                .collect();
        w.groups.retain(|g, _| groups.contains(g));
        for (c, kind, at, amount, props) in rows_of::<(i64, String, i64, Option<f64>, String)>(
            conn,
            "SELECT customer_id, kind, occurred_at, amount, properties FROM events",
        ) {
            w.events.entry(c).or_default().push(Event {
                kind,
                at,
                amount: amount.unwrap_or(0.0),
                properties: serde_json::from_str(&props).unwrap_or(serde_json::Value::Null),
            });
        }
        for (id, kind, condition) in
            rows_of::<(i64, String, String)>(conn, "SELECT id, kind, condition FROM segments")
        {
            let segment = if kind == "static" {
                Segment::Static(
                    rows_of::<(i64,)>(
                        conn,
                        &format!("SELECT customer_id FROM segment_members WHERE segment_id = {id}"),
                    )
                    .into_iter()
                    .map(|(c,)| c)
                    .collect(),
                )
            } else {
                Segment::Dynamic(serde_json::from_str(&condition).unwrap())
            };
            w.segments.insert(id, segment);
        }
        w
    }

    /// The live customers matching `c`.
    pub fn matching(&self, c: &Condition) -> Vec<u32> {
        self.universe
            .iter()
            .filter(|id| self.holds(**id, c))
            .map(|id| *id as u32)
            .collect()
    }

    /// How many live customers match each node, in the tree's shape.
    pub fn node_counts(&self, c: &Condition) -> Counted {
        Counted {
            count: self.matching(c).len() as u64,
            children: c
                .children()
                .into_iter()
                .map(|ch| self.node_counts(ch))
                .collect(),
        }
    }

    pub fn holds(&self, id: i64, c: &Condition) -> bool {
        match c {
            Condition::And { children } => children.iter().all(|ch| self.holds(id, ch)),
            Condition::Or { children } => children.iter().any(|ch| self.holds(id, ch)),
            Condition::Not { child } => !self.holds(id, child),
            Condition::Tag { tag_id } => self.has(id, *tag_id),
            Condition::Tags { tag_ids, mode } => self.set(id, tag_ids, *mode),
            Condition::Group { group_id, mode } => {
                let tags = self.groups.get(group_id).cloned().unwrap_or_default();
                self.set(id, &tags, *mode)
            }
            Condition::Field { field, op, values } => self.field(id, field, *op, values),
            Condition::Event {
                kind,
                property,
                within_days,
                measure,
                cmp,
                value,
                value2,
            } => {
                let mut m = 0.0;
                for e in self.events.get(&id).into_iter().flatten() {
                    let in_window = match within_days {
                        // At most n calendar days before today, and not in the future.
                        Some(n) => local_day(self.now) - local_day(e.at) <= *n && e.at <= self.now,
                        None => true,
                    };
                    let property_ok = property.as_ref().is_none_or(|p| {
                        e.properties
                            .get(&p.key)
                            .is_some_and(|v| as_text(v) == p.value)
                    });
                    if e.kind == *kind && in_window && property_ok {
                        m += match measure {
                            EventMeasure::Count => 1.0,
                            EventMeasure::SumAmount => e.amount,
                        };
                    }
                }
                cmp.holds(m, *value, *value2)
            }
            Condition::Score { cmp, value, value2 } => cmp.holds(self.score(id), *value, *value2),
            Condition::Segment { segment_id } => match self.segments.get(segment_id) {
                Some(Segment::Static(members)) => members.contains(&id),
                Some(Segment::Dynamic(c)) => self.holds(id, c),
                None => panic!("segment {segment_id} is not in the test world"),
            },
        }
    }

    pub fn score(&self, id: i64) -> f64 {
        let mut tags: Vec<i64> = self
            .assignments
            .iter()
            .filter(|(c, _)| *c == id)
            .map(|(_, t)| *t)
            .collect();
        tags.sort();
        tags.iter()
            .map(|t| self.weights.get(t).copied().unwrap_or(0.0))
            .sum()
    }

    fn has(&self, id: i64, tag: i64) -> bool {
        self.assignments.contains(&(id, tag))
    }

    fn set(&self, id: i64, tags: &[i64], mode: SetMode) -> bool {
        match mode {
            SetMode::Any => tags.iter().any(|t| self.has(id, *t)),
            SetMode::All => tags.iter().all(|t| self.has(id, *t)),
            SetMode::None => !tags.iter().any(|t| self.has(id, *t)),
        }
    }

    fn value(&self, id: i64, field: &str, kind: Kind) -> Value {
        let Some(raw) = self.values.get(&(id, field.to_string())) else {
            return Value::Empty;
        };
        let found = match kind {
            Kind::Text => Some(fold(raw))
                .filter(|v| !v.is_empty())
                .map(|v| Value::Texts(vec![v])),
            Kind::Multi => {
                let choices: Vec<String> = serde_json::from_str::<Vec<String>>(raw)
                    .unwrap_or_default()
                    .iter()
                    .map(|c| fold(c))
                    .filter(|c| !c.is_empty())
                    .collect();
                (!choices.is_empty()).then_some(Value::Texts(choices))
            }
            Kind::Number => raw
                .trim()
                .parse::<f64>()
                .ok()
                .filter(|x| !x.is_nan())
                .map(Value::Number),
            Kind::Date => parse_day(raw).map(|d| Value::Number(d as f64)),
            Kind::Moment => raw
                .parse::<i64>()
                .ok()
                .map(|ts| Value::Number(local_day(ts) as f64)),
        };
        found.unwrap_or(Value::Empty)
    }

    fn field(&self, id: i64, field: &str, op: FieldOp, values: &[String]) -> bool {
        let kind = *self
            .kinds
            .get(field)
            .unwrap_or_else(|| panic!("unknown field {field} in a generated tree"));
        let given: Vec<&str> = values
            .iter()
            .map(|v| v.as_str())
            .filter(|v| !v.trim().is_empty())
            .collect();
        let value = self.value(id, field, kind);
        match op {
            FieldOp::Ne => return !self.field(id, field, FieldOp::Eq, values),
            FieldOp::NotIn => return !self.field(id, field, FieldOp::In, values),
            FieldOp::IsEmpty => return matches!(value, Value::Empty),
            FieldOp::IsNotEmpty => return !matches!(value, Value::Empty),
            _ => {}
        }
        match value {
            Value::Empty => false,
            Value::Texts(held) => {
                let wanted: Vec<String> = given
                    .iter()
                    .map(|v| fold(v))
                    .filter(|v| !v.is_empty())
                    .collect();
                held.iter().any(|h| {
                    wanted.iter().any(|w| match op {
                        FieldOp::Eq | FieldOp::In => h == w,
                        FieldOp::Contains => h.contains(w.as_str()),
                        FieldOp::StartsWith => h.starts_with(w.as_str()),
                        other => panic!("{other:?} on a text field in a generated tree"),
                    })
                })
            }
            Value::Number(x) => {
                let today = local_day(self.now) as f64;
                let days = || given[0].trim().parse::<f64>().unwrap();
                let operand = |v: &str| -> f64 {
                    if kind == Kind::Number {
                        v.trim().parse().unwrap()
                    } else {
                        parse_day(v).unwrap() as f64
                    }
                };
                match op {
                    FieldOp::WithinLastDays => return x >= today - days() && x <= today,
                    FieldOp::BeforeDaysAgo => return x < today - days(),
                    _ => {}
                }
                let v: Vec<f64> = given.iter().map(|v| operand(v)).collect();
                match op {
                    FieldOp::Eq | FieldOp::In => v.contains(&x),
                    FieldOp::Lt => x < v[0],
                    FieldOp::Le => x <= v[0],
                    FieldOp::Gt => x > v[0],
                    FieldOp::Ge => x >= v[0],
                    FieldOp::Between => (v[0] <= x && x <= v[1]) || (v[1] <= x && x <= v[0]),
                    other => panic!("{other:?} on a number field in a generated tree"),
                }
            }
        }
    }
}

/// A node's count and its children's, compared with the engine's `NodeCount`.
#[derive(Debug, PartialEq)]
pub struct Counted {
    pub count: u64,
    pub children: Vec<Counted>,
}

impl From<&tagdesk_core::conditions::NodeCount> for Counted {
    fn from(n: &tagdesk_core::conditions::NodeCount) -> Self {
        Counted {
            count: n.count,
            children: n.children.iter().map(Counted::from).collect(),
        }
    }
}

/// A JSON property value as text: strings as themselves, anything else as its JSON text.
fn as_text(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn rows_of<T: FromRow>(conn: &Connection, sql: &str) -> Vec<T> {
    let mut stmt = conn.prepare(sql).unwrap();
    let rows = stmt.query_map([], |r| T::from_row(r)).unwrap();
    rows.collect::<rusqlite::Result<_>>().unwrap()
}

trait FromRow: Sized {
    fn from_row(r: &rusqlite::Row) -> rusqlite::Result<Self>;
}

macro_rules! tuple_row {
    ($($t:ident $i:tt),+) => {
        impl<$($t: rusqlite::types::FromSql),+> FromRow for ($($t,)+) {
            fn from_row(r: &rusqlite::Row) -> rusqlite::Result<Self> {
                Ok(($(r.get::<_, $t>($i)?,)+))
            }
        }
    };
}
tuple_row!(A 0);
tuple_row!(A 0, B 1);
tuple_row!(A 0, B 1, C 2);
tuple_row!(A 0, B 1, C 2, D 3);
tuple_row!(A 0, B 1, C 2, D 3, E 4);
